package io.eql4j.internal.functions;

import static io.eql4j.internal.functions.EqlFunctions.add;
import static io.eql4j.internal.functions.EqlFunctions.between;
import static io.eql4j.internal.functions.EqlFunctions.cidrMatch;
import static io.eql4j.internal.functions.EqlFunctions.concat;
import static io.eql4j.internal.functions.EqlFunctions.divide;
import static io.eql4j.internal.functions.EqlFunctions.endsWith;
import static io.eql4j.internal.functions.EqlFunctions.indexOf;
import static io.eql4j.internal.functions.EqlFunctions.length;
import static io.eql4j.internal.functions.EqlFunctions.modulo;
import static io.eql4j.internal.functions.EqlFunctions.multiply;
import static io.eql4j.internal.functions.EqlFunctions.negate;
import static io.eql4j.internal.functions.EqlFunctions.number;
import static io.eql4j.internal.functions.EqlFunctions.startsWith;
import static io.eql4j.internal.functions.EqlFunctions.string;
import static io.eql4j.internal.functions.EqlFunctions.stringContains;
import static io.eql4j.internal.functions.EqlFunctions.substring;
import static io.eql4j.internal.functions.EqlFunctions.subtract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.internal.match.CidrMatcher;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The examples of ES's function reference ({@code eql-function-ref.md}) and of its processor unit tests. Where
 * the reference page contradicts the processors, the processors win and the line says so.
 */
class EqlFunctionsTest {

    private static final String PATH = "C:\\Windows\\System32\\cmd.exe";
    private static final String DOMAIN = "subdomain.example.com";

    @Test
    void addSubtractMultiply() {
        assertThat(add(4L, 5L)).isEqualTo(9L);
        assertThat(add(4L, 0.5)).isEqualTo(4.5);
        assertThat(add(0.5, 0.25)).isEqualTo(0.75);
        assertThat(add(4L, -2L)).isEqualTo(2L);
        assertThat(add(-2L, -2L)).isEqualTo(-4L);
        assertThat(add(null, 4L)).isNull();
        assertThat(add(4L, null)).isNull();
        assertThat(add(1, 2)).isEqualTo(3L); // all integers are long here (ES would keep int + int as int)
        assertThat(add(1.5f, 1)).isEqualTo(2.5f); // float, not double, as QL Arithmetics
        assertThat(subtract(10L, 2L)).isEqualTo(8L);
        assertThat(subtract(10.5, 0.5)).isEqualTo(10.0);
        assertThat(subtract(1L, 0.2)).isEqualTo(0.8);
        assertThat(subtract(-2L, 4L)).isEqualTo(-6L); // the reference page says -8
        assertThat(subtract(-2L, -4L)).isEqualTo(2L); // the reference page says 8
        assertThat(subtract(2L, null)).isNull();
        assertThat(multiply(2L, 2L)).isEqualTo(4L);
        assertThat(multiply(0.5, 2L)).isEqualTo(1.0);
        assertThat(multiply(0.25, 2L)).isEqualTo(0.5);
        assertThat(multiply(-2L, 2L)).isEqualTo(-4L);
        assertThat(multiply(-2L, -2L)).isEqualTo(4L);
        assertThat(multiply(null, 2L)).isNull();
        assertThatThrownBy(() -> multiply(Long.MAX_VALUE, 2L))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("overflow");
        assertThatThrownBy(() -> add(Long.MAX_VALUE, 1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> add("1", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A number is required; received [1]");
        assertThat(negate(5L)).isEqualTo(-5L);
        assertThat(negate(2.5)).isEqualTo(-2.5);
        assertThat(negate(null)).isNull();
        assertThatThrownBy(() -> negate(Long.MIN_VALUE)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void divideAndModulo() {
        assertThat(divide(4L, 2L)).isEqualTo(2L);
        assertThat(divide(4L, 3L)).isEqualTo(1L);
        assertThat(divide(4L, 3.0)).isEqualTo(4 / 3.0);
        assertThat(divide(4L, 0.5)).isEqualTo(8.0);
        assertThat(divide(0.5, 4L)).isEqualTo(0.125);
        assertThat(divide(0.5, 0.25)).isEqualTo(2.0);
        assertThat(divide(4L, -2L)).isEqualTo(-2L);
        assertThat(divide(-4L, -2L)).isEqualTo(2L);
        assertThat(divide(-7L, 2L)).isEqualTo(-3L); // truncation towards zero
        assertThat(divide(83L, 2L)).isEqualTo(41L); // QA: serial_event_id / 2 == 41 matches 82 and 83
        assertThat(divide(null, 4L)).isNull();
        assertThat(divide(4L, null)).isNull();
        assertThat(divide(4L, 0.0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> divide(4L, 0L))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("division by zero");
        assertThat(modulo(10L, 6L)).isEqualTo(4L);
        assertThat(modulo(10L, 5L)).isEqualTo(0L);
        assertThat(modulo(10L, 0.5)).isEqualTo(0.0);
        assertThat(modulo(10L, -6L)).isEqualTo(4L);
        assertThat(modulo(-10L, -6L)).isEqualTo(-4L);
        assertThat(modulo(106L, 10L)).isEqualTo(6L);
        assertThat(modulo(11L, 10L)).isEqualTo(1L);
        assertThat(modulo(null, 5L)).isNull();
        assertThat((Double) modulo(10L, 0.0)).isNaN();
        assertThatThrownBy(() -> modulo(10L, 0L)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void betweenFunction() {
        assertThat(between(PATH, "System32\\", ".exe", false, false)).isEqualTo("cmd");
        assertThat(between(PATH, "system32\\", ".exe", false, false)).isEqualTo("");
        assertThat(between(PATH, "workspace\\", ".exe", false, false)).isEqualTo("");
        assertThat(between(PATH, "system32\\", ".exe", false, true)).isEqualTo("cmd");
        assertThat(between(PATH, "\\", "\\", false, false)).isEqualTo("Windows");
        assertThat(between(PATH, "\\", "\\", true, false)).isEqualTo("Windows\\System32");
        assertThat(between("", "System32\\", ".exe", false, false)).isEqualTo("");
        assertThat(between("", "", "", false, false)).isEqualTo("");
        assertThat(between(null, "System32\\", ".exe", false, false)).isNull();
        assertThat(between(PATH, null, ".exe", false, false)).isNull();
        // an empty left or right returns the source unchanged (StringUtils.between)
        assertThat(between("abc", "", "c", false, false)).isEqualTo("abc");
        assertThat(between("abc", "a", "", true, false)).isEqualTo("abc");
        assertThat(between("a-b-c-d", "-", "-", true, false)).isEqualTo("b-c");
        assertThat(between("ABCabc", "b", "C", false, true)).isEqualTo("");
        // greedy takes the last right text of the whole string, even when it precedes left: ES fails there
        assertThatThrownBy(() -> between("xab", "b", "a", true, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concatFunction() {
        assertThat(concat("process is ", "regsvr32.exe")).isEqualTo("process is regsvr32.exe");
        assertThat(concat("regsvr32.exe", " ", 42L)).isEqualTo("regsvr32.exe 42");
        assertThat(concat("regsvr32.exe", " ", 42.5)).isEqualTo("regsvr32.exe 42.5");
        assertThat(concat("regsvr32.exe", " ", true)).isEqualTo("regsvr32.exe true");
        assertThat(concat("regsvr32.exe")).isEqualTo("regsvr32.exe");
        assertThat(concat(5L, "::", "wininit.exe", "::", 3)).isEqualTo("5::wininit.exe::3");
        assertThat(concat(null, "regsvr32.exe")).isNull();
        assertThat(concat("regsvr32.exe", null)).isNull();
        assertThat(concat((Object) null)).isNull();
        assertThat(concat("1.2.4", "")).isEqualTo("1.2.4");
    }

    @Test
    void startsAndEndsWith() {
        assertThat(endsWith("regsvr32.exe", ".exe", false)).isTrue();
        assertThat(endsWith("regsvr32.exe", ".EXE", false)).isFalse();
        assertThat(endsWith("regsvr32.exe", ".dll", false)).isFalse();
        assertThat(endsWith("", "", false)).isTrue();
        assertThat(endsWith("regsvr32.exe", ".EXE", true)).isTrue();
        assertThat(endsWith("ntdll.dll", "regsvr32.exe", false)).isFalse();
        assertThat(endsWith("regsvr32.exe", null, false)).isNull();
        assertThat(endsWith("", null, false)).isNull();
        assertThat(endsWith(null, ".exe", false)).isNull();
        assertThat(endsWith(null, null, true)).isNull();
        assertThat(startsWith("regsvr32.exe", "regsvr32", false)).isTrue();
        assertThat(startsWith("regsvr32.exe", "Regsvr32", false)).isFalse();
        assertThat(startsWith("regsvr32.exe", "explorer", false)).isFalse();
        assertThat(startsWith("", "", false)).isTrue();
        assertThat(startsWith("regsvr32.exe", "Regsvr32", true)).isTrue();
        assertThat(startsWith("explorer.exeaAAAA", "EXPLORER.exe", true)).isTrue();
        assertThat(startsWith("explorer.exeaaaaaaaa", "explorer.exe", false)).isTrue();
        assertThat(startsWith("regsvr32.exe", null, false)).isNull();
        assertThat(startsWith(null, "regsvr32", false)).isNull();
        // fn~ lower-cases with Locale.ROOT, beyond ASCII (unlike ':' and like~)
        assertThat(startsWith("ÉCOLE", "école", true)).isTrue();
    }

    @Test
    void stringContainsFunction() {
        String cmd = "start regsvr32.exe";
        assertThat(stringContains(cmd, "regsvr32", false)).isTrue();
        assertThat(stringContains(cmd, "Regsvr32", false)).isFalse();
        assertThat(stringContains(cmd, "start ", false)).isTrue();
        assertThat(stringContains(cmd, "explorer", false)).isFalse();
        assertThat(stringContains(cmd, "Regsvr32", true)).isTrue(); // the reference page says false
        assertThat(stringContains("ABCDEFGHIexplorer.exeJKLMNOP", "explorer.exe", false))
                .isTrue();
        assertThat(stringContains("", "", false)).isFalse();
        assertThat(stringContains(cmd, "", false)).isFalse();
        assertThat(stringContains(null, "regsvr32", false)).isNull();
        assertThat(stringContains(cmd, null, false)).isNull();
    }

    @Test
    void indexOfFunction() {
        assertThat(indexOf(DOMAIN, "d", null, false)).isEqualTo(3);
        assertThat(indexOf(DOMAIN, "D", null, false)).isNull();
        assertThat(indexOf(DOMAIN, ".", null, false)).isEqualTo(9);
        assertThat(indexOf(DOMAIN, ".", 9, false)).isEqualTo(9);
        assertThat(indexOf(DOMAIN, ".", 10L, false)).isEqualTo(17);
        assertThat(indexOf(DOMAIN, ".", -6, false)).isEqualTo(9);
        assertThat(indexOf(DOMAIN, "D", null, true)).isEqualTo(3); // the reference page says 4
        assertThat(indexOf("", "", null, false)).isEqualTo(0);
        assertThat(indexOf(DOMAIN, "", null, false)).isEqualTo(0);
        assertThat(indexOf(DOMAIN, "", 9, false)).isEqualTo(9);
        assertThat(indexOf(DOMAIN, "", 10, false)).isEqualTo(10);
        assertThat(indexOf(DOMAIN, "", -6, false)).isEqualTo(0);
        assertThat(indexOf(DOMAIN, "z", null, false)).isNull();
        assertThat(indexOf(DOMAIN, "z", 9, false)).isNull();
        assertThat(indexOf(DOMAIN, ".", 30, false)).isNull();
        assertThat(indexOf(null, ".", 9, false)).isNull();
        assertThat(indexOf(DOMAIN, null, 9, false)).isNull();
        // a null start is the default 0 in the processor (the page's null comes from folding a null literal)
        assertThat(indexOf(DOMAIN, ".", null, false)).isEqualTo(9);
        // processor unit tests
        assertThat(indexOf("foobarbar", "r", null, false)).isEqualTo(5);
        assertThat(indexOf("foobaRbar", "r", null, false)).isEqualTo(8);
        assertThat(indexOf("foobARbar", "AR", null, false)).isEqualTo(4);
        assertThat(indexOf("foo", "foobar", null, false)).isNull();
        assertThat(indexOf("foo", "oO", null, false)).isNull();
        assertThat(indexOf("foo", "oO", null, true)).isEqualTo(1);
        assertThat(indexOf("", "bar", 1, false)).isNull();
        assertThat(indexOf("foobarbar", "R", 5, true)).isEqualTo(5);
        assertThat(indexOf("foobar", "O", 3, true)).isNull();
        assertThat(indexOf("foobarbaz", "ba", 4, false)).isEqualTo(6);
        assertThat(indexOf("explorer.exe", "plorer.", 2, false)).isEqualTo(2);
        assertThat(indexOf("explorer.exe", "plore", 100, false)).isNull();
    }

    @Test
    void lengthFunction() {
        assertThat(length("explorer.exe")).isEqualTo(12);
        assertThat(length("start explorer.exe")).isEqualTo(18);
        assertThat(length("")).isEqualTo(0);
        assertThat(length(null)).isNull();
        assertThat(length("\uD83D\uDE00")).isEqualTo(2); // UTF-16 units, as String.length
    }

    @Test
    void numberFunction() {
        assertThat(number("1337", null)).isEqualTo(1337L);
        assertThat(number("42.5", null)).isEqualTo(42.5);
        assertThat(number("deadbeef", 16)).isEqualTo(3735928559L);
        assertThat(number("0xdeadbeef", null)).isEqualTo(3735928559L);
        assertThat(number("0xdeadbeef", 16)).isEqualTo(3735928559L);
        assertThat(number("+1337", null)).isEqualTo(1337L);
        assertThat(number("-1337", null)).isEqualTo(-1337L);
        assertThat(number("  1337  ", null)).isEqualTo(1337.0); // Long.valueOf fails, Double.valueOf trims
        assertThat(number("1337", null)).isEqualTo(1337L);
        assertThat(number("1e3", 10L)).isEqualTo(1000.0);
        assertThat(number("31", 13)).isEqualTo(40L);
        assertThat(number("32", 16)).isEqualTo(50L);
        assertThat(number("0x32", 16L)).isEqualTo(50L);
        assertThat((Double) number("NaN", null)).isNaN();
        assertThat(number(null, null)).isNull();
        assertThat(number(null, 16)).isNull();
        assertThatThrownBy(() -> number("", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unable to convert [] to number of base [10]");
        assertThatThrownBy(() -> number("", 16)).hasMessage("Unable to convert [] to number of base [16]");
        assertThatThrownBy(() -> number("foo", null)).hasMessage("Unable to convert [foo] to number of base [10]");
        assertThatThrownBy(() -> number("1.2.3.4", 16))
                .hasMessage("Unable to convert [1.2.3.4] to number of base [16]");
        assertThatThrownBy(() -> number("1.0", 8)).hasMessage("Unable to convert [1.0] to number of base [8]");
        assertThatThrownBy(() -> number("-0x1", 16)).hasMessage("Unable to convert [-0x1] to number of base [16]");
        assertThatThrownBy(() -> number("1", 1.0)).hasMessage("An integer base is required; received [1.0]");
        assertThatThrownBy(() -> number("1", 1L << 40)).hasMessageContaining("An integer base is required");
        assertThatThrownBy(() -> number("1", 1)).hasMessage("Unable to convert [1] to number of base [1]");
    }

    @Test
    void stringFunction() {
        assertThat(string(42L)).isEqualTo("42");
        assertThat(string(42)).isEqualTo("42");
        assertThat(string(42.5)).isEqualTo("42.5");
        assertThat(string(1.0)).isEqualTo("1.0");
        assertThat(string(1e20)).isEqualTo("1.0E20");
        assertThat(string("regsvr32.exe")).isEqualTo("regsvr32.exe");
        assertThat(string(true)).isEqualTo("true");
        assertThat(string(null)).isNull();
    }

    @Test
    void substringFunction() {
        String s = "start regsvr32.exe";
        assertThat(substring(s, 6, null)).isEqualTo("regsvr32.exe");
        assertThat(substring(s, 0, 5)).isEqualTo("start");
        assertThat(substring(s, 6, 14L)).isEqualTo("regsvr32");
        assertThat(substring(s, -4, null)).isEqualTo(".exe");
        assertThat(substring(s, -4, -1)).isEqualTo(".ex");
        assertThat(substring("explorer.exe", 1, 3)).isEqualTo("xp");
        assertThat(substring("abcdefghij", -15, -11)).isEqualTo("");
        assertThat(substring("abcdefghij", 11, 14)).isEqualTo("");
        assertThat(substring("abcdefghij", -20, -11)).isEqualTo("");
        assertThat(substring("abcdefghij", -13, -1)).isEqualTo("abcdefghi");
        assertThat(substring("abcdefghij", 0, 15)).isEqualTo("abcdefghij");
        assertThat(substring("abcdefghij", 3, 3)).isEqualTo("");
        assertThat(substring("", 1, 2)).isEqualTo("");
        assertThat(substring(s, null, 3)).isEqualTo(s);
        assertThat(substring(null, 0, 0)).isNull();
        assertThat(substring("user1", 0, -1)).isEqualTo("user");
    }

    @Test
    void cidrMatchWrapper() {
        CidrMatcher blocks = CidrMatcher.of(List.of("192.168.0.0/16", "10.0.0.0/8"));
        assertThat(cidrMatch("192.168.152.12", blocks)).isTrue();
        assertThat(cidrMatch("10.6.48.157", CidrMatcher.of(List.of("10.6.48.157/8"))))
                .isTrue();
        assertThat(cidrMatch("172.16.0.1", blocks)).isFalse();
        assertThat(cidrMatch(null, blocks)).isNull();
        assertThat(cidrMatch("not an ip", blocks)).isNull();
        assertThat(cidrMatch(42L, blocks)).isNull();
    }
}

package io.eql4j.runtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eql4j.compile.EqlCompileException;
import io.eql4j.compile.EqlCompiler;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every function of spec §5 inside conditions, on field values, with nulls, nested, and in the forms the detection
 * rules corpus uses. Function semantics in detail are {@code EqlFunctionsTest}'s; here the point is that the
 * compiler wires them to event fields correctly (field predicates versus scripts, any-value versus first value).
 */
class FunctionsInQueriesTest {

    @Test
    void arithmeticFunctions() {
        Timeline.query("any where add(n, 1) == 6 or subtract(n, 1) == 9 or multiply(n, 3) == 60 "
                        + "or divide(n, 2) == 20 or modulo(n, 7) == 6")
                .at("00:00:01", "id=1 n=5")
                .at("00:00:02", "id=2 n=10")
                .at("00:00:03", "id=3 n=20")
                .at("00:00:04", "id=4 n=41")
                .at("00:00:05", "id=5 n=13")
                .at("00:00:06", "id=6 n=7")
                .at("00:00:07", "id=7")
                .expect("1", "2", "3", "4", "5");
        // a null argument gives null, so the result is "is null"
        Timeline.query("any where add(n, 1) == null")
                .at("00:00:01", "id=1 n=5")
                .at("00:00:02", "id=2")
                .expect("2");
        Timeline.query("any where n * 2 + 1 == 11 and -n == -5 and n % 3 == 2 and n - 6 < 0")
                .at("00:00:01", "id=1 n=5")
                .at("00:00:02", "id=2 n=6")
                .expect("1");
    }

    @Test
    void between() {
        Timeline.query("any where between(cmd, \"-f \", \" \") == \"x.txt\"")
                .at("00:00:01", "id=1 cmd=\"tar -f x.txt -v\"")
                .at("00:00:02", "id=2 cmd=\"tar -F x.txt -v\"")
                .at("00:00:03", "id=3 cmd=\"tar -f y.txt -v\"")
                .at("00:00:04", "id=4")
                .expect("1");
        Timeline.query("any where between~(cmd, \"-f \", \" \") == \"x.txt\"")
                .at("00:00:01", "id=1 cmd=\"tar -f x.txt -v\"")
                .at("00:00:02", "id=2 cmd=\"tar -F x.txt -v\"")
                .expect("1", "2");
        Timeline.query("any where between(path, \"/\", \"/\", true) == \"a/b\"")
                .at("00:00:01", "id=1 path=/a/b/")
                .at("00:00:02", "id=2 path=/a/")
                .expect("1");
        Timeline.query("any where between(path, \"[\", \"]\") == \"\"")
                .at("00:00:01", "id=1 path=/a/b/")
                .at("00:00:02", "id=2 path=\"[a]\"")
                .expect("1");
    }

    @Test
    void cidrMatch() {
        Timeline.query("any where cidrMatch(ip, \"10.0.0.0/8\", \"192.168.0.0/16\")")
                .at("00:00:01", "id=1 ip=10.1.2.3")
                .at("00:00:02", "id=2 ip=192.168.9.9")
                .at("00:00:03", "id=3 ip=11.0.0.1")
                .at("00:00:04", "id=4 ip=[11.0.0.1,10.0.0.1]")
                .at("00:00:05", "id=5 ip=not-an-ip")
                .at("00:00:06", "id=6")
                .at("00:00:07", "id=7 ip=::ffff:10.1.2.3")
                .expect("1", "2", "4", "7");
        Timeline.query("any where not cidrMatch(ip, \"10.0.0.0/8\")")
                .at("00:00:01", "id=1 ip=10.1.2.3")
                .at("00:00:02", "id=2 ip=11.0.0.1")
                .at("00:00:03", "id=3")
                .expect("2");
        // on a computed value: a script
        Timeline.query("any where cidrMatch(concat(a, \".\", b), \"10.0.0.0/8\")")
                .at("00:00:01", "id=1 a=\"10.0\" b=\"0.1\"")
                .at("00:00:02", "id=2 a=\"11.0\" b=\"0.1\"")
                .expect("1");
    }

    @Test
    void concat() {
        Timeline.query("any where concat(a, \"-\", b) == \"x-y\"")
                .at("00:00:01", "id=1 a=x b=y")
                .at("00:00:02", "id=2 a=x")
                .at("00:00:03", "id=3 a=x b=z")
                .expect("1");
        Timeline.query("any where concat(n, flag, s) == \"5trues\" and concat(a, b) == null")
                .at("00:00:01", "id=1 n=5 flag=true s=s a=x")
                .at("00:00:02", "id=2 n=5 flag=true s=s a=x b=y")
                .expect("1");
        Timeline.query("any where CONCAT(n, \"\") == \"2.5\"")
                .at("00:00:01", "id=1 n=2.5")
                .expect("1");
    }

    @Test
    void startsWithEndsWithAndStringContainsOnFields() {
        Timeline.query("any where startsWith(name, \"cmd\")")
                .at("00:00:01", "id=1 name=cmd.exe")
                .at("00:00:02", "id=2 name=CMD.EXE")
                .at("00:00:03", "id=3 name=xcmd")
                .at("00:00:04", "id=4 name=[xcmd,cmd2]")
                .expect("1", "4");
        Timeline.query("any where startsWith~(name, \"cmd\")")
                .at("00:00:01", "id=1 name=cmd.exe")
                .at("00:00:02", "id=2 name=CMD.EXE")
                .expect("1", "2");
        Timeline.query("any where endsWith(name, \".exe\")")
                .at("00:00:01", "id=1 name=cmd.exe")
                .at("00:00:02", "id=2 name=CMD.EXE")
                .at("00:00:03", "id=3 name=exe")
                .expect("1");
        Timeline.query("any where endsWith~(name, \".exe\")")
                .at("00:00:01", "id=1 name=cmd.exe")
                .at("00:00:02", "id=2 name=CMD.EXE")
                .expect("1", "2");
        Timeline.query("any where stringContains(cmd, \"-enc\")")
                .at("00:00:01", "id=1 cmd=\"ps -enc abc\"")
                .at("00:00:02", "id=2 cmd=\"ps -ENC abc\"")
                .at("00:00:03", "id=3 cmd=\"ps -e\"")
                .expect("1");
        Timeline.query("any where stringContains~(cmd, \"-enc\")")
                .at("00:00:01", "id=1 cmd=\"ps -enc abc\"")
                .at("00:00:02", "id=2 cmd=\"ps -ENC abc\"")
                .expect("1", "2");
        Timeline.query("any where not startsWith(name, \"a\")")
                .at("00:00:01", "id=1 name=abc")
                .at("00:00:02", "id=2 name=bcd")
                .at("00:00:03", "id=3")
                .expect("2");
    }

    @Test
    void startsWithOfTwoFieldsIsAScript() {
        Timeline.query("any where startswith~(dll.name, process.name)")
                .at("00:00:01", "id=1 dll.name=Foo.dll process.name=foo")
                .at("00:00:02", "id=2 dll.name=bar.dll process.name=foo")
                .at("00:00:03", "id=3 dll.name=bar.dll")
                .expect("1");
        Timeline.query("any where endsWith(a, b) and stringContains(a, c)")
                .at("00:00:01", "id=1 a=xyz b=yz c=x")
                .at("00:00:02", "id=2 a=xyz b=YZ c=x")
                .at("00:00:03", "id=3 a=xyz b=yz c=q")
                .expect("1");
    }

    @Test
    void indexOf() {
        Timeline.query("any where indexOf(s, \"b\") == 1")
                .at("00:00:01", "id=1 s=abc")
                .at("00:00:02", "id=2 s=bbb")
                .at("00:00:03", "id=3 s=aBc")
                .expect("1");
        Timeline.query("any where indexOf(s, \"z\") == null")
                .at("00:00:01", "id=1 s=abc")
                .at("00:00:02", "id=2 s=xyz")
                .at("00:00:03", "id=3")
                .expect("1", "3");
        Timeline.query("any where indexOf(s, \"b\", 2) == 3")
                .at("00:00:01", "id=1 s=abcb")
                .at("00:00:02", "id=2 s=abcd")
                .expect("1");
        Timeline.query("any where indexOf~(s, \"B\") == 1")
                .at("00:00:01", "id=1 s=abc")
                .expect("1");
    }

    @Test
    void length() {
        Timeline.query("any where length(s) == 3")
                .at("00:00:01", "id=1 s=abc")
                .at("00:00:02", "id=2 s=abcd")
                .at("00:00:03", "id=3")
                .at("00:00:04", "id=4 s=\"\"")
                .expect("1");
        Timeline.query("any where length(s) - 1 == 3 and length(s) > 0")
                .at("00:00:01", "id=1 s=abc")
                .at("00:00:02", "id=2 s=abcd")
                .expect("2");
        Timeline.query("any where length(s) == 0")
                .at("00:00:01", "id=1 s=abc")
                .at("00:00:02", "id=2 s=\"\"")
                .expect("2");
    }

    @Test
    void number() {
        Timeline.query("any where number(s) == 42")
                .at("00:00:01", "id=1 s=\"42\"")
                .at("00:00:02", "id=2 s=\"0x2A\"")
                .at("00:00:03", "id=3 s=\"41\"")
                .at("00:00:04", "id=4 s=\" 42 \"")
                .at("00:00:05", "id=5")
                .expect("1", "2", "4");
        Timeline.query("any where number(s, 16) == 31 and number(n) + 1 == 3.5")
                .at("00:00:01", "id=1 s=1F n=\"2.5\"")
                .at("00:00:02", "id=2 s=1F n=\"3.5\"")
                .expect("1");
    }

    @Test
    void string() {
        Timeline.query("any where string(n) == \"5\" and string(flag) == \"true\"")
                .at("00:00:01", "id=1 n=5 flag=true")
                .at("00:00:02", "id=2 n=6 flag=true")
                .at("00:00:03", "id=3 n=5 flag=false")
                .at("00:00:04", "id=4 n=\"5\" flag=\"true\"")
                .expect("1", "4");
        Timeline.query("any where string(n) == \"2.5\"")
                .at("00:00:01", "id=1 n=2.5")
                .expect("1");
    }

    @Test
    void substring() {
        Timeline.query("any where substring(s, 0, -1) == \"WS01\"")
                .at("00:00:01", "id=1 s=WS01$")
                .at("00:00:02", "id=2 s=WS01")
                .at("00:00:03", "id=3")
                .expect("1");
        Timeline.query("any where substring(s, -3) == \"exe\" and substring(s, 1, 3) == \"md\"")
                .at("00:00:01", "id=1 s=cmd.exe")
                .at("00:00:02", "id=2 s=cmd.bat")
                .expect("1");
        Timeline.query("any where substring(s, 5, 2) == \"\"")
                .at("00:00:01", "id=1 s=cmd.exe")
                .expect("1");
    }

    @Test
    void functionNamesAreCaseInsensitive() {
        Timeline.query("any where STARTSWITH(name, \"a\") and Length(name) == 2 and stringcontains~(name, \"B\")")
                .at("00:00:01", "id=1 name=ab")
                .at("00:00:02", "id=2 name=ac")
                .expect("1");
    }

    // ---- the corpus's patterns ----

    @Test
    void machineAccountNameAgainstHostName() {
        // startswith~(host.name, substring(user.name, 0, -1)): a machine account WS01$ on host ws01...
        Timeline.query("any where startswith~(host.name, substring(user.name, 0, -1))")
                .at("00:00:01", "id=1 host.name=ws01.corp.local user.name=WS01$")
                .at("00:00:02", "id=2 host.name=ws02.corp.local user.name=WS01$")
                .at("00:00:03", "id=3 host.name=ws01.corp.local")
                .at("00:00:04", "id=4 user.name=WS01$")
                .expect("1");
    }

    @Test
    void directoryOfADllFromLengths() {
        Timeline.query("any where substring(dll.path, 0, length(dll.path) - (length(dll.name) + 1)) : "
                        + "\"c:\\\\windows\\\\*\"")
                .event(Map.of(
                        "id",
                        1,
                        "@timestamp",
                        Timeline.iso("00:00:01"),
                        "dll",
                        Map.of("path", "C:\\Windows\\System32\\a.dll", "name", "a.dll")))
                .event(Map.of(
                        "id",
                        2,
                        "@timestamp",
                        Timeline.iso("00:00:02"),
                        "dll",
                        Map.of("path", "C:\\Temp\\a.dll", "name", "a.dll")))
                .event(Map.of(
                        "id", 3, "@timestamp", Timeline.iso("00:00:03"), "dll", Map.of("path", "C:\\Windows\\a.dll")))
                .event(Map.of(
                        "id", 4, "@timestamp", Timeline.iso("00:00:04"), "dll", Map.of("path", "C:\\Temp\\a.dll")))
                // without dll.name the end is null, and a null end reads to the end of the string, as in ES's
                // processor, where an omitted end is null: 3 matches as its whole path, 4 does not
                .expect("1", "3");
        Timeline.query("any where length(user.name) - 1 == 4")
                .at("00:00:01", "id=1 user.name=WS01$")
                .at("00:00:02", "id=2 user.name=WS1$")
                .expect("1");
    }

    @Test
    void indexOfOfTwoStringsIsNullWhenAbsent() {
        Timeline.query("any where indexOf(string(host.ip), string(source.ip)) == null")
                .at("00:00:01", "id=1 host.ip=10.0.0.1 source.ip=10.0.0.1")
                .at("00:00:02", "id=2 host.ip=10.0.0.1 source.ip=10.0.0.9")
                .at("00:00:03", "id=3 host.ip=10.0.0.10 source.ip=10.0.0.1")
                .at("00:00:04", "id=4 host.ip=10.0.0.1")
                .expect("2", "4");
    }

    @Test
    void nestedCallsThroughStringPredicates() {
        Timeline.query("any where concat(substring(a, 0, 2), b) : \"x*Z\" and length(concat(a, b)) in (4, 5)")
                .at("00:00:01", "id=1 a=xyq b=z")
                .at("00:00:02", "id=2 a=xy b=q")
                .at("00:00:03", "id=3 a=xyqqqq b=z")
                .expect("1");
    }

    // ---- compile-time checks ----

    @Test
    void unknownFunctionsAndWrongArgumentsAreCompileErrors() {
        assertThatThrownBy(() -> EqlCompiler.compile("any where lenght(name) == 1"))
                .isInstanceOf(EqlCompileException.class)
                .hasMessageContaining("Unknown function [lenght]")
                .hasMessageContaining("did you mean [length]");
        assertThatThrownBy(() -> EqlCompiler.compile("any where length(name, 1) == 1"))
                .isInstanceOf(EqlCompileException.class)
                .hasMessageContaining("exactly one argument");
        assertThatThrownBy(() -> EqlCompiler.compile("any where length(5) == 1"))
                .isInstanceOf(EqlCompileException.class)
                .hasMessageContaining("first argument of [length(5)]");
        assertThatThrownBy(() -> EqlCompiler.compile("any where length~(name) == 1"))
                .isInstanceOf(EqlCompileException.class)
                .hasMessageContaining("no case-insensitive form");
    }
}

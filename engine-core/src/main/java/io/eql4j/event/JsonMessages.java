package io.eql4j.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with a line of JSON, in plain words: Jackson's exceptions are translated here, so that no parser
 * wording, feature name or class name reaches a user (docs/notes/cli.md lists the messages).
 */
final class JsonMessages {

    private static final Pattern CHARACTER = Pattern.compile(
            "Unexpected character \\('(.*)' \\(code (\\d+)\\)\\)" + "(?: in numeric value)?:? ?(.*)", Pattern.DOTALL);
    private static final Pattern TOKEN =
            Pattern.compile("(?:Unrecognized|Non-standard) token '(.*?)'.*", Pattern.DOTALL);
    private static final Pattern CLOSE_MARKER = Pattern.compile(
            "expected close marker for (Object|Array) " + "\\(start marker at .*column: (\\d+)\\]?\\)?.*",
            Pattern.DOTALL);
    private static final Pattern WRONG_CLOSE = Pattern.compile(
            "Unexpected close marker '(.)': expected '(.)' "
                    + "\\(for (Object|Array) starting at .*column: (\\d+)\\]?\\)?.*",
            Pattern.DOTALL);
    private static final Pattern CONTROL =
            Pattern.compile("Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\).*", Pattern.DOTALL);
    private static final Pattern ESCAPE = Pattern.compile("Unrecognized character escape '(.*?)'.*", Pattern.DOTALL);
    private static final Pattern UTF8 = Pattern.compile("Invalid UTF-8 .*?(0x[0-9a-fA-F]+).*", Pattern.DOTALL);
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    private JsonMessages() {}

    /** The plain message for what Jackson reported, without a position (the caller adds the column). */
    static String plain(JsonProcessingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        Matcher x;
        if ((x = DUPLICATE.matcher(m)).matches()) {
            return "the key \"" + x.group(1) + "\" is repeated (a document must not repeat a key)";
        }
        if ((x = UTF8.matcher(m)).matches()) {
            return "not UTF-8 (byte " + x.group(1).toLowerCase(java.util.Locale.ROOT) + ")";
        }
        if (m.startsWith("Unexpected end-of-input")) {
            if ((x = CLOSE_MARKER.matcher(m)).find()) {
                String what = x.group(1).equals("Object") ? "an object" : "an array";
                return "the line ends inside " + what + " opened at column " + x.group(2) + " (a closing "
                        + (x.group(1).equals("Object") ? "'}'" : "']'") + " is missing)";
            }
            if (m.contains("Object entries")) {
                return "the line ends inside an object (a closing '}' is missing)";
            }
            if (m.contains("Array entries")) {
                return "the line ends inside an array (a closing ']' is missing)";
            }
            if (m.contains("VALUE_STRING") || m.contains("String value")) {
                return "the line ends inside a string (a closing '\"' is missing)";
            }
            if (m.contains("field name")) {
                return "the line ends inside a key (a closing '\"' is missing)";
            }
            return "the line ends before the JSON value is complete";
        }
        if ((x = WRONG_CLOSE.matcher(m)).matches()) {
            String what = x.group(3).equals("Object") ? "an object" : "an array";
            return "'" + x.group(1) + "' where " + what + " opened at column " + x.group(4) + " needs '" + x.group(2)
                    + "'";
        }
        if ((x = CHARACTER.matcher(m)).matches()) {
            String found = found(x.group(1), Integer.parseInt(x.group(2)));
            String rest = x.group(3);
            if (rest.contains("double-quote to start field name")) {
                return "expected a key in double quotes, found " + found
                        + (x.group(1).equals("}") ? " (a comma before the closing '}'?)" : "");
            }
            if (rest.contains("colon to separate")) {
                return "expected ':' after the key, found " + found;
            }
            if (rest.contains("comma to separate Object")) {
                return "expected ',' or '}' after a value in an object, found " + found;
            }
            if (rest.contains("comma to separate Array")) {
                return "expected ',' or ']' after a value in an array, found " + found;
            }
            if (m.contains("in numeric value")) {
                return "malformed number: " + found + " where a digit should be";
            }
            if (rest.contains("valid value")) {
                return "expected a value (a string in double quotes, a number, an object, an array, true, false "
                        + "or null), found " + found;
            }
            return "unexpected " + found;
        }
        if ((x = TOKEN.matcher(m)).matches()) {
            return "'" + x.group(1) + "' is not a JSON value (text needs double quotes; the only words are true, "
                    + "false and null)";
        }
        if (m.contains("Leading zeroes")) {
            return "a number must not start with 0 followed by digits";
        }
        if (m.startsWith("Invalid numeric value") || m.contains("numeric value")) {
            return "malformed number";
        }
        if ((x = CONTROL.matcher(m)).matches()) {
            return "control character (code " + x.group(1) + ") in a string; it must be written as an escape "
                    + "(\\n, \\t, \\u0001)";
        }
        if ((x = ESCAPE.matcher(m)).matches()) {
            return "unknown escape '\\" + x.group(1) + "' in a string";
        }
        if (m.startsWith("Trailing token")) {
            return "more JSON after the first value";
        }
        if (m.contains("nesting depth")) {
            return "nested too deeply";
        }
        if (m.contains("length") && m.contains("exceeds")) {
            return "a value is too long";
        }
        return "not valid JSON";
    }

    /** A character as a user sees it: {@code 'x'}, or its name for one that does not print. */
    private static String found(String text, int code) {
        if (code < 0x20 || code == 0x7F) {
            return "a control character (code " + code + ")";
        }
        return "'" + text + "'";
    }
}

#!/usr/bin/env python3
"""Writes the hostile inputs of issue #13 into the fuzz targets' committed corpora (regression inputs).

Run from the repository root: python3 scripts/hostile-inputs.py. Each file is one input, as the target reads it
(docs/fuzzing.md). Inputs the fuzzers find are added to the same directories by hand, under a name that says what
they exercise.
"""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write(directory, name, data):
    path = os.path.join(ROOT, directory, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


PARSE = "engine-core/src/test/resources/io/eql4j/fuzz/ParseCompileFuzzTestInputs/parseAndCompile"
EVENTS = "engine-core/src/test/resources/io/eql4j/fuzz/EventsFuzzTestInputs/readAndAccept"
TIMES = "engine-core/src/test/resources/io/eql4j/fuzz/TimestampsFuzzTestInputs/parse"
PATTERNS = "engine-core/src/test/resources/io/eql4j/internal/match/PatternsFuzzTestInputs/compileAndMatch"
TOML = "rules/src/test/resources/io/eql4j/fuzz/RuleTomlFuzzTestInputs/load"

# ---- queries (findings 1, 2, 6, and earlier hostile shapes)
write(PARSE, "finding1-unclosed-comments-2400", "process where true /*" + "x/*" * 2400)
write(PARSE, "finding1-unclosed-comments-1200", "process where true /*" + "x/*" * 1200)
write(PARSE, "finding1-closed-nested-comments", "process where true /*" + "x/*" * 500 + "*/" * 501)
write(PARSE, "finding2-field-1600-distinct-segments",
      "process where " + ".".join("s%d" % i for i in range(1600)) + " == 1")
write(PARSE, "finding2-field-3200-repeated-segments", "process where " + "a." * 3199 + "a == 1")
write(PARSE, "finding6-maxspan-overflow",
      "sequence with maxspan=4294967296m [process where true] [network where true]")
write(PARSE, "finding6-regex-60k-parentheses", 'process where x regex "' + "(" * 30000 + "a" + ")" * 30000 + '"')
write(PARSE, "finding6-regex-60k-alternatives", 'process where x regex "' + "a|" * 30000 + 'a"')
write(PARSE, "finding6-regex-slow-unions", 'process where x regex "' + "(x|.*a.{12})" * 70 + '"')
write(PARSE, "finding6-regex-slow-complements", 'process where x regex "' + "(~(.*a.{10}))" * 70 + '"')
write(PARSE, "finding6-regex-slow-intersections", 'process where x regex "' + "(((.*a.{11})|y)&(.*))" * 40 + '"')
write(PARSE, "finding6-pipes-125000", "any where true" + " | head 5" * 125000)
write(PARSE, "deep-parentheses", "any where " + "(" * 10000 + "a" + ")" * 10000)
write(PARSE, "deep-nots", "any where " + "not " * 10000 + "a")
write(PARSE, "long-and-chain", "any where " + " and ".join("f%d == %d" % (i, i) for i in range(5000)))
write(PARSE, "valid-sequence",
      'sequence by host.id with maxspan=1m\n  [process where a : ("x*", "y")] by p\n'
      '  ![file where not b in~ (1, 2.5, null)] by q with runs=2\nuntil [any where startsWith~(c, """d\\e""")] by r')
write(PARSE, "valid-sample", 'sample by `a-b`.c [x where ?d != true] ["y z" where e like~ "f\\u{41}"]')
write(PARSE, "valid-functions",
      'process where -a + b * (c - 1) >= 2 and d regex "e.*" or f not in (g) // h\n| head 5 | tail 2')
write(PARSE, "valid-field-functions", "any where stringContains(a, b) and between~(a, b, c, true) == \"x\""
      " and indexOf(a, b, 2) > 0 and cidrMatch(ip, \"10.0.0.0/8\")")

# ---- NDJSON streams (findings 3, 7, 9 and bad lines)
def line(obj):
    return json.dumps(obj, separators=(",", ":"))

good = [line({"@timestamp": 1000 + i, "event": {"category": "process" if i % 2 else "network"},
              "user": {"name": "u%d" % (i % 3)}, "host": "h", "a": i % 4, "x": "ab12" if i % 2 else None})
        for i in range(20)]
write(EVENTS, "bad-lines-mixed", "\n".join(good[:5] + ["{", "[1,2]", "null", '{"a":1,"a":2}', "\ufeff{}",
                                                       '{"@timestamp":"x"}'] + good[5:]) + "\n")
write(EVENTS, "finding3-field-versus-field-300k",
      line({"@timestamp": 1, "event": {"category": "process"}, "a": "a" * 300000, "b": "a" * 150000 + "b",
            "c": "a" * 1000 + "c"}) + "\n")
write(EVENTS, "finding7-forged-2200-event", "\n".join(
    [line({"@timestamp": "2200-01-01T00:00:00Z", "event": {"category": "process"}, "user": {"name": "x"}})]
    + good) + "\n")
write(EVENTS, "finding5-new-user-every-event", "\n".join(
    line({"@timestamp": i, "event": {"category": "process"}, "user": {"name": "user%d" % i}})
    for i in range(3000)) + "\n")
write(EVENTS, "finding9-deep-arrays", '{"@timestamp":1,"x":' + "[" * 100000 + "]" * 100000 + "}\n" + good[0] + "\n")
write(EVENTS, "deep-objects", '{"@timestamp":1,"a":' + '{"a":' * 5000 + "1" + "}" * 5000 + "}\n" + good[1] + "\n")
write(EVENTS, "odd-values", "\n".join([
    '{"@timestamp":1e400,"event":{"category":"process"},"n":1e308}',
    '{"@timestamp":-99999999999999999999,"event":{"category":["process","network"]},"n":-9223372036854775808}',
    '{"@timestamp":"+999999999-12-31T23:59:59Z","event":{"category":"process"},"s":"\\ud800"}',
    '{"@timestamp":[1,2],"event":{"category":"process"},"ip":"::ffff:10.0.0.1","n":9223372036854775807}',
    '{"@timestamp":{"a":1},"event.category":"process","user.name":"dotted"}',
]) + "\n")

# ---- timestamps
for name, text in [("far-future", "2200-01-01T00:00:00Z"), ("max-instant", "+1000000000-12-31T23:59:59.999999999Z"),
                   ("huge-number", "99999999999999999999"), ("negative-year", "-290308-12-21T19:59:05.224192Z"),
                   ("offset", "2020-02-29T23:59:60+14:00"), ("region-zone", "2020-03-29T02:30:00Europe/Paris"),
                   ("fraction", "2020-01-01T00:00:00.1234567891234Z"), ("epoch-millis", "1577836800000"),
                   ("four-digits", "2020"), ("blank", "  "), ("date-only", "2020-01-01")]:
    write(TIMES, name, text)

# ---- patterns: kind byte, pattern, zero byte, value (kinds: 0 regex, 1 regex~, 2 like, 3 like~, 4 lucene, 5 lucene~)
def pattern(kind, p, value):
    return bytes([kind]) + p.encode("utf-8") + b"\x00" + value.encode("utf-8")

write(PATTERNS, "finding3-wildcard-long-segment-1mb", pattern(2, "*" + "a" * 999 + "b*c", "a" * 1000000))
write(PATTERNS, "finding3-wildcard-segments-with-any-char",
      pattern(3, "*" + "a" * 100 + "?b*" + "A" * 70 + "*", "a" * 200000))
write(PATTERNS, "finding6-regex-60k", pattern(0, "(" * 30000 + "a" + ")" * 30000, "a"))
write(PATTERNS, "finding6-regex-slow-unions", pattern(0, "(x|.*a.{12})" * 70, "xa"))
write(PATTERNS, "finding6-regex-slow-complements", pattern(1, "(~(.*a.{10}))" * 70, "b"))
write(PATTERNS, "lucene-escapes", pattern(5, "\\*a\\?*\\\\", "*A?xx\\"))
write(PATTERNS, "emoji", pattern(2, "?\U0001F600*", "x\U0001F600yz"))

# ---- rule files (finding 4)
RULE = ('[metadata]\ncreation_date = "2020/01/01"\n\n[rule]\nrule_id = "r1"\nname = "n"\ndescription = "d"\n'
        'type = "eql"\nlanguage = "eql"\nquery = "process where true"\n')
write(TOML, "valid-rule", RULE)
write(TOML, "finding4-arrays-5000-deep", RULE + "x = " + "[" * 5000 + "]" * 5000 + "\n")
write(TOML, "finding4-inline-tables-5000-deep", RULE + "x = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n")
write(TOML, "finding4-dotted-key-2000-segments", RULE + "a." * 1999 + "a = 1\n")
write(TOML, "finding4-header-2000-segments", "[" + "a." * 1999 + "a]\nb = 1\n" + RULE)
write(TOML, "arrays-of-inline-tables-deep", RULE + "x = " + "[{a = " * 2500 + "1" + "}]" * 2500 + "\n")
write(TOML, "bad-query", RULE.replace("process where true", "process where (") )

/*
 * The EQL grammar as Elasticsearch parses it (see /work/shared/spec/eql-semantics.md §2 and docs/notes/grammar.md).
 * Rule names follow Elasticsearch's EqlBase.g4.
 *
 * Where Elasticsearch's rules need two or more tokens of lookahead, the rules here are factored so that every
 * decision is made on the next token. The language accepted in the end is the same (the AST builder rejects the
 * extra forms), but a syntax error is then always reported at the token that cannot continue the query, with the
 * tokens that could have come there. The differences:
 *  - `valueExpression` is `a (op b)?` instead of `a | a op b`; `predicate` puts the list/constant choice after
 *    the operator;
 *  - a function call is a `qualifiedName` followed by arguments (the builder accepts only a plain identifier as
 *    the name); `name~(...)` has its own alternative;
 *  - lineage `x of [...]` is a predicate on a primary expression (rejected by the builder);
 *  - array subscripts `a[0]` are not in `qualifiedName`: the syntax error reporter recognises them and says they
 *    are not supported, as Elasticsearch does;
 *  - `sample` accepts the `with maxspan`, `with runs` and `until` clauses of `sequence`, so that the builder can
 *    reject them with a message that names the clause; both share `sequenceHeader`.
 *
 * Keywords are lower case and case-sensitive: Elasticsearch's EqlParser gives the lexer the query text as it is
 * (no case-insensitive stream), so `SEQUENCE` is an identifier.
 */
grammar EqlBase;

singleStatement
    : statement EOF
    ;

singleExpression
    : expression EOF
    ;

statement
    : query pipe*
    ;

query
    : sequence
    | join
    | eventQuery
    | sample
    ;

sequenceParams
    : WITH MAXSPAN ASGN timeUnit
    ;

// `sequence with maxspan=1m by k` parses (as `disallowed`) and is then rejected with a message, as in Elasticsearch
sequenceHeader
    : (by=joinKeys sequenceParams? | sequenceParams disallowed=joinKeys?)?
    ;

sequence
    : SEQUENCE sequenceHeader sequenceTerm+ (UNTIL until=sequenceTerm)?
    ;

sample
    : SAMPLE sequenceHeader sequenceTerm+ (UNTIL until=sequenceTerm)?
    ;

join
    : JOIN by=joinKeys? joinTerm joinTerm+ (UNTIL until=joinTerm)?
    ;

pipe
    : PIPE name=IDENTIFIER (booleanExpression (COMMA booleanExpression)*)?
    ;

joinKeys
    : BY expression (COMMA expression)*
    ;

joinTerm
    : subquery by=joinKeys?
    ;

sequenceTerm
    : subquery by=joinKeys? (WITH key=IDENTIFIER ASGN value=number)?
    ;

subquery
    : (LB | MISSING_EVENT_OPEN) eventFilter RB
    ;

eventQuery
    : eventFilter
    ;

eventFilter
    : (ANY | event=eventValue) WHERE expression
    ;

eventValue
    : STRING
    | IDENTIFIER
    ;

expression
    : booleanExpression
    ;

booleanExpression
    : NOT booleanExpression                                         #logicalNot
    | valueExpression                                               #booleanDefault
    | left=booleanExpression operator=AND right=booleanExpression   #logicalBinary
    | left=booleanExpression operator=OR right=booleanExpression    #logicalBinary
    ;

// not associative: `a < b < c` is a syntax error
valueExpression
    : left=operatorExpression (comparisonOperator right=operatorExpression)?
    ;

// a predicate binds to the primary expression right before it: `a + b : "x"` is `a + (b : "x")`
operatorExpression
    : primaryExpression predicate?                                                                #operatorExpressionDefault
    | operator=(MINUS | PLUS) operatorExpression                                                  #arithmeticUnary
    | left=operatorExpression operator=(ASTERISK | SLASH | PERCENT) right=operatorExpression     #arithmeticBinary
    | left=operatorExpression operator=(PLUS | MINUS) right=operatorExpression                    #arithmeticBinary
    ;

predicate
    : NOT? kind=(IN | IN_INSENSITIVE) LP expression (COMMA expression)* RP
    | kind=(SEQ | LIKE | LIKE_INSENSITIVE | REGEX | REGEX_INSENSITIVE) (constant | LP constant (COMMA constant)* RP)
    | kind=OF subquery
    ;

primaryExpression
    : constant                                  #constantDefault
    | name=TILDE_IDENTIFIER functionArguments   #function
    | qualifiedName functionArguments?          #dereference
    | LP expression RP                          #parenthesizedExpression
    ;

functionArguments
    : LP (expression (COMMA expression)*)? RP
    ;

constant
    : NULL            #nullLiteral
    | number          #numericLiteral
    | booleanValue    #booleanLiteral
    | string          #stringLiteral
    ;

comparisonOperator
    : EQ | NEQ | LT | LTE | GT | GTE
    ;

booleanValue
    : TRUE | FALSE
    ;

qualifiedName
    : OPTIONAL? identifier (DOT identifier)*
    ;

identifier
    : IDENTIFIER
    | QUOTED_IDENTIFIER
    ;

// `30s` lexes as the integer 30 and the identifier s
timeUnit
    : number unit=IDENTIFIER?
    ;

number
    : DECIMAL_VALUE     #decimalLiteral
    | INTEGER_VALUE     #integerLiteral
    ;

string
    : STRING
    ;

AND: 'and';
ANY: 'any';
BY: 'by';
FALSE: 'false';
IN: 'in';
IN_INSENSITIVE: 'in~';
JOIN: 'join';
LIKE: 'like';
LIKE_INSENSITIVE: 'like~';
MAXSPAN: 'maxspan';
NOT: 'not';
NULL: 'null';
OF: 'of';
OR: 'or';
REGEX: 'regex';
REGEX_INSENSITIVE: 'regex~';
SAMPLE: 'sample';
SEQUENCE: 'sequence';
TRUE: 'true';
UNTIL: 'until';
WHERE: 'where';
WITH: 'with';

SEQ: ':';
ASGN: '=';
EQ: '==';
NEQ: '!=';
LT: '<';
LTE: '<=';
GT: '>';
GTE: '>=';

PLUS: '+';
MINUS: '-';
ASTERISK: '*';
SLASH: '/';
PERCENT: '%';
DOT: '.';
COMMA: ',';
LB: '[';
RB: ']';
LP: '(';
RP: ')';
PIPE: '|';
OPTIONAL: '?';
MISSING_EVENT_OPEN: '![';

fragment STRING_ESCAPE
    : '\\' [btnfr"'\\]
    ;

fragment HEX_DIGIT
    : [0-9a-fA-F]
    ;

// the number of digits (2..8) is checked by the AST builder, which gives a better message
fragment UNICODE_ESCAPE
    : '\\u{' HEX_DIGIT+ '}'
    ;

fragment UNESCAPED_CHARS
    : ~[\r\n"\\]
    ;

// Single-quoted and `?"..."` strings are lexed only to be rejected with a helpful message by the AST builder.
// A raw string """...""" stays on one line and may end with up to two extra quotes, which belong to its value.
STRING
    : '"' (STRING_ESCAPE | UNICODE_ESCAPE | UNESCAPED_CHARS)* '"'
    | '"""' (~[\r\n])*? '"""' '"'? '"'?
    | '\'' ('\\' [btnfr"'\\] | ~[\r\n'\\])* '\''
    | '?"' ('\\"' | ~["\r\n])* '"'
    | '?\'' ('\\\'' | ~['\r\n])* '\''
    ;

INTEGER_VALUE
    : DIGIT+
    ;

DECIMAL_VALUE
    : DIGIT+ DOT DIGIT*
    | DOT DIGIT+
    | DIGIT+ (DOT DIGIT*)? EXPONENT
    | DOT DIGIT+ EXPONENT
    ;

IDENTIFIER
    : (LETTER | [@_]) (LETTER | DIGIT | '_')*
    ;

QUOTED_IDENTIFIER
    : '`' (~'`' | '``')* '`'
    ;

TILDE_IDENTIFIER
    : LETTER (LETTER | DIGIT | '_')* '~'
    ;

fragment EXPONENT
    : [Ee] [+-]? DIGIT+
    ;

fragment DIGIT
    : [0-9]
    ;

fragment LETTER
    : [A-Za-z]
    ;

LINE_COMMENT
    : '//' ~[\r\n]* '\r'? '\n'? -> skip
    ;

// Elasticsearch's rule is `'/*' (BRACKETED_COMMENT | .)*? '*/'`: nested, non-greedy. ANTLR simulates that recursion
// with one DFA state per nesting depth, which an unclosed `/* x/* x/* ...` turns into quadratic time and memory
// (kept in the lexer's shared DFA cache). Here the lexer matches only the opening `/*`; StrictLexer finds where the
// comment ends, in linear time, with the same result as the recursive rule (docs/limits.md, "Comments").
BRACKETED_COMMENT
    : '/*'
    ;

WS
    : [ \r\n\t]+ -> skip
    ;

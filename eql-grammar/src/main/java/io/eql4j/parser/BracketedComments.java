package io.eql4j.parser;

/**
 * Where a bracketed comment ends, computed in time linear in the query's length.
 *
 * <p>Elasticsearch's grammar defines a comment as {@code '/*' (COMMENT | .)*? '*\/'}: comments nest, and the loop
 * is non-greedy. ANTLR resolves that rule by trying, at each position inside a comment and in this order: close the
 * comment ({@code *\/}), open a nested comment ({@code /*}), or take any one character; the first way that leads to a
 * complete comment wins. Since "any character" may always be taken, a comment that is {@code d} levels deep at
 * position {@code p} can still be closed exactly when at least {@code d} non-overlapping {@code *\/} follow {@code p}.
 * Knowing that count for every position turns the search into one pass without backtracking: at each step take the
 * first choice from which the comment can still be closed. The result is the same as the recursive rule's (a test
 * compares them on every short text), but without the DFA states per nesting depth that made an unclosed
 * {@code /* x/* x/* ...} take quadratic time and memory in ANTLR. See docs/limits.md ("Comments").
 *
 * <p>Positions are code point indexes, as ANTLR's char stream counts them.
 */
final class BracketedComments {

    private final int[] text;
    /** closers[p]: the greatest number of non-overlapping {@code *\/} in {@code text[p..]}. */
    private final int[] closers;

    BracketedComments(String text) {
        this.text = text.codePoints().toArray();
        int n = this.text.length;
        this.closers = new int[n + 2];
        for (int p = n - 1; p >= 0; p--) {
            int skip = closers[p + 1];
            closers[p] = at(p, '*', '/') ? Math.max(skip, 1 + closers[p + 2]) : skip;
        }
    }

    private boolean at(int p, int first, int second) {
        return p + 1 < text.length && text[p] == first && text[p + 1] == second;
    }

    private boolean closable(int p, int depth) {
        return closers[Math.min(p, text.length)] >= depth;
    }

    /**
     * The index just past the comment whose {@code /*} starts at {@code start}, or -1 when it is not closed.
     *
     * @param start the index of the comment's {@code /}
     */
    int end(int start) {
        int p = start + 2;
        int depth = 1;
        if (!closable(p, depth)) {
            return -1;
        }
        while (true) {
            if (at(p, '*', '/')) {
                if (depth == 1) {
                    return p + 2;
                }
                if (closable(p + 2, depth - 1)) {
                    p += 2;
                    depth--;
                    continue;
                }
            }
            if (at(p, '/', '*') && closable(p + 2, depth + 1)) {
                p += 2;
                depth++;
                continue;
            }
            // closable(p, depth) holds here, so p is within the text and taking one character keeps it
            p++;
        }
    }
}

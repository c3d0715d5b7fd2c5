package io.eql4j.internal.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * An immutable trie over UTF-16 chars, stored as arrays (sorted labels per node, binary-searched), shared by
 * the prefix, suffix and substring matchers. Node 0 is the root.
 */
final class CharTrie {

    final char[][] labels;
    final int[][] children;
    final boolean[] terminal;
    /** Per node, the indexes (in the constructor's list) of the words ending there. */
    final int[][] ends;

    /**
     * @param words    the strings to insert
     * @param reversed insert each word from its last char to its first (for suffix matching)
     */
    CharTrie(List<String> words, boolean reversed) {
        List<TreeMap<Character, Integer>> edges = new ArrayList<>();
        List<List<Integer>> wordEnds = new ArrayList<>();
        edges.add(new TreeMap<>());
        wordEnds.add(new ArrayList<>());
        for (int index = 0; index < words.size(); index++) {
            String w = words.get(index);
            int node = 0;
            for (int i = 0; i < w.length(); i++) {
                char c = w.charAt(reversed ? w.length() - 1 - i : i);
                Integer next = edges.get(node).get(c);
                if (next == null) {
                    next = edges.size();
                    edges.get(node).put(c, next);
                    edges.add(new TreeMap<>());
                    wordEnds.add(new ArrayList<>());
                }
                node = next;
            }
            wordEnds.get(node).add(index);
        }
        int n = edges.size();
        labels = new char[n][];
        children = new int[n][];
        terminal = new boolean[n];
        ends = new int[n][];
        for (int node = 0; node < n; node++) {
            TreeMap<Character, Integer> e = edges.get(node);
            labels[node] = new char[e.size()];
            children[node] = new int[e.size()];
            int k = 0;
            for (var entry : e.entrySet()) {
                labels[node][k] = entry.getKey();
                children[node][k++] = entry.getValue();
            }
            ends[node] = wordEnds.get(node).stream().mapToInt(Integer::intValue).toArray();
            terminal[node] = ends[node].length > 0;
        }
    }

    int size() {
        return labels.length;
    }

    /** The child of node along c, or -1. */
    int child(int node, char c) {
        char[] l = labels[node];
        int k = l.length <= 8 ? linear(l, c) : Arrays.binarySearch(l, c);
        return k >= 0 ? children[node][k] : -1;
    }

    private static int linear(char[] l, char c) {
        for (int k = 0; k < l.length; k++) {
            if (l[k] == c) {
                return k;
            }
        }
        return -1;
    }
}

package dev.tflmstudio.profiler.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Matches the ops of two executions by execution order and type: the longest common subsequence of their op names,
 * so inserting or removing a layer leaves every other op paired with its counterpart. Each pair holds the index on
 * each side, or -1 for an op that exists on one side only.
 */
public final class OpAlignment {
    /** One row of the alignment: {@code a} and/or {@code b} is -1 for an unmatched op. */
    public record Pair(int a, int b) {
        public boolean matched() {
            return a >= 0 && b >= 0;
        }
    }

    private OpAlignment() {
    }

    /** Pairs in execution order (unmatched ops of A come before those of B at the same position). */
    public static List<Pair> align(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        // lcs[i][j] = length of the LCS of a[i..] and b[j..]
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Pair> out = new ArrayList<>(Math.max(n, m));
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j)) && lcs[i][j] == lcs[i + 1][j + 1] + 1) {
                out.add(new Pair(i++, j++));
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new Pair(i++, -1));
            } else {
                out.add(new Pair(-1, j++));
            }
        }
        while (i < n) {
            out.add(new Pair(i++, -1));
        }
        while (j < m) {
            out.add(new Pair(-1, j++));
        }
        return out;
    }
}

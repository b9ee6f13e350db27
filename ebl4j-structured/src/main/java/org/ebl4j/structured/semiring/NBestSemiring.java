package org.ebl4j.structured.semiring;

import java.util.Arrays;

/**
 * The n-best semiring over energies (Mohri 2002; Huang &amp; Chiang, "Better k-best parsing", 2005): a value is the
 * n lowest energies of a multiset of paths, sorted ascending (+∞ where there are fewer than n paths);
 * a ⊕ b keeps the n lowest of the union, a ⊗ b the n lowest of the pairwise sums, 0̄ = (+∞, ..., +∞),
 * 1̄ = (0, +∞, ..., +∞). With n = 1 it is the {@link TropicalSemiring}. The forward algorithm in this semiring, with
 * back-pointers to (previous state, rank), gives the n lowest-energy paths, each once.
 *
 * <p>{@link #step} merges the rows sorted lists in_i ⊗ w_ij of each column j, taking n times the smallest head
 * (the lowest row, then the lowest rank, on ties): n × rows comparisons per column.
 */
public final class NBestSemiring implements Semiring {
    private final int n;

    /** The n-best semiring, n ≥ 1. */
    public NBestSemiring(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("NBestSemiring: n must be >= 1, got " + n);
        }
        this.n = n;
    }

    @Override
    public String name() {
        return n + "-best";
    }

    @Override
    public int width() {
        return n;
    }

    @Override
    public void plus(double[] a, int aAt, double[] b, int bAt, double[] out, int outAt) {
        double[] merged = new double[n];
        int p = 0;
        int q = 0;
        for (int r = 0; r < n; r++) {
            merged[r] = a[aAt + p] <= b[bAt + q] ? a[aAt + p++] : b[bAt + q++];
        }
        System.arraycopy(merged, 0, out, outAt, n);
    }

    @Override
    public void times(double[] a, int aAt, double[] b, int bAt, double[] out, int outAt) {
        double[] sums = new double[n * n];
        for (int p = 0; p < n; p++) {
            for (int q = 0; q < n; q++) {
                sums[p * n + q] = a[aAt + p] + b[bAt + q];
            }
        }
        Arrays.sort(sums);
        System.arraycopy(sums, 0, out, outAt, n);
    }

    @Override
    public boolean selective() {
        return true;
    }

    @Override
    public void step(double[] in, int inAt, Transitions w, double[] out, int outAt, int[] from, int fromAt) {
        int rows = w.rows();
        double[] cm = w.columnMajor();
        int[] head = new int[rows];
        for (int j = 0; j < w.cols(); j++) {
            Arrays.fill(head, 0);
            int col = j * rows;
            for (int r = 0; r < n; r++) {
                double best = Double.POSITIVE_INFINITY;
                int arg = -1;
                for (int i = 0; i < rows; i++) {
                    if (head[i] < n) {
                        double v = in[inAt + i * n + head[i]] + cm[col + i];
                        if (v < best) {
                            best = v;
                            arg = i;
                        }
                    }
                }
                out[outAt + j * n + r] = best;
                if (from != null) {
                    from[fromAt + j * n + r] = arg < 0 ? -1 : arg * n + head[arg];
                }
                if (arg >= 0) {
                    head[arg]++;
                }
            }
        }
    }
}

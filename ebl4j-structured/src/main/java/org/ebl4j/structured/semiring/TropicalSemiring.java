package org.ebl4j.structured.semiring;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The tropical (min, +) semiring over energies: a ⊕ b = min(a, b), a ⊗ b = a + b, 0̄ = +∞, 1̄ = 0. The forward
 * algorithm in this semiring is the Viterbi algorithm: it gives min_Y E(Y), and its back-pointers (the i that won
 * each min, the first on ties) give the path Y* = argmin_Y E(Y) (LeCun et al. 2006, §6: "min-sum" inference).
 */
public final class TropicalSemiring implements Semiring {
    /** The one instance (the semiring has no settings). */
    public static final TropicalSemiring INSTANCE = new TropicalSemiring();

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private TropicalSemiring() {
    }

    @Override
    public String name() {
        return "tropical";
    }

    @Override
    public int width() {
        return 1;
    }

    @Override
    public void plus(double[] a, int aAt, double[] b, int bAt, double[] out, int outAt) {
        out[outAt] = Math.min(a[aAt], b[bAt]);
    }

    @Override
    public void times(double[] a, int aAt, double[] b, int bAt, double[] out, int outAt) {
        out[outAt] = a[aAt] + b[bAt];
    }

    @Override
    public boolean selective() {
        return true;
    }

    /**
     * out_j = min_i (in_i + w_ij), the first i on ties: lane-parallel over blocks of columns (Vector API: compare
     * and blend), a scalar loop for the last columns.
     */
    @Override
    public void step(double[] in, int inAt, Transitions w, double[] out, int outAt, int[] from, int fromAt) {
        int rows = w.rows();
        int cols = w.cols();
        double[] e = w.rowMajor();
        int lanes = SPECIES.length();
        double[] args = from == null ? null : new double[lanes];
        int j = 0;
        for (int bound = SPECIES.loopBound(cols); j < bound; j += lanes) {
            DoubleVector best = DoubleVector.broadcast(SPECIES, Double.POSITIVE_INFINITY);
            DoubleVector arg = DoubleVector.broadcast(SPECIES, -1);
            for (int i = 0; i < rows; i++) {
                DoubleVector cand = DoubleVector.fromArray(SPECIES, e, i * cols + j).add(in[inAt + i]);
                VectorMask<Double> better = cand.lt(best);
                best = best.blend(cand, better);
                arg = arg.blend(i, better);
            }
            best.intoArray(out, outAt + j);
            if (from != null) {
                arg.intoArray(args, 0);
                for (int l = 0; l < lanes; l++) {
                    from[fromAt + j + l] = (int) args[l];
                }
            }
        }
        for (; j < cols; j++) {
            double best = Double.POSITIVE_INFINITY;
            int arg = -1;
            for (int i = 0; i < rows; i++) {
                double v = in[inAt + i] + e[i * cols + j];
                if (v < best) {
                    best = v;
                    arg = i;
                }
            }
            out[outAt + j] = best;
            if (from != null) {
                from[fromAt + j] = arg;
            }
        }
    }
}

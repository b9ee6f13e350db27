package org.ebl4j.structured.semiring;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The log semiring over energies: a ⊕ b = −log(e^−a + e^−b), a ⊗ b = a + b, 0̄ = +∞, 1̄ = 0. The forward algorithm
 * in this semiring gives the free energy of all paths, F = −log Σ_Y exp(−E(Y)), i.e. the log-partition function of
 * the Gibbs distribution p(Y) = exp(−E(Y) + F): the tutorial's forward algorithm "without the normalisation step"
 * (LeCun et al. 2006, §6), run in the log domain so that no product of probabilities can underflow on long
 * sequences.
 *
 * <p>⊕ is computed as min(a, b) − log1p(e^−|a−b|). {@link #step} computes out_j = −log Σ_i exp(−(in_i + w_ij)) as
 * out_j = m + c_j − log Σ_i e^−(in_i − m) · e^−(w_ij − c_j) with m = min_i in_i and c_j = min_i w_ij: both factors
 * lie in [0, 1] (no overflow), the exp(−(w − c)) are cached by {@link Transitions}, so a step costs rows
 * exponentials, rows × cols multiply-adds and cols logarithms, the exponentials and logarithms lane-parallel
 * ({@link Boltzmann}). Where the sum is below 1e-280 (the best row for in
 * and the best row of w's column are far apart) that column is recomputed term by term as
 * μ − log Σ_i exp(−(in_i + w_ij − μ)), μ = min_i (in_i + w_ij), which cannot underflow.
 */
public final class LogSemiring implements Semiring {
    /** The one instance (the semiring has no settings). */
    public static final LogSemiring INSTANCE = new LogSemiring();

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** Below this, a scaled column sum has lost digits to underflow: recompute the column exactly. */
    private static final double TINY = 1e-280;

    private LogSemiring() {
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public int width() {
        return 1;
    }

    @Override
    public void plus(double[] a, int aAt, double[] b, int bAt, double[] out, int outAt) {
        out[outAt] = softMin(a[aAt], b[bAt]);
    }

    /** −log(e^−a + e^−b), exact for infinite operands. */
    public static double softMin(double a, double b) {
        double lo = Math.min(a, b);
        if (lo == Double.POSITIVE_INFINITY) {
            return lo;
        }
        return lo - Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    @Override
    public void times(double[] a, int aAt, double[] b, int bAt, double[] out, int outAt) {
        out[outAt] = a[aAt] + b[bAt];
    }

    @Override
    public boolean selective() {
        return false;
    }

    @Override
    public void step(double[] in, int inAt, Transitions w, double[] out, int outAt, int[] from, int fromAt) {
        int rows = w.rows();
        int cols = w.cols();
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < rows; i++) {
            m = Math.min(m, in[inAt + i]);
        }
        if (m == Double.POSITIVE_INFINITY) {
            for (int j = 0; j < cols; j++) {
                out[outAt + j] = m;
            }
            return;
        }
        double[] e = new double[rows];
        Boltzmann.factors(in, inAt, m, e, 0, rows);
        double[] f = w.factors();
        double[] c = w.columnMin();
        double[] sum = new double[cols];
        int bound = SPECIES.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            double ei = e[i];
            if (ei != 0) {
                int row = i * cols;
                int j = 0;
                DoubleVector scale = DoubleVector.broadcast(SPECIES, ei);
                for (; j < bound; j += SPECIES.length()) {
                    DoubleVector.fromArray(SPECIES, f, row + j).fma(scale, DoubleVector.fromArray(SPECIES, sum, j))
                            .intoArray(sum, j);
                }
                for (; j < cols; j++) {
                    sum[j] += ei * f[row + j];
                }
            }
        }
        double[] shift = new double[cols];
        for (int j = 0; j < cols; j++) {
            shift[j] = m + c[j];
        }
        Boltzmann.energies(sum, 0, shift, 0, out, outAt, cols);
        for (int j = 0; j < cols; j++) {
            if (!(sum[j] > TINY) && c[j] < Double.POSITIVE_INFINITY) {
                out[outAt + j] = exactColumn(in, inAt, w, j);
            }
        }
    }

    /** −log Σ_i exp(−(in_i + w_ij)) term by term, shifted by its smallest term. */
    private static double exactColumn(double[] in, int inAt, Transitions w, int j) {
        int rows = w.rows();
        double[] cm = w.columnMajor();
        double mu = Double.POSITIVE_INFINITY;
        for (int i = 0; i < rows; i++) {
            mu = Math.min(mu, in[inAt + i] + cm[j * rows + i]);
        }
        if (mu == Double.POSITIVE_INFINITY) {
            return mu;
        }
        double s = 0;
        for (int i = 0; i < rows; i++) {
            s += Math.exp(mu - in[inAt + i] - cm[j * rows + i]);
        }
        return mu - Math.log(s);
    }
}

package org.ebl4j.structured.semiring;

import java.util.Arrays;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A rows × cols matrix of energies w_ij between the states of two neighbouring positions (the pairwise factor of
 * a chain: w_ij = E(y_{t−1} = i, y_t = j)); +∞ forbids a transition. Immutable. It caches what the semirings'
 * {@link Semiring#step} reads besides the energies: its transpose (for backward passes) and, for the log semiring,
 * the column-shifted Boltzmann factors exp(−(w_ij − c_j)) with c_j = min_i w_ij, so that a log-semiring step costs
 * rows × cols multiply-adds and no exponential per entry.
 */
public final class Transitions {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private final int rows;
    private final int cols;
    private final double[] energies;
    private volatile Transitions transpose;
    private volatile double[] columnMin;
    private volatile double[] factors;

    private Transitions(int rows, int cols, double[] energies) {
        this.rows = rows;
        this.cols = cols;
        this.energies = energies;
    }

    /** The matrix with entries {@code energies[i * cols + j]} (copied); no NaN, −∞ or negative size. */
    public static Transitions of(int rows, int cols, double[] energies) {
        if (rows < 1 || cols < 1 || energies == null || energies.length != (long) rows * cols) {
            throw new IllegalArgumentException("Transitions: need rows, cols >= 1 and rows*cols energies; got rows="
                    + rows + ", cols=" + cols + ", " + (energies == null ? "null" : energies.length + " energies"));
        }
        for (int k = 0; k < energies.length; k++) {
            if (Double.isNaN(energies[k]) || energies[k] == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("Transitions: energy (" + k / cols + ", " + k % cols + ") is "
                        + energies[k] + "; energies must be finite or +Infinity (forbidden)");
            }
        }
        return new Transitions(rows, cols, energies.clone());
    }

    /** A rows × cols matrix of zeros: every transition allowed and free (e.g. the final sum over end states). */
    public static Transitions free(int rows, int cols) {
        return of(rows, cols, new double[rows * cols]);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** w_ij. */
    public double energy(int i, int j) {
        return energies[i * cols + j];
    }

    /** The cols × rows matrix wᵀ (computed once). */
    public Transitions transpose() {
        Transitions t = transpose;
        if (t == null) {
            double[] e = new double[energies.length];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    e[j * rows + i] = energies[i * cols + j];
                }
            }
            t = new Transitions(cols, rows, e);
            t.transpose = this;
            transpose = t;
        }
        return t;
    }

    /** c_j = min_i w_ij (+∞ for a column of forbidden transitions). */
    public double columnMin(int j) {
        return columnMin()[j];
    }

    /**
     * out[at + i·cols + j] += a_i · exp(−(w_ij − c_j)) · b_j for i &lt; rows, j &lt; cols: the Boltzmann factors of the
     * transitions relative to the best one into each column (cached, in [0, 1]; 0 in a forbidden column), weighted
     * by a row and a column vector and added to a row-major block of {@code out}. With a_i, b_j themselves
     * Boltzmann factors these are, up to exp(−c_j) per column, the weights of the edges (i, j), at no exponential
     * per entry.
     */
    public void addWeightedFactors(double[] a, double[] b, double[] out, int at) {
        double[] f = factors();
        int bound = SPECIES.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            double ai = a[i];
            if (ai != 0) {
                int row = i * cols;
                int j = 0;
                DoubleVector scale = DoubleVector.broadcast(SPECIES, ai);
                for (; j < bound; j += SPECIES.length()) {
                    int o = at + row + j;
                    DoubleVector.fromArray(SPECIES, f, row + j).mul(DoubleVector.fromArray(SPECIES, b, j))
                            .fma(scale, DoubleVector.fromArray(SPECIES, out, o)).intoArray(out, o);
                }
                for (; j < cols; j++) {
                    out[at + row + j] += ai * f[row + j] * b[j];
                }
            }
        }
    }

    /** The entries row-major (the storage, not a copy). */
    double[] rowMajor() {
        return energies;
    }

    /** The entries column-major (entry j·rows + i; the transpose's storage, not a copy). */
    double[] columnMajor() {
        return transpose().energies;
    }

    /** c_j = min_i w_ij (+∞ for a column of forbidden transitions). */
    double[] columnMin() {
        double[] c = columnMin;
        if (c == null) {
            c = new double[cols];
            Arrays.fill(c, Double.POSITIVE_INFINITY);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    c[j] = Math.min(c[j], energies[i * cols + j]);
                }
            }
            columnMin = c;
        }
        return c;
    }

    /** exp(−(w_ij − c_j)) ∈ [0, 1], row-major (entry i·cols + j); 0 in a forbidden column. */
    double[] factors() {
        double[] f = factors;
        if (f == null) {
            double[] c = columnMin();
            f = new double[energies.length];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    f[i * cols + j] = c[j] == Double.POSITIVE_INFINITY ? 0 : Math.exp(c[j] - energies[i * cols + j]);
                }
            }
            factors = f;
        }
        return f;
    }
}

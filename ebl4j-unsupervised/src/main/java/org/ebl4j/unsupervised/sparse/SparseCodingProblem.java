package org.ebl4j.unsupervised.sparse;

import java.nio.FloatBuffer;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.kernel.Gemm;
import org.ebl4j.kernel.Threads;
import org.ebl4j.linalg.Lapack;
import org.ebl4j.linalg.SymmetricEigen;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * What every L1 solver needs to minimise E(Z) = ½‖Y − W Z‖² + λ|Z|₁ for the N rows of Y at once, computed once per
 * call: the correlations C = Y W [N, atoms], the Gram matrix G = WᵀW [atoms, atoms], ½‖Y_r‖² per row and the
 * Lipschitz constant L = λ_max(G). With them E(Z_r) = ½‖Y_r‖² − Z_r·C_r + ½ Z_r·(Z G)_r + λ|Z_r|₁ and the gradient of
 * the smooth part is Z G − C, so the solvers' inner loops are one GEMM [N, atoms]·[atoms, atoms] per iteration plus
 * element-wise passes over the rows, split over {@link Threads}. Nothing here records an autodiff graph.
 */
final class SparseCodingProblem {
    /** Rows times atoms below which element-wise passes stay on one thread. */
    private static final int SERIAL_WORK = 1 << 15;
    private static final int POWER_ITERATIONS = 1000;
    private static final double POWER_TOLERANCE = 1e-7;

    final int rows;
    final int atoms;
    final float lambda;
    /** C = Y W, [rows, atoms], contiguous at offset 0. */
    final Tensor correlations;
    /** G = WᵀW, [atoms, atoms], contiguous at offset 0. */
    final Tensor gram;
    final double[] halfSquaredNorms;
    final double lipschitz;

    SparseCodingProblem(SparseCodingEnergy energy, Tensor y) {
        energy.checkData(y);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor data = y.detach().contiguous();
            Tensor w = energy.dictionary().detach().contiguous();
            rows = data.shape(0);
            atoms = energy.atoms();
            int dim = energy.inputDim();
            lambda = energy.lambda();
            correlations = data.matmul(w);
            gram = gram(w);
            halfSquaredNorms = new double[rows];
            float[] values = data.toArray();
            for (int r = 0; r < rows; r++) {
                double sq = 0;
                for (int j = 0, at = r * dim; j < dim; j++, at++) {
                    sq += (double) values[at] * values[at];
                }
                halfSquaredNorms[r] = 0.5 * sq;
            }
            lipschitz = largestEigenvalue(gram);
        }
    }

    /** Z₀ [rows, atoms] as a fresh contiguous tensor: a copy of {@code start}, or zeros when it is null. */
    Tensor start(Tensor start) {
        if (start == null) {
            return Tensor.zeros(rows, atoms);
        }
        if (start.dim() != 2 || start.shape(0) != rows || start.shape(1) != atoms) {
            throw new IllegalArgumentException("sparse inference: the starting codes must have shape [" + rows + ", "
                    + atoms + "], got " + Shape.str(start.shape()));
        }
        return start.detach().contiguousCopy();
    }

    /** out = z G (both [rows, atoms], contiguous at offset 0). */
    void timesGram(Tensor z, Tensor out) {
        Gemm.sgemm(false, false, rows, atoms, atoms, 1f, buffer(z), 0, atoms, buffer(gram), 0, atoms, 0f,
                buffer(out), 0, atoms);
    }

    /** The mean of {@code values}, summed in index order (so the result never depends on the thread count). */
    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** A body run over a range of rows [from, to). */
    interface RowRange {
        void run(int from, int to);
    }

    /** Runs {@code body} over disjoint row ranges covering 0..rows, on up to {@link Threads#count()} threads. */
    void forRows(RowRange body) {
        int tasks = (int) Math.min(rows, Math.max(1, Math.min(Threads.count(), (long) rows * atoms / SERIAL_WORK)));
        Threads.parallelFor(tasks, t -> body.run((int) ((long) rows * t / tasks),
                (int) ((long) rows * (t + 1) / tasks)));
    }

    /** True when the relative change of the objective from {@code previous} to {@code current} is at most tol. */
    static boolean converged(double previous, double current, double tolerance) {
        return Math.abs(previous - current) <= tolerance * Math.max(Math.abs(current), Double.MIN_NORMAL);
    }

    /** WᵀW [atoms, atoms] of a dictionary W [inputDim, atoms] (exactly symmetric), recording nothing. */
    static Tensor gram(Tensor w) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return w.detach().gram();
        }
    }

    /**
     * λ_max of a symmetric positive semi-definite matrix [n, n]. From order {@link Lapack#SMALL_ORDER} up, LAPACK's
     * ssyevr for the one largest eigenpair (for 256 atoms in 144 dimensions: 2.6 ms, where power iteration needed
     * 43 ms: the top two eigenvalues of such Gram matrices are close); below it, power iteration in double from a
     * fixed pseudo-random start, until the estimate changes by less than 1e-7 relatively (at most 1000 products; an
     * underestimate that small only lengthens the step 1/L by as much, well inside the 2/L that keeps ISTA
     * convergent). 0 for the zero matrix.
     */
    static double largestEigenvalue(Tensor symmetric) {
        int n = symmetric.shape(0);
        if (n >= Lapack.SMALL_ORDER) {
            return Math.max(0, SymmetricEigen.largest(symmetric, 1).values()[0]);
        }
        float[] g = symmetric.toArray();
        double[] v = new double[n];
        Rng rng = new Rng(0x5eed);
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        normalise(v);
        double[] next = new double[n];
        double estimate = 0;
        for (int it = 0; it < POWER_ITERATIONS; it++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0, at = i * n; j < n; j++) {
                    s += g[at + j] * v[j];
                }
                next[i] = s;
            }
            double norm = normalise(next);
            if (norm == 0) {
                return 0;
            }
            double[] swap = v;
            v = next;
            next = swap;
            boolean done = Math.abs(norm - estimate) <= POWER_TOLERANCE * norm;
            estimate = norm;
            if (done) {
                break;
            }
        }
        return estimate;
    }

    /** Scales {@code v} to unit length (unless zero); returns its former norm. */
    private static double normalise(double[] v) {
        double sq = 0;
        for (double x : v) {
            sq += x * x;
        }
        double norm = Math.sqrt(sq);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
        return norm;
    }

    static FloatBuffer buffer(Tensor t) {
        return t.storage().buffer();
    }
}

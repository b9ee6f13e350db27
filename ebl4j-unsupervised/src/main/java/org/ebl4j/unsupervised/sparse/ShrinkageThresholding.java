package org.ebl4j.unsupervised.sparse;

import java.nio.FloatBuffer;
import java.util.Arrays;

import org.ebl4j.tensor.Tensor;

/**
 * Proximal-gradient descent on ½‖Y − WZ‖² + λ|Z|₁ with step 1/L, L = λ_max(WᵀW): a gradient step on the smooth part
 * followed by shrinkage, Z_{t+1} = h_{λ/L}(X_t − (X_t WᵀW − Y W)/L). Without momentum X_t = Z_t (ISTA, Daubechies,
 * Defrise &amp; De Mol 2004); with Nesterov momentum X_t = Z_t + ((τ_t − 1)/τ_{t+1})(Z_t − Z_{t−1}),
 * τ_{t+1} = (1 + √(1 + 4τ_t²))/2, τ_1 = 1, X_0 = Z_0 (FISTA, Beck &amp; Teboulle 2009), whose objective gap falls as O(1/t²)
 * instead of O(1/t).
 *
 * <p>Batched: all rows move together with one GEMM P = Z WᵀW per iteration. X is a combination of the last two Z,
 * so X WᵀW is the same combination of their P and FISTA needs no second product; the objective of every iterate,
 * E = ½‖Y‖² − Z·YW + ½ Z·P + λ|Z|₁, comes from the same numbers. Everything else is one fused element-wise pass per
 * iteration (objective of Z_t, extrapolation, gradient step, shrinkage), over row blocks on the library's threads.
 */
abstract class ShrinkageThresholding extends IterativeSolver {
    /** Floats per operand copied from the off-heap buffers into arrays at a time by the fused pass. */
    private static final int CHUNK = 4096;

    private final boolean accelerated;

    ShrinkageThresholding(String name, int maxIterations, double tolerance, boolean accelerated) {
        super(name, maxIterations, tolerance);
        this.accelerated = accelerated;
    }

    @Override
    final SparseCode solve(SparseCodingProblem problem, Tensor z) {
        int rows = problem.rows;
        int atoms = problem.atoms;
        int limit = maxIterations();
        double[] history = new double[limit + 1];
        double[] perRow = new double[rows];
        Tensor p = Tensor.zeros(rows, atoms);
        problem.timesGram(z, p);
        if (problem.lipschitz == 0) {
            // W = 0: the smooth part is constant and Z* = 0
            history[0] = objective(problem, z, p, perRow);
            z.fill(0f);
            history[1] = objective(problem, z, p.fill(0f), perRow);
            return new SparseCode(z, Arrays.copyOf(history, 2), 1, true);
        }
        float step = (float) (1 / problem.lipschitz);
        float threshold = (float) (problem.lambda / problem.lipschitz);
        Tensor zOld = Tensor.zeros(rows, atoms);
        Tensor pOld = Tensor.zeros(rows, atoms);
        double tau = 1;
        int it = 0;
        boolean converged = false;
        while (true) {
            float beta = 0f;
            if (accelerated && it > 0) {
                double tauNext = (1 + Math.sqrt(1 + 4 * tau * tau)) / 2;
                beta = (float) ((tau - 1) / tauNext);
                tau = tauNext;
            }
            // objective of Z_t; Z_{t+1} into zOld's buffer (Z_{t−1} is read before it is overwritten)
            pass(problem, z, p, zOld, pOld, beta, step, threshold, perRow);
            history[it] = SparseCodingProblem.mean(perRow);
            converged = it > 0 && tolerance() > 0
                    && SparseCodingProblem.converged(history[it - 1], history[it], tolerance());
            if (converged || it == limit) {
                break;
            }
            problem.timesGram(zOld, pOld);
            Tensor swap = z;
            z = zOld;
            zOld = swap;
            swap = p;
            p = pOld;
            pOld = swap;
            it++;
        }
        return new SparseCode(z, Arrays.copyOf(history, it + 1), it, converged);
    }

    /** E(Z_r) per row into {@code perRow} from Z and P = Z G; returns the mean. */
    private static double objective(SparseCodingProblem problem, Tensor z, Tensor p, double[] perRow) {
        pass(problem, z, p, null, null, 0f, 0f, 0f, perRow);
        return SparseCodingProblem.mean(perRow);
    }

    /**
     * The fused pass: E(Z_r) per row into {@code perRow}; unless {@code zOld} is null, also
     * X = Z + β(Z − Z_old), XP = P + β(P − P_old) and h_θ(X − (XP − C)·step) written over {@code zOld}.
     */
    private static void pass(SparseCodingProblem problem, Tensor z, Tensor p, Tensor zOld, Tensor pOld, float beta,
                             float step, float threshold, double[] perRow) {
        int atoms = problem.atoms;
        float lambda = problem.lambda;
        FloatBuffer zb = SparseCodingProblem.buffer(z);
        FloatBuffer pb = SparseCodingProblem.buffer(p);
        FloatBuffer cb = SparseCodingProblem.buffer(problem.correlations);
        FloatBuffer zob = zOld == null ? null : SparseCodingProblem.buffer(zOld);
        FloatBuffer pob = pOld == null ? null : SparseCodingProblem.buffer(pOld);
        problem.forRows((from, to) -> {
            int chunkRows = Math.max(1, CHUNK / atoms);
            int size = chunkRows * atoms;
            float[] zc = new float[size];
            float[] pc = new float[size];
            float[] cc = new float[size];
            float[] zo = zob == null ? null : new float[size];
            float[] po = zob == null ? null : new float[size];
            for (int r0 = from; r0 < to; r0 += chunkRows) {
                int r1 = Math.min(to, r0 + chunkRows);
                int offset = r0 * atoms;
                int length = (r1 - r0) * atoms;
                zb.get(offset, zc, 0, length);
                pb.get(offset, pc, 0, length);
                cb.get(offset, cc, 0, length);
                for (int r = r0; r < r1; r++) {
                    perRow[r] = problem.halfSquaredNorms[r] + rowSum(zc, pc, cc, lambda, (r - r0) * atoms, atoms);
                }
                if (zob != null) {
                    zob.get(offset, zo, 0, length);
                    pob.get(offset, po, 0, length);
                    for (int i = 0; i < length; i++) {
                        float zv = zc[i];
                        float pv = pc[i];
                        float x = zv + beta * (zv - zo[i]);
                        float xp = pv + beta * (pv - po[i]);
                        float v = x - (xp - cc[i]) * step;
                        zo[i] = Math.max(v - threshold, 0f) + Math.min(v + threshold, 0f);
                    }
                    zob.put(offset, zo, 0, length);
                }
            }
        });
    }

    /** Σ_j z_j(½p_j − c_j) + λ|z_j| over one row, in double with four partial sums. */
    private static double rowSum(float[] z, float[] p, float[] c, float lambda, int start, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = start;
        int end = start + length;
        for (; j + 3 < end; j += 4) {
            s0 += z[j] * (0.5f * p[j] - c[j]) + lambda * Math.abs(z[j]);
            s1 += z[j + 1] * (0.5f * p[j + 1] - c[j + 1]) + lambda * Math.abs(z[j + 1]);
            s2 += z[j + 2] * (0.5f * p[j + 2] - c[j + 2]) + lambda * Math.abs(z[j + 2]);
            s3 += z[j + 3] * (0.5f * p[j + 3] - c[j + 3]) + lambda * Math.abs(z[j + 3]);
        }
        for (; j < end; j++) {
            s0 += z[j] * (0.5f * p[j] - c[j]) + lambda * Math.abs(z[j]);
        }
        return (s0 + s1) + (s2 + s3);
    }
}

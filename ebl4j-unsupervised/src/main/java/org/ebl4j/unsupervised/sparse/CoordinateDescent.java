package org.ebl4j.unsupervised.sparse;

import java.nio.FloatBuffer;
import java.util.Arrays;

import org.ebl4j.tensor.Tensor;

/**
 * Greedy coordinate descent, CoD (Li &amp; Osher 2009; Gregor &amp; LeCun 2010, Algorithm 1): with
 * B = WᵀY − (WᵀW − diag)Z, the exact minimiser of the objective in coordinate j alone is
 * z̄_j = h_λ(B_j) / (WᵀW)_jj; each update moves only the coordinate k = argmax_j |z̄_j − z_j| and refreshes
 * B ← B − (WᵀW)_{:,k}(z̄_k − z_k), so it costs O(atoms) instead of ISTA's O(atoms²).
 *
 * <p>Batched: each iteration recomputes B for all rows with one GEMM (Z WᵀW, so rounding in the cheap updates never
 * accumulates across iterations), then makes {@code atoms} greedy updates per row (rows in parallel; about the work
 * of one ISTA iteration) and records the mean objective. A row whose coordinates all sit at their z̄ (to 1e-6 of its
 * largest coefficient) is at a fixed point, where the optimality conditions hold, and stops moving.
 */
public final class CoordinateDescent extends IterativeSolver {
    /** A coordinate whose z̄_j is within this fraction of the row's largest coefficient of z_j has converged. */
    private static final float FIXED_POINT = 1e-6f;

    /**
     * At most {@code maxIterations} (≥ 1) iterations of {@code atoms} updates; stops when the mean objective changes
     * by ≤ tolerance (≥ 0) relatively.
     */
    public CoordinateDescent(int maxIterations, double tolerance) {
        super("CoordinateDescent", maxIterations, tolerance);
    }

    @Override
    SparseCode solve(SparseCodingProblem problem, Tensor z) {
        int rows = problem.rows;
        int atoms = problem.atoms;
        float[] gram = problem.gram.toArray();
        float[] diagonal = new float[atoms];
        float[] inverseDiagonal = new float[atoms];
        for (int j = 0; j < atoms; j++) {
            diagonal[j] = gram[j * atoms + j];
            inverseDiagonal[j] = diagonal[j] > 0 ? 1 / diagonal[j] : 0f;
        }
        Tensor p = Tensor.zeros(rows, atoms);
        int limit = maxIterations();
        double[] history = new double[limit + 1];
        double[] perRow = new double[rows];
        boolean[] done = new boolean[rows];
        history[0] = pass(problem, z, p, gram, diagonal, inverseDiagonal, null, perRow);
        int it = 0;
        boolean converged = false;
        while (it < limit && !converged) {
            it++;
            history[it] = pass(problem, z, p, gram, diagonal, inverseDiagonal, done, perRow);
            converged = allTrue(done)
                    || tolerance() > 0 && SparseCodingProblem.converged(history[it - 1], history[it], tolerance());
        }
        return new SparseCode(z, Arrays.copyOf(history, it + 1), it, converged);
    }

    /**
     * B = C − Z G + diag(G) Z for every row from one GEMM (P = Z G), so that rounding in the cheap updates never
     * accumulates across iterations; then, unless {@code done} is null, {@code atoms} greedy updates of each row not
     * yet at a fixed point (marking those that reach one). Puts each row's objective after its updates into
     * {@code perRow} and returns their mean.
     */
    private static double pass(SparseCodingProblem problem, Tensor z, Tensor p, float[] gram, float[] diagonal,
                               float[] inverseDiagonal, boolean[] done, double[] perRow) {
        int atoms = problem.atoms;
        FloatBuffer zb = SparseCodingProblem.buffer(z);
        FloatBuffer pb = SparseCodingProblem.buffer(p);
        FloatBuffer cb = SparseCodingProblem.buffer(problem.correlations);
        problem.timesGram(z, p);
        problem.forRows((from, to) -> {
            float[] zr = new float[atoms];
            float[] br = new float[atoms];
            float[] cr = new float[atoms];
            for (int r = from; r < to; r++) {
                int at = r * atoms;
                zb.get(at, zr);
                pb.get(at, br);
                cb.get(at, cr);
                for (int j = 0; j < atoms; j++) {
                    br[j] = cr[j] - br[j] + diagonal[j] * zr[j];
                }
                if (done != null && !done[r]) {
                    done[r] = sweep(zr, br, gram, inverseDiagonal, problem.lambda);
                    zb.put(at, zr);
                }
                perRow[r] = problem.halfSquaredNorms[r] + objective(zr, br, cr, diagonal, problem.lambda);
            }
        });
        return SparseCodingProblem.mean(perRow);
    }

    /**
     * {@code atoms} greedy updates of one row's code {@code z} and its B {@code b}; returns true when the row has
     * reached a fixed point (every z_j equals z̄_j up to 1e-6 of the row's largest coefficient).
     */
    private static boolean sweep(float[] z, float[] b, float[] gram, float[] inverseDiagonal, float lambda) {
        int atoms = z.length;
        float scale = 0f;
        for (int j = 0; j < atoms; j++) {
            scale = Math.max(scale, Math.max(Math.abs(z[j]), Math.abs(shrink(b[j], lambda) * inverseDiagonal[j])));
        }
        // moves within rounding of the row's largest coefficient do not count: the row is at its fixed point
        float still = FIXED_POINT * scale;
        int best = -1;
        float bestDiff = still;
        float bestValue = 0f;
        for (int j = 0; j < atoms; j++) {
            float target = shrink(b[j], lambda) * inverseDiagonal[j];
            float diff = Math.abs(target - z[j]);
            if (diff > bestDiff) {
                bestDiff = diff;
                best = j;
                bestValue = target;
            }
        }
        for (int u = 0; u < atoms; u++) {
            if (best < 0) {
                return true;
            }
            int k = best;
            float delta = bestValue - z[k];
            z[k] = bestValue;
            best = -1;
            bestDiff = still;
            for (int i = 0, row = k * atoms; i < atoms; i++) {
                if (i != k) {
                    b[i] -= gram[row + i] * delta;
                }
                float target = shrink(b[i], lambda) * inverseDiagonal[i];
                float diff = Math.abs(target - z[i]);
                if (diff > bestDiff) {
                    bestDiff = diff;
                    best = i;
                    bestValue = target;
                }
            }
        }
        return best < 0;
    }

    /**
     * E(z) − ½‖y‖² of one row after its updates, using (Z G)_j = C_j − B_j + G_jj z_j:
     * −z·C + ½ z·(Z G) + λ|z|₁, in double.
     */
    private static double objective(float[] z, float[] b, float[] c, float[] diagonal, float lambda) {
        double sum = 0;
        for (int j = 0; j < z.length; j++) {
            double zj = z[j];
            sum += zj * (0.5 * (c[j] - b[j] + diagonal[j] * zj) - c[j]) + lambda * Math.abs(zj);
        }
        return sum;
    }

    private static boolean allTrue(boolean[] flags) {
        for (boolean f : flags) {
            if (!f) {
                return false;
            }
        }
        return true;
    }
}

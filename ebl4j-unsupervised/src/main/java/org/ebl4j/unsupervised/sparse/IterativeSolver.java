package org.ebl4j.unsupervised.sparse;

import org.ebl4j.tensor.Tensor;

/**
 * The settings shared by the iterative L1 solvers: at most {@code maxIterations} iterations, stopping early when
 * the mean objective changes by at most {@code tolerance} relatively between two iterations (0: run them all).
 */
abstract class IterativeSolver implements SparseInference {
    private final int maxIterations;
    private final double tolerance;

    IterativeSolver(String name, int maxIterations, double tolerance) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException(name + ": maxIterations must be >= 1, got " + maxIterations);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException(name + ": tolerance must be a finite number >= 0, got " + tolerance);
        }
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    public final int maxIterations() {
        return maxIterations;
    }

    public final double tolerance() {
        return tolerance;
    }

    @Override
    public final SparseCode infer(SparseCodingEnergy energy, Tensor y, Tensor zStart) {
        if (energy == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": energy must not be null");
        }
        SparseCodingProblem problem = new SparseCodingProblem(energy, y);
        return solve(problem, problem.start(zStart));
    }

    /** Runs the iterations from {@code z}, a fresh contiguous [rows, atoms] tensor the solver may overwrite. */
    abstract SparseCode solve(SparseCodingProblem problem, Tensor z);

    /** h_θ(v) = sign(v) · max(|v| − θ, 0), the proximal operator of θ|·|. */
    static float shrink(float v, float threshold) {
        return v > threshold ? v - threshold : v < -threshold ? v + threshold : 0f;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(maxIterations=" + maxIterations + ", tolerance=" + tolerance + ")";
    }
}

package org.ebl4j.unsupervised.sparse;

/**
 * FISTA, the fast iterative shrinkage-thresholding algorithm (Beck &amp; Teboulle 2009): ISTA's step taken from the
 * extrapolated point X_t = Z_t + ((τ_t − 1)/τ_{t+1})(Z_t − Z_{t−1}), τ_{t+1} = (1 + √(1 + 4τ_t²))/2, τ_1 = 1; the
 * objective gap falls as O(1/t²). See {@link ShrinkageThresholding} for the batched implementation.
 */
public final class Fista extends ShrinkageThresholding {
    /** At most {@code maxIterations} (≥ 1) steps; stops when the mean objective changes by ≤ tolerance (≥ 0). */
    public Fista(int maxIterations, double tolerance) {
        super("Fista", maxIterations, tolerance, true);
    }
}

package org.ebl4j.unsupervised.sparse;

/**
 * ISTA, the iterative shrinkage-thresholding algorithm (Daubechies, Defrise &amp; De Mol 2004):
 * Z_{t+1} = h_{λ/L}(Z_t − (Z_t WᵀW − Y W)/L), L = λ_max(WᵀW); the objective decreases monotonically, its gap to the
 * minimum as O(1/t). See {@link ShrinkageThresholding} for the batched implementation.
 */
public final class Ista extends ShrinkageThresholding {
    /** At most {@code maxIterations} (≥ 1) steps; stops when the mean objective changes by ≤ tolerance (≥ 0). */
    public Ista(int maxIterations, double tolerance) {
        super("Ista", maxIterations, tolerance, false);
    }
}

package org.ebl4j.structured.dtw;

/**
 * The result of matching an input of n frames with a template of m frames ({@link DynamicTimeWarping}): the energy,
 * its derivative with respect to every local distance, and, for hard DTW, the best warping path Z*.
 *
 * @param energy  min_Z Σ_{(i,j)∈Z} w·d(i, j) (hard) or the soft-min −(1/β) log Σ_Z exp(−β·cost(Z)); +∞ when no
 *                path lies inside the band
 * @param n       input frames
 * @param m       template frames
 * @param weights ∂energy/∂d(i, j) at entry i·m + j: the step weights along Z* (hard), or their expectation under
 *                the path posterior P(Z) ∝ exp(−β·cost(Z)) (soft); all zero when the energy is +∞
 * @param path    the cells (i, j) of Z* from (0, 0) to (n−1, m−1), one {i, j} per row (hard); null for soft DTW
 */
public record Alignment(double energy, int n, int m, double[] weights, int[][] path) {
    /** ∂energy/∂d(i, j). */
    public double weight(int i, int j) {
        return weights[i * m + j];
    }

    /** Whether some warping path lies inside the band (the energy is finite). */
    public boolean admissible() {
        return energy < Double.POSITIVE_INFINITY;
    }
}

package org.ebl4j.energy.analytic;

import org.ebl4j.linalg.Cholesky;
import org.ebl4j.tensor.Tensor;

/**
 * A validated covariance matrix Σ (symmetric positive definite), held in double precision with what the Gaussian
 * energies need, both from the Cholesky factorisation Σ = LLᵀ ({@link Cholesky}): the whitening matrix U = L⁻¹ and
 * log|Σ|.
 */
final class Covariance {
    private final double[][] sigma;
    private final double[][] whitening;
    private final double logDet;

    /**
     * Checks {@code sigma} is a d × d symmetric positive-definite matrix and factorises it; {@code who} names the
     * caller in errors.
     */
    Covariance(String who, float[][] sigma, int d) {
        if (sigma == null || sigma.length != d) {
            throw new IllegalArgumentException(who + ": covariance must be " + d + " x " + d + ", got "
                    + (sigma == null ? "null" : sigma.length + " rows"));
        }
        this.sigma = new double[d][d];
        for (int i = 0; i < d; i++) {
            if (sigma[i] == null || sigma[i].length != d) {
                throw new IllegalArgumentException(who + ": covariance row " + i + " must have " + d + " entries");
            }
            for (int j = 0; j < d; j++) {
                this.sigma[i][j] = sigma[i][j];
            }
        }
        Cholesky cholesky;
        try {
            cholesky = Cholesky.of(this.sigma);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(who + ": bad covariance: " + e.getMessage(), e);
        }
        this.logDet = cholesky.logDeterminant();
        this.whitening = cholesky.lowerInverse();
    }

    /** Σ (a copy). */
    double[][] matrix() {
        double[][] out = new double[sigma.length][];
        for (int i = 0; i < sigma.length; i++) {
            out[i] = sigma[i].clone();
        }
        return out;
    }

    /** log det Σ. */
    double logDet() {
        return logDet;
    }

    /**
     * The whitening matrix U = L⁻¹ as a float32 [d, d] tensor (lower triangular): Σ⁻¹ = UᵀU, so
     * (y − μ)ᵀΣ⁻¹(y − μ) = |U(y − μ)|², and U(Y − μ) ~ N(0, I) when Y ~ N(μ, Σ).
     */
    Tensor whiteningWeight() {
        int d = whitening.length;
        float[] w = new float[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                w[i * d + j] = (float) whitening[i][j];
            }
        }
        return Tensor.of(w, d, d);
    }

    /** −Uμ ([d]): with {@link #whiteningWeight} the affine map y ↦ Uy − Uμ = U(y − μ) of {@link Tensor#linear}. */
    Tensor whiteningBias(double[] mean) {
        int d = whitening.length;
        float[] b = new float[d];
        for (int i = 0; i < d; i++) {
            double acc = 0;
            for (int j = 0; j < d; j++) {
                acc += whitening[i][j] * mean[j];
            }
            b[i] = (float) -acc;
        }
        return Tensor.of(b, d);
    }
}

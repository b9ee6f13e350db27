package org.ebl4j.energy.analytic;

import org.ebl4j.tensor.Tensor;

/**
 * A validated covariance matrix Σ (symmetric positive definite), held in double precision with what the Gaussian
 * energies need, both from the Cholesky factorisation Σ = LLᵀ: the whitening matrix U = L⁻¹ and log|Σ|.
 */
final class Covariance {
    private final double[][] sigma;
    private final double[][] whitening;
    private final double logDet;

    /** Checks {@code sigma} is a d × d symmetric positive-definite matrix; {@code who} names the caller in errors. */
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
                if (!Float.isFinite(sigma[i][j])) {
                    throw new IllegalArgumentException(who + ": covariance entry (" + i + ", " + j + ") is "
                            + sigma[i][j]);
                }
                this.sigma[i][j] = sigma[i][j];
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double a = this.sigma[i][j];
                double b = this.sigma[j][i];
                if (Math.abs(a - b) > 1e-6 * (Math.abs(a) + Math.abs(b)) + 1e-12) {
                    throw new IllegalArgumentException(who + ": covariance must be symmetric, entry (" + i + ", " + j
                            + ") = " + a + " but (" + j + ", " + i + ") = " + b);
                }
            }
        }
        double[][] l = cholesky(who, this.sigma);
        double ld = 0;
        for (int i = 0; i < d; i++) {
            ld += 2 * Math.log(l[i][i]);
        }
        this.logDet = ld;
        this.whitening = lowerInverse(l);
    }

    private static double[][] cholesky(String who, double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException(who + ": covariance must be positive definite (Cholesky "
                                + "pivot " + i + " is " + s + ")");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** L⁻¹ of a lower-triangular L, column by column by forward substitution on the unit vectors. */
    private static double[][] lowerInverse(double[][] l) {
        int d = l.length;
        double[][] inv = new double[d][d];
        for (int c = 0; c < d; c++) {
            for (int i = c; i < d; i++) {
                double s = i == c ? 1 : 0;
                for (int k = c; k < i; k++) {
                    s -= l[i][k] * inv[k][c];
                }
                inv[i][c] = s / l[i][i];
            }
        }
        return inv;
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

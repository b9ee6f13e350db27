package org.ebl4j.energy.analytic;

import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * The energy of a multivariate Gaussian over Y ∈ ℝᵈ, E(Y) = ½ (Y − μ)ᵀ Σ⁻¹ (Y − μ), with no input (X is ignored
 * and may be null). Its Gibbs distribution at inverse temperature β, p(Y) ∝ exp(−βE(Y)), is N(μ, Σ/β), with
 * log-partition log ∫ exp(−βE) dY = (d/2) log(2π/β) + ½ log|Σ|: an analytic energy with known statistics, to test
 * samplers and estimators against (LeCun et al., "A Tutorial on Energy-Based Learning", 2006, §1.3: the Gibbs
 * distribution of an energy).
 */
public final class GaussianEnergy extends Energy {
    private final double[] mean;
    private final Covariance covariance;
    private final Tensor whitening;
    private final Tensor whitenedShift;

    /** μ ([d]) and Σ (d × d, symmetric positive definite). */
    public GaussianEnergy(float[] mean, float[][] covariance) {
        if (mean == null || mean.length == 0) {
            throw new IllegalArgumentException("GaussianEnergy: the mean must have at least one coordinate");
        }
        this.mean = new double[mean.length];
        for (int i = 0; i < mean.length; i++) {
            if (!Float.isFinite(mean[i])) {
                throw new IllegalArgumentException("GaussianEnergy: mean coordinate " + i + " is " + mean[i]);
            }
            this.mean[i] = mean[i];
        }
        this.covariance = new Covariance("GaussianEnergy", covariance, mean.length);
        this.whitening = buffer("whitening", this.covariance.whiteningWeight());
        this.whitenedShift = buffer("whitened_shift", this.covariance.whiteningBias(this.mean));
    }

    /** d, the dimension of Y. */
    public int dimension() {
        return mean.length;
    }

    /** μ, the mean of the Gibbs distribution (at every β). */
    public double[] mean() {
        return mean.clone();
    }

    /** Σ, the covariance of the Gibbs distribution at β = 1 (Σ/β at inverse temperature β). */
    public double[][] covariance() {
        return covariance.matrix();
    }

    /** log Z(β) = log ∫ exp(−βE(Y)) dY = (d/2) log(2π/β) + ½ log|Σ|. */
    public double logPartition(double beta) {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("GaussianEnergy: beta must be > 0 and finite, got " + beta);
        }
        return 0.5 * mean.length * Math.log(2 * Math.PI / beta) + 0.5 * covariance.logDet();
    }

    @Override
    public Tensor energy(Tensor x, Tensor y) {
        checkPoints("GaussianEnergy", y, mean.length);
        // ½ |U(y − μ)|² with Σ⁻¹ = UᵀU
        return y.linear(whitening, whitenedShift).square().sum(1, false).mul(0.5f);
    }

    /** Rejects an answer batch that is not [B, d]. */
    static void checkPoints(String who, Tensor y, int d) {
        if (y == null || y.dim() != 2 || y.shape(1) != d) {
            throw new IllegalArgumentException(who + ": y must have shape [B, " + d + "], got "
                    + (y == null ? "null" : Shape.str(y.shape())));
        }
    }
}

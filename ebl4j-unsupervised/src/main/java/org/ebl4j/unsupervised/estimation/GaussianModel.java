package org.ebl4j.unsupervised.estimation;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.linalg.Cholesky;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;
import org.ebl4j.unsupervised.UnsupervisedModel;

/**
 * A Gaussian over Y ∈ ℝᵈ with learned mean μ and precision P = AᵀA, A lower triangular (the inverse of the Cholesky
 * factor of the covariance, Σ = A⁻¹A⁻ᵀ): E(W, Y) = ½ |A(Y − μ)|² = ½ (Y − μ)ᵀP(Y − μ), W = (μ, A). Its partition
 * function is tractable, log Z(β) = (d/2) log(2π/β) − Σ_i log|A_ii|, so it is the model of strategy 2 of LeCun's
 * lecture "Energy-Based Unsupervised Learning" (maximum likelihood, {@link AnalyticLogPartition}), and, having a
 * known score ∇_Y E = P(Y − μ), the test bed of the other estimators of this package.
 *
 * <p>{@link #fit} is the closed-form maximum-likelihood estimate, the minimiser of the negative log-likelihood
 * ½ (Y − μ)ᵀP(Y − μ) − ½ log|P| + const averaged over the data: μ = the sample mean, P = S⁻¹ with S the (biased,
 * 1/N) sample covariance, A = chol(S)⁻¹. {@link #transform} is the whitened code A(Y − μ), N(0, I) under the model.
 * As a {@link NoiseDistribution} it is the usual noise of noise-contrastive estimation, a Gaussian fitted to the
 * data.
 */
public final class GaussianModel extends UnsupervisedModel implements TractablePartition, NoiseDistribution {
    private final int dimension;
    private final Tensor mean;
    private final Tensor factor;
    private final Tensor lower;
    private final Tensor identity;

    /** The standard normal N(0, I) over ℝᵈ (μ = 0, A = I), d ≥ 1. */
    public GaussianModel(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("GaussianModel: dimension must be >= 1, got " + dimension);
        }
        this.dimension = dimension;
        this.mean = parameter("mean", Tensor.zeros(dimension));
        float[] eye = new float[dimension * dimension];
        float[] tril = new float[dimension * dimension];
        for (int i = 0; i < dimension; i++) {
            eye[i * dimension + i] = 1;
            for (int j = 0; j <= i; j++) {
                tril[i * dimension + j] = 1;
            }
        }
        this.identity = Tensor.of(eye, dimension, dimension);
        this.lower = Tensor.of(tril, dimension, dimension);
        this.factor = parameter("factor", identity.contiguousCopy());
    }

    /** N(μ, Σ): {@code mean} [d] and {@code covariance} d × d, symmetric positive definite. */
    public static GaussianModel of(float[] mean, float[][] covariance) {
        if (mean == null || mean.length == 0) {
            throw new IllegalArgumentException("GaussianModel: the mean must have at least one coordinate");
        }
        int d = mean.length;
        if (covariance == null || covariance.length != d) {
            throw new IllegalArgumentException("GaussianModel: covariance must be " + d + " x " + d);
        }
        double[] mu = new double[d];
        double[][] sigma = new double[d][d];
        for (int i = 0; i < d; i++) {
            mu[i] = finite("mean coordinate " + i, mean[i]);
            if (covariance[i] == null || covariance[i].length != d) {
                throw new IllegalArgumentException("GaussianModel: covariance row " + i + " must have " + d
                        + " entries");
            }
            for (int j = 0; j < d; j++) {
                sigma[i][j] = finite("covariance entry (" + i + ", " + j + ")", covariance[i][j]);
            }
        }
        GaussianModel model = new GaussianModel(d);
        model.set(mu, sigma);
        return model;
    }

    private static double finite(String what, float v) {
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException("GaussianModel: " + what + " is " + v);
        }
        return v;
    }

    /** d, the dimension of Y. */
    public int dimension() {
        return dimension;
    }

    /** μ (current values). */
    public double[] mean() {
        float[] m = mean.toArray();
        double[] out = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            out[i] = m[i];
        }
        return out;
    }

    /** The precision P = AᵀA (current values). */
    public double[][] precision() {
        double[][] a = triangle();
        double[][] p = new double[dimension][dimension];
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j < dimension; j++) {
                double s = 0;
                for (int k = Math.max(i, j); k < dimension; k++) {
                    s += a[k][i] * a[k][j];
                }
                p[i][j] = s;
            }
        }
        return p;
    }

    /** The covariance Σ = P⁻¹ (current values). */
    public double[][] covariance() {
        return Cholesky.of(precision()).inverse();
    }

    /** The lower-triangular factor A. */
    private double[][] triangle() {
        float[] f = factor.toArray();
        double[][] a = new double[dimension][dimension];
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = f[i * dimension + j];
            }
        }
        return a;
    }

    /** Sets μ and A = chol(Σ)⁻¹. */
    private void set(double[] mu, double[][] sigma) {
        double[][] a;
        try {
            a = Cholesky.of(sigma).lowerInverse();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("GaussianModel: bad covariance: " + e.getMessage(), e);
        }
        float[] m = new float[dimension];
        float[] f = new float[dimension * dimension];
        for (int i = 0; i < dimension; i++) {
            m[i] = (float) mu[i];
            for (int j = 0; j <= i; j++) {
                f[i * dimension + j] = (float) a[i][j];
            }
        }
        mean.copyFrom(Tensor.of(m, dimension));
        factor.copyFrom(Tensor.of(f, dimension, dimension));
    }

    @Override
    public Tensor energy(Tensor x, Tensor y) {
        checkRows(y);
        return whiten(y).square().sum(1, false).mul(0.5f);
    }

    /** A(Y − μ), [N, d]. */
    private Tensor whiten(Tensor y) {
        return y.sub(mean).linear(factor.mul(lower), null);
    }

    @Override
    public Tensor logPartition(float beta) {
        if (!(beta > 0) || !Float.isFinite(beta)) {
            throw new IllegalArgumentException("GaussianModel: beta must be finite and > 0, got " + beta);
        }
        Tensor logDet = factor.mul(identity).sum(1, false).abs().log().sum();
        return logDet.neg().add((float) (0.5 * dimension * Math.log(2 * Math.PI / beta)));
    }

    /**
     * The maximum-likelihood Gaussian of the rows of {@code data} [N, d], N &gt; d: μ = mean, Σ = (1/N) Σ_n
     * (Y_n − μ)(Y_n − μ)ᵀ, accumulated in double.
     */
    @Override
    public GaussianModel fit(Tensor data) {
        checkRows(data);
        int n = data.shape(0);
        if (n <= dimension) {
            throw new IllegalArgumentException("GaussianModel.fit: needs more than d = " + dimension
                    + " rows for a positive-definite covariance, got " + n);
        }
        float[] v = data.contiguous().toArray();
        double[] mu = new double[dimension];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < dimension; i++) {
                mu[i] += v[r * dimension + i];
            }
        }
        for (int i = 0; i < dimension; i++) {
            mu[i] /= n;
        }
        double[][] sigma = new double[dimension][dimension];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < dimension; i++) {
                double di = v[r * dimension + i] - mu[i];
                for (int j = 0; j <= i; j++) {
                    sigma[i][j] += di * (v[r * dimension + j] - mu[j]);
                }
            }
        }
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j <= i; j++) {
                sigma[i][j] /= n;
                sigma[j][i] = sigma[i][j];
            }
        }
        set(mu, sigma);
        return this;
    }

    /** The whitened code A(Y − μ) of each row, [N, d]. */
    @Override
    public Tensor transform(Tensor data) {
        checkRows(data);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return whiten(data);
        }
    }

    /** Y = μ + A⁻¹ε, ε ~ N(0, I): {@code n} draws, [n, d]. */
    @Override
    public Tensor sample(int n, Rng rng) {
        if (n < 1) {
            throw new IllegalArgumentException("GaussianModel.sample: n must be >= 1, got " + n);
        }
        double[][] inv = Cholesky.of(covariance()).lower(); // any L with LLᵀ = Σ
        float[] w = new float[dimension * dimension];
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j <= i; j++) {
                w[i * dimension + j] = (float) inv[i][j];
            }
        }
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return rng.normal(0f, 1f, n, dimension).linear(Tensor.of(w, dimension, dimension), mean.detach());
        }
    }

    /** log N(Y; μ, Σ) = −E(Y) − log Z(1), [N]. */
    @Override
    public Tensor logDensity(Tensor y) {
        return energy(y).neg().sub(logPartition(1f));
    }

    private void checkRows(Tensor y) {
        if (y == null || y.dim() != 2 || y.shape(1) != dimension) {
            throw new IllegalArgumentException("GaussianModel: y must have shape [N, " + dimension + "], got "
                    + (y == null ? "null" : Shape.str(y.shape())));
        }
    }
}

package org.ebl4j.unsupervised.volume;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ebl4j.linalg.Cholesky;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.ebl4j.unsupervised.FreeEnergyModel;

/**
 * A mixture of K Gaussians, p(Y) = Σ_k π_k N(Y; μ_k, Σ_k), as an energy with a discrete latent Z ∈ {1..K}:
 * E(Y, Z = k) = −log π_k − log N(Y; μ_k, Σ_k), and the free energy over Z,
 * F(Y) = −log Σ_k exp(−E(Y, k)) = −log p(Y), is the model's energy. The densities integrate to one, so the volume
 * of low energy is fixed (LeCun, "Energy-Based Unsupervised Learning", strategy 1, constant volume of low energy).
 *
 * <p>Fitted by expectation-maximisation (Dempster, Laird &amp; Rubin 1977): the E-step computes the
 * responsibilities r_ik = p(Z = k | y_i) = exp(−E(y_i, k) + F(y_i)) by a log-sum-exp; the M-step sets
 * π_k = N_k / N, μ_k = Σ_i r_ik y_i / N_k and Σ_k = Σ_i r_ik (y_i − μ_k)(y_i − μ_k)ᵀ / N_k + ε I (full) or its
 * diagonal (diagonal), with N_k = Σ_i r_ik and ε = {@code regCovar} (as scikit-learn's reg_covar). The mean
 * log-likelihood after each M-step is recorded ({@link #logLikelihoodHistory()}; EM never lowers it); the fit stops
 * when it changes by less than {@code tolerance}, or after {@code maxIterations}. Initial responsibilities: the
 * one-hot labels of a {@link KMeans} run (one restart) or of the nearest {@link KMeansPlusPlus} seed. The data are
 * centred before fitting (for accurate quadratic forms; parameters are reported in the original coordinates).
 *
 * <p>Log-densities are matrix products: full covariance, ||U_k(y − μ_k)||² with U_k = L_k⁻¹ from the Cholesky
 * factor Σ_k = L_kL_kᵀ, all K whitenings in one product; diagonal, y²·(1/σ²_k) − 2y·(μ_k/σ²_k) + Σ μ_k²/σ²_k.
 * {@link #transform} returns the responsibilities [N, K].
 */
public final class GaussianMixture extends FittedModel implements FreeEnergyModel {
    /** The form of each component's covariance. */
    public enum CovarianceType {
        /** A full d x d covariance per component. */
        FULL,
        /** A diagonal covariance (d variances) per component. */
        DIAGONAL
    }

    /** How the initial responsibilities are chosen. */
    public enum Init {
        /** The labels of a one-restart {@link KMeans} fit (scikit-learn's default). */
        KMEANS,
        /** The nearest of K {@link KMeansPlusPlus} seeds. */
        KMEANS_PLUS_PLUS
    }

    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /** Added to each N_k, as scikit-learn (10 × float64 machine epsilon), so empty components stay finite. */
    private static final double COUNT_FLOOR = 10 * Math.ulp(1.0);

    private final int components;
    private final CovarianceType type;
    private final Rng rng;
    private Init init = Init.KMEANS;
    private double regCovar = 1e-6;
    private int maxIterations = 100;
    private double tolerance = 1e-3;
    private int restarts = 1;

    private Tensor weights;
    private Tensor means;
    private Tensor covariances;
    private Tensor offset;
    private Tensor quadratic;
    private Tensor linear;
    private Tensor shift;
    private Tensor logNormaliser;
    private double[] history;
    private int iterations;
    private boolean converged;

    /** A mixture of {@code components} (>= 1) Gaussians with covariances of the given type. */
    public GaussianMixture(int components, CovarianceType type, Rng rng) {
        if (components < 1) {
            throw new IllegalArgumentException("GaussianMixture: components must be >= 1, got " + components);
        }
        if (type == null) {
            throw new IllegalArgumentException("GaussianMixture: covariance type must be one of "
                    + Arrays.toString(CovarianceType.values()));
        }
        if (rng == null) {
            throw new IllegalArgumentException("GaussianMixture: rng must not be null");
        }
        this.components = components;
        this.type = type;
        this.rng = rng;
    }

    /** Initial responsibilities (default {@link Init#KMEANS}). */
    public GaussianMixture init(Init value) {
        if (value == null) {
            throw new IllegalArgumentException("GaussianMixture.init: expected one of "
                    + Arrays.toString(Init.values()));
        }
        this.init = value;
        return this;
    }

    /** ε added to every variance: finite and >= 0 (default 1e-6). */
    public GaussianMixture regCovar(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("GaussianMixture.regCovar: must be finite and >= 0, got " + value);
        }
        this.regCovar = value;
        return this;
    }

    /** Most EM iterations per run: >= 1 (default 100). */
    public GaussianMixture maxIterations(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("GaussianMixture.maxIterations: must be >= 1, got " + value);
        }
        this.maxIterations = value;
        return this;
    }

    /** Stop when the mean log-likelihood changes by less than this: finite and >= 0 (default 1e-3). */
    public GaussianMixture tolerance(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("GaussianMixture.tolerance: must be finite and >= 0, got " + value);
        }
        this.tolerance = value;
        return this;
    }

    /** Independent initialisations, the highest final likelihood kept: >= 1 (default 1). */
    public GaussianMixture restarts(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("GaussianMixture.restarts: must be >= 1, got " + value);
        }
        this.restarts = value;
        return this;
    }

    /**
     * One set of parameters (in centred coordinates) with the tensors that evaluate −E(y, k) = log π_k +
     * log N(y; μ_k, Σ_k) = −½ q_k(y) + logNormaliser_k, q_k the Mahalanobis distance: full, q = Σ_groups
     * (y·quadraticᵀ + shift)² over the K groups of d columns (quadratic = [U_1; …; U_K], shift = −U_kμ_k; linear
     * null); diagonal, q = y²·quadraticᵀ + y·linearᵀ + shift (quadratic = 1/σ², linear = −2μ/σ²,
     * shift = Σ μ²/σ²).
     */
    private record Mixture(Tensor weights, Tensor means, Tensor covariances, Tensor quadratic, Tensor linear,
                           Tensor shift, Tensor logNormaliser) {
    }

    private record Run(Mixture mixture, double[] history, int iterations, boolean converged) {
    }

    @Override
    public GaussianMixture fit(Tensor data) {
        checkData(data, components, "at least one point per component");
        Tensor raw = data.detach();
        Tensor mu = raw.mean(0, false);
        Tensor x = raw.sub(mu).contiguous();
        Run best = null;
        MixtureScatter scatter = type == CovarianceType.FULL ? new MixtureScatter(x) : null;
        for (int r = 0; r < restarts; r++) {
            Run run = em(x, scatter, initialResponsibilities(x));
            if (best == null || run.history[run.history.length - 1] > best.history[best.history.length - 1]) {
                best = run;
            }
        }
        Mixture m = best.mixture;
        offset = keep("offset", offset, mu);
        weights = keep("weights", weights, m.weights);
        means = keep("means", means, m.means.add(mu));
        covariances = keep("covariances", covariances, m.covariances);
        quadratic = keep("quadratic", quadratic, m.quadratic);
        if (m.linear != null) {
            linear = keep("linear", linear, m.linear);
        }
        shift = keep("shift", shift, m.shift);
        logNormaliser = keep("log_normaliser", logNormaliser, m.logNormaliser);
        history = best.history;
        iterations = best.iterations;
        converged = best.converged;
        markFitted(x.shape(1));
        return this;
    }

    private Tensor initialResponsibilities(Tensor x) {
        Indices labels;
        if (init == Init.KMEANS) {
            labels = new KMeans(components, rng).restarts(1).fit(x).predict(x);
        } else {
            PointDistances p = new PointDistances(x);
            int[] nearest = new int[p.size()];
            p.nearest(p.rows(KMeansPlusPlus.seeds(p, components, rng)), components, nearest, new float[p.size()]);
            labels = new Indices(new int[] {p.size()}, nearest);
        }
        return Tensor.oneHot(labels, components);
    }

    private Run em(Tensor x, MixtureScatter scatter, Tensor responsibilities) {
        double[] trace = new double[maxIterations];
        Mixture m = maximise(x, scatter, responsibilities);
        double previous = Double.NEGATIVE_INFINITY;
        int it = 0;
        boolean done = false;
        while (it < maxIterations && !done) {
            Tensor logJoint = type == CovarianceType.FULL ? fullLogJoint(x, m) : logJoint(type, x, m);
            Tensor logDensity = logJoint.logSumExp(1, true);
            trace[it] = logDensity.mean().item();
            done = Math.abs(trace[it] - previous) < tolerance;
            previous = trace[it];
            it++;
            if (!done && it < maxIterations) {
                m = maximise(x, scatter, logJoint.sub(logDensity).exp());
            }
        }
        return new Run(m, Arrays.copyOf(trace, it), it, done);
    }

    /** The M-step: the parameters that maximise the expected complete log-likelihood under the responsibilities. */
    private Mixture maximise(Tensor x, MixtureScatter scatter, Tensor r) {
        int n = x.shape(0);
        int d = x.shape(1);
        int k = components;
        float[] counts = r.sum(0, false).toArray();
        double[] nk = new double[k];
        float[] w = new float[k];
        float[] inverseCounts = new float[k];
        for (int c = 0; c < k; c++) {
            nk[c] = counts[c] + COUNT_FLOOR;
            w[c] = (float) (nk[c] / n);
            inverseCounts[c] = (float) (1 / nk[c]);
        }
        Tensor scale = Tensor.of(inverseCounts, k, 1);
        Tensor mk = r.t().matmul(x).mul(scale); // [K, d]
        float[] logNorm = new float[k];
        if (type == CovarianceType.FULL) {
            List<Tensor> covs = new ArrayList<>(k);
            List<Tensor> whitenings = new ArrayList<>(k);
            List<Tensor> shifts = new ArrayList<>(k);
            float[] rs = r.contiguous().toArray();
            float[] means = mk.toArray();
            for (int c = 0; c < k; c++) {
                Tensor mean = mk.slice(0, c, c + 1);
                float[] s = scatter.scatter(rs, k, c, Arrays.copyOfRange(means, c * d, (c + 1) * d));
                double[][] sigma = new double[d][d];
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        // symmetrised in double: the float product is symmetric only to rounding
                        sigma[i][j] = 0.5 * ((double) s[i * d + j] + s[j * d + i]) / nk[c] + (i == j ? regCovar : 0);
                    }
                }
                Cholesky chol = factor(sigma, c);
                Tensor u = matrix(chol.lowerInverse());
                covs.add(matrix(sigma).unsqueeze(0));
                whitenings.add(u);
                shifts.add(mean.matmul(u.t()).neg().reshape(d));
                logNorm[c] = (float) (Math.log(w[c]) - 0.5 * chol.logDeterminant() - 0.5 * d * LOG_2PI);
            }
            return new Mixture(Tensor.of(w, k), mk, Tensor.cat(covs, 0), Tensor.cat(whitenings, 0), null,
                    Tensor.cat(shifts, 0), Tensor.of(logNorm, k));
        }
        // E_r[y²] − μ², clamped at 0 against rounding, + ε
        Tensor variances = r.t().matmul(x.square()).mul(scale).sub(mk.square()).maximum(Tensor.scalar(0f))
                .add((float) regCovar);
        float[] v = variances.toArray();
        float[] diag = new float[k * d * d];
        for (int c = 0; c < k; c++) {
            double logDet = 0;
            for (int i = 0; i < d; i++) {
                float var = v[c * d + i];
                if (!(var > 0)) {
                    throw notPositive(c);
                }
                logDet += Math.log(var);
                diag[c * d * d + i * d + i] = var;
            }
            logNorm[c] = (float) (Math.log(w[c]) - 0.5 * logDet - 0.5 * d * LOG_2PI);
        }
        Tensor precisions = variances.pow(-1f);
        Tensor precisionMeans = mk.mul(precisions);
        return new Mixture(Tensor.of(w, k), mk, Tensor.of(diag, k, d, d), precisions, precisionMeans.mul(-2f),
                precisionMeans.mul(mk).sum(1, false), Tensor.of(logNorm, k));
    }

    private Cholesky factor(double[][] sigma, int component) {
        try {
            return Cholesky.of(sigma);
        } catch (IllegalArgumentException e) {
            throw notPositive(component);
        }
    }

    private IllegalArgumentException notPositive(int component) {
        return new IllegalArgumentException("GaussianMixture.fit: the covariance of component " + component
                + " is not positive definite (collapsed onto too few points); raise regCovar (now " + regCovar
                + ") or use fewer components");
    }

    private static Tensor matrix(double[][] a) {
        int n = a.length;
        float[] v = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                v[i * n + j] = (float) a[i][j];
            }
        }
        return Tensor.of(v, n, n);
    }

    /** {@link #logJoint(CovarianceType, Tensor, Mixture)} for full covariances, without autodiff (the EM loop). */
    private static Tensor fullLogJoint(Tensor y, Mixture m) {
        int k = m.logNormaliser.shape(0);
        Tensor projected = y.linear(m.quadratic, m.shift).contiguous();
        return MixtureScatter.groupedSquares(projected, k, y.shape(1)).mul(-0.5f).add(m.logNormaliser);
    }

    /** log π_k + log N(y; μ_k, Σ_k) for centred points y: [N, K]. */
    private static Tensor logJoint(CovarianceType type, Tensor y, Mixture m) {
        return logJoint(type, y, m.quadratic, m.linear, m.shift, m.logNormaliser);
    }

    private static Tensor logJoint(CovarianceType type, Tensor y, Tensor quadratic, Tensor linear, Tensor shift,
                                   Tensor logNormaliser) {
        Tensor mahalanobis;
        if (type == CovarianceType.FULL) {
            int n = y.shape(0);
            int k = logNormaliser.shape(0);
            mahalanobis = y.linear(quadratic, shift).square().reshape(n, k, y.shape(1)).sum(2, false);
        } else {
            mahalanobis = y.square().matmul(quadratic.t()).add(y.linear(linear, shift));
        }
        return mahalanobis.mul(-0.5f).add(logNormaliser);
    }

    /** log π_k + log N(y; μ_k, Σ_k) = −E(y, k) for every point and component: [N, K]. */
    public Tensor logJoint(Tensor data) {
        checkPoints("logJoint", data);
        return logJoint(type, data.sub(offset), quadratic, linear, shift, logNormaliser);
    }

    /** F(Y) = −log p(Y) = −log Σ_k π_k N(Y; μ_k, Σ_k) per row: [N]; differentiable in y. */
    @Override
    public Tensor freeEnergy(Tensor y) {
        return logJoint(y).logSumExp(1, false).neg();
    }

    /** The free energy −log p(Y) (the latent component is marginalised): [N]. */
    @Override
    public Tensor energy(Tensor x, Tensor y) {
        return freeEnergy(y);
    }

    /** The responsibilities p(Z = k | y): [N, K], rows summing to 1. */
    @Override
    public Tensor transform(Tensor data) {
        return logJoint(data).softmax(1);
    }

    /** The most probable component of each point: [N]. */
    public Indices predict(Tensor data) {
        return logJoint(data).argmax(1);
    }

    /** The mean log-likelihood (1/N) Σ_i log p(y_i). */
    public double score(Tensor data) {
        return -freeEnergy(data).mean().item();
    }

    /** K, the number of components. */
    public int components() {
        return components;
    }

    /** The covariance type. */
    public CovarianceType covarianceType() {
        return type;
    }

    /** π: [K]. */
    public Tensor weights() {
        requireFitted("weights");
        return weights;
    }

    /** μ_k as rows: [K, d]. */
    public Tensor means() {
        requireFitted("means");
        return means;
    }

    /** Σ_k: [K, d, d] (diagonal matrices for {@link CovarianceType#DIAGONAL}). */
    public Tensor covariances() {
        requireFitted("covariances");
        return covariances;
    }

    /** The mean log-likelihood of the training data after each M-step of the best run (a copy). */
    public double[] logLikelihoodHistory() {
        requireFitted("logLikelihoodHistory");
        return history.clone();
    }

    /** EM iterations (E-steps) of the best run. */
    public int iterations() {
        requireFitted("iterations");
        return iterations;
    }

    /** Whether the best run met the tolerance before {@code maxIterations}. */
    public boolean converged() {
        requireFitted("converged");
        return converged;
    }
}

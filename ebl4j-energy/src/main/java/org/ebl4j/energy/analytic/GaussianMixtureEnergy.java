package org.ebl4j.energy.analytic;

import java.util.ArrayList;
import java.util.List;

import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Tensor;

/**
 * The energy of a mixture of Gaussians over Y ∈ ℝᵈ, E(Y) = −log Σ_k π_k N(Y; μ_k, Σ_k), with no input (X is
 * ignored and may be null), computed as −logSumExp_k [log π_k − ½ d log 2π − ½ log|Σ_k| − ½ |U_k(Y − μ_k)|²]
 * (U_k the whitening matrix of Σ_k, Σ_k⁻¹ = U_kᵀU_k) so it stays finite far from every component; differentiable
 * in Y. At β = 1 the Gibbs distribution exp(−E) is the (normalised) mixture itself, with mean m = Σ_k π_k μ_k and
 * covariance Σ_k π_k (Σ_k + μ_k μ_kᵀ) − m mᵀ: a multimodal density with known statistics, to test samplers against
 * (LeCun et al., "A Tutorial on Energy-Based Learning", 2006, §1.3).
 */
public final class GaussianMixtureEnergy extends Energy {
    private final double[] weights;
    private final double[][] means;
    private final Covariance[] covariances;
    private final Tensor whitening;
    private final Tensor whitenedShift;
    private final Tensor componentSum;
    private final Tensor logNormalizer;

    /** Weights π ([K], positive, summing to 1), means μ_k ([K][d]) and covariances Σ_k ([K][d][d]). */
    public GaussianMixtureEnergy(float[] weights, float[][] means, float[][][] covariances) {
        String who = "GaussianMixtureEnergy";
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException(who + ": needs at least one component");
        }
        int k = weights.length;
        if (means == null || means.length != k || covariances == null || covariances.length != k) {
            throw new IllegalArgumentException(who + ": " + k + " weights need " + k + " means and " + k
                    + " covariances");
        }
        if (means[0] == null || means[0].length == 0) {
            throw new IllegalArgumentException(who + ": means must have at least one coordinate");
        }
        int d = means[0].length;
        this.weights = new double[k];
        this.means = new double[k][d];
        this.covariances = new Covariance[k];
        double total = 0;
        List<Tensor> maps = new ArrayList<>();
        List<Tensor> shifts = new ArrayList<>();
        float[] sum = new float[k * k * d];
        float[] logNorm = new float[k];
        for (int c = 0; c < k; c++) {
            if (!(weights[c] > 0) || Float.isInfinite(weights[c])) {
                throw new IllegalArgumentException(who + ": weight " + c + " must be > 0 and finite, got "
                        + weights[c]);
            }
            if (means[c] == null || means[c].length != d) {
                throw new IllegalArgumentException(who + ": mean " + c + " must have " + d + " coordinates");
            }
            for (int i = 0; i < d; i++) {
                if (!Float.isFinite(means[c][i])) {
                    throw new IllegalArgumentException(who + ": mean " + c + " coordinate " + i + " is "
                            + means[c][i]);
                }
                this.means[c][i] = means[c][i];
                sum[c * k * d + c * d + i] = -0.5f;
            }
            this.weights[c] = weights[c];
            total += weights[c];
            this.covariances[c] = new Covariance(who + " component " + c, covariances[c], d);
            maps.add(this.covariances[c].whiteningWeight());
            shifts.add(this.covariances[c].whiteningBias(this.means[c]));
            logNorm[c] = (float) (Math.log(weights[c]) - 0.5 * d * Math.log(2 * Math.PI)
                    - 0.5 * this.covariances[c].logDet());
        }
        if (Math.abs(total - 1) > 1e-4) {
            throw new IllegalArgumentException(who + ": weights must sum to 1, got " + total);
        }
        this.whitening = buffer("whitening", Tensor.cat(maps, 0));
        this.whitenedShift = buffer("whitened_shift", Tensor.cat(shifts, 0));
        this.componentSum = buffer("component_sum", Tensor.of(sum, k, k * d));
        this.logNormalizer = buffer("log_normalizer", Tensor.of(logNorm, k, 1));
    }

    /** K, the number of components. */
    public int components() {
        return weights.length;
    }

    /** d, the dimension of Y. */
    public int dimension() {
        return means[0].length;
    }

    /** The mixture's mean Σ_k π_k μ_k (Gibbs distribution at β = 1). */
    public double[] mean() {
        int d = dimension();
        double[] m = new double[d];
        for (int c = 0; c < weights.length; c++) {
            for (int i = 0; i < d; i++) {
                m[i] += weights[c] * means[c][i];
            }
        }
        return m;
    }

    /** The mixture's covariance Σ_k π_k (Σ_k + μ_k μ_kᵀ) − m mᵀ (Gibbs distribution at β = 1). */
    public double[][] covariance() {
        int d = dimension();
        double[] m = mean();
        double[][] s = new double[d][d];
        for (int c = 0; c < weights.length; c++) {
            double[][] sc = covariances[c].matrix();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    s[i][j] += weights[c] * (sc[i][j] + means[c][i] * means[c][j]);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                s[i][j] -= m[i] * m[j];
            }
        }
        return s;
    }

    @Override
    public Tensor energy(Tensor x, Tensor y) {
        GaussianEnergy.checkPoints("GaussianMixtureEnergy", y, dimension());
        // column k·d + i of the whitened points is coordinate i of U_k(y − μ_k): [B, K·d]
        Tensor whitened = y.linear(whitening, whitenedShift);
        // componentSum [K, K·d] adds up −½ × the d squared coordinates of each component: log-densities [K, B]
        Tensor logComponents = componentSum.matmul(whitened.square().t()).add(logNormalizer);
        return logComponents.logSumExp(0, false).neg();
    }
}

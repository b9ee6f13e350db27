package org.ebl4j.unsupervised.rbm;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * The Gaussian-binary restricted Boltzmann machine for real-valued data, in the parametrisation of Cho, Ilin &amp;
 * Raiko ("Improved learning of Gaussian-Bernoulli restricted Boltzmann machines", ICANN 2011), with visible
 * variances σ_i² = e^(z_i):
 *
 * <pre>
 *   E(v, h) = Σ_i (v_i − a_i)² / (2σ_i²) − bᵀh − Σ_ij (v_i / σ_i²) W_ij h_j
 *   F(v)    = Σ_i (v_i − a_i)² / (2σ_i²) − Σ_j softplus(b_j + Σ_i (v_i / σ_i²) W_ij)
 *   p(h_j = 1 | v) = σ(b_j + Σ_i (v_i / σ_i²) W_ij),   p(v_i | h) = N(a_i + (Wh)_i, σ_i²)
 *   ∂F/∂a_i = −(v_i − a_i) / σ_i²,   ∂F/∂z_i = −[(v_i − a_i)² / 2 − v_i (W p(h | v))_i] / σ_i²
 * </pre>
 *
 * With unit variances (σ = 1, the usual choice for standardised data; Hinton's guide §13.2) z is a fixed zero
 * buffer; with learned variances it is a fourth parameter, "log_variance" [D].
 */
public final class GaussianBinaryRbm extends RestrictedBoltzmannMachine {
    private final Tensor logVariance;
    private final boolean learnVariance;

    /**
     * A D-visible, H-hidden Gaussian-binary RBM, W ~ N(0, 0.01²) from {@code rng}, zero biases, unit variances;
     * {@code learnVariance} makes z = log σ² a trained parameter (else σ = 1 throughout).
     */
    public GaussianBinaryRbm(int visible, int hidden, boolean learnVariance, Rng rng) {
        super("GaussianBinaryRbm", visible, hidden, rng);
        this.learnVariance = learnVariance;
        this.logVariance = learnVariance ? parameter("log_variance", Tensor.zeros(visible))
                : buffer("log_variance", Tensor.zeros(visible));
    }

    /** z = log σ² [D] (a parameter when the variances are learned, else a zero buffer). */
    public Tensor logVariance() {
        return logVariance;
    }

    public boolean learnsVariance() {
        return learnVariance;
    }

    /** σ_i per visible unit. */
    public float[] standardDeviations() {
        float[] z = logVariance.toArray();
        float[] s = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            s[i] = (float) Math.exp(0.5 * z[i]);
        }
        return s;
    }

    /** 1 / σ² [D]. */
    private Tensor precision() {
        return logVariance.neg().exp();
    }

    @Override
    Tensor visibleEnergy(Tensor v) {
        return v.sub(visibleBias()).square().mul(precision()).sum(1, false).mul(0.5f);
    }

    @Override
    Tensor scaledVisible(Tensor v) {
        return v.mul(precision());
    }

    @Override
    Tensor visibleMeanOf(Tensor input) {
        return input;
    }

    @Override
    Tensor sampleFromInput(Tensor input, Rng rng) {
        return Units.gaussian(input, standardDeviations(), rng);
    }

    @Override
    void addVisibleGradient(Tensor v, Tensor p, float scale, Tensor[] grads, boolean overwrite) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor precision = precision();
            Tensor centred = v.sub(visibleBias());
            Units.addTo(grads[1], Units.columnSums(centred.mul(precision)), -scale, overwrite);
            if (learnVariance) {
                Tensor reconstruction = p.matmul(weight().t());
                Tensor dz = centred.square().mul(0.5f).sub(v.mul(reconstruction)).mul(precision);
                Units.addTo(grads[3], Units.columnSums(dz), -scale, overwrite);
            }
        }
    }
}

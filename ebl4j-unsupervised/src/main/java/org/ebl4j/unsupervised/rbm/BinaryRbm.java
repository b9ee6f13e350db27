package org.ebl4j.unsupervised.rbm;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * The binary-binary restricted Boltzmann machine (Hinton 2002; sklearn's BernoulliRBM):
 *
 * <pre>
 *   E(v, h) = −aᵀv − bᵀh − vᵀWh,   v ∈ {0, 1}^D, h ∈ {0, 1}^H
 *   F(v)    = −aᵀv − Σ_j softplus(b_j + (vᵀW)_j)
 *   p(h_j = 1 | v) = σ(b_j + (vᵀW)_j),   p(v_i = 1 | h) = σ(a_i + (Wh)_i)
 *   ∂F/∂W = −v p(h | v)ᵀ,   ∂F/∂a = −v,   ∂F/∂b = −p(h | v)
 * </pre>
 *
 * Its partition function is exact for small models ({@link ExactLikelihood}) and estimated by
 * {@link AnnealedImportanceSampling} for large ones.
 */
public final class BinaryRbm extends RestrictedBoltzmannMachine {
    /** A D-visible, H-hidden RBM with W ~ N(0, 0.01²) drawn from {@code rng} and zero biases. */
    public BinaryRbm(int visible, int hidden, Rng rng) {
        super("BinaryRbm", visible, hidden, rng);
    }

    /**
     * The log-odds log(p_i / (1 − p_i)) of each visible unit being on in {@code data} [N, D], with p_i smoothed to
     * (Σ_n v_ni + 0.05 N) / (1.1 N) so that it stays in [1/22, 21/22] (Salakhutdinov &amp; Murray's AIS code adds
     * such pseudo-counts). This is the visible bias of the "base-rate" model — the best factorial model of the
     * data — used to start training ({@link #matchVisibleBias}) and annealed importance sampling.
     */
    public static float[] baseRate(Tensor data) {
        if (data == null || data.dim() != 2 || data.shape(0) < 1) {
            throw new IllegalArgumentException("BinaryRbm.baseRate: data must be [N, D] with N >= 1, got "
                    + (data == null ? "null" : java.util.Arrays.toString(data.shape())));
        }
        int n = data.shape(0);
        double[] on = Units.columnSums(data.contiguous());
        float[] logOdds = new float[on.length];
        for (int i = 0; i < on.length; i++) {
            double p = (on[i] + 0.05 * n) / (1.1 * n);
            logOdds[i] = (float) Math.log(p / (1 - p));
        }
        return logOdds;
    }

    /** Sets the visible biases to the data's {@link #baseRate} (Hinton's guide, §8); returns this. */
    public BinaryRbm matchVisibleBias(Tensor data) {
        checkVisible("matchVisibleBias", data);
        visibleBias().copyFrom(Tensor.of(baseRate(data), visible()));
        return this;
    }

    @Override
    Tensor visibleEnergy(Tensor v) {
        return v.matmul(visibleBias()).neg();
    }

    @Override
    Tensor scaledVisible(Tensor v) {
        return v;
    }

    @Override
    Tensor visibleMeanOf(Tensor input) {
        return Units.sigmoid(input);
    }

    @Override
    Tensor sampleFromInput(Tensor input, Rng rng) {
        return Units.sigmoidBernoulli(input, rng);
    }

    @Override
    void addVisibleGradient(Tensor v, Tensor p, float scale, Tensor[] grads, boolean overwrite) {
        Units.addTo(grads[1], Units.columnSums(v.contiguous()), -scale, overwrite);
    }
}

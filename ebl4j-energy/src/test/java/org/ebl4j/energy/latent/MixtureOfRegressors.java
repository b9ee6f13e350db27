package org.ebl4j.energy.latent;

import org.ebl4j.nn.Linear;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * A latent energy for the tests: K linear regressors, the latent Z picks the one that explains Y,
 * E(W, Z, Y, X) = ½ |Y − (W_Z X + b_Z)|²; X [B, n], Y [B, m].
 */
final class MixtureOfRegressors extends LatentEnergy {
    private final int k;
    private final int m;
    private final Linear regressors;

    MixtureOfRegressors(int n, int m, int k, Rng rng) {
        this.k = k;
        this.m = m;
        this.regressors = child("regressors", new Linear(n, k * m, rng));
    }

    Linear regressors() {
        return regressors;
    }

    @Override
    public int latents() {
        return k;
    }

    @Override
    public Tensor energies(Tensor x, Tensor y) {
        int b = x.shape(0);
        Tensor predictions = regressors.forward(x).reshape(b, k, m);
        return y.unsqueeze(1).sub(predictions).square().sum(2, false).mul(0.5f);
    }
}

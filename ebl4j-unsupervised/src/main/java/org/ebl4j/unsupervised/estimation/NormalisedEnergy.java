package org.ebl4j.unsupervised.estimation;

import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Tensor;

/**
 * An energy with a learned log-normaliser c: E_c(W, c, Y, X) = E(W, Y, X) − c, so that its Gibbs density
 * exp(−E_c) = exp(−E + c) is normalised exactly when c = −log Z(W). This is the "normalization parameter" of
 * noise-contrastive estimation (Gutmann &amp; Hyvärinen 2010, §2.1: log p_m = log p⁰_m(·; α) + c), which learns c
 * together with W because its objective, unlike maximum likelihood, is not blind to the energy's offset. The wrapped
 * energy is a child module, so {@link #parameters()} holds W and c.
 */
public final class NormalisedEnergy extends Energy {
    private final Energy energy;
    private final Tensor logNormaliser;

    /** E − c with c starting at 0. */
    public NormalisedEnergy(Energy energy) {
        if (energy == null) {
            throw new IllegalArgumentException("NormalisedEnergy: the energy is null");
        }
        this.energy = child("energy", energy);
        this.logNormaliser = parameter("log_normaliser", Tensor.zeros(1));
    }

    /** The wrapped energy E(W, Y, X). */
    public Energy energy() {
        return energy;
    }

    /** c, the current estimate of −log Z(W). */
    public float logNormaliser() {
        return logNormaliser.item();
    }

    @Override
    public Tensor energy(Tensor x, Tensor y) {
        return energy.energy(x, y).sub(logNormaliser);
    }
}

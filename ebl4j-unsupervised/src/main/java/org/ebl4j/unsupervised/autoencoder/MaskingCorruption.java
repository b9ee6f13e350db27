package org.ebl4j.unsupervised.autoencoder;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Masking noise (Vincent, Larochelle, Bengio &amp; Manzagol 2008): each element of Y is independently set to 0 with
 * probability p and kept otherwise, so the auto-encoder must fill in the missing values from the others.
 */
public final class MaskingCorruption implements Corruption {
    private final float p;

    /** p, the fraction of elements destroyed, in [0, 1). */
    public MaskingCorruption(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("MaskingCorruption: p must be in [0, 1), got " + p);
        }
        this.p = (float) p;
    }

    public float p() {
        return p;
    }

    @Override
    public Tensor corrupt(Tensor y, Rng rng) {
        return y.detach().mul(rng.bernoulli(1 - p, y.shape()));
    }

    @Override
    public String toString() {
        return "MaskingCorruption(p=" + p + ")";
    }
}

package org.ebl4j.unsupervised.autoencoder;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/** Additive isotropic Gaussian noise, Ỹ = Y + σ ε with ε ~ N(0, I) (Vincent et al. 2010, §4.2). */
public final class GaussianCorruption implements Corruption {
    private final float sigma;

    /** σ &gt; 0, finite. */
    public GaussianCorruption(double sigma) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("GaussianCorruption: sigma must be a finite number > 0, got " + sigma);
        }
        this.sigma = (float) sigma;
    }

    public float sigma() {
        return sigma;
    }

    @Override
    public Tensor corrupt(Tensor y, Rng rng) {
        return y.detach().add(rng.normal(0f, sigma, y.shape()));
    }

    @Override
    public String toString() {
        return "GaussianCorruption(sigma=" + sigma + ")";
    }
}

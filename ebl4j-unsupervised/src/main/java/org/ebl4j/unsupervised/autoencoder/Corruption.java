package org.ebl4j.unsupervised.autoencoder;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * The corruption process q(Ỹ|Y) of a denoising auto-encoder (Vincent, Larochelle, Bengio &amp; Manzagol 2008):
 * {@link GaussianCorruption} or {@link MaskingCorruption}.
 */
public interface Corruption {
    /** A corrupted copy Ỹ of {@code y} (same shape, no autodiff graph), drawn with {@code rng}. */
    Tensor corrupt(Tensor y, Rng rng);
}

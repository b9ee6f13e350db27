package org.ebl4j.unsupervised.estimation;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * A normalised density p_n(Y) that can be sampled: the noise that {@link NoiseContrastiveEstimation} teaches an
 * energy to tell the data from (Gutmann &amp; Hyvärinen 2010, "Noise-contrastive estimation: a new estimation
 * principle for unnormalized statistical models"). Its parameters, if any, are not trained by the estimator.
 */
public interface NoiseDistribution {
    /** {@code n} independent draws, [n, ...] (one row per draw, the shape of a data row). */
    Tensor sample(int n, Rng rng);

    /** log p_n(Y) of each row of {@code y}: [N]. */
    Tensor logDensity(Tensor y);
}

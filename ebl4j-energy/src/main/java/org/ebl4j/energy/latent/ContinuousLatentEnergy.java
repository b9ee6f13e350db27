package org.ebl4j.energy.latent;

import org.ebl4j.energy.Domain;
import org.ebl4j.nn.Module;
import org.ebl4j.tensor.Tensor;

/**
 * An energy E(W, Z, Y, X) with a continuous latent variable Z ∈ {@link #latentDomain()} (LeCun et al. 2006, §5):
 * the pose of a face (Osadchy, Miller &amp; LeCun 2004), the code of a sparse coder, a deformation. Z is removed by
 * minimisation, E(W, Y, X) = min_Z E(W, Z, Y, X) ({@link MinOverContinuousLatent}); {@link LatentEnergy} is the
 * finite-Z counterpart, which can also be marginalised exactly.
 */
public abstract class ContinuousLatentEnergy extends Module {
    /** E(W, Z, Y, X) per sample: x [B, ...] (may be null), z [B, latent shape...], y [B, ...] → [B]. */
    public abstract Tensor energy(Tensor x, Tensor z, Tensor y);

    /** Where Z lives: its shape per sample and an optional box. */
    public abstract Domain latentDomain();
}

package org.ebl4j.energy.latent;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.DiscreteEnergy;
import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Tensor;

/**
 * Minimisation over a latent variable: E(W, Y, X) = min_Z E(W, Z, Y, X) (LeCun et al., "A Tutorial on
 * Energy-Based Learning", 2006, §5, where Y* = argmin_{Y, Z} E(W, Z, Y, X)): "we will search for the value of
 * the latent variable that allows us to get an answer (Y) of smallest energy" (slides). The gradient with respect
 * to W and Y is that of E at the minimising Z* (the first one on ties), as learning with latent variables needs.
 */
public final class MinOverLatent extends Energy {
    private final LatentEnergy latent;

    public MinOverLatent(LatentEnergy latent) {
        if (latent == null) {
            throw new IllegalArgumentException("MinOverLatent: latent energy is null");
        }
        this.latent = child("latent", latent);
    }

    public LatentEnergy latent() {
        return latent;
    }

    @Override
    public Tensor energy(Tensor x, Tensor y) {
        return latent.checkedEnergies(x, y).min(1, false);
    }

    /** Z* = argmin_Z E(W, Z, Y, X) per sample, as float indices [B] (no graph recorded). */
    public Tensor minimizingLatent(Tensor x, Tensor y) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return DiscreteEnergy.argmin(latent.checkedEnergies(x, y));
        }
    }
}

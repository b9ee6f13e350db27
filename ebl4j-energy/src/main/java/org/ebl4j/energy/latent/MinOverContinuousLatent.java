package org.ebl4j.energy.latent;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.Rows;
import org.ebl4j.energy.inference.GradientDescent;
import org.ebl4j.tensor.Tensor;

/**
 * Minimisation over a continuous latent variable, E(W, Y, X) = min_Z E(W, Z, Y, X) (LeCun et al. 2006, §5), with
 * Z* found by projected gradient descent ({@link GradientDescent}: its restarts, steps and step control; starts
 * drawn from the latent domain).
 *
 * <p>Gradients: at a minimum ∂E/∂Z = 0, so d/dW E(W, Z*(W), Y, X) = ∂E/∂W at Z* (the envelope theorem); the energy is
 * therefore E evaluated at the detached Z*, differentiable in W, Y and X. With a box on Z this holds where Z* is
 * interior or the box is inactive; descent that stopped short of the minimum gives the gradient at the Z* reached.
 */
public final class MinOverContinuousLatent extends Energy {
    private final ContinuousLatentEnergy latent;
    private final GradientDescent search;

    /** {@code search} must be built over {@code latent.latentDomain()}. */
    public MinOverContinuousLatent(ContinuousLatentEnergy latent, GradientDescent search) {
        if (latent == null || search == null) {
            throw new IllegalArgumentException("MinOverContinuousLatent: latent energy and search must not be null");
        }
        if (!latent.latentDomain().equals(search.domain())) {
            throw new IllegalArgumentException("MinOverContinuousLatent: the search runs over " + search.domain()
                    + " but the latent variable lives in " + latent.latentDomain());
        }
        this.latent = child("latent", latent);
        this.search = search;
    }

    public ContinuousLatentEnergy latent() {
        return latent;
    }

    @Override
    public Tensor energy(Tensor x, Tensor y) {
        return latent.energy(x, minimizingLatent(x, y), y);
    }

    /** Z* = argmin_Z E(W, Z, Y, X) per sample, [B, latent shape...], detached. */
    public Tensor minimizingLatent(Tensor x, Tensor y) {
        int batch = y.shape(0);
        int n = search.restarts();
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            var rows = Rows.repeat(batch, n);
            Tensor xr = x == null ? null : x.detach().indexSelect(rows);
            Tensor yr = y.detach().indexSelect(rows);
            // Z is the variable the descent moves; X and Y (repeated per restart) are fixed
            Energy overZ = new Energy() {
                @Override
                public Tensor energy(Tensor ignored, Tensor z) {
                    return latent.energy(xr, z, yr);
                }
            };
            return search.bestOf(overZ, null, search.randomStarts(batch * n), n, latent.latentDomain()::project)
                    .y().detach();
        }
    }
}

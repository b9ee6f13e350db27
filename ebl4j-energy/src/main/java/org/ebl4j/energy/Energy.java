package org.ebl4j.energy;

import java.util.List;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.nn.Module;
import org.ebl4j.tensor.Tensor;

/**
 * An energy E(W, Y, X): a scalar per sample that is low when the answer Y is compatible with the input X and high
 * otherwise (LeCun et al., "A Tutorial on Energy-Based Learning", 2006, §1). W is this module's parameters.
 *
 * <p>Sign convention, stated once for the whole library: the Gibbs distribution of an energy is
 * p(Y|X) = exp(−βE(W,Y,X)) / ∫ exp(−βE(W,y,X)) dy, so low energy = good.
 *
 * <p>Batched: {@code x} is [B, ...] and {@code y} is [B, ...] (row b of each is one sample), the result is [B].
 * An energy with no input (a density over Y alone, e.g. a mixture of Gaussians to sample from) accepts
 * {@code x == null}. Energies compose by summing terms ({@link SumEnergy}); every energy built from
 * differentiable tensor ops exposes dE/dY through {@link #gradientY}.
 */
public abstract class Energy extends Module {
    /** E(W, Y, X) for each of the B samples: a [B] tensor. */
    public abstract Tensor energy(Tensor x, Tensor y);

    /**
     * ∂E/∂Y at {@code y} (same shape as {@code y}), computed by reverse-mode autodiff; gradients do not flow into
     * W. Used by gradient-descent inference and the Langevin / HMC samplers.
     */
    public Tensor gradientY(Tensor x, Tensor y) {
        return energyAndGradientY(x, y).gradient();
    }

    /** E(W, Y, X) ([B]) and ∂E/∂Y from one forward and one backward pass, both detached. */
    public EnergyGradient energyAndGradientY(Tensor x, Tensor y) {
        try (Autodiff.Scope s = Autodiff.enableGrad()) {
            Tensor yy = y.detach().requiresGrad(true);
            Tensor e = energy(x, yy);
            Tensor g = Autodiff.grad(List.of(e), List.of(Tensor.onesLike(e)), List.of(yy), false)[0];
            return new EnergyGradient(e.detach(), g.detach());
        }
    }

    /** An energy per sample ([B]) and its gradient with respect to the answer (the answer's shape). */
    public record EnergyGradient(Tensor energy, Tensor gradient) {
    }
}

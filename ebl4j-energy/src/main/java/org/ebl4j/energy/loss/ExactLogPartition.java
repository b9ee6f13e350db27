package org.ebl4j.energy.loss;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.DiscreteEnergy;
import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Tensor;

/**
 * The exact log-partition over a finite answer set: F_β(W, X) = −(1/β) log Σ_{k=0}^{K−1} exp(−βE(W, k, X)), from
 * the K energies of a {@link DiscreteEnergy} (LeCun et al. 2006, §2.2.4).
 *
 * <p>Computed as F = m − (1/β) log Σ_k exp(−β(E_k − m)) with m = min_k E_k held constant: the shifted exponents
 * are ≤ 0 (no overflow), the largest is exactly 0 (no underflow of the sum), and β multiplies energy differences
 * rather than raw energies, so a large β (10³ and beyond) loses no precision; the sum runs in double. The gradient
 * is the Gibbs distribution, ∂F/∂E_k = exp(−βE_k)/Σ_j exp(−βE_j), which tends to the indicator of the argmin as β
 * → ∞ (and F → min_k E_k).
 */
public final class ExactLogPartition implements LogPartition {
    @Override
    public Estimate freeEnergy(Energy energy, Tensor x, Tensor y, float beta) {
        if (!(energy instanceof DiscreteEnergy d)) {
            throw new IllegalArgumentException("ExactLogPartition: needs a DiscreteEnergy (a finite answer set), got "
                    + energy.getClass().getSimpleName() + "; use QuadratureLogPartition or SampledLogPartition for "
                    + "a continuous Y");
        }
        return new Estimate(softMin(d.energies(x), beta), null);
    }

    /**
     * −(1/β) log Σ_c exp(−β E[b, c]) for each row b of {@code energies} ([B, C] → [B]), computed stably as
     * described in the class comment.
     */
    public static Tensor softMin(Tensor energies, float beta) {
        HyperParameters.positive("ExactLogPartition", "beta", beta);
        if (energies.dim() != 2) {
            throw new IllegalArgumentException("ExactLogPartition: energies must have shape [B, C], got rank "
                    + energies.dim());
        }
        Tensor lowest;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            lowest = energies.min(1, true);
        }
        return energies.sub(lowest).mul(-beta).logSumExp(1, false).div(-beta).add(lowest.squeeze(1));
    }
}

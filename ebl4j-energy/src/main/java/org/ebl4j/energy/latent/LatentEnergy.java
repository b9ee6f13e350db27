package org.ebl4j.energy.latent;

import org.ebl4j.nn.Module;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * An energy E(W, Z, Y, X) with a latent variable Z "whose value is never given to us" (LeCun et al., "A Tutorial
 * on Energy-Based Learning", 2006, §5; slides "Latent Variable Models"), here over a finite latent set
 * Z ∈ {0, ..., |Z|−1}: a segmentation, a pose, a mixture component. All |Z| energies of a sample come out of one
 * call. Z is removed either by minimisation, E(W, Y, X) = min_Z E(W, Z, Y, X) ({@link MinOverLatent}), or by
 * marginalisation, the free energy F_β(W, Y, X) = −(1/β) log Σ_Z exp(−βE(W, Z, Y, X)) ({@link FreeEnergy}). For a
 * continuous Z see {@link ContinuousLatentEnergy}.
 */
public abstract class LatentEnergy extends Module {
    /** |Z|, the number of latent values. */
    public abstract int latents();

    /** E(W, Z, Y, X) for every latent value Z: a [B, |Z|] tensor, differentiable in W and Y. */
    public abstract Tensor energies(Tensor x, Tensor y);

    /** {@link #energies}, checked to be [B, |Z|] with B the number of answers in {@code y}. */
    final Tensor checkedEnergies(Tensor x, Tensor y) {
        Tensor e = energies(x, y);
        int z = latents();
        if (e.dim() != 2 || e.shape(1) != z || (y != null && y.dim() > 0 && e.shape(0) != y.shape(0))) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".energies gave shape "
                    + Shape.str(e.shape()) + ", expected [B, " + z + "]"
                    + (y != null && y.dim() > 0 ? " with B = " + y.shape(0) : ""));
        }
        return e;
    }
}

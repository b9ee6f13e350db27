package org.ebl4j.energy.latent;

import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Tensor;

/**
 * Marginalisation over a latent variable: the free energy
 *
 * <pre>F_β(W, Y, X) = −(1/β) log Σ_Z exp(−βE(W, Z, Y, X))</pre>
 *
 * (LeCun et al., "A Tutorial on Energy-Based Learning", 2006, §5; slides "Probabilistic Latent Variable
 * Models"), computed with a max-shifted log-sum-exp so it stays finite for any β and any energy range. Its Gibbs
 * distribution exp(−βF_β) is the marginal Σ_Z exp(−βE) of the joint one. It lies in
 * [min_Z E − (1/β) log|Z|, min_Z E], so it reduces to minimisation when β → ∞ ({@link MinOverLatent}); its
 * gradient is the posterior-weighted average Σ_Z P(Z|Y, X) ∂E/∂·, with P(Z|Y, X) = softmax_Z(−βE).
 */
public final class FreeEnergy extends Energy {
    private final LatentEnergy latent;
    private final double beta;

    /** Marginalises {@code latent} at inverse temperature β > 0 (finite). */
    public FreeEnergy(LatentEnergy latent, double beta) {
        if (latent == null) {
            throw new IllegalArgumentException("FreeEnergy: latent energy is null");
        }
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("FreeEnergy: beta must be > 0 and finite (use MinOverLatent for "
                    + "beta = infinity), got " + beta);
        }
        this.latent = child("latent", latent);
        this.beta = beta;
    }

    public LatentEnergy latent() {
        return latent;
    }

    public double beta() {
        return beta;
    }

    @Override
    public Tensor energy(Tensor x, Tensor y) {
        return latent.checkedEnergies(x, y).mul((float) -beta).logSumExp(1, false).mul((float) (-1 / beta));
    }
}

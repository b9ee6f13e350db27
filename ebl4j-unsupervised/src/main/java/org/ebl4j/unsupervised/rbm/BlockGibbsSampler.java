package org.ebl4j.unsupervised.rbm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.sampling.SampleResult;
import org.ebl4j.energy.sampling.Sampler;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Block Gibbs sampling of an RBM (Hinton 2002): each transition draws all hidden units at once from p(h | v) and
 * then all visible units from p(v | h), which leaves the joint p(v, h) ∝ exp(−E(v, h)) — and so the marginal
 * p(v) ∝ exp(−F(v)) — invariant; no step size, no rejection. As a {@link Sampler} it samples the Gibbs
 * distribution of the RBM's energy F at β = 1 (the tempered marginal exp(−βF) has no such block conditionals),
 * one chain per row of {@code yInit}; the input x is ignored. Diagnostics: none (every move is accepted).
 */
public final class BlockGibbsSampler implements Sampler {
    private final Rng rng;
    private final int thin;

    /** A sampler drawing from {@code rng}, keeping no trace. */
    public BlockGibbsSampler(Rng rng) {
        this(rng, 0);
    }

    private BlockGibbsSampler(Rng rng, int thin) {
        if (rng == null) {
            throw new IllegalArgumentException("BlockGibbsSampler: rng must not be null");
        }
        if (thin < 0) {
            throw new IllegalArgumentException("BlockGibbsSampler: trace thinning must be >= 0 (0 = no trace), got "
                    + thin);
        }
        this.rng = rng;
        this.thin = thin;
    }

    /** A copy that keeps every {@code thin}-th visible state in {@link SampleResult#trace()} (0 = no trace). */
    public BlockGibbsSampler trace(int thin) {
        return new BlockGibbsSampler(rng, thin);
    }

    @Override
    public SampleResult sample(Energy energy, Tensor x, Tensor yInit, int steps) {
        if (!(energy instanceof RestrictedBoltzmannMachine rbm)) {
            throw new IllegalArgumentException("BlockGibbsSampler: needs a RestrictedBoltzmannMachine, got "
                    + (energy == null ? "null" : energy.getClass().getSimpleName()));
        }
        if (steps < 0) {
            throw new IllegalArgumentException("BlockGibbsSampler: steps must be >= 0, got " + steps);
        }
        rbm.checkVisible("sample", yInit);
        List<Tensor> kept = new ArrayList<>();
        Tensor y = yInit;
        for (int t = 1; t <= steps; t++) {
            y = rbm.gibbs(y, 1, rng);
            if (thin > 0 && t % thin == 0) {
                kept.add(y);
            }
        }
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return new SampleResult(y, rbm.freeEnergy(y), kept.isEmpty() ? null : Tensor.stack(kept, 0), Map.of());
        }
    }
}

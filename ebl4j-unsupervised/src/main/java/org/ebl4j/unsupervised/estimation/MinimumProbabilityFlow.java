package org.ebl4j.unsupervised.estimation;

import org.ebl4j.energy.Energy;
import org.ebl4j.energy.loss.EnergyMetrics;
import org.ebl4j.energy.loss.Loss;
import org.ebl4j.energy.loss.LossOutput;
import org.ebl4j.tensor.Tensor;

/**
 * Minimum probability flow with single-bit-flip connectivity (Sohl-Dickstein, Battaglino &amp; DeWeese 2011,
 * "Minimum probability flow learning", eq. 17): the initial rate at which probability flows out of the data
 * under dynamics that would converge to p_W,
 * <pre>
 *   K = (1/B) Σ_i Σ_j exp(½ (E(W, Y^i) − E(W, Ȳ^{ij}))),
 * </pre>
 * Ȳ^{ij} being Y^i with bit j flipped (the constant ε of the paper is dropped). The partition function never
 * appears, so it applies to any energy over {0, 1}^D; each data point's neighbours are pushed up while it is pushed
 * down (strategy 3 of LeCun's lecture "Energy-Based Unsupervised Learning"). Neighbours that are themselves data
 * points are kept, as in the paper's reference code: the objective stays consistent, since with p_data ∝ exp(−E)
 * the weight p(Y) exp(½(E(Y) − E(Ȳ))) is symmetric in (Y, Ȳ) and the expected gradient cancels pairwise.
 *
 * <p>{@link LossOutput#contrastive()} holds the neighbours, [B, D, row shape...]; metrics "energy_correct" and
 * "energy_contrastive" are the mean energies of the data and of the neighbours.
 */
public final class MinimumProbabilityFlow implements Loss {
    @Override
    public LossOutput compute(Energy energy, Tensor x, Tensor y) {
        BitFlips flips = BitFlips.of("MinimumProbabilityFlow", energy, x, y);
        Tensor loss = flips.gaps().mul(0.5f).exp().sum(1, false).mean();
        return new LossOutput(loss, flips.neighbours(), EnergyMetrics.of(flips.energy(), flips.neighbourEnergy()));
    }

    @Override
    public String name() {
        return "mpf";
    }
}

package org.ebl4j.unsupervised.estimation;

import org.ebl4j.energy.Energy;
import org.ebl4j.energy.loss.EnergyMetrics;
import org.ebl4j.energy.loss.Loss;
import org.ebl4j.energy.loss.LossOutput;
import org.ebl4j.tensor.Tensor;

/**
 * Ratio matching for binary data (Hyvärinen 2007, "Some extensions of score matching", §3): with Ȳ^{ij} the state
 * Y^i with bit j flipped and g(u) = 1/(1 + u),
 * <pre>
 *   L = (1/B) Σ_i Σ_j g(p(Y^i)/p(Ȳ^{ij}))² = (1/B) Σ_i Σ_j σ(E(W, Y^i) − E(W, Ȳ^{ij}))²,
 * </pre>
 * since p(Y)/p(Ȳ) = exp(E(Ȳ) − E(Y)): the partition function cancels, so it applies to any energy over {0, 1}^D.
 * It is the discrete analogue of score matching, and a "push down on the data, push up on chosen points" estimator
 * (strategy 3 of LeCun's lecture "Energy-Based Unsupervised Learning"): the chosen points are the D neighbours of
 * each data point, pushed up until they are less likely than it. Consistent: at p_W = p_data its expected gradient
 * vanishes.
 *
 * <p>{@link LossOutput#contrastive()} holds the neighbours, [B, D, row shape...]; metrics "energy_correct" and
 * "energy_contrastive" are the mean energies of the data and of the neighbours.
 */
public final class RatioMatching implements Loss {
    @Override
    public LossOutput compute(Energy energy, Tensor x, Tensor y) {
        BitFlips flips = BitFlips.of("RatioMatching", energy, x, y);
        Tensor loss = flips.gaps().sigmoid().square().sum(1, false).mean();
        return new LossOutput(loss, flips.neighbours(), EnergyMetrics.of(flips.energy(), flips.neighbourEnergy()));
    }

    @Override
    public String name() {
        return "ratio-matching";
    }
}

package org.ebl4j.energy.loss;

import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Tensor;

/**
 * The energy loss, L(Y^i, E(W, 𝒴, X^i)) = E(W, Y^i, X^i) (LeCun et al. 2006, §2.2.1, Table 1 first row).
 *
 * <p>It only pushes down the energy of the correct answer and pulls nothing up. That is enough when the
 * architecture cannot make every energy low at once (regression, where E = ½‖G(X) − Y‖²), and it collapses
 * otherwise: on implicit regression it drives the whole energy surface flat.
 */
public final class EnergyLoss implements Loss {
    @Override
    public LossOutput compute(Energy energy, Tensor x, Tensor y) {
        Tensor correct = energy.energy(x, y);
        return new LossOutput(correct.mean(), null, EnergyMetrics.of(correct, null));
    }

    @Override
    public String name() {
        return "energy";
    }
}

package org.ebl4j.energy.loss;

import org.ebl4j.energy.DiscreteEnergy;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.inference.Inference;
import org.ebl4j.tensor.Tensor;

/**
 * The perceptron loss, L = E(W, Y^i, X^i) − min_{Y ∈ 𝒴} E(W, Y, X^i) (LeCun et al. 2006, §2.2.2; LeCun et al.
 * 1998, Collins 2002): pushes down the correct answer and pulls up the machine's own answer Y* = argmin_Y E.
 * Never negative with exact inference, zero when the correct answer has the lowest energy; it has no margin, so
 * it does not by itself prevent a nearly flat energy surface.
 *
 * <p>The min term carries the gradient ∂E(W, Y*, X^i)/∂W at the (detached) answer Y*. For a
 * {@link DiscreteEnergy} built without an {@link Inference}, Y* is the exact argmin over all K answers (one pass
 * over {@link DiscreteEnergy#energies}); any other energy needs the {@link Inference} that finds Y*, and E(W, Y*,
 * X^i) is then re-evaluated with a graph. With approximate inference the loss can be negative (Y* worse than
 * Y^i). {@link LossOutput#contrastive()} holds Y*.
 */
public final class PerceptronLoss implements Loss {
    private final Inference inference;

    /** Exact min over the answers of a {@link DiscreteEnergy}. */
    public PerceptronLoss() {
        this.inference = null;
    }

    /** Y* found by {@code inference} (e.g. gradient descent for a continuous Y). */
    public PerceptronLoss(Inference inference) {
        if (inference == null) {
            throw new IllegalArgumentException("PerceptronLoss: inference is null; use PerceptronLoss() for the exact "
                    + "min over a DiscreteEnergy");
        }
        this.inference = inference;
    }

    @Override
    public LossOutput compute(Energy energy, Tensor x, Tensor y) {
        Tensor correct;
        Tensor answer;
        Tensor lowest;
        if (inference != null) {
            correct = energy.energy(x, y);
            answer = inference.infer(energy, x).y().detach();
            lowest = energy.energy(x, answer);
        } else if (energy instanceof DiscreteEnergy d) {
            Tensor all = d.energies(x);
            correct = DiscreteEnergy.pick(all, y);
            lowest = all.min(1, false);
            answer = DiscreteEnergy.argmin(all);
        } else {
            throw new IllegalArgumentException("PerceptronLoss: " + energy.getClass().getSimpleName()
                    + " is not a DiscreteEnergy; give PerceptronLoss an Inference to find min_Y E");
        }
        return new LossOutput(correct.sub(lowest).mean(), answer, EnergyMetrics.of(correct, lowest));
    }

    @Override
    public String name() {
        return "perceptron";
    }
}

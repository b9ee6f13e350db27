package org.ebl4j.energy.loss;

import org.ebl4j.energy.DiscreteEnergy;
import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Tensor;

/**
 * A generalized margin loss, L = Q_m(E(W, Y^i, X^i), E(W, Ȳ^i, X^i)) (LeCun et al. 2006, §2.2.3): Ȳ^i is the most
 * offending incorrect answer ({@link MostOffendingIncorrectAnswer}), and Q_m increases with the energy E⁺ of the
 * correct answer and decreases with the energy Ē of Ȳ^i whenever Ē &lt; E⁺ + m. Minimising such a loss makes the
 * correct answer's energy lower than every incorrect answer's by a margin.
 *
 * <p>Subclasses give Q_m ({@link #perSample}); this class selects Ȳ^i (detached), evaluates E⁺ and Ē with a
 * graph, and returns the batch mean of Q_m with Ȳ as {@link LossOutput#contrastive()}. The selector defaults to
 * {@link MostOffendingIncorrectAnswer#discrete()}; give {@link MostOffendingIncorrectAnswer#continuous} for a
 * continuous Y.
 */
public abstract class GeneralizedMarginLoss implements Loss {
    private final MostOffendingIncorrectAnswer selector;

    protected GeneralizedMarginLoss(MostOffendingIncorrectAnswer selector) {
        if (selector == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the most-offending-answer selector is "
                    + "null");
        }
        this.selector = selector;
    }

    /** Q_m(E⁺, Ē) per sample: {@code correct} and {@code incorrect} are [B] energies, the result is [B]. */
    public abstract Tensor perSample(Tensor correct, Tensor incorrect);

    @Override
    public final LossOutput compute(Energy energy, Tensor x, Tensor y) {
        Tensor offending;
        Tensor correct;
        Tensor incorrect;
        if (selector.isDiscrete() && energy instanceof DiscreteEnergy d) {
            // one forward pass gives E⁺, Ē and the choice of Ȳ
            Tensor all = d.energies(x);
            offending = MostOffendingIncorrectAnswer.among(all, y);
            correct = DiscreteEnergy.pick(all, y);
            incorrect = DiscreteEnergy.pick(all, offending);
        } else {
            offending = selector.select(energy, x, y);
            correct = energy.energy(x, y);
            incorrect = energy.energy(x, offending);
        }
        return new LossOutput(perSample(correct, incorrect).mean(), offending,
                EnergyMetrics.of(correct, incorrect));
    }

    public final MostOffendingIncorrectAnswer selector() {
        return selector;
    }
}

package org.ebl4j.energy.loss;

import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Tensor;

/**
 * A generalized margin loss, L = Q_m(E(W, Y^i, X^i), E(W, Ȳ^i, X^i)) (LeCun et al. 2006, §2.2.3): Ȳ^i is the most
 * offending incorrect answer, and Q_m increases with the energy E⁺ of the correct answer and decreases with the
 * energy Ē of Ȳ^i whenever Ē &lt; E⁺ + m. Minimising such a loss makes the correct answer's energy lower than
 * every incorrect answer's by a margin.
 *
 * <p>Subclasses give Q_m ({@link #perSample}); the {@link OffendingAnswer} selector gives Ȳ^i (detached) with E⁺
 * and Ē (recorded for autodiff), and this class returns the batch mean of Q_m with Ȳ as
 * {@link LossOutput#contrastive()}. The selector defaults to {@link MostOffendingIncorrectAnswer#discrete()}; give
 * {@link MostOffendingIncorrectAnswer#continuous} for a continuous Y, or a structured selector for label sequences.
 */
public abstract class GeneralizedMarginLoss implements Loss {
    private final OffendingAnswer selector;

    protected GeneralizedMarginLoss(OffendingAnswer selector) {
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
        OffendingAnswer.Contrast c = selector.contrast(energy, x, y);
        return new LossOutput(perSample(c.correct(), c.incorrect()).mean(), c.offending(),
                EnergyMetrics.of(c.correct(), c.incorrect()));
    }

    public final OffendingAnswer selector() {
        return selector;
    }
}

package org.ebl4j.energy.loss;

import org.ebl4j.tensor.Tensor;

/**
 * The minimum classification error loss, L = σ(E(W, Y^i, X^i) − E(W, Ȳ^i, X^i)) with σ(u) = 1/(1 + e^{−u})
 * (LeCun et al. 2006, §2.2.3, Table 1; Juang, Chou and Lee 1997): a smoothed count of errors, bounded in (0, 1).
 * Its gradient vanishes for large gaps of either sign, so a grossly misclassified sample barely moves W.
 */
public final class MceLoss extends GeneralizedMarginLoss {
    /** Discrete answers. */
    public MceLoss() {
        this(MostOffendingIncorrectAnswer.discrete());
    }

    public MceLoss(OffendingAnswer selector) {
        super(selector);
    }

    @Override
    public Tensor perSample(Tensor correct, Tensor incorrect) {
        return correct.sub(incorrect).sigmoid();
    }

    @Override
    public String name() {
        return "mce";
    }
}

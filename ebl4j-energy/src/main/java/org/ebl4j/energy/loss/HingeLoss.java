package org.ebl4j.energy.loss;

import org.ebl4j.tensor.Tensor;

/**
 * The hinge loss, L = max(0, m + E(W, Y^i, X^i) − E(W, Ȳ^i, X^i)) (LeCun et al. 2006, §2.2.3, Table 1; Altun et
 * al. 2003, Taskar et al. 2003): zero once the most offending incorrect answer is at least m above the correct
 * one. With the linear binary classifier E = −Y·(w·X + b) it is the linear SVM's hinge max(0, m − 2Y(w·X + b)).
 */
public final class HingeLoss extends GeneralizedMarginLoss {
    private final float margin;

    /** Margin m &gt; 0, discrete answers. */
    public HingeLoss(float margin) {
        this(margin, MostOffendingIncorrectAnswer.discrete());
    }

    public HingeLoss(float margin, OffendingAnswer selector) {
        super(selector);
        this.margin = HyperParameters.positive("HingeLoss", "margin m", margin);
    }

    @Override
    public Tensor perSample(Tensor correct, Tensor incorrect) {
        return correct.sub(incorrect).add(margin).relu();
    }

    public float margin() {
        return margin;
    }

    @Override
    public String name() {
        return "hinge";
    }
}

package org.ebl4j.energy.loss;

import org.ebl4j.tensor.Tensor;

/**
 * The square-square loss, L = E(W, Y^i, X^i)² + (max(0, m − E(W, Ȳ^i, X^i)))² (LeCun et al. 2006, Table 1;
 * LeCun and Huang 2005): pushes the correct answer's energy towards 0 and the most offending incorrect answer's
 * above m. Meant for energies that are non-negative (e.g. a distance); on implicit regression it learns Y = X²
 * without collapsing. (Table 1 prints a minus between the two terms; the text of §2.2.3 and LeCun and Huang
 * 2005 have the plus used here, which is what makes the loss pull Ē up.)
 */
public final class SquareSquareLoss extends GeneralizedMarginLoss {
    private final float margin;

    /** Margin m &gt; 0, discrete answers. */
    public SquareSquareLoss(float margin) {
        this(margin, MostOffendingIncorrectAnswer.discrete());
    }

    public SquareSquareLoss(float margin, OffendingAnswer selector) {
        super(selector);
        this.margin = HyperParameters.positive("SquareSquareLoss", "margin m", margin);
    }

    @Override
    public Tensor perSample(Tensor correct, Tensor incorrect) {
        return correct.square().add(incorrect.neg().add(margin).relu().square());
    }

    public float margin() {
        return margin;
    }

    @Override
    public String name() {
        return "square-square";
    }
}

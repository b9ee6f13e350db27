package org.ebl4j.energy.loss;

import org.ebl4j.tensor.Tensor;

/**
 * The log loss ("soft hinge"), L = log(1 + exp(E(W, Y^i, X^i) − E(W, Ȳ^i, X^i))) (LeCun et al. 2006, §2.2.3,
 * Table 1): a smooth hinge with an infinite margin, computed as softplus(E⁺ − Ē) so that large energy gaps neither
 * overflow nor lose precision. With the linear binary classifier E = −Y·(w·X + b) it is logistic regression,
 * log(1 + exp(−2Y(w·X + b))).
 */
public final class LogLoss extends GeneralizedMarginLoss {
    /** Discrete answers. */
    public LogLoss() {
        this(MostOffendingIncorrectAnswer.discrete());
    }

    public LogLoss(OffendingAnswer selector) {
        super(selector);
    }

    @Override
    public Tensor perSample(Tensor correct, Tensor incorrect) {
        return correct.sub(incorrect).softplus();
    }

    @Override
    public String name() {
        return "log";
    }
}

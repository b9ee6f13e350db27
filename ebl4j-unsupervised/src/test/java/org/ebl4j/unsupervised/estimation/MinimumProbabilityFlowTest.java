package org.ebl4j.unsupervised.estimation;

import org.ebl4j.energy.loss.Loss;

class MinimumProbabilityFlowTest extends BitFlipEstimatorTest {
    @Override
    Loss estimator() {
        return new MinimumProbabilityFlow();
    }

    /** exp(½(E(y) − E(ȳ))) = sqrt(p(ȳ)/p(y)) (Sohl-Dickstein et al. 2011). */
    @Override
    double term(double pRow, double pFlip) {
        return Math.sqrt(pFlip / pRow);
    }
}

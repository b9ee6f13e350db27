package org.ebl4j.unsupervised.estimation;

import org.ebl4j.energy.loss.Loss;

class RatioMatchingTest extends BitFlipEstimatorTest {
    @Override
    Loss estimator() {
        return new RatioMatching();
    }

    /** g(p(ȳ)/p(y))² with g(u) = 1/(1 + 1/u) (Hyvärinen 2007). */
    @Override
    double term(double pRow, double pFlip) {
        double g = 1 / (1 + pRow / pFlip);
        return g * g;
    }
}

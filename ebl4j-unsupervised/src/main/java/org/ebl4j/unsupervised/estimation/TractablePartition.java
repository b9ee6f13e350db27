package org.ebl4j.unsupervised.estimation;

import org.ebl4j.tensor.Tensor;

/**
 * An energy E(W, Y) with no input whose partition function has a closed form or can be summed exactly:
 * log Z(W, β) = log ∫ exp(−βE(W, y)) dy (a sum over y for discrete Y), returned as a differentiable scalar so that
 * maximum likelihood, strategy 2 of LeCun's lecture "Energy-Based Unsupervised Learning" ("push down on the energy
 * of data points, push up everywhere else; needs a tractable partition function"), can be trained by gradient
 * descent through {@link AnalyticLogPartition}.
 */
public interface TractablePartition {
    /** log Z(W, β) as a scalar tensor, differentiable in the parameters W; β &gt; 0. */
    Tensor logPartition(float beta);
}

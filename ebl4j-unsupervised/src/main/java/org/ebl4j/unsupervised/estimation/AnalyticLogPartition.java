package org.ebl4j.unsupervised.estimation;

import org.ebl4j.energy.Energy;
import org.ebl4j.energy.loss.LogPartition;
import org.ebl4j.energy.loss.NegativeLogLikelihoodLoss;
import org.ebl4j.tensor.Tensor;

/**
 * The exact log-partition of an energy that knows its own ({@link TractablePartition}): F_β(W) =
 * −(1/β) log Z(W, β), the same for every sample. With it {@link NegativeLogLikelihoodLoss} is exact maximum
 * likelihood, L = E(W, Y^i) + (1/β) log Z(W, β) = −(1/β) log p(Y^i) (LeCun et al. 2006, §2.2.4; strategy 2 of the
 * lecture "Energy-Based Unsupervised Learning"): the first term pushes down the data, the second pulls up every
 * point in proportion to its probability, ∂F/∂W = E_{p(y)}[∂E/∂W], computed here in closed form instead of by
 * sampling. {@code new NegativeLogLikelihoodLoss(1f, new AnalyticLogPartition())} trains any such energy with the
 * Trainer.
 */
public final class AnalyticLogPartition implements LogPartition {
    @Override
    public Estimate freeEnergy(Energy energy, Tensor x, Tensor y, float beta) {
        if (!(energy instanceof TractablePartition tractable)) {
            throw new IllegalArgumentException("AnalyticLogPartition: needs an energy with a tractable partition "
                    + "function (TractablePartition), got " + energy.getClass().getSimpleName()
                    + "; use SampledLogPartition for others");
        }
        if (x != null) {
            throw new IllegalArgumentException("AnalyticLogPartition: the partition function of a "
                    + "TractablePartition does not depend on an input; x must be null");
        }
        Tensor f = tractable.logPartition(beta).div(-beta).reshape(1);
        return new Estimate(f.expand(y.shape(0)), null);
    }
}

package org.ebl4j.energy.loss;

import org.ebl4j.energy.DiscreteEnergy;
import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Tensor;

/**
 * The negative log-likelihood loss, L = E(W, Y^i, X^i) + (1/β) log ∫_𝒴 exp(−βE(W, y, X^i)) dy (LeCun et al.
 * 2006, §2.2.4, Table 1), the negative log of the Gibbs probability p(Y^i|X^i) ∝ exp(−βE) divided by β. It
 * pushes down the correct answer and pulls up every answer in proportion to its probability; as β → ∞ the second
 * term tends to −min_Y E and the loss to the perceptron loss.
 *
 * <p>The log-partition term is −F_β from a {@link LogPartition}: {@link ExactLogPartition} (the default, for a
 * DiscreteEnergy), {@link QuadratureLogPartition} or {@link SampledLogPartition} for a continuous Y.
 * Metric "energy_contrastive" is the mean of F_β (for the sampled estimate, the samples' mean energy).
 */
public final class NegativeLogLikelihoodLoss implements Loss {
    private final float beta;
    private final LogPartition partition;

    /** Inverse temperature β &gt; 0, exact log-sum-exp over the answers of a DiscreteEnergy. */
    public NegativeLogLikelihoodLoss(float beta) {
        this(beta, new ExactLogPartition());
    }

    public NegativeLogLikelihoodLoss(float beta, LogPartition partition) {
        this.beta = HyperParameters.positive("NegativeLogLikelihoodLoss", "beta", beta);
        if (partition == null) {
            throw new IllegalArgumentException("NegativeLogLikelihoodLoss: the log-partition strategy is null");
        }
        this.partition = partition;
    }

    @Override
    public LossOutput compute(Energy energy, Tensor x, Tensor y) {
        Tensor correct;
        LogPartition.Estimate f;
        if (partition instanceof ExactLogPartition && energy instanceof DiscreteEnergy d) {
            // one forward pass gives E⁺ and every energy of the partition function
            Tensor all = d.energies(x);
            correct = DiscreteEnergy.pick(all, y);
            f = new LogPartition.Estimate(ExactLogPartition.softMin(all, beta), null);
        } else {
            correct = energy.energy(x, y);
            f = partition.freeEnergy(energy, x, y, beta);
        }
        return new LossOutput(correct.sub(f.freeEnergy()).mean(), f.pulledUp(),
                EnergyMetrics.of(correct, f.freeEnergy()));
    }

    public float beta() {
        return beta;
    }

    public LogPartition partition() {
        return partition;
    }

    @Override
    public String name() {
        return "nll";
    }
}

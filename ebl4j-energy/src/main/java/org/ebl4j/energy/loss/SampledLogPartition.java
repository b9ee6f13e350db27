package org.ebl4j.energy.loss;

import org.ebl4j.energy.Energy;
import org.ebl4j.energy.Rows;
import org.ebl4j.energy.sampling.SampleResult;
import org.ebl4j.energy.sampling.Sampler;
import org.ebl4j.tensor.Tensor;

/**
 * The log-partition of a continuous answer estimated by Markov chain Monte Carlo: {@code chains} chains per
 * sample, started at the correct answer Y^i and run {@code steps} transitions of a {@link Sampler} of
 * p(y|X^i) ∝ exp(−βE(W, y, X^i)), give samples ỹ_1..ỹ_S, and the returned "free energy" is their mean energy
 * F̂ = (1/S) Σ_s E(W, ỹ_s, X^i), the ỹ_s held fixed.
 *
 * <p>Only the gradient is the point: ∂F_β/∂W = E_{p(y|X)}[∂E(W, y, X)/∂W] (LeCun et al. 2006, §2.2.4), and
 * ∂F̂/∂W = (1/S) Σ_s ∂E(W, ỹ_s, X^i)/∂W is its Monte Carlo estimate, so the NLL loss built on it has gradient
 * ∂E(W, Y^i, X^i)/∂W − (1/S) Σ_s ∂E(W, ỹ_s, X^i)/∂W. The value F̂ is not F_β (they differ by the entropy term,
 * F_β = ⟨E⟩ − H/β); report losses from it as the energy gap between the data and the samples. With few steps this
 * is contrastive divergence (Hinton 2002): the chains barely leave Y^i and the estimate is biased towards it; the
 * bias vanishes as the chains mix.
 *
 * <p>The sampler must sample at the loss's β; when its diagnostics report a "beta" that differs, this throws.
 * {@link Estimate#pulledUp()} holds the samples, [B, chains, answer shape...].
 */
public final class SampledLogPartition implements LogPartition {
    private final Sampler sampler;
    private final int chains;
    private final int steps;

    public SampledLogPartition(Sampler sampler, int chains, int steps) {
        if (sampler == null) {
            throw new IllegalArgumentException("SampledLogPartition: sampler is null");
        }
        if (chains < 1 || steps < 1) {
            throw new IllegalArgumentException("SampledLogPartition: chains and steps must be >= 1, got chains="
                    + chains + ", steps=" + steps);
        }
        this.sampler = sampler;
        this.chains = chains;
        this.steps = steps;
    }

    @Override
    public Estimate freeEnergy(Energy energy, Tensor x, Tensor y, float beta) {
        int batch = y.shape(0);
        Tensor xs = x == null ? null : x.indexSelect(Rows.repeat(batch, chains));
        Tensor start = y.detach().indexSelect(Rows.repeat(batch, chains));
        SampleResult run = sampler.sample(energy, xs, start, steps);
        Double sampledBeta = run.diagnostics().get("beta");
        if (sampledBeta != null && Math.abs(sampledBeta - beta) > 1e-6 * beta) {
            throw new IllegalArgumentException("SampledLogPartition: the sampler runs at beta=" + sampledBeta
                    + " but the loss has beta=" + beta);
        }
        Tensor samples = run.y().detach();
        Tensor f = energy.energy(xs, samples).reshape(batch, chains).mean(1, false);
        int[] shape = new int[y.dim() + 1];
        shape[0] = batch;
        shape[1] = chains;
        System.arraycopy(y.shape(), 1, shape, 2, y.dim() - 1);
        return new Estimate(f, samples.reshape(shape));
    }
}

package org.ebl4j.cli.example;

import java.util.LinkedHashMap;
import java.util.Map;

import org.ebl4j.energy.analytic.GaussianMixtureEnergy;
import org.ebl4j.energy.sampling.HamiltonianMonteCarlo;
import org.ebl4j.energy.sampling.Langevin;
import org.ebl4j.energy.sampling.SampleMoments;
import org.ebl4j.energy.sampling.SampleResult;
import org.ebl4j.energy.sampling.Sampler;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Sampling a known 2-D density with the tutorial's Monte Carlo samplers (§ "contrastive divergence and hybrid Monte
 * Carlo"; Neal 2011): p(Y) ∝ exp(−E(Y)) for a mixture of three correlated Gaussians, E(Y) = −log Σ_k π_k N(Y; μ_k,
 * Σ_k), sampled by Hamiltonian Monte Carlo (step size adapted during burn-in) and by Metropolis-adjusted Langevin.
 * Chains start over-dispersed, from N(0, 3²I). Both samplers get the same number of gradient evaluations: HMC runs
 * {@code steps} transitions of {@link #LEAPFROG} leapfrog steps, Langevin {@code steps × LEAPFROG} transitions
 * thinned by {@code LEAPFROG}; the last {@code keep} (thinned) states of every chain are the samples.
 *
 * <p>Error of a sampler: the largest error over the entries of the sample mean and covariance, each relative to
 * |true value| + its scale (σ_j for mean entry j, σ_j σ_k for covariance entry (j, k)): "within 5 % of the truth"
 * is an error ≤ 0.05.
 */
public final class Sampling {
    /** Leapfrog steps per HMC transition, and the thinning of the Langevin chains. */
    static final int LEAPFROG = 5;

    private Sampling() {
    }

    /** Settings of a run; the constructor rejects values out of range. */
    public record Config(long seed, int chains, int steps, int keep) {
        public Config {
            if (chains < 1 || keep < 1 || steps <= keep) {
                throw new IllegalArgumentException("sampling: need chains >= 1, keep >= 1 and steps > keep, got chains="
                        + chains + ", steps=" + steps + ", keep=" + keep);
            }
        }
    }

    /** One sampler's figures and its samples ([keep, chains, 2]). */
    public record Run(double meanAndCovarianceError, double acceptanceRate, double stepSize, SampleMoments moments,
                      Tensor samples) {
        Map<String, Object> figures() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", meanAndCovarianceError);
            m.put("acceptance_rate", acceptanceRate);
            m.put("step_size", stepSize);
            m.put("mean", moments.mean());
            m.put("covariance", moments.covariance());
            return m;
        }
    }

    /** The target: three components 3–4 standard deviations apart, with weights 0.45, 0.35, 0.2. */
    public static GaussianMixtureEnergy target() {
        return new GaussianMixtureEnergy(new float[] {0.45f, 0.35f, 0.2f},
                new float[][] {{-1.5f, -0.5f}, {1.5f, 0f}, {0f, 2f}},
                new float[][][] {{{0.5f, 0.25f}, {0.25f, 0.4f}}, {{0.4f, -0.2f}, {-0.2f, 0.5f}},
                        {{0.6f, 0f}, {0f, 0.3f}}});
    }

    /** Runs HMC and MALA on {@link #target()}; keys "hmc" and "langevin". */
    public static Map<String, Run> run(Config c) {
        GaussianMixtureEnergy target = target();
        Map<String, Run> out = new LinkedHashMap<>();
        int burnIn = c.steps() - c.keep();
        out.put("hmc", sample(target, new HamiltonianMonteCarlo(0.1, LEAPFROG, 1.0, new Rng(c.seed()))
                .adaptStepSize(burnIn, 0.65).trace(1), c.steps(), c));
        out.put("langevin", sample(target, new Langevin(0.5, 1.0, new Rng(c.seed() + 1)).metropolisAdjusted(true)
                .trace(LEAPFROG), c.steps() * LEAPFROG, c));
        return out;
    }

    private static Run sample(GaussianMixtureEnergy target, Sampler sampler, int steps, Config c) {
        Tensor start = new Rng(c.seed() + 2).normal(0f, 3f, c.chains(), 2);
        SampleResult r = sampler.sample(target, null, start, steps);
        Tensor trace = r.trace();
        Tensor samples = trace.slice(0, trace.shape(0) - c.keep(), trace.shape(0)).contiguous();
        SampleMoments m = SampleMoments.of(samples);
        return new Run(m.relativeError(target.mean(), target.covariance()),
                r.diagnostics().getOrDefault("acceptance_rate", Double.NaN), r.diagnostics().get("step_size"), m,
                samples);
    }
}

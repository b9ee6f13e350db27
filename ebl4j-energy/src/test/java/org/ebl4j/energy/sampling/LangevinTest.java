package org.ebl4j.energy.sampling;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.energy.analytic.GaussianEnergy;
import org.ebl4j.energy.analytic.GaussianMixtureEnergy;
import org.ebl4j.tensor.Rng;
import org.junit.jupiter.api.Test;

class LangevinTest {
    @Test
    void adjustedLangevinSamplesAMixtureOfGaussiansWithinFivePercent() {
        GaussianMixtureEnergy target = Targets.mixture();
        // 1000 chains × 600 steps; every 30th state of the last 300 steps is kept: 10,000 samples
        SampleResult r = new Langevin(0.3, 1, new Rng(61)).metropolisAdjusted(true).trace(30)
                .sample(target, null, Targets.overdispersedStart(1000, 62), 600);
        SampleMoments m = SampleMoments.of(Targets.lastStates(r, 10));
        double accept = r.diagnostics().get("acceptance_rate");
        System.out.printf("MALA mixture: relative error %.4f, acceptance %.3f; %s%n",
                m.relativeError(target.mean(), target.covariance()), accept, m);
        Targets.assertWithinFivePercent(m, "MALA mixture", target.mean(), target.covariance());
        assertTrue(accept > 0.6 && accept < 0.999, "acceptance rate " + accept);
    }

    @Test
    void unadjustedLangevinWithASmallStepSamplesAMixtureOfGaussiansWithinFivePercent() {
        GaussianMixtureEnergy target = Targets.mixture();
        SampleResult r = new Langevin(0.02, 1, new Rng(71)).trace(50)
                .sample(target, null, Targets.overdispersedStart(1000, 72), 1500);
        SampleMoments m = SampleMoments.of(Targets.lastStates(r, 15));
        System.out.printf("ULA mixture: relative error %.4f; %s%n",
                m.relativeError(target.mean(), target.covariance()), m);
        Targets.assertWithinFivePercent(m, "ULA mixture", target.mean(), target.covariance());
        assertFalse(r.diagnostics().containsKey("acceptance_rate"), "no accept/reject step in ULA");
    }

    @Test
    void adjustedLangevinSamplesACorrelatedGaussianAndDoublingBetaHalvesTheCovariance() {
        GaussianEnergy target = Targets.correlatedGaussian();
        for (double beta : new double[] {1, 2}) {
            SampleResult r = new Langevin(0.2 / beta, beta, new Rng(81)).metropolisAdjusted(true).trace(20)
                    .sample(target, null, Targets.overdispersedStart(1000, 82), 400);
            SampleMoments m = SampleMoments.of(Targets.lastStates(r, 10));
            double[][] sigma = Targets.scaled(target.covariance(), beta);
            System.out.printf("MALA Gaussian beta=%.0f: relative error %.4f, acceptance %.3f; %s%n", beta,
                    m.relativeError(target.mean(), sigma), r.diagnostics().get("acceptance_rate"), m);
            Targets.assertWithinFivePercent(m, "MALA at beta " + beta, target.mean(), sigma);
        }
    }

    @Test
    void unadjustedLangevinIsBiasedByItsStepSizeAndTheAdjustmentRemovesTheBias() {
        // ULA on N(0, σ²) with precision λ = 1/σ² settles at variance 1/(λ(1 − ελ/4)) (Roberts & Tweedie 1996):
        // with σ² = 1 and ε = 1 that is 4/3; MALA at the same ε keeps the exact variance 1
        GaussianEnergy target = new GaussianEnergy(new float[] {0f, 0f}, new float[][] {{1f, 0f}, {0f, 1f}});
        double[] zero = {0, 0};
        double[][] biased = {{4.0 / 3, 0}, {0, 4.0 / 3}};
        SampleResult ula = new Langevin(1.0, 1, new Rng(91)).trace(10)
                .sample(target, null, Targets.overdispersedStart(1000, 92), 100);
        SampleResult mala = new Langevin(1.0, 1, new Rng(93)).metropolisAdjusted(true).trace(10)
                .sample(target, null, Targets.overdispersedStart(1000, 92), 100);
        SampleMoments u = SampleMoments.of(Targets.lastStates(ula, 5));
        SampleMoments a = SampleMoments.of(Targets.lastStates(mala, 5));
        System.out.printf("ULA eps=1: %s; MALA eps=1: %s (acceptance %.3f)%n", u, a,
                mala.diagnostics().get("acceptance_rate"));
        Targets.assertWithinFivePercent(u, "ULA stationary variance 4/3", zero, biased);
        Targets.assertWithinFivePercent(a, "MALA exact variance 1", zero, target.covariance());
    }
}

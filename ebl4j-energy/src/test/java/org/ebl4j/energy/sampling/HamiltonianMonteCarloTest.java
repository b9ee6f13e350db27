package org.ebl4j.energy.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.energy.analytic.GaussianEnergy;
import org.ebl4j.energy.analytic.GaussianMixtureEnergy;
import org.ebl4j.tensor.Rng;
import org.junit.jupiter.api.Test;

class HamiltonianMonteCarloTest {
    @Test
    void samplesAMixtureOfGaussiansWithinFivePercent() {
        GaussianMixtureEnergy target = Targets.mixture();
        // 1000 chains × 300 transitions; every 10th state of the last 150 transitions is kept: 15,000 samples
        SampleResult r = new HamiltonianMonteCarlo(0.4, 5, 1, new Rng(21)).trace(10)
                .sample(target, null, Targets.overdispersedStart(1000, 22), 300);
        SampleMoments m = SampleMoments.of(Targets.lastStates(r, 15));
        double accept = r.diagnostics().get("acceptance_rate");
        System.out.printf("HMC mixture: relative error %.4f, acceptance %.3f, mean |dH| %.3f; %s%n",
                m.relativeError(target.mean(), target.covariance()), accept,
                r.diagnostics().get("mean_abs_delta_h"), m);
        Targets.assertWithinFivePercent(m, "HMC mixture", target.mean(), target.covariance());
        assertTrue(accept > 0.6 && accept < 0.999, "acceptance rate " + accept);
        assertTrue(r.diagnostics().get("mean_abs_delta_h") < 1, "the integrator conserves H well at ε = 0.4");
    }

    @Test
    void samplesACorrelatedGaussianWithAStepSizeAdaptedDuringBurnIn() {
        GaussianEnergy target = Targets.correlatedGaussian();
        // a poor start ε = 0.01 is adapted over 100 burn-in transitions toward acceptance 0.65, then frozen
        SampleResult r = new HamiltonianMonteCarlo(0.01, 5, 1, new Rng(31)).adaptStepSize(100, 0.65).trace(5)
                .sample(target, null, Targets.overdispersedStart(1000, 32), 150);
        SampleMoments m = SampleMoments.of(r.trace());
        double accept = r.diagnostics().get("acceptance_rate");
        double eps = r.diagnostics().get("step_size");
        System.out.printf("HMC Gaussian: relative error %.4f, adapted step %.3f, acceptance %.3f; %s%n",
                m.relativeError(target.mean(), target.covariance()), eps, accept, m);
        Targets.assertWithinFivePercent(m, "HMC correlated Gaussian", target.mean(), target.covariance());
        assertTrue(eps > 0.1, "adaptation grew the step size from 0.01 to " + eps);
        // on a Gaussian the acceptance of a fixed-length leapfrog trajectory is not monotone in ε (resonances,
        // Neal 2011 §5.4.2.2): only a sane range is asserted here, the target itself on the mixture below
        assertTrue(accept > 0.5 && accept < 0.999, "acceptance rate " + accept);
    }

    @Test
    void jitteredStepSizeBreaksAResonantTrajectoryLength() {
        // E = y²/2 (unit Gaussian): εL = 2π is one period of the dynamics, so a fixed ε brings every trajectory
        // back near its start; chains started at y = 2 then stay there however often they accept
        GaussianEnergy target = new GaussianEnergy(new float[] {0f}, new float[][] {{1f}});
        int leapfrog = 20;
        double eps = 2 * Math.PI / leapfrog;
        SampleResult fixed = new HamiltonianMonteCarlo(eps, leapfrog, 1, new Rng(61)).trace(1)
                .sample(target, null, org.ebl4j.tensor.Tensor.full(2f, 500, 1), 40);
        SampleResult jittered = new HamiltonianMonteCarlo(eps, leapfrog, 1, new Rng(61)).jitter(0.3).trace(1)
                .sample(target, null, org.ebl4j.tensor.Tensor.full(2f, 500, 1), 40);
        double fixedMean = Targets.lastStates(fixed, 20).mean().item();
        double jitteredMean = Targets.lastStates(jittered, 20).mean().item();
        double jitteredVariance = Targets.lastStates(jittered, 20).square().mean().item() - jitteredMean * jitteredMean;
        System.out.printf("HMC at eps*L = 2 pi: fixed mean %.3f (acceptance %.3f); jittered mean %.3f, variance "
                + "%.3f%n", fixedMean, fixed.diagnostics().get("acceptance_rate"), jitteredMean, jitteredVariance);
        assertTrue(fixedMean > 1.5, "a fixed resonant step leaves the chains near y = 2: mean " + fixedMean);
        assertEquals(0, jitteredMean, 0.1, "jittered steps reach the target's mean");
        assertEquals(1, jitteredVariance, 0.1, "and its variance");
        assertEquals(0.3, jittered.diagnostics().get("step_size_jitter"));
        assertThrows(IllegalArgumentException.class, () -> new HamiltonianMonteCarlo(0.1, 3, 1, new Rng(1))
                .jitter(1));
    }

    @Test
    void stepSizeAdaptationReachesTheTargetAcceptanceOnTheMixture() {
        GaussianMixtureEnergy target = Targets.mixture();
        SampleResult r = new HamiltonianMonteCarlo(0.05, 5, 1, new Rng(35)).adaptStepSize(200, 0.65).trace(5)
                .sample(target, null, Targets.overdispersedStart(1000, 36), 250);
        SampleMoments m = SampleMoments.of(r.trace());
        double accept = r.diagnostics().get("acceptance_rate");
        System.out.printf("HMC adaptive mixture: relative error %.4f, adapted step %.3f, acceptance %.3f%n",
                m.relativeError(target.mean(), target.covariance()), r.diagnostics().get("step_size"), accept);
        assertEquals(0.65, accept, 0.1, "acceptance after burn-in near the 0.65 target");
        Targets.assertWithinFivePercent(m, "HMC adaptive mixture", target.mean(), target.covariance());
    }

    @Test
    void stepSizeIsFrozenAfterBurnIn() {
        GaussianEnergy target = Targets.correlatedGaussian();
        HamiltonianMonteCarlo adaptive = new HamiltonianMonteCarlo(0.05, 3, 1, new Rng(41)).adaptStepSize(30, 0.65);
        double shortRun = new HamiltonianMonteCarlo(0.05, 3, 1, new Rng(41)).adaptStepSize(30, 0.65)
                .sample(target, null, Targets.overdispersedStart(50, 1), 31).diagnostics().get("step_size");
        double longRun = adaptive.sample(target, null, Targets.overdispersedStart(50, 1), 120).diagnostics()
                .get("step_size");
        assertEquals(shortRun, longRun, 0, "the 90 extra transitions after burn-in do not move ε");
        assertTrue(shortRun != 0.05, "ε moved during burn-in");
    }

    @Test
    void doublingBetaHalvesTheSampledCovariance() {
        GaussianEnergy target = Targets.correlatedGaussian();
        for (double beta : new double[] {1, 2}) {
            SampleResult r = new HamiltonianMonteCarlo(0.3, 5, beta, new Rng(51)).adaptStepSize(50, 0.65).trace(5)
                    .sample(target, null, Targets.overdispersedStart(1000, 52), 100);
            SampleMoments m = SampleMoments.of(r.trace());
            System.out.printf("HMC beta=%.0f: relative error %.4f; %s%n", beta,
                    m.relativeError(target.mean(), Targets.scaled(target.covariance(), beta)), m);
            Targets.assertWithinFivePercent(m, "HMC at beta " + beta, target.mean(), Targets.scaled(target.covariance(), beta));
        }
    }
}

package org.ebl4j.energy.sampling;

import java.util.LinkedHashMap;
import java.util.Map;

import org.ebl4j.energy.Energy;
import org.ebl4j.energy.Rows;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Hybrid (Hamiltonian) Monte Carlo — "simulate a ball rolling down the energy surface in Y space. Kick the ball
 * in a random direction (with a random momentum), and run the simulation for a few iterations" (LeCun et al.,
 * "A Tutorial on Energy-Based Learning", 2006, slides; Duane et al. 1987; Neal, "MCMC using Hamiltonian
 * dynamics", 2011). It samples
 * p(Y|X) ∝ exp(−βE(W, Y, X)) by simulating the Hamiltonian H(Y, P) = βE(W, Y, X) + ½|P|². One transition of each
 * chain:
 *
 * <pre>
 * P ~ N(0, I);  P ← P − (ε/2)∇_Y βE(Y)
 * repeat L times:  Y ← Y + εP;  P ← P − ε∇_Y βE(Y)   (the last momentum step is a half step ε/2)
 * accept (Y', P') with probability min(1, exp(H(Y, P) − H(Y', P')))   (Metropolis, per chain)
 * </pre>
 *
 * <p>The leapfrog integrator is reversible and volume preserving, so the Metropolis test makes the chain exact
 * for any ε; ε and L set how far a transition moves. Optionally, the step size adapts during the first
 * {@code burnIn} transitions of each {@link #sample} call toward a target mean acceptance probability by dual
 * averaging (Hoffman &amp; Gelman 2014), and is frozen afterwards; burn-in transitions are left out of the trace and
 * the statistics. With {@link #jitter} each transition draws its own ε' = ε (1 + j (2u − 1)), u ~ U[0, 1), shared
 * by the chains: with a fixed εL a trajectory can come back to its start on a near-periodic energy (a Gaussian,
 * period 2π/√λ), so the chain barely moves while it accepts nearly every proposal; a random ε breaks that resonance
 * and keeps the chain exact, since ε is drawn independently of the state (Neal 2011, §5.4.2.2). Diagnostics:
 * "acceptance_rate" (fraction of accepted proposals after burn-in), "mean_abs_delta_h" (mean |ΔH| of the
 * proposals, the energy error of the integrator), "step_size" (the ε used after burn-in, the centre of the jittered
 * interval), "step_size_jitter", "leapfrog_steps", "beta".
 *
 * <p>Settings are immutable; {@link #adaptStepSize} and {@link #trace} return a copy that shares this sampler's
 * {@link Rng}.
 */
public final class HamiltonianMonteCarlo implements Sampler {
    private static final String WHO = "HamiltonianMonteCarlo";

    private final double stepSize;
    private final int leapfrogSteps;
    private final double beta;
    private final int burnIn;
    private final double targetAcceptance;
    private final int thin;
    private final double jitter;
    private final Rng rng;

    /** ε > 0, L ≥ 1 leapfrog steps per transition, inverse temperature β > 0; all draws from {@code rng}. */
    public HamiltonianMonteCarlo(double stepSize, int leapfrogSteps, double beta, Rng rng) {
        this(stepSize, leapfrogSteps, beta, 0, 0.65, 0, 0, rng);
    }

    private HamiltonianMonteCarlo(double stepSize, int leapfrogSteps, double beta, int burnIn,
                                  double targetAcceptance, int thin, double jitter, Rng rng) {
        this.stepSize = Chains.positive(WHO, "step size", stepSize);
        if (leapfrogSteps < 1) {
            throw new IllegalArgumentException(WHO + ": leapfrog steps must be >= 1, got " + leapfrogSteps);
        }
        this.leapfrogSteps = leapfrogSteps;
        this.beta = Chains.positive(WHO, "beta", beta);
        if (burnIn < 0) {
            throw new IllegalArgumentException(WHO + ": burn-in must be >= 0 transitions, got " + burnIn);
        }
        if (!(targetAcceptance > 0 && targetAcceptance < 1)) {
            throw new IllegalArgumentException(WHO + ": target acceptance must be in (0, 1), got "
                    + targetAcceptance);
        }
        this.burnIn = burnIn;
        this.targetAcceptance = targetAcceptance;
        this.thin = Trace.checkThin(WHO, thin);
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException(WHO + ": step-size jitter must be in [0, 1), got " + jitter);
        }
        this.jitter = jitter;
        if (rng == null) {
            throw new IllegalArgumentException(WHO + ": rng is null");
        }
        this.rng = rng;
    }

    /**
     * A copy that adapts ε during the first {@code burnIn} transitions of each run toward the mean acceptance
     * probability {@code targetAcceptance} ∈ (0, 1) (0.65 is the usual choice), then freezes it.
     */
    public HamiltonianMonteCarlo adaptStepSize(int burnIn, double targetAcceptance) {
        return new HamiltonianMonteCarlo(stepSize, leapfrogSteps, beta, burnIn, targetAcceptance, thin, jitter, rng);
    }

    /** A copy that keeps every {@code thin}-th state after burn-in in {@link SampleResult#trace()} (0 = none). */
    public HamiltonianMonteCarlo trace(int thin) {
        return new HamiltonianMonteCarlo(stepSize, leapfrogSteps, beta, burnIn, targetAcceptance, thin, jitter, rng);
    }

    /**
     * A copy that draws each transition's step size uniformly in [ε(1 − j), ε(1 + j)), j ∈ [0, 1) (0: a fixed ε; Neal
     * suggests about 0.2). With {@link #adaptStepSize} the adapted ε is the centre of that interval.
     */
    public HamiltonianMonteCarlo jitter(double j) {
        return new HamiltonianMonteCarlo(stepSize, leapfrogSteps, beta, burnIn, targetAcceptance, thin, j, rng);
    }

    @Override
    public SampleResult sample(Energy energy, Tensor x, Tensor yInit, int steps) {
        Chains.checkRun(WHO, energy, yInit, steps);
        if (steps <= burnIn) {
            throw new IllegalArgumentException(WHO + ": steps (" + steps + ") must exceed the " + burnIn
                    + " burn-in transitions");
        }
        DualAveraging adaptation = burnIn > 0 ? new DualAveraging(stepSize, targetAcceptance) : null;
        double eps = stepSize;
        Trace trace = new Trace(thin);
        Tensor y = yInit.detach().contiguousCopy();
        Tensor e = Chains.energy(energy, x, y);
        Tensor grad = energy.gradientY(x, y);
        int chains = y.shape(0);
        long accepted = 0;
        double absDeltaH = 0;
        for (int t = 0; t < steps; t++) {
            boolean adapting = t < burnIn;
            if (adaptation != null) {
                eps = adapting ? adaptation.step() : adaptation.finalStep();
            }
            double epsNow = jitter == 0 ? eps : eps * (1 + jitter * (2 * rng.nextDouble() - 1));
            float full = (float) (epsNow * beta);
            Tensor momentum = rng.normal(0f, 1f, y.shape());
            Tensor p = momentum.sub(grad.mul(0.5f * full));
            Tensor q = y;
            Tensor qGrad = grad;
            Tensor qEnergy = e;
            for (int l = 1; l <= leapfrogSteps; l++) {
                q = q.add(p.mul((float) epsNow));
                Energy.EnergyGradient eg = energy.energyAndGradientY(x, q);
                qGrad = eg.gradient();
                qEnergy = eg.energy();
                p = p.sub(qGrad.mul(l < leapfrogSteps ? full : 0.5f * full));
            }
            // log acceptance ratio = H(Y, P) − H(Y', P') = −ΔH
            float[] logRatio = e.sub(qEnergy).mul((float) beta)
                    .add(Rows.norms(momentum).square().sub(Rows.norms(p).square()).mul(0.5f)).toArray();
            boolean[] accept = Chains.metropolis(logRatio, rng);
            y = Chains.select(accept, q, y);
            e = Chains.select(accept, qEnergy, e);
            grad = Chains.select(accept, qGrad, grad);
            if (adapting) {
                adaptation.update(meanAcceptanceProbability(logRatio));
            } else {
                accepted += Chains.count(accept);
                for (float r : logRatio) {
                    absDeltaH += Math.abs(r);
                }
                trace.offer(y);
            }
        }
        double kept = (double) (steps - burnIn) * chains;
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        diagnostics.put("acceptance_rate", accepted / kept);
        diagnostics.put("mean_abs_delta_h", absDeltaH / kept);
        diagnostics.put("step_size", eps);
        diagnostics.put("step_size_jitter", jitter);
        diagnostics.put("leapfrog_steps", (double) leapfrogSteps);
        diagnostics.put("beta", beta);
        return new SampleResult(y, e, trace.tensor(), diagnostics);
    }

    /** Mean over chains of min(1, exp(logRatio)); a NaN ratio counts as 0. */
    private static double meanAcceptanceProbability(float[] logRatio) {
        double sum = 0;
        for (float r : logRatio) {
            sum += Double.isNaN(r) ? 0 : Math.min(1.0, Math.exp(r));
        }
        return sum / logRatio.length;
    }
}

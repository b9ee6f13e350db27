package org.ebl4j.energy.sampling;

import java.util.LinkedHashMap;
import java.util.Map;

import org.ebl4j.energy.Energy;
import org.ebl4j.energy.Rows;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Langevin dynamics: a noisy gradient descent on the energy whose stationary distribution is the Gibbs
 * distribution p(Y|X) ∝ exp(−βE(W, Y, X)) — "go down the energy surface with some noise" to find the bad
 * configurations of contrastive learning (LeCun et al., "A Tutorial on Energy-Based Learning", 2006; Roberts &amp;
 * Tweedie, "Exponential convergence of Langevin distributions and their discrete approximations", 1996):
 *
 * <pre>Y ← Y − (ε/2) β ∇_Y E(W, Y, X) + √ε · ξ,   ξ ~ N(0, I).</pre>
 *
 * <p>The unadjusted chain (ULA) is biased by O(ε). The Metropolis-adjusted variant (MALA) treats each step as a
 * proposal Y' with density q(Y'|Y) = N(Y − (ε/2)β∇E(Y), εI) and accepts it per chain with probability
 * min(1, exp(−βE(Y') + βE(Y)) q(Y|Y') / q(Y'|Y)), which makes the chain exact; it reports "acceptance_rate".
 *
 * <p>Settings are immutable; {@link #metropolisAdjusted} and {@link #trace} return a copy that shares this
 * sampler's {@link Rng}. Diagnostics: "step_size", "beta", "acceptance_rate" (MALA only).
 */
public final class Langevin implements Sampler {
    private static final String WHO = "Langevin";

    private final double stepSize;
    private final double beta;
    private final boolean adjusted;
    private final int thin;
    private final Rng rng;

    /** Unadjusted Langevin with step size ε > 0 at inverse temperature β > 0, all noise drawn from {@code rng}. */
    public Langevin(double stepSize, double beta, Rng rng) {
        this(stepSize, beta, false, 0, rng);
    }

    private Langevin(double stepSize, double beta, boolean adjusted, int thin, Rng rng) {
        this.stepSize = Chains.positive(WHO, "step size", stepSize);
        this.beta = Chains.positive(WHO, "beta", beta);
        this.adjusted = adjusted;
        this.thin = Trace.checkThin(WHO, thin);
        if (rng == null) {
            throw new IllegalArgumentException(WHO + ": rng is null");
        }
        this.rng = rng;
    }

    /** A copy that adds (true) or drops (false) the Metropolis accept/reject step (MALA). */
    public Langevin metropolisAdjusted(boolean on) {
        return new Langevin(stepSize, beta, on, thin, rng);
    }

    /** A copy that keeps every {@code thin}-th state in {@link SampleResult#trace()} (0 = no trace). */
    public Langevin trace(int thin) {
        return new Langevin(stepSize, beta, adjusted, thin, rng);
    }

    @Override
    public SampleResult sample(Energy energy, Tensor x, Tensor yInit, int steps) {
        Chains.checkRun(WHO, energy, yInit, steps);
        float drift = (float) (0.5 * stepSize * beta);
        float noise = (float) Math.sqrt(stepSize);
        Trace trace = new Trace(thin);
        Tensor y = yInit.detach().contiguousCopy();
        Tensor grad = energy.gradientY(x, y);
        Tensor e = adjusted ? Chains.energy(energy, x, y) : null;
        long accepted = 0;
        for (int t = 0; t < steps; t++) {
            Tensor xi = rng.normal(0f, 1f, y.shape());
            Tensor proposal = y.sub(grad.mul(drift)).add(xi.mul(noise));
            Energy.EnergyGradient at = energy.energyAndGradientY(x, proposal);
            Tensor proposalGrad = at.gradient();
            if (adjusted) {
                Tensor proposalEnergy = at.energy();
                // log q(Y|Y') − log q(Y'|Y) = −|Y − Y' + (ε/2)β∇E(Y')|²/(2ε) + |ξ|²/2
                Tensor reverse = y.sub(proposal).add(proposalGrad.mul(drift));
                Tensor logRatio = e.sub(proposalEnergy).mul((float) beta)
                        .sub(Rows.norms(reverse).square().mul((float) (0.5 / stepSize)))
                        .add(Rows.norms(xi).square().mul(0.5f));
                boolean[] accept = Chains.metropolis(logRatio.toArray(), rng);
                accepted += Chains.count(accept);
                y = Chains.select(accept, proposal, y);
                grad = Chains.select(accept, proposalGrad, grad);
                e = Chains.select(accept, proposalEnergy, e);
            } else {
                y = proposal;
                grad = proposalGrad;
            }
            trace.offer(y);
        }
        Map<String, Double> diagnostics = new LinkedHashMap<>();
        diagnostics.put("step_size", stepSize);
        diagnostics.put("beta", beta);
        if (adjusted) {
            diagnostics.put("acceptance_rate", accepted / ((double) steps * y.shape(0)));
        }
        return new SampleResult(y, adjusted ? e : Chains.energy(energy, x, y), trace.tensor(), diagnostics);
    }
}

package org.ebl4j.energy.sampling;

/**
 * Step-size adaptation by dual averaging (Nesterov 2009, as used for HMC by Hoffman &amp; Gelman, "The No-U-Turn
 * Sampler", JMLR 2014, Algorithm 5): after transition t with mean acceptance probability α_t,
 * H̄_t = (1 − 1/(t + t₀)) H̄_{t−1} + (δ − α_t)/(t + t₀), log ε_t = μ − √t/γ · H̄_t and
 * log ε̄_t = t^(−κ) log ε_t + (1 − t^(−κ)) log ε̄_{t−1}, with μ = log(10 ε₀), γ = 0.05, t₀ = 10, κ = 0.75.
 * The sampler uses ε_t while adapting and freezes ε̄ afterwards.
 */
final class DualAveraging {
    private static final double GAMMA = 0.05;
    private static final double T0 = 10;
    private static final double KAPPA = 0.75;

    private final double target;
    private final double mu;
    private double hBar;
    private double logStep;
    private double logStepAveraged;
    private int t;

    DualAveraging(double initialStep, double target) {
        this.target = target;
        this.mu = Math.log(10 * initialStep);
        this.logStep = Math.log(initialStep);
        this.logStepAveraged = 0;
    }

    /** The step size to use for the next transition. */
    double step() {
        return Math.exp(logStep);
    }

    /** Records the mean acceptance probability of one transition and moves the step size. */
    void update(double acceptance) {
        t++;
        hBar = (1 - 1 / (t + T0)) * hBar + (target - acceptance) / (t + T0);
        logStep = mu - Math.sqrt(t) / GAMMA * hBar;
        double w = Math.pow(t, -KAPPA);
        logStepAveraged = w * logStep + (1 - w) * logStepAveraged;
    }

    /** The averaged step size ε̄ to freeze once adaptation ends. */
    double finalStep() {
        return Math.exp(logStepAveraged);
    }
}

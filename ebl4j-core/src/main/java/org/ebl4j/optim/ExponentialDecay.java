package org.ebl4j.optim;

/** η(t) = η₀·γᵗ (torch.optim.lr_scheduler.ExponentialLR). */
public final class ExponentialDecay implements LearningRateSchedule {
    private final double initial;
    private final double gamma;

    /**
     * @param initial η₀ ≥ 0
     * @param gamma   γ ≥ 0, the factor applied at every step
     */
    public ExponentialDecay(double initial, double gamma) {
        this.initial = Settings.nonNegative("ExponentialDecay", "initial learning rate", initial);
        this.gamma = Settings.nonNegative("ExponentialDecay", "gamma", gamma);
    }

    @Override
    public double learningRate(int step) {
        return initial * Math.pow(gamma, Settings.atLeast("ExponentialDecay", "step", step, 0));
    }
}

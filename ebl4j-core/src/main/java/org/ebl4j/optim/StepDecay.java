package org.ebl4j.optim;

/** η(t) = η₀·γ^⌊t / s⌋: the rate is multiplied by γ every s steps (torch.optim.lr_scheduler.StepLR). */
public final class StepDecay implements LearningRateSchedule {
    private final double initial;
    private final int stepSize;
    private final double gamma;

    /**
     * @param initial  η₀ ≥ 0
     * @param stepSize s ≥ 1, steps between decays
     * @param gamma    γ ≥ 0, the factor applied at each decay
     */
    public StepDecay(double initial, int stepSize, double gamma) {
        this.initial = Settings.nonNegative("StepDecay", "initial learning rate", initial);
        this.stepSize = Settings.atLeast("StepDecay", "stepSize", stepSize, 1);
        this.gamma = Settings.nonNegative("StepDecay", "gamma", gamma);
    }

    @Override
    public double learningRate(int step) {
        return initial * Math.pow(gamma, Settings.atLeast("StepDecay", "step", step, 0) / stepSize);
    }
}

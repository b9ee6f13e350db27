package org.ebl4j.optim;

/**
 * Linear warm-up then linear decay (Goyal et al. 2017 warm-up; the BERT / transformers
 * {@code get_linear_schedule_with_warmup} schedule): η(t) = η_peak·t / W for t &lt; W, then
 * η_peak·(T − t) / (T − W) down to 0 at t = T, and 0 after.
 */
public final class WarmupLinear implements LearningRateSchedule {
    private final double peak;
    private final int warmupSteps;
    private final int totalSteps;

    /**
     * @param peak        η_peak ≥ 0, reached at t = W
     * @param warmupSteps W ≥ 0
     * @param totalSteps  T &gt; W
     */
    public WarmupLinear(double peak, int warmupSteps, int totalSteps) {
        this.peak = Settings.nonNegative("WarmupLinear", "peak learning rate", peak);
        this.warmupSteps = Settings.atLeast("WarmupLinear", "warmupSteps", warmupSteps, 0);
        this.totalSteps = Settings.atLeast("WarmupLinear", "totalSteps", totalSteps, warmupSteps + 1);
    }

    @Override
    public double learningRate(int step) {
        int t = Settings.atLeast("WarmupLinear", "step", step, 0);
        if (t < warmupSteps) {
            return peak * t / warmupSteps;
        }
        return peak * Math.max(0, totalSteps - t) / (totalSteps - warmupSteps);
    }
}

package org.ebl4j.optim;

/**
 * η(t) = η_min + (η₀ − η_min)·(1 + cos(π·t / T)) / 2 for t ≤ T, then η_min (Loshchilov &amp; Hutter, "SGDR",
 * ICLR 2017, one period without restart; torch's CosineAnnealingLR over its first half-period).
 */
public final class CosineAnnealing implements LearningRateSchedule {
    private final double initial;
    private final double minimum;
    private final int period;

    /**
     * @param initial η₀ ≥ 0, the rate at t = 0
     * @param minimum η_min ∈ [0, η₀], the rate from t = T on
     * @param period  T ≥ 1
     */
    public CosineAnnealing(double initial, double minimum, int period) {
        this.initial = Settings.nonNegative("CosineAnnealing", "initial learning rate", initial);
        this.minimum = Settings.nonNegative("CosineAnnealing", "minimum learning rate", minimum);
        if (minimum > initial) {
            throw new IllegalArgumentException("CosineAnnealing: minimum learning rate must be in [0, " + initial
                    + "] (the initial rate), got " + minimum);
        }
        this.period = Settings.atLeast("CosineAnnealing", "period", period, 1);
    }

    @Override
    public double learningRate(int step) {
        int t = Math.min(Settings.atLeast("CosineAnnealing", "step", step, 0), period);
        return minimum + (initial - minimum) * (1 + Math.cos(Math.PI * t / period)) / 2;
    }
}

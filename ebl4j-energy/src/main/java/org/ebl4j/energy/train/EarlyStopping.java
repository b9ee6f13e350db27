package org.ebl4j.energy.train;

/**
 * Early stopping on a monitored metric of {@link EpochMetrics#values()} (e.g. "val_loss", "val_accuracy"): an
 * epoch improves on the best value v* so far when v &lt; v* − minDelta (goal {@link Goal#MINIMIZE}) or
 * v &gt; v* + minDelta ({@link Goal#MAXIMIZE}); the first epoch with a non-NaN value always improves. Training
 * stops after {@code patience} consecutive epochs without improvement (Prechelt, "Early Stopping — But When?",
 * 1998). With {@code restoreBest}, the weights of the best epoch are put back when training ends.
 *
 * @param metric      key of the monitored value
 * @param goal        whether lower or higher is better
 * @param patience    epochs without improvement before stopping, ≥ 1
 * @param minDelta    smallest change that counts as an improvement, finite and ≥ 0
 * @param restoreBest put the best epoch's weights back at the end of training
 */
public record EarlyStopping(String metric, Goal goal, int patience, double minDelta, boolean restoreBest) {
    /** Whether lower or higher values of the metric are better. */
    public enum Goal { MINIMIZE, MAXIMIZE }

    public EarlyStopping {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("EarlyStopping: metric must name a value such as \"val_loss\", got "
                    + (metric == null ? "null" : "'" + metric + "'"));
        }
        if (goal == null) {
            throw new IllegalArgumentException("EarlyStopping: goal must be MINIMIZE or MAXIMIZE, got null");
        }
        if (patience < 1) {
            throw new IllegalArgumentException("EarlyStopping: patience must be >= 1 epoch, got " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("EarlyStopping: minDelta must be a finite number >= 0, got "
                    + minDelta);
        }
    }

    /** Stops when {@code metric} has not decreased by more than {@code minDelta} for {@code patience} epochs. */
    public static EarlyStopping minimizing(String metric, int patience, double minDelta, boolean restoreBest) {
        return new EarlyStopping(metric, Goal.MINIMIZE, patience, minDelta, restoreBest);
    }

    /** Stops when {@code metric} has not increased by more than {@code minDelta} for {@code patience} epochs. */
    public static EarlyStopping maximizing(String metric, int patience, double minDelta, boolean restoreBest) {
        return new EarlyStopping(metric, Goal.MAXIMIZE, patience, minDelta, restoreBest);
    }

    /** Whether {@code value} improves on {@code best}; NaN never improves, anything improves on a NaN best. */
    public boolean improves(double value, double best) {
        if (Double.isNaN(value)) {
            return false;
        }
        if (Double.isNaN(best)) {
            return true;
        }
        return goal == Goal.MINIMIZE ? value < best - minDelta : value > best + minDelta;
    }
}

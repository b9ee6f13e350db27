package org.ebl4j.energy.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of a {@link Trainer} run: the metrics of every completed epoch and, with {@link EarlyStopping}, the
 * monitored metric, its best value and epoch, and whether training stopped early.
 *
 * @param epochs       one entry per completed epoch, in order
 * @param monitor      the early-stopping metric, or null without early stopping
 * @param bestEpoch    the epoch with the best monitored value (0 when none yet or no monitor)
 * @param bestValue    that value (NaN when none)
 * @param stoppedEarly whether early stopping ended training
 */
public record TrainingHistory(List<EpochMetrics> epochs, String monitor, int bestEpoch, double bestValue,
                              boolean stoppedEarly) {
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** The metrics of the last completed epoch; fails when no epoch has completed. */
    public EpochMetrics last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("TrainingHistory: no epoch has completed");
        }
        return epochs.get(epochs.size() - 1);
    }

    /** The value {@code key} of every epoch, in order (e.g. a learning curve). */
    public double[] series(String key) {
        return epochs.stream().mapToDouble(m -> m.get(key)).toArray();
    }

    /**
     * {"epochs": [{@link EpochMetrics#toMap()}...], "stopped_early": b} plus "monitor", "best_epoch", "best_value"
     * with early stopping, for {@link org.ebl4j.io.Json#write}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("epochs", epochs.stream().map(EpochMetrics::toMap).toList());
        if (monitor != null) {
            out.put("monitor", monitor);
            out.put("best_epoch", bestEpoch);
            out.put("best_value", bestValue);
        }
        out.put("stopped_early", stoppedEarly);
        return out;
    }
}

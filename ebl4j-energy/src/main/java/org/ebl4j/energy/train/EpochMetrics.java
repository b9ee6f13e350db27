package org.ebl4j.energy.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one epoch of the {@link Trainer} measured. {@code values} holds, in this order:
 * <ul>
 *   <li>"train_loss": the mean training loss (per sample, over the epoch's mini-batches, before each update);
 *   <li>"train_&lt;m&gt;": the mean of every metric m the loss reported, in alphabetical order (e.g.
 *       "train_energy_contrastive", "train_energy_correct");
 *   <li>"train_grad_norm": the mean global gradient norm before clipping (only when clipping is on);
 *   <li>"lr": the learning rate of the epoch's last update;
 *   <li>with a validation set: "val_loss", "val_&lt;m&gt;" (alphabetical), and with an inference procedure
 *       "val_accuracy" (discrete answers: the fraction with Y* = Y) or "val_error" (continuous answers: mean
 *       |Y* − Y|).
 * </ul>
 * Every value is deterministic for a fixed seed; {@code seconds} (wall-clock time of the epoch) is not.
 *
 * @param epoch   1-based epoch number
 * @param values  named values, in the order above
 * @param seconds wall-clock seconds the epoch took, training and validation
 */
public record EpochMetrics(int epoch, Map<String, Double> values, double seconds) {
    public EpochMetrics {
        if (epoch < 1) {
            throw new IllegalArgumentException("EpochMetrics: epoch must be >= 1, got " + epoch);
        }
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value named {@code key}; fails naming the keys there are when it is absent. */
    public double get(String key) {
        Double v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("EpochMetrics: no value '" + key + "' in epoch " + epoch
                    + ", have " + values.keySet());
        }
        return v;
    }

    /** One line for progress logs: "epoch 3  train_loss 0.1234  lr 0.05  val_accuracy 0.98  (0.12 s)". */
    public String summary() {
        StringBuilder sb = new StringBuilder("epoch ").append(epoch);
        values.forEach((k, v) -> sb.append("  ").append(k).append(' ').append(String.format(Locale.ROOT, "%.4g", v)));
        return sb.append(String.format(Locale.ROOT, "  (%.2f s)", seconds)).toString();
    }

    /** {"epoch": e, the values..., "seconds": s}, for {@link org.ebl4j.io.Json#write}. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("epoch", epoch);
        out.putAll(values);
        out.put("seconds", seconds);
        return out;
    }
}

package org.ebl4j.energy.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ebl4j.nn.Module;
import org.ebl4j.tensor.Tensor;

/**
 * What the {@link Trainer} carries from epoch to epoch besides the model, the optimiser and the random generator:
 * epochs and updates done, the history, the early-stopping counters and the best weights; inside an epoch (for
 * checkpoints every N updates) also the batches done, the batch size, the generator's counter when the epoch drew
 * its order and the running sums of its metrics. It travels in a
 * checkpoint as metadata under "trainer." (numbers written with {@link Double#toString}, which reads back
 * exactly) and, for the best weights, the checkpoint's extra tensors "trainer.best.&lt;state-dict name&gt;" (the
 * "model.*" part holds the last weights and stays loadable into the bare model).
 */
final class TrainingState {
    static final String BEST = "trainer.best.";
    private static final String EPOCH = "trainer.epoch";
    private static final String STEP = "trainer.step";
    private static final String STOPPED = "trainer.stopped";
    private static final String MONITOR = "trainer.monitor";
    private static final String BEST_VALUE = "trainer.best_value";
    private static final String BEST_EPOCH = "trainer.best_epoch";
    private static final String BAD_EPOCHS = "trainer.bad_epochs";
    private static final String HISTORY = "trainer.history.";
    private static final String HISTORY_COUNT = "trainer.history.count";
    private static final String BATCHES_DONE = "trainer.batches_done";
    private static final String BATCH_SIZE = "trainer.batch_size";
    private static final String EPOCH_COUNTER = "trainer.epoch_rng_counter";
    private static final String PARTIAL = "trainer.partial.";
    private static final String PARTIAL_KEYS = "trainer.partial_keys";
    private static final String SECONDS = "seconds";

    int epoch;
    int step;
    boolean stopped;
    double best = Double.NaN;
    int bestEpoch;
    int badEpochs;
    final List<EpochMetrics> history = new ArrayList<>();
    /** Batches done in the epoch under way (0 between epochs), with the batch size they were cut with. */
    int batchesDone;
    int batchSize;
    /** The generator's counter when the epoch under way drew its order of samples. */
    long epochCounter;
    /** The epoch's running metric sums so far, key → {Σ value·weight, Σ weight} (empty between epochs). */
    Map<String, double[]> partial = Map.of();
    /** Copies of the best epoch's state dict (with {@link EarlyStopping#restoreBest()} only), else null. */
    Map<String, Tensor> bestWeights;

    /** Appends {@code m} to the history and updates the early-stopping counters ({@code rule} may be null). */
    void record(EpochMetrics m, EarlyStopping rule, Module model) {
        history.add(m);
        epoch = m.epoch();
        if (rule == null) {
            return;
        }
        Double value = m.values().get(rule.metric());
        if (value == null) {
            throw new IllegalArgumentException("EarlyStopping: metric '" + rule.metric() + "' is not measured; "
                    + "epoch " + m.epoch() + " has " + m.values().keySet());
        }
        if (rule.improves(value, best)) {
            best = value;
            bestEpoch = m.epoch();
            badEpochs = 0;
            if (rule.restoreBest()) {
                bestWeights = new LinkedHashMap<>();
                model.stateDict().forEach((k, t) -> bestWeights.put(k, t.contiguousCopy()));
            }
        } else if (++badEpochs >= rule.patience()) {
            stopped = true;
        }
    }

    TrainingHistory history(EarlyStopping rule) {
        return new TrainingHistory(history, rule == null ? null : rule.metric(), bestEpoch, best, stopped);
    }

    /** The checkpoint metadata of this state. */
    Map<String, String> metadata(EarlyStopping rule) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(EPOCH, Integer.toString(epoch));
        out.put(STEP, Integer.toString(step));
        out.put(STOPPED, Boolean.toString(stopped));
        if (rule != null) {
            out.put(MONITOR, rule.metric());
        }
        out.put(BEST_VALUE, Double.toString(best));
        out.put(BEST_EPOCH, Integer.toString(bestEpoch));
        out.put(BAD_EPOCHS, Integer.toString(badEpochs));
        out.put(HISTORY_COUNT, Integer.toString(history.size()));
        out.put(BATCHES_DONE, Integer.toString(batchesDone));
        if (batchesDone > 0) {
            out.put(BATCH_SIZE, Integer.toString(batchSize));
            out.put(EPOCH_COUNTER, Long.toString(epochCounter));
            partial.forEach((k, v) -> {
                if (k.contains(",")) {
                    throw new IllegalStateException("Trainer: cannot checkpoint a metric named '" + k + "' (names "
                            + "must not contain ',')");
                }
                out.put(PARTIAL + k, v[0] + "," + v[1]);
            });
            out.put(PARTIAL_KEYS, String.join(",", partial.keySet())); // their order is the metrics' order
        }
        for (int i = 0; i < history.size(); i++) {
            out.put(HISTORY + i, encode(history.get(i)));
        }
        return out;
    }

    /** The best weights as checkpoint tensors ("trainer.best.&lt;name&gt;"); empty when none are kept. */
    Map<String, Tensor> bestTensors() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        if (bestWeights != null) {
            bestWeights.forEach((k, t) -> out.put(BEST + k, t));
        }
        return out;
    }

    /**
     * The state saved by {@link #metadata} and {@link #bestTensors}; {@code rule} is the resuming trainer's early
     * stopping, which must monitor the same metric as the saved run.
     */
    static TrainingState restore(Map<String, String> meta, Map<String, Tensor> best, EarlyStopping rule, Path file) {
        if (!meta.containsKey(EPOCH)) {
            throw new IllegalArgumentException(file + ": not a Trainer checkpoint (no '" + EPOCH + "' metadata)");
        }
        String monitor = meta.get(MONITOR);
        String expected = rule == null ? null : rule.metric();
        if (monitor == null ? expected != null : !monitor.equals(expected)) {
            throw new IllegalArgumentException(file + ": the checkpoint's early stopping monitors " + monitor
                    + ", this trainer's monitors " + expected);
        }
        TrainingState s = new TrainingState();
        s.epoch = integer(meta, EPOCH, file);
        s.step = integer(meta, STEP, file);
        s.stopped = Boolean.parseBoolean(text(meta, STOPPED, file));
        s.best = number(text(meta, BEST_VALUE, file), BEST_VALUE, file);
        s.bestEpoch = integer(meta, BEST_EPOCH, file);
        s.badEpochs = integer(meta, BAD_EPOCHS, file);
        s.batchesDone = meta.containsKey(BATCHES_DONE) ? integer(meta, BATCHES_DONE, file) : 0;
        if (s.batchesDone > 0) {
            s.batchSize = integer(meta, BATCH_SIZE, file);
            s.epochCounter = Long.parseLong(text(meta, EPOCH_COUNTER, file));
            Map<String, double[]> sums = new LinkedHashMap<>();
            String keys = text(meta, PARTIAL_KEYS, file);
            for (String key : keys.isEmpty() ? new String[0] : keys.split(",")) {
                String v = text(meta, PARTIAL + key, file);
                String[] parts = v.split(",");
                if (parts.length != 2) {
                    throw new IllegalArgumentException(file + ": metadata '" + PARTIAL + key + "' must be "
                            + "'sum,weight', got '" + v + "'");
                }
                sums.put(key, new double[] {number(parts[0], PARTIAL + key, file), number(parts[1], PARTIAL + key,
                        file)});
            }
            s.partial = sums;
        }
        int count = integer(meta, HISTORY_COUNT, file);
        for (int i = 0; i < count; i++) {
            s.history.add(decode(text(meta, HISTORY + i, file), file));
        }
        if (!best.isEmpty()) {
            s.bestWeights = new LinkedHashMap<>();
            best.forEach((k, t) -> s.bestWeights.put(k.substring(BEST.length()), t));
        } else if (rule != null && rule.restoreBest() && s.bestEpoch > 0) {
            throw new IllegalArgumentException(file + ": the checkpoint holds no best weights (saved without "
                    + "restoreBest) but this trainer restores them");
        }
        return s;
    }

    /** One "key=value" line per entry: "epoch", the values, "seconds". */
    private static String encode(EpochMetrics m) {
        StringBuilder sb = new StringBuilder("epoch=").append(m.epoch());
        m.values().forEach((k, v) -> {
            if (k.contains("=") || k.contains("\n")) {
                throw new IllegalStateException("Trainer: cannot checkpoint a metric named '" + k + "' (names must "
                        + "not contain '=' or a line break)");
            }
            sb.append('\n').append(k).append('=').append(v);
        });
        return sb.append('\n').append(SECONDS).append('=').append(m.seconds()).toString();
    }

    private static EpochMetrics decode(String text, Path file) {
        String[] lines = text.split("\n");
        int epoch = 0;
        double seconds = Double.NaN;
        Map<String, Double> values = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(file + ": bad history entry '" + line + "'");
            }
            String key = line.substring(0, eq);
            double v = number(line.substring(eq + 1), key, file);
            switch (key) {
                case "epoch" -> epoch = (int) v;
                case SECONDS -> seconds = v;
                default -> values.put(key, v);
            }
        }
        return new EpochMetrics(epoch, values, seconds);
    }

    private static String text(Map<String, String> meta, String key, Path file) {
        String v = meta.get(key);
        if (v == null) {
            throw new IllegalArgumentException(file + ": Trainer checkpoint lacks '" + key + "' metadata");
        }
        return v;
    }

    private static int integer(Map<String, String> meta, String key, Path file) {
        String v = text(meta, key, file);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": metadata '" + key + "' must be an integer, got '" + v + "'",
                    e);
        }
    }

    private static double number(String v, String key, Path file) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": '" + key + "' must be a number, got '" + v + "'", e);
        }
    }
}

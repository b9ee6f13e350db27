package org.ebl4j.energy.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.ebl4j.energy.DiscreteEnergy;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.inference.Inference;
import org.ebl4j.energy.loss.Loss;
import org.ebl4j.energy.loss.LossOutput;
import org.ebl4j.io.Checkpoint;
import org.ebl4j.optim.GradientClipping;
import org.ebl4j.optim.LearningRateSchedule;
import org.ebl4j.optim.Optimizer;
import org.ebl4j.optim.OptimizerState;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * Learning as the tutorial defines it (LeCun et al. 2006, §2): find W* = argmin_W L(W) with
 * L(W) = 1/P Σ_i L(Y^i, E(W, 𝒴, X^i)) for any {@link Energy} and any {@link Loss}, by mini-batch stochastic
 * gradient steps W ← W − η(t)·∂L_batch/∂W taken by an {@link Optimizer} (its constraints apply after each step).
 *
 * <p>One epoch: the training set is shuffled with a permutation drawn from the trainer's own {@link Rng} (seeded by
 * {@link Builder#seed}), cut into mini-batches of {@link Builder#batchSize} samples (the last may be smaller), and
 * for each batch the gradient of the batch's mean loss is computed, optionally clipped to a global norm, and the
 * optimiser steps (through {@link Optimizer#step(org.ebl4j.optim.Closure)}, so L-BFGS works too). A
 * {@link LearningRateSchedule} sets η(t) per epoch or per update ({@link ScheduleUnit}). After the epoch the
 * validation set is evaluated ({@link #evaluate}), the metrics are appended to the history, {@link EarlyStopping}
 * is consulted, a checkpoint is written when due, and the listener is called.
 *
 * <p>Determinism: with the same seed, data, initial weights and settings two runs give bit-identical weights and
 * metrics (the seconds aside). Checkpoints ({@link Builder#checkpoints}) are {@link Checkpoint} files holding the
 * last epoch's weights ("model.*"), the optimiser state, the generator state and the trainer's progress (epochs,
 * updates, history, early-stopping counters as "trainer.*" metadata; the best weights, with
 * {@link EarlyStopping#restoreBest()}, as the checkpoint's extra tensors "extra.trainer.best.*"), written
 * atomically every N epochs and at the end, or every N updates and at the end of every epoch
 * ({@link ScheduleUnit#STEP}: then also the position in the epoch, the generator's counter when its order was drawn
 * and the partial sums of its metrics); a fresh trainer that {@link #resume}s from one continues bit-identically, so
 * a crash loses at most N epochs, or N updates. Randomness
 * inside the loss or the inference (e.g. samplers with their own Rng) is theirs and is not checkpointed.
 *
 * <p>Training stops with an {@link IllegalStateException} naming the epoch and batch when the loss (or, with
 * clipping, the gradient norm) at the current weights is NaN or infinite. Metrics of an epoch are taken from the
 * loss at the weights before each update.
 */
public final class Trainer {
    private final Energy energy;
    private final Loss loss;
    private final Optimizer optimizer;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final LearningRateSchedule schedule;
    private final ScheduleUnit scheduleUnit;
    private final double clipNorm;
    private final Dataset validation;
    private final Inference inference;
    private final EarlyStopping earlyStopping;
    private final Path checkpoint;
    private final int checkpointEvery;
    private final ScheduleUnit checkpointUnit;
    private final Consumer<EpochMetrics> listener;
    private Rng rng;
    private TrainingState state = new TrainingState();

    private Trainer(Builder b) {
        energy = b.energy;
        loss = b.loss;
        optimizer = b.optimizer;
        epochs = b.epochs;
        batchSize = b.batchSize;
        seed = b.seed;
        schedule = b.schedule;
        scheduleUnit = b.scheduleUnit;
        clipNorm = b.clipNorm;
        validation = b.validation;
        inference = b.inference;
        earlyStopping = b.earlyStopping;
        checkpoint = b.checkpoint;
        checkpointEvery = b.checkpointEvery;
        checkpointUnit = b.checkpointUnit;
        listener = b.listener;
        rng = new Rng(seed);
    }

    /** A builder for training {@code energy} with {@code loss}; {@code optimizer} must update only its parameters. */
    public static Builder builder(Energy energy, Loss loss, Optimizer optimizer) {
        return new Builder(energy, loss, optimizer);
    }

    /**
     * Trains on {@code train} until {@link Builder#epochs} epochs are done in total (counting those restored by
     * {@link #resume}) or early stopping triggers; returns the history. With {@link EarlyStopping#restoreBest()} the
     * energy ends with the best epoch's weights (checkpoints keep the last epoch's weights, and the best ones apart,
     * so that resuming continues exactly).
     *
     * @throws IllegalStateException when the loss or gradient norm becomes NaN or infinite
     * @throws UncheckedIOException  when a checkpoint cannot be written
     */
    public TrainingHistory fit(Dataset train) {
        Objects.requireNonNull(train, "Trainer.fit: training set is null");
        while (!state.stopped && state.epoch < epochs) {
            long start = System.nanoTime();
            int epoch = state.epoch + 1;
            Map<String, Double> values = trainEpoch(train, epoch);
            if (validation != null) {
                evaluate(validation).forEach((k, v) -> values.put("val_" + k, v));
            }
            EpochMetrics metrics = new EpochMetrics(epoch, values, (System.nanoTime() - start) / 1e9);
            state.record(metrics, earlyStopping, energy);
            if (checkpoint != null && (checkpointUnit == ScheduleUnit.STEP || epoch % checkpointEvery == 0
                    || state.stopped || epoch == epochs)) {
                save();
            }
            listener.accept(metrics);
        }
        if (state.bestWeights != null) {
            energy.loadStateDict(state.bestWeights);
        }
        return history();
    }

    /**
     * One pass over {@code train}; returns "train_loss", "train_&lt;metric&gt;"... (loss metrics in alphabetical
     * order, as {@link LossOutput#metrics()} keeps none), "train_grad_norm" (with clipping), "lr".
     */
    private Map<String, Double> trainEpoch(Dataset train, int epoch) {
        energy.train(true);
        if (schedule != null && scheduleUnit == ScheduleUnit.EPOCH) {
            schedule.applyTo(optimizer, epoch - 1);
        }
        int batches = batches(train.size());
        int[] order;
        Means means = new Means();
        if (state.batchesDone == 0) {
            state.epochCounter = rng.counter();
            order = rng.permutation(train.size());
        } else { // resumed inside the epoch: its order as drawn when it began, its metrics so far
            if (state.batchesDone >= batches || state.batchSize != batchSize) {
                throw new IllegalArgumentException("Trainer: the checkpoint stopped after " + state.batchesDone
                        + " batches of " + state.batchSize + " in epoch " + epoch + "; this run has " + batches
                        + " batches of " + batchSize + " (another training set or batch size)");
            }
            order = new Rng(seed, state.epochCounter).permutation(train.size());
            state.partial.forEach((k, v) -> means.sums.put(k, v.clone()));
        }
        for (int b = state.batchesDone; b < batches; b++) {
            Dataset batch = batch(train, order, b);
            if (schedule != null && scheduleUnit == ScheduleUnit.STEP) {
                schedule.applyTo(optimizer, state.step);
            }
            String where = "epoch " + epoch + ", batch " + (b + 1) + " of " + batches;
            LossOutput[] first = new LossOutput[1];
            double[] firstNorm = new double[1];
            optimizer.step(() -> {
                // The first evaluation is at the step's weights; L-BFGS's line-search trials may follow.
                boolean current = first[0] == null;
                energy.zeroGrad();
                LossOutput out = loss.compute(energy, batch.x(), batch.y());
                double value = out.loss().item();
                if (current && !Double.isFinite(value)) {
                    throw new IllegalStateException("Trainer: the " + loss.name() + " loss is " + value + " at "
                            + where + "; training stopped (lower the learning rate or clip the gradients)");
                }
                out.loss().backward();
                double norm = clipNorm > 0 ? GradientClipping.clipGradNorm(optimizer.parameters(), clipNorm) : 0;
                if (current && !Double.isFinite(norm)) {
                    throw new IllegalStateException("Trainer: the gradient norm is " + norm + " at " + where
                            + "; training stopped");
                }
                if (current) {
                    first[0] = out;
                    firstNorm[0] = norm;
                }
                return value;
            });
            state.step++;
            int weight = batch.size();
            means.add("loss", first[0].loss().item(), weight);
            new TreeMap<>(first[0].metrics()).forEach((k, v) -> means.add(k, v, weight));
            if (clipNorm > 0) {
                means.add("grad_norm", firstNorm[0], weight);
            }
            state.batchesDone = b + 1;
            if (checkpoint != null && checkpointUnit == ScheduleUnit.STEP && state.step % checkpointEvery == 0
                    && b + 1 < batches) {
                state.batchSize = batchSize;
                state.partial = new LinkedHashMap<>();
                means.sums.forEach((k, v) -> state.partial.put(k, v.clone()));
                save();
            }
        }
        state.batchesDone = 0;
        state.partial = Map.of();
        Map<String, Double> values = means.prefixed("train_");
        values.put("lr", optimizer.learningRate());
        return values;
    }

    /**
     * The mean loss ("loss") and mean loss metrics (alphabetical) over {@code data}, in batches of
     * {@link Builder#batchSize}, with the energy in evaluation mode; with an inference procedure also "accuracy"
     * (a {@link DiscreteEnergy}: the fraction of samples whose Y* equals Y) or "error" (otherwise: mean |Y* − Y|
     * over all answer coordinates). Changes no weight.
     */
    public Map<String, Double> evaluate(Dataset data) {
        boolean wasTraining = energy.isTraining();
        energy.eval();
        try {
            Means means = new Means();
            int[] order = IntStream.range(0, data.size()).toArray();
            for (int b = 0, batches = batches(order.length); b < batches; b++) {
                Dataset batch = batch(data, order, b);
                int weight = batch.size();
                LossOutput out = loss.compute(energy, batch.x(), batch.y());
                means.add("loss", out.loss().item(), weight);
                new TreeMap<>(out.metrics()).forEach((k, v) -> means.add(k, v, weight));
                if (inference != null) {
                    Tensor found = inference.infer(energy, batch.x()).y();
                    if (energy instanceof DiscreteEnergy) {
                        means.add("accuracy", matching(found, batch.y()), weight);
                    } else {
                        means.add("error", meanAbsoluteError(found, batch.y()), weight);
                    }
                }
            }
            return means.prefixed("");
        } finally {
            energy.train(wasTraining);
        }
    }

    private int batches(int samples) {
        return (samples + batchSize - 1) / batchSize;
    }

    /** Mini-batch {@code index}: the samples at {@code order[index·batchSize ..]}, at most batchSize of them. */
    private Dataset batch(Dataset data, int[] order, int index) {
        int from = index * batchSize;
        return data.rows(Indices.of(Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize))));
    }

    /** Fraction of rows where the inferred label equals the correct one. */
    private static double matching(Tensor found, Tensor correct) {
        float[] a = answers(found, correct);
        float[] b = correct.toArray();
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        return (double) same / a.length;
    }

    /** Mean |Y* − Y| over every coordinate, accumulated in double. */
    private static double meanAbsoluteError(Tensor found, Tensor correct) {
        float[] a = answers(found, correct);
        float[] b = correct.toArray();
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((double) a[i] - b[i]);
        }
        return sum / a.length;
    }

    private static float[] answers(Tensor found, Tensor correct) {
        if (!Arrays.equals(found.shape(), correct.shape())) {
            throw new IllegalStateException("Trainer: inference returned answers of shape " + Shape.str(found.shape())
                    + " for correct answers of shape " + Shape.str(correct.shape()));
        }
        return found.toArray();
    }

    /** Writes the checkpoint file atomically (creating its folder). */
    private void save() {
        try {
            Path parent = checkpoint.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            new Checkpoint(energy.stateDict(), optimizer.state(), rng, state.metadata(earlyStopping),
                    state.bestTensors()).save(checkpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("Trainer: could not write checkpoint " + checkpoint + " after epoch "
                    + state.epoch, e);
        }
    }

    /**
     * Restores the weights, optimiser state, random generator, history and early-stopping state of a checkpoint
     * written by a trainer with the same seed, energy, optimiser class and early-stopping metric; the next
     * {@link #fit} continues with the epoch after the saved one, bit-identically to a run that was never
     * interrupted. Returns this trainer.
     *
     * @throws IllegalArgumentException naming the file when the checkpoint does not fit this trainer; the weights
     *                                  and the optimiser are then left as they were
     */
    public Trainer resume(Path file) throws IOException {
        Checkpoint saved = Checkpoint.load(file);
        TrainingState restored = TrainingState.restore(saved.extra(), saved.extraTensors(), earlyStopping, file);
        if (saved.rng().seed() != seed) {
            throw new IllegalArgumentException(file + ": the checkpoint was written with seed " + saved.rng().seed()
                    + ", this trainer has seed " + seed);
        }
        OptimizerState before = optimizer.state();
        try {
            optimizer.loadState(saved.optimizer());
            energy.loadStateDict(saved.model());
        } catch (IllegalArgumentException e) {
            optimizer.loadState(before);
            throw new IllegalArgumentException(file + ": checkpoint does not fit this trainer: " + e.getMessage(), e);
        }
        rng = saved.rng();
        state = restored;
        return this;
    }

    /** The history so far (epochs restored by {@link #resume} included). */
    public TrainingHistory history() {
        return state.history(earlyStopping);
    }

    /** Per-key means weighted by batch size, accumulated in double, in first-seen order. */
    private static final class Means {
        private final Map<String, double[]> sums = new LinkedHashMap<>();

        void add(String key, double value, int weight) {
            double[] s = sums.computeIfAbsent(key, k -> new double[2]);
            s[0] += value * weight;
            s[1] += weight;
        }

        Map<String, Double> prefixed(String prefix) {
            Map<String, Double> out = new LinkedHashMap<>();
            sums.forEach((k, s) -> out.put(prefix + k, s[0] / s[1]));
            return out;
        }
    }

    /**
     * Settings of a {@link Trainer}; each setter rejects a value out of range with a message naming the setting and
     * the accepted range. Defaults: 10 epochs, batches of 32, seed 0, no schedule, no clipping, no validation, no
     * early stopping, no checkpoints, no listener.
     */
    public static final class Builder {
        private final Energy energy;
        private final Loss loss;
        private final Optimizer optimizer;
        private int epochs = 10;
        private int batchSize = 32;
        private long seed;
        private LearningRateSchedule schedule;
        private ScheduleUnit scheduleUnit = ScheduleUnit.EPOCH;
        private double clipNorm;
        private Dataset validation;
        private Inference inference;
        private EarlyStopping earlyStopping;
        private Path checkpoint;
        private int checkpointEvery;
        private ScheduleUnit checkpointUnit = ScheduleUnit.EPOCH;
        private Consumer<EpochMetrics> listener = m -> { };

        private Builder(Energy energy, Loss loss, Optimizer optimizer) {
            this.energy = Objects.requireNonNull(energy, "Trainer: energy is null");
            this.loss = Objects.requireNonNull(loss, "Trainer: loss is null");
            this.optimizer = Objects.requireNonNull(optimizer, "Trainer: optimizer is null");
            Set<Tensor> own = Collections.newSetFromMap(new IdentityHashMap<>());
            own.addAll(energy.parameters());
            List<Tensor> params = optimizer.parameters();
            for (int i = 0; i < params.size(); i++) {
                if (!own.contains(params.get(i))) {
                    throw new IllegalArgumentException("Trainer: optimizer parameter " + i + " of shape "
                            + Shape.str(params.get(i).shape()) + " is not a parameter of " + energy);
                }
            }
        }

        /** Total epochs, ≥ 1 (a resumed run counts the epochs already done). */
        public Builder epochs(int epochs) {
            this.epochs = atLeastOne("epochs", epochs);
            return this;
        }

        /** Samples per mini-batch, ≥ 1 (larger than the training set: one batch per epoch). */
        public Builder batchSize(int batchSize) {
            this.batchSize = atLeastOne("batchSize", batchSize);
            return this;
        }

        /** Seed of the generator that shuffles the training set; any value. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** η(t) set on the optimiser per epoch or per update. */
        public Builder schedule(LearningRateSchedule schedule, ScheduleUnit unit) {
            if (schedule == null || unit == null) {
                throw new IllegalArgumentException("Trainer: schedule and its unit (one of "
                        + Arrays.toString(ScheduleUnit.values()) + ") must not be null");
            }
            this.schedule = schedule;
            this.scheduleUnit = unit;
            return this;
        }

        /** Rescales the gradients to a global L2 norm of at most {@code maxNorm} (finite, &gt; 0) before each step. */
        public Builder clipGradientNorm(double maxNorm) {
            if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
                throw new IllegalArgumentException("Trainer: clipGradientNorm maxNorm must be a finite number > 0, "
                        + "got " + maxNorm);
            }
            this.clipNorm = maxNorm;
            return this;
        }

        /** Evaluated after every epoch; its values are reported as "val_..." (see {@link Trainer#evaluate}). */
        public Builder validation(Dataset validation) {
            this.validation = Objects.requireNonNull(validation, "Trainer: validation set is null");
            return this;
        }

        /** The inference procedure Y* = argmin_Y E(W, Y, X) behind the "accuracy" / "error" of evaluation. */
        public Builder inference(Inference inference) {
            this.inference = Objects.requireNonNull(inference, "Trainer: inference is null");
            return this;
        }

        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = Objects.requireNonNull(earlyStopping, "Trainer: earlyStopping is null");
            return this;
        }

        /** Writes a checkpoint to {@code file} every {@code every} (≥ 1) epochs and when training ends. */
        public Builder checkpoints(Path file, int every) {
            return checkpoints(file, every, ScheduleUnit.EPOCH);
        }

        /**
         * Writes a checkpoint to {@code file} every {@code every} (≥ 1) epochs ({@link ScheduleUnit#EPOCH}) and when
         * training ends, or every {@code every} updates ({@link ScheduleUnit#STEP}) and at the end of every epoch.
         */
        public Builder checkpoints(Path file, int every, ScheduleUnit unit) {
            this.checkpoint = Objects.requireNonNull(file, "Trainer: checkpoint file is null");
            this.checkpointUnit = Objects.requireNonNull(unit, "Trainer: checkpoint unit is null");
            this.checkpointEvery = atLeastOne("checkpoint interval (" + (unit == ScheduleUnit.STEP ? "updates"
                    : "epochs") + ")", every);
            return this;
        }

        /** Called with each epoch's metrics, after its checkpoint (if any) is written. */
        public Builder listener(Consumer<EpochMetrics> listener) {
            this.listener = Objects.requireNonNull(listener, "Trainer: listener is null");
            return this;
        }

        public Trainer build() {
            return new Trainer(this);
        }

        private static int atLeastOne(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException("Trainer: " + name + " must be >= 1, got " + value);
            }
            return value;
        }
    }
}

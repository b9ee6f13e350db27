package org.ebl4j.unsupervised.rbm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.train.EpochMetrics;
import org.ebl4j.energy.train.ScheduleUnit;
import org.ebl4j.energy.train.TrainingHistory;
import org.ebl4j.io.Checkpoint;
import org.ebl4j.optim.LearningRateSchedule;
import org.ebl4j.optim.OptimizerState;
import org.ebl4j.optim.Sgd;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Contrastive divergence CD-k (Hinton, "Training products of experts by minimizing contrastive divergence", 2002)
 * and persistent contrastive divergence (Tieleman, "Training restricted Boltzmann machines using approximations to
 * the likelihood gradient", ICML 2008): push the free energy down on the data and up on points chosen by Gibbs
 * sampling. The gradient of the mean negative log-likelihood over a mini-batch {v⁰} of B rows,
 *
 * <pre>
 *   ∂/∂θ (1/B) Σ −log p(v⁰) = ⟨∂F/∂θ⟩_data − ⟨∂F/∂θ⟩_model,
 * </pre>
 *
 * is estimated by replacing the model expectation with the average over B negative particles v^k: k sweeps of
 * block Gibbs sampling (h ~ p(h | v), v ~ p(v | h)) started at the data (CD-k) or continued from where the
 * previous update left the persistent chains (PCD; the chains start at random training rows). ∂F/∂θ uses
 * p(h | v) in place of sampled h (for W: −s(v) p(h | v)ᵀ), so each update is two GEMMs for the statistics plus
 * 2k for the chain, with no autodiff. With {@link #meanFieldVisible} the chain's visible states are the means
 * E[v | h] instead of samples (Hinton's CD-1 recipe; CD only, since persistent chains must sample).
 *
 * <p>The update is SGD with momentum μ on the weights, with L2 weight decay λ on W only (Hinton's guide, §9–10):
 * {@link Sgd} with the gradient above. A {@link LearningRateSchedule} may set the rate per epoch or per update.
 * Each epoch reports "lr" and, unless {@link #monitorRows} is 0, "reconstruction_error" (mean squared difference per
 * visible unit between v and E[v | h], h ~ p(h | v), over the first 1,024 training rows after the epoch's updates).
 * Mini-batches come from a seeded permutation each epoch; the last one may be smaller. A run whose weights or units
 * turn NaN or infinite (too high a rate) stops with an {@link IllegalStateException} naming the epoch and batch,
 * never with a NaN model.
 *
 * <p>Checkpoints ({@link #checkpoints}) are {@link Checkpoint} files written atomically every N updates and at the
 * end of every epoch: the RBM's weights, both optimisers' momentum ("optimizer.weights.*", "optimizer.biases.*"),
 * the generator, the persistent chains ("extra.cd.chains"), the position in the run (epochs and batches done,
 * updates, the generator's counter when the epoch's permutation was drawn) and the history, as "cd.*" metadata.
 * A {@link #resume}d run continues bit-identically to one never interrupted, so a crash loses at most N updates.
 */
public final class ContrastiveDivergence {
    // checkpoint entries (see the class comment)
    private static final String METHOD = "cd.method";
    private static final String BATCH_SIZE = "cd.batch_size";
    private static final String EPOCHS_DONE = "cd.epochs_done";
    private static final String BATCHES_DONE = "cd.batches_done";
    private static final String STEP = "cd.step";
    private static final String EPOCH_COUNTER = "cd.epoch_rng_counter";
    private static final String HISTORY = "cd.history.";
    private static final String SECONDS = "seconds";
    private static final String HISTORY_KEYS = "cd.history_keys";
    private static final String CHAINS = "cd.chains";
    private static final String WEIGHTS = "weights.";
    private static final String BIASES = "biases.";

    private int k = 1;
    private int monitorRows = 1024;
    private boolean persistent;
    private boolean meanFieldVisible;
    private int epochs = 10;
    private int batchSize = 100;
    private double learningRate = 0.1;
    private double momentum = 0.5;
    private double weightDecay;
    private LearningRateSchedule schedule;
    private ScheduleUnit scheduleUnit = ScheduleUnit.EPOCH;
    private long seed;
    private Consumer<EpochMetrics> listener = m -> { };
    private Progress progress = (epoch, batch, batches) -> { };
    private Path checkpoint;
    private int checkpointEvery;
    private Checkpoint resumeFrom;
    private Path resumeFile;

    /** Told after every update where the run is. */
    @FunctionalInterface
    public interface Progress {
        /** Update {@code batch} (1-based) of {@code batches} in {@code epoch} (1-based) is done. */
        void update(int epoch, int batch, int batches);
    }

    /** CD-1, 10 epochs, batches of 100, learning rate 0.1, momentum 0.5, no weight decay, seed 0. */
    public ContrastiveDivergence() {
    }

    /** Gibbs sweeps per update, k ≥ 1 (CD-k, or PCD-k when persistent). */
    public ContrastiveDivergence k(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("ContrastiveDivergence: k (Gibbs sweeps per update) must be >= 1, got "
                    + k);
        }
        this.k = k;
        return this;
    }

    /** Persistent chains (PCD) instead of chains restarted at the data (CD). */
    public ContrastiveDivergence persistent(boolean on) {
        if (on && meanFieldVisible) {
            throw new IllegalArgumentException("ContrastiveDivergence: persistent chains must sample their visible "
                    + "states; turn meanFieldVisible off first");
        }
        this.persistent = on;
        return this;
    }

    /** Visible states of the negative chain are E[v | h] rather than samples (CD only). */
    public ContrastiveDivergence meanFieldVisible(boolean on) {
        if (on && persistent) {
            throw new IllegalArgumentException("ContrastiveDivergence: meanFieldVisible is for CD only (persistent "
                    + "chains must sample their visible states)");
        }
        this.meanFieldVisible = on;
        return this;
    }

    /**
     * Training rows (the first ones) whose reconstruction error each epoch reports, ≥ 0 (default 1,024; 0: no
     * monitor, as scikit-learn's BernoulliRBM without verbose output).
     */
    public ContrastiveDivergence monitorRows(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("ContrastiveDivergence: monitorRows must be >= 0, got " + rows);
        }
        this.monitorRows = rows;
        return this;
    }

    /** Passes over the data, ≥ 1. */
    public ContrastiveDivergence epochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("ContrastiveDivergence: epochs must be >= 1, got " + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    /** Rows per mini-batch (and persistent chains), ≥ 1. */
    public ContrastiveDivergence batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("ContrastiveDivergence: batchSize must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /** η &gt; 0 (the schedule's rate replaces it when one is set). */
    public ContrastiveDivergence learningRate(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("ContrastiveDivergence: learningRate must be finite and > 0, got "
                    + lr);
        }
        this.learningRate = lr;
        return this;
    }

    /** μ ∈ [0, 1). */
    public ContrastiveDivergence momentum(double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("ContrastiveDivergence: momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
        return this;
    }

    /** λ ≥ 0, L2 weight decay on W (not on the biases). */
    public ContrastiveDivergence weightDecay(double weightDecay) {
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("ContrastiveDivergence: weightDecay must be finite and >= 0, got "
                    + weightDecay);
        }
        this.weightDecay = weightDecay;
        return this;
    }

    /** η(t), with t counting epochs or updates. */
    public ContrastiveDivergence schedule(LearningRateSchedule schedule, ScheduleUnit unit) {
        if (schedule == null || unit == null) {
            throw new IllegalArgumentException("ContrastiveDivergence: schedule and its unit (EPOCH or STEP) must "
                    + "not be null");
        }
        this.schedule = schedule;
        this.scheduleUnit = unit;
        return this;
    }

    /** Seed of the mini-batch order, the Gibbs chains and the persistent chains' start. */
    public ContrastiveDivergence seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Called after every epoch with its metrics. */
    public ContrastiveDivergence listener(Consumer<EpochMetrics> listener) {
        if (listener == null) {
            throw new IllegalArgumentException("ContrastiveDivergence: listener must not be null");
        }
        this.listener = listener;
        return this;
    }

    /** Called after every update with the epoch and batch it finished. */
    public ContrastiveDivergence progress(Progress progress) {
        this.progress = Objects.requireNonNull(progress, "ContrastiveDivergence: progress must not be null");
        return this;
    }

    /**
     * Writes a checkpoint to {@code file} (atomically, creating its folder) every {@code everyUpdates} (≥ 1)
     * updates and at the end of every epoch, before the epoch's listener is called.
     */
    public ContrastiveDivergence checkpoints(Path file, int everyUpdates) {
        if (everyUpdates < 1) {
            throw new IllegalArgumentException("ContrastiveDivergence: checkpoint interval (updates) must be >= 1, "
                    + "got " + everyUpdates);
        }
        this.checkpoint = Objects.requireNonNull(file, "ContrastiveDivergence: checkpoint file is null");
        this.checkpointEvery = everyUpdates;
        return this;
    }

    /**
     * Makes the next {@link #train} continue from a checkpoint written by a run with the same seed and settings;
     * returns the history of the epochs it holds. The weights, optimiser state, generator, chains and position are
     * restored when {@link #train} starts, which checks that the checkpoint fits its RBM and data.
     *
     * @throws IllegalArgumentException naming the file when it was not written by contrastive divergence with this
     *                                  seed, method and batch size
     */
    public TrainingHistory resume(Path file) throws IOException {
        Checkpoint saved = Checkpoint.load(file);
        Map<String, String> meta = saved.extra();
        if (!meta.containsKey(EPOCHS_DONE)) {
            throw new IllegalArgumentException(file + ": not a contrastive-divergence checkpoint (no '" + EPOCHS_DONE
                    + "' metadata)");
        }
        String mine = name() + ", batch size " + batchSize + ", seed " + seed;
        String theirs = text(meta, METHOD, file) + ", batch size " + text(meta, BATCH_SIZE, file) + ", seed "
                + saved.rng().seed();
        if (!mine.equals(theirs)) {
            throw new IllegalArgumentException(file + ": the checkpoint was written by " + theirs + ", this run is "
                    + mine);
        }
        resumeFrom = saved;
        resumeFile = file;
        return new TrainingHistory(history(meta, file), null, 0, Double.NaN, false);
    }

    public int k() {
        return k;
    }

    public boolean persistent() {
        return persistent;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    /** "CD-k" or "PCD-k". */
    public String name() {
        return (persistent ? "PCD-" : "CD-") + k;
    }

    /**
     * Trains {@code rbm} on the rows of {@code data} [N, D] until {@link #epochs} epochs are done in total (counting
     * those of a checkpoint given to {@link #resume}); returns the per-epoch metrics.
     *
     * @throws UncheckedIOException when a checkpoint cannot be written
     */
    public TrainingHistory train(RestrictedBoltzmannMachine rbm, Tensor data) {
        rbm.checkVisible("fit", data);
        int n = data.shape(0);
        if (n < 1) {
            throw new IllegalArgumentException(name() + ": needs at least one training row, got 0");
        }
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            if (!Float.isFinite(data.sum().item())) {
                throw new IllegalArgumentException(name() + ": the training data contain NaN or infinite values");
            }
        }
        List<Tensor> params = rbm.parameters();
        Sgd weights = new Sgd(params.subList(0, 1), learningRate, momentum, 0, false, weightDecay);
        Sgd biases = new Sgd(params.subList(1, params.size()), learningRate, momentum);
        Tensor[] grads = new Tensor[params.size()];
        for (int i = 0; i < grads.length; i++) {
            grads[i] = Tensor.zeros(params.get(i).shape());
        }
        Run run;
        if (resumeFrom == null) {
            Rng rng = new Rng(seed);
            run = new Run(rng, persistent ? rbm.sampleHidden(data.indexSelect(randomRows(n, batchSize, rng)), rng)
                    : null);
        } else {
            run = restore(rbm, n, weights, biases);
        }
        resumeFrom = null;
        Tensor monitor = monitorRows == 0 ? null : data.slice(0, 0, Math.min(n, monitorRows));
        int batches = (n + batchSize - 1) / batchSize;
        for (int epoch = run.epochsDone + 1; epoch <= epochs; epoch++) {
            long t0 = System.nanoTime();
            if (schedule != null && scheduleUnit == ScheduleUnit.EPOCH) {
                setRate(weights, biases, schedule.learningRate(epoch - 1));
            }
            int[] order;
            if (run.batchesDone == 0) {
                run.epochCounter = run.rng.counter();
                order = run.rng.permutation(n);
            } else { // resumed mid-epoch: the permutation drawn when the epoch began
                order = new Rng(seed, run.epochCounter).permutation(n);
            }
            for (int b = run.batchesDone; b < batches; b++) {
                if (schedule != null && scheduleUnit == ScheduleUnit.STEP) {
                    setRate(weights, biases, schedule.learningRate(run.step));
                }
                int from = b * batchSize;
                int[] rows = Arrays.copyOfRange(order, from, Math.min(n, from + batchSize));
                Tensor v0 = data.indexSelect(Indices.of(rows));
                run.chains = update(rbm, v0, run.chains, grads, run.rng);
                checkFinite(grads, weights, epoch, b + 1, batches);
                for (int i = 0; i < grads.length; i++) {
                    params.get(i).zeroGrad();
                    params.get(i).accumulateGrad(grads[i]);
                }
                weights.step();
                biases.step();
                run.step++;
                run.batchesDone = b + 1;
                progress.update(epoch, b + 1, batches);
                if (checkpoint != null && run.step % checkpointEvery == 0 && b + 1 < batches) {
                    save(run, rbm, weights, biases);
                }
            }
            rbm.zeroGrad();
            Map<String, Double> values = new LinkedHashMap<>();
            if (monitor != null) {
                values.put("reconstruction_error", reconstructionError(rbm, monitor, run.rng));
            }
            values.put("lr", weights.learningRate());
            EpochMetrics m = new EpochMetrics(epoch, values, (System.nanoTime() - t0) / 1e9);
            run.history.add(m);
            run.epochsDone = epoch;
            run.batchesDone = 0;
            if (checkpoint != null) {
                save(run, rbm, weights, biases);
            }
            listener.accept(m);
        }
        return new TrainingHistory(run.history, null, 0, Double.NaN, false);
    }

    /** Where a run stands between updates, besides the weights and the optimisers. */
    private static final class Run {
        Rng rng;
        Tensor chains;
        int epochsDone;
        int batchesDone;
        int step;
        /** The generator's counter when the current epoch's permutation was drawn. */
        long epochCounter;
        final List<EpochMetrics> history = new ArrayList<>();

        Run(Rng rng, Tensor chains) {
            this.rng = rng;
            this.chains = chains;
        }
    }

    /** Writes the run's checkpoint (see the class comment). */
    private void save(Run run, RestrictedBoltzmannMachine rbm, Sgd weights, Sgd biases) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(METHOD, name());
        meta.put(BATCH_SIZE, Integer.toString(batchSize));
        meta.put(EPOCHS_DONE, Integer.toString(run.epochsDone));
        meta.put(BATCHES_DONE, Integer.toString(run.batchesDone));
        meta.put(STEP, Integer.toString(run.step));
        meta.put(EPOCH_COUNTER, Long.toString(run.epochCounter));
        meta.put(HISTORY + SECONDS, join(run.history.stream().mapToDouble(EpochMetrics::seconds).toArray()));
        List<String> keys = run.history.isEmpty() ? List.of() : List.copyOf(run.history.get(0).values().keySet());
        meta.put(HISTORY_KEYS, String.join(",", keys));
        for (String key : keys) {
            meta.put(HISTORY + key, join(run.history.stream().mapToDouble(m -> m.get(key)).toArray()));
        }
        Map<String, Tensor> tensors = run.chains == null ? Map.of() : Map.of(CHAINS, run.chains);
        try {
            Files.createDirectories(checkpoint.toAbsolutePath().getParent());
            new Checkpoint(rbm.stateDict(), merge(weights.state(), biases.state()), run.rng, meta, tensors)
                    .save(checkpoint);
        } catch (IOException e) {
            throw new UncheckedIOException(name() + ": could not write checkpoint " + checkpoint + " at epoch "
                    + (run.epochsDone + 1) + ", update " + run.step, e);
        }
    }

    /** The run of the checkpoint given to {@link #resume}, its weights and optimiser state loaded. */
    private Run restore(RestrictedBoltzmannMachine rbm, int rows, Sgd weights, Sgd biases) {
        Checkpoint saved = resumeFrom;
        Path file = resumeFile;
        Map<String, String> meta = saved.extra();
        Run run = new Run(saved.rng(), saved.extraTensors().get(CHAINS));
        run.epochsDone = integer(meta, EPOCHS_DONE, file);
        run.batchesDone = integer(meta, BATCHES_DONE, file);
        run.step = integer(meta, STEP, file);
        run.epochCounter = Long.parseLong(text(meta, EPOCH_COUNTER, file));
        run.history.addAll(history(meta, file));
        int batches = (rows + batchSize - 1) / batchSize;
        if (run.batchesDone >= batches || (persistent && run.chains == null)) {
            throw new IllegalArgumentException(file + ": the checkpoint does not fit " + rows + " training rows in "
                    + batches + " batches (it has done " + run.batchesDone + " batches of its epoch"
                    + (persistent && run.chains == null ? " and holds no persistent chains)" : ")"));
        }
        try {
            rbm.loadStateDict(saved.model());
            weights.loadState(part(saved.optimizer(), WEIGHTS));
            biases.loadState(part(saved.optimizer(), BIASES));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": checkpoint does not fit " + rbm + ": " + e.getMessage(), e);
        }
        return run;
    }

    /** Both optimisers' states in one, their keys prefixed with "weights." and "biases.". */
    private static OptimizerState merge(OptimizerState w, OptimizerState b) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        w.tensors().forEach((k, t) -> tensors.put(WEIGHTS + k, t));
        b.tensors().forEach((k, t) -> tensors.put(BIASES + k, t));
        w.values().forEach((k, v) -> values.put(WEIGHTS + k, v));
        b.values().forEach((k, v) -> values.put(BIASES + k, v));
        return new OptimizerState(tensors, values);
    }

    /** The entries of {@code state} under {@code prefix}, without it. */
    private static OptimizerState part(OptimizerState state, String prefix) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        state.tensors().forEach((k, t) -> {
            if (k.startsWith(prefix)) {
                tensors.put(k.substring(prefix.length()), t);
            }
        });
        state.values().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                values.put(k.substring(prefix.length()), v);
            }
        });
        return new OptimizerState(tensors, values);
    }

    /**
     * The epochs recorded in checkpoint metadata: "cd.history.&lt;key&gt;" lists, one value per epoch, for the keys
     * named in order by "cd.history_keys".
     */
    private static List<EpochMetrics> history(Map<String, String> meta, Path file) {
        double[] seconds = numbers(text(meta, HISTORY + SECONDS, file), file);
        Map<String, double[]> series = new LinkedHashMap<>();
        String keys = text(meta, HISTORY_KEYS, file);
        for (String key : keys.isEmpty() ? new String[0] : keys.split(",")) {
            series.put(key, numbers(text(meta, HISTORY + key, file), file));
        }
        List<EpochMetrics> out = new ArrayList<>();
        for (int e = 0; e < seconds.length; e++) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> s : series.entrySet()) {
                if (s.getValue().length != seconds.length) {
                    throw new IllegalArgumentException(file + ": history '" + s.getKey() + "' has "
                            + s.getValue().length + " values for " + seconds.length + " epochs");
                }
                values.put(s.getKey(), s.getValue()[e]);
            }
            out.add(new EpochMetrics(e + 1, values, seconds[e]));
        }
        return out;
    }

    /** Comma-separated {@link Double#toString} values, which read back exactly. */
    private static String join(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : ",").append(v);
        }
        return sb.toString();
    }

    private static double[] numbers(String text, Path file) {
        try {
            return text.isEmpty() ? new double[0]
                    : Arrays.stream(text.split(",")).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": bad history values '" + text + "'", e);
        }
    }

    private static String text(Map<String, String> meta, String key, Path file) {
        String v = meta.get(key);
        if (v == null) {
            throw new IllegalArgumentException(file + ": contrastive-divergence checkpoint lacks '" + key
                    + "' metadata");
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

    /**
     * Fills {@code grads} with ⟨∂F/∂θ⟩_data − ⟨∂F/∂θ⟩_chains for the mini-batch {@code v0}; returns the persistent
     * chains' hidden states after this update (null for CD).
     */
    private Tensor update(RestrictedBoltzmannMachine rbm, Tensor v0, Tensor chains, Tensor[] grads, Rng rng) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor p0 = rbm.hiddenProbabilities(v0);
            rbm.addFreeEnergyGradient(v0, p0, 1f / v0.shape(0), grads, true);
            Tensor h = persistent ? chains : Units.bernoulli(p0, rng);
            Tensor v = null;
            Tensor p = null;
            for (int t = 0; t < k; t++) {
                v = meanFieldVisible ? rbm.visibleMean(h) : rbm.sampleVisible(h, rng);
                p = rbm.hiddenProbabilities(v);
                if (t < k - 1 || persistent) {
                    h = Units.bernoulli(t < k - 1 ? p : p.contiguousCopy(), rng);
                }
            }
            rbm.addFreeEnergyGradient(v, p, -1f / v.shape(0), grads, false);
            return persistent ? h : null;
        }
    }

    /**
     * Stops a diverged run with a clear message: NaN or infinite weights or units show in the bias gradients (column
     * sums of every unit's state and probability), an O(D + H) check per update.
     */
    private void checkFinite(Tensor[] grads, Sgd weights, int epoch, int batch, int batches) {
        for (int i = 1; i < grads.length; i++) {
            for (float g : grads[i].toArray()) {
                if (!Float.isFinite(g)) {
                    throw new IllegalStateException(name() + ": training diverged at epoch " + epoch + ", batch "
                            + batch + " of " + batches + " (a gradient of the " + (i == 1 ? "visible biases" : i == 2
                            ? "hidden biases" : "visible units' log-variances") + " is " + g + "); lower the "
                            + "learning rate (now " + weights.learningRate() + ")");
                }
            }
        }
    }

    /** Mean over rows and visible units of (v − E[v | h])², h ~ p(h | v). */
    private static double reconstructionError(RestrictedBoltzmannMachine rbm, Tensor v, Rng rng) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return rbm.visibleMean(rbm.sampleHidden(v, rng)).sub(v).square().mean().item();
        }
    }

    private static void setRate(Sgd weights, Sgd biases, double lr) {
        weights.setLearningRate(lr);
        biases.setLearningRate(lr);
    }

    private static Indices randomRows(int n, int count, Rng rng) {
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) {
            rows[i] = rng.nextInt(n);
        }
        return Indices.of(rows);
    }
}

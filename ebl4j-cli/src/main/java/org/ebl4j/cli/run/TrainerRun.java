package org.ebl4j.cli.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.DiscreteEnergy;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.architecture.MulticlassClassifier;
import org.ebl4j.energy.inference.ExhaustiveSearch;
import org.ebl4j.energy.loss.EnergyLoss;
import org.ebl4j.energy.loss.Loss;
import org.ebl4j.energy.loss.NegativeLogLikelihoodLoss;
import org.ebl4j.energy.train.Dataset;
import org.ebl4j.energy.train.ScheduleUnit;
import org.ebl4j.energy.train.Trainer;
import org.ebl4j.energy.train.TrainingHistory;
import org.ebl4j.io.Checkpoint;
import org.ebl4j.nn.Layer;
import org.ebl4j.nn.Linear;
import org.ebl4j.nn.Module;
import org.ebl4j.nn.ReLU;
import org.ebl4j.nn.Sequential;
import org.ebl4j.nn.Sigmoid;
import org.ebl4j.nn.Tanh;
import org.ebl4j.optim.Adam;
import org.ebl4j.optim.Optimizer;
import org.ebl4j.optim.Sgd;
import org.ebl4j.optim.WarmupLinear;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.ebl4j.unsupervised.autoencoder.AutoEncoder;
import org.ebl4j.unsupervised.autoencoder.Corruption;
import org.ebl4j.unsupervised.autoencoder.DenoisingAutoEncoder;
import org.ebl4j.unsupervised.autoencoder.GaussianCorruption;
import org.ebl4j.unsupervised.autoencoder.MaskingCorruption;
import org.ebl4j.unsupervised.autoencoder.TrainingObjective;

/**
 * A network trained by the library's {@link Trainer}: an auto-encoder (encoder layers of the configured widths,
 * the decoder mirroring them, a sigmoid output; the energy loss on its objective, validated on the test rows), a
 * denoising auto-encoder (the same, trained on corrupted input) or an MLP classifier (the energy of label y is
 * output y; negative log-likelihood loss, test accuracy by exhaustive inference each epoch).
 *
 * <p>Checkpoints: the Trainer writes checkpoints/staging every checkpoint_every epochs and at the end; after each
 * such epoch the run adds the corruption generator's counter (metadata "run.corruption_rng_counter", which the
 * Trainer does not save) and promotes it to checkpoints/last and checkpoints/epoch-NNNN. A resumed run continues
 * bit-identically from the last one.
 */
final class TrainerRun extends RunModel {
    private static final String CORRUPTION_COUNTER = "run.corruption_rng_counter";

    private final RunConfig config;
    private final int inputs;
    private final int classes;
    private final Rng corruptionRng;
    private final Energy model;

    TrainerRun(RunConfig config, int inputs, int classes) {
        this(config, inputs, classes, 0);
    }

    private TrainerRun(RunConfig config, int inputs, int classes, long corruptionCounter) {
        this.config = config;
        this.inputs = inputs;
        this.classes = classes;
        this.corruptionRng = new Rng(config.training().seed() + 2, corruptionCounter);
        RunConfig.Model m = config.model();
        Rng init = new Rng(config.training().seed() + 1);
        if (m.type().equals("mlp-classifier")) {
            if (classes < 2) {
                throw new IllegalArgumentException("mlp-classifier needs labelled data with at least 2 classes, got "
                        + classes);
            }
            model = new MulticlassClassifier(network(inputs, m.hidden(), classes, false, init), classes);
        } else {
            List<Integer> widths = m.hidden();
            Layer encoder = network(inputs, widths.subList(0, widths.size() - 1), widths.get(widths.size() - 1),
                    true, init);
            List<Integer> back = new ArrayList<>(widths.subList(0, widths.size() - 1));
            Collections.reverse(back);
            Layer decoder = new Sequential(network(widths.get(widths.size() - 1), back, inputs, false, init),
                    new Sigmoid());
            model = m.type().equals("autoencoder") ? new AutoEncoder(encoder, decoder)
                    : new DenoisingAutoEncoder(encoder, decoder, corruption(m), corruptionRng);
        }
    }

    /** Linear layers through {@code hidden} widths to {@code out}, each followed by the activation (the last one too
     * when {@code activateLast}). */
    private Layer network(int in, List<Integer> hidden, int out, boolean activateLast, Rng rng) {
        List<Layer> layers = new ArrayList<>();
        int width = in;
        for (int h : hidden) {
            layers.add(new Linear(width, h, rng));
            layers.add(activation());
            width = h;
        }
        layers.add(new Linear(width, out, rng));
        if (activateLast) {
            layers.add(activation());
        }
        return new Sequential(layers.toArray(Layer[]::new));
    }

    private Layer activation() {
        return switch (config.model().activation()) {
            case "tanh" -> new Tanh();
            case "relu" -> new ReLU();
            default -> new Sigmoid();
        };
    }

    private static Corruption corruption(RunConfig.Model m) {
        return m.corruption().equals("gaussian") ? new GaussianCorruption(m.noise()) : new MaskingCorruption(m.noise());
    }

    @Override
    public Module module() {
        return model;
    }

    @Override
    public String headline() {
        return "train_loss";
    }

    @Override
    String type() {
        return config.model().type();
    }

    private boolean classifier() {
        return model instanceof MulticlassClassifier;
    }

    @Override
    public TrainingHistory train(RunData data, RunDirectory dir, boolean resume, RunListener listener)
            throws IOException {
        if (resume && Files.exists(dir.lastCheckpoint()) && model instanceof DenoisingAutoEncoder) {
            // the corruption generator is fixed when the model is built: build it again where the checkpoint was
            String counter = Checkpoint.load(dir.lastCheckpoint()).extra().get(CORRUPTION_COUNTER);
            if (counter == null) {
                throw new IllegalArgumentException(dir.lastCheckpoint() + ": no '" + CORRUPTION_COUNTER
                        + "' metadata (not written by a denoising-autoencoder run)");
            }
            TrainerRun fresh = new TrainerRun(config, inputs, classes, Long.parseLong(counter));
            TrainingHistory h = fresh.fit(data, dir, true, listener);
            model.loadStateDict(fresh.model.stateDict());
            return h;
        }
        return fit(data, dir, resume, listener);
    }

    private TrainingHistory fit(RunData data, RunDirectory dir, boolean resume, RunListener listener)
            throws IOException {
        RunConfig.Training t = config.training();
        Dataset train = dataset(data.train(), data.trainLabels());
        int batches = (train.size() + t.batchSize() - 1) / t.batchSize();
        Energy objective = classifier() ? model : new TrainingObjective((AutoEncoder) model);
        Optimizer optimizer = t.optimizer().equals("adam")
                ? new Adam(model.parameters(), t.learningRate(), 0.9, 0.999, 1e-8, t.weightDecay(), false)
                : new Sgd(model.parameters(), t.learningRate(), t.momentum(), 0, false, t.weightDecay());
        Trainer.Builder b = Trainer.builder(objective, loss(), optimizer).epochs(t.epochs()).batchSize(t.batchSize())
                .seed(t.seed()).validation(dataset(data.test(), data.testLabels()))
                .checkpoints(dir.stagingCheckpoint(), t.checkpointEvery())
                .listener(m -> {
                    try {
                        if (m.epoch() % t.checkpointEvery() == 0 || m.epoch() == t.epochs()) {
                            Checkpoint c = Checkpoint.load(dir.stagingCheckpoint());
                            Map<String, String> extra = new LinkedHashMap<>(c.extra());
                            extra.put(CORRUPTION_COUNTER, Long.toString(corruptionRng.counter()));
                            new Checkpoint(c.model(), c.optimizer(), c.rng(), extra, c.extraTensors())
                                    .save(dir.lastCheckpoint());
                            dir.keepEpochCheckpoint(m.epoch());
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    listener.batch(m.epoch(), batches, batches);
                    listener.epoch(m);
                });
        if (classifier()) {
            b.inference(new ExhaustiveSearch());
        }
        if (t.schedule().equals("linear")) {
            b.schedule(new WarmupLinear(t.learningRate(), 0, t.epochs() * batches), ScheduleUnit.STEP);
        }
        Trainer trainer = b.build();
        if (resume && Files.exists(dir.lastCheckpoint())) {
            trainer.resume(dir.lastCheckpoint());
            listener.restored(trainer.history().epochs());
        }
        return trainer.fit(train);
    }

    private Loss loss() {
        return classifier() ? new NegativeLogLikelihoodLoss(1f) : new EnergyLoss();
    }

    private Dataset dataset(Tensor rows, Indices labels) {
        return classifier() ? new Dataset(rows, DiscreteEnergy.answers(labels)) : new Dataset(null, rows);
    }

    /**
     * Classifier: "loss" (mean negative log-likelihood) and "accuracy"; auto-encoders: "reconstruction_error"
     * (mean ‖y − Dec(Enc(y))‖² per example, uncorrupted) and "mse" (per value).
     */
    @Override
    public Map<String, Double> evaluate(Tensor rows, Indices labels, long seed) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (classifier()) {
            Trainer t = Trainer.builder(model, loss(), new Sgd(model.parameters(), 0.1))
                    .batchSize(config.training().batchSize()).inference(new ExhaustiveSearch()).build();
            out.putAll(t.evaluate(dataset(rows, labels)));
            return out;
        }
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            double energy = model.energy(null, rows).mean().item();
            out.put("reconstruction_error", energy);
            out.put("mse", energy / rows.shape(1));
        }
        return out;
    }

    @Override
    public Tensor filters() {
        Layer first = classifier() ? ((MulticlassClassifier) model).network() : ((AutoEncoder) model).encoder();
        while (first instanceof Sequential s) {
            first = s.layers().get(0);
        }
        return ((Linear) first).weight().contiguousCopy();
    }
}

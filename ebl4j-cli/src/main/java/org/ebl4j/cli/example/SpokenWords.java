package org.ebl4j.cli.example;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.ebl4j.cli.plot.Grid;
import org.ebl4j.cli.plot.HeatMap;
import org.ebl4j.cli.plot.Mosaic;
import org.ebl4j.energy.inference.ExhaustiveSearch;
import org.ebl4j.energy.loss.Lvq2Loss;
import org.ebl4j.energy.train.Dataset;
import org.ebl4j.energy.train.EpochMetrics;
import org.ebl4j.energy.train.Trainer;
import org.ebl4j.optim.Sgd;
import org.ebl4j.structured.dtw.Alignment;
import org.ebl4j.structured.dtw.DynamicTimeWarping;
import org.ebl4j.structured.dtw.ElasticTemplateEnergy;
import org.ebl4j.structured.dtw.PaddedSequences;
import org.ebl4j.structured.dtw.StepPattern;
import org.ebl4j.structured.dtw.SyntheticSpokenWords;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * The tutorial's spoken-word recogniser with trainable elastic templates (LeCun et al. 2006, §6, after Driancourt
 * &amp; Bottou 1991), on generated words ({@link SyntheticSpokenWords}): the energy of word Y is the DTW distance of
 * the utterance to Y's templates, the warping path being the latent variable ({@link ElasticTemplateEnergy}).
 * The templates start as the first training utterances of each word, as in a classic DTW recogniser, and are then
 * trained with the LVQ2 loss by SGD; both are scored on held-out utterances by the min over the words' energies.
 *
 * <p>Seeds, from the {@link Config}'s s: the words' prototypes from s, the training utterances from Rng(s + 1), the
 * test utterances from Rng(s + 2), and the Trainer shuffles with seed s.
 */
final class SpokenWords {
    /** Side of a figure panel in pixels. */
    static final int PANEL = 240;

    /** Settings; the constructor rejects values out of range with a message naming the setting. */
    record Config(long seed, int classes, int frames, double noise, double warp, int trainPerClass, int testPerClass,
            int templates, int epochs, double learningRate, float saturation, int batchSize, StepPattern pattern,
            double band) {
        Config {
            if (trainPerClass < templates || testPerClass < 1 || templates < 1 || epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("need --templates >= 1, --train >= --templates, and --test, "
                        + "--epochs, --batch >= 1; got templates=" + templates + ", train=" + trainPerClass
                        + ", test=" + testPerClass + ", epochs=" + epochs + ", batch=" + batchSize);
            }
            if (!(learningRate > 0) || !(saturation > 0)) {
                throw new IllegalArgumentException("--lr and --saturation must be > 0, got " + learningRate + " and "
                        + saturation);
            }
            new SyntheticSpokenWords(classes, frames, noise, warp, seed);
            new DynamicTimeWarping(pattern, band);
        }

        SyntheticSpokenWords words() {
            return new SyntheticSpokenWords(classes, frames, noise, warp, seed);
        }
    }

    /**
     * What a run measured: test accuracy of the example templates, of the LVQ2-trained ones, and of the noiseless
     * prototypes themselves (a reference, not reachable from the data alone), the test accuracy after each epoch,
     * and the two energies for the figure.
     */
    record Result(double accuracyInitial, double accuracyTrained, double accuracyPrototypes, List<Double> perEpoch,
            ElasticTemplateEnergy initial, ElasticTemplateEnergy trained, Dataset train, Dataset test,
            double seconds) {
    }

    private SpokenWords() {
    }

    /**
     * Generates the data, scores the example templates, trains a copy with LVQ2 (the listener sees each epoch and
     * the test accuracy after it) and scores it.
     */
    static Result run(Config c, BiConsumer<EpochMetrics, Double> listener) {
        long start = System.nanoTime();
        SyntheticSpokenWords words = c.words();
        Dataset train = words.sample(c.trainPerClass(), new Rng(c.seed() + 1));
        Dataset test = words.sample(c.testPerClass(), new Rng(c.seed() + 2));
        DynamicTimeWarping dtw = new DynamicTimeWarping(c.pattern(), c.band());
        List<List<Tensor>> examples = ElasticTemplateEnergy.templatesFromExamples(train.x(), train.y(), c.classes(),
                c.templates());
        ElasticTemplateEnergy initial = new ElasticTemplateEnergy(examples, dtw, Double.POSITIVE_INFINITY);
        ElasticTemplateEnergy trained = new ElasticTemplateEnergy(examples, dtw, Double.POSITIVE_INFINITY);
        List<List<Tensor>> prototypes = new ArrayList<>();
        for (int y = 0; y < c.classes(); y++) {
            prototypes.add(List.of(words.prototype(y)));
        }
        ElasticTemplateEnergy reference = new ElasticTemplateEnergy(prototypes, dtw, Double.POSITIVE_INFINITY);
        List<Double> perEpoch = new ArrayList<>();
        Trainer trainer = Trainer.builder(trained, new Lvq2Loss(c.saturation()),
                        new Sgd(trained.parameters(), c.learningRate()))
                .epochs(c.epochs()).batchSize(c.batchSize()).seed(c.seed())
                .listener(m -> {
                    perEpoch.add(accuracy(trained, test));
                    listener.accept(m, perEpoch.get(perEpoch.size() - 1));
                }).build();
        double before = accuracy(initial, test);
        trainer.fit(train);
        return new Result(before, perEpoch.get(perEpoch.size() - 1), accuracy(reference, test), perEpoch, initial,
                trained, train, test, (System.nanoTime() - start) / 1e9);
    }

    /** The fraction of {@code data} whose word is the one of lowest energy (exhaustive search over the K words). */
    static double accuracy(ElasticTemplateEnergy energy, Dataset data) {
        float[] found = new ExhaustiveSearch().infer(energy, data.x()).y().toArray();
        float[] truth = data.y().toArray();
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            right += found[i] == truth[i] ? 1 : 0;
        }
        return (double) right / truth.length;
    }

    /**
     * The figure, 2 × 2 panels of {@value #PANEL} pixels: top, word 0's template before and after training, each of
     * its two frame coordinates against time rescaled to [0, 1] (red curves), over the word's noiseless prototype
     * (white dots); bottom, the local distances d(X_i, T_j) of word 0's first test utterance (i up) against each
     * template (j across, dark = close), with the best warping path in red.
     */
    static void writeFigure(Result r, SyntheticSpokenWords words, Path png) throws IOException {
        Tensor utterance = PaddedSequences.unpad(r.test().x()).get(0);
        Tensor prototype = words.prototype(0);
        Tensor before = r.initial().template(0, 0);
        Tensor after = r.trained().template(0, 0);
        double[] range = range(prototype, before, after);
        new Mosaic(2, 6).titled()
                .add("template before", overTime(before, prototype, range))
                .add("template after", overTime(after, prototype, range))
                .add("alignment before", alignment(r.initial(), utterance))
                .add("alignment after", alignment(r.trained(), utterance))
                .write(png, Map.of("title", "spoken word 0: elastic template (red) over the prototype (white), and "
                        + "the DTW path of a test utterance, before / after LVQ2"));
    }

    private static BufferedImage overTime(Tensor template, Tensor prototype, double[] range) {
        int cells = PANEL / 4;
        HeatMap map = new HeatMap(new Grid(new float[cells * cells], cells, cells, 0, 1, range[0], range[1]), 4);
        for (int k = 0; k < template.shape(1); k++) {
            map.points(time(prototype), column(prototype, k)).curve(time(template), column(template, k));
        }
        return map.render();
    }

    /** Frame t of a sequence of n at time t / (n − 1). */
    private static double[] time(Tensor frames) {
        int n = frames.shape(0);
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            out[t] = n == 1 ? 0 : (double) t / (n - 1);
        }
        return out;
    }

    private static BufferedImage alignment(ElasticTemplateEnergy e, Tensor utterance) {
        Tensor t = e.template(0, 0);
        int n = utterance.shape(0);
        int m = t.shape(0);
        Alignment a = e.alignment(utterance, 0, 0);
        double[] d = DynamicTimeWarping.localDistances(utterance.toArray(), 0, n, t.toArray(), 0, m, t.shape(1));
        // resample the n × m distance matrix onto a PANEL/4 square grid (nearest cell), so every panel has one size
        int cells = PANEL / 4;
        float[] v = new float[cells * cells];
        for (int r = 0; r < cells; r++) {
            for (int col = 0; col < cells; col++) {
                int i = (int) Math.round((double) r * (n - 1) / (cells - 1));
                int j = (int) Math.round((double) col * (m - 1) / (cells - 1));
                v[r * cells + col] = (float) d[i * m + j];
            }
        }
        Grid grid = new Grid(v, cells, cells, 0, m - 1, 0, n - 1);
        double[] xs = new double[a.path().length];
        double[] ys = new double[a.path().length];
        for (int k = 0; k < xs.length; k++) {
            ys[k] = a.path()[k][0];
            xs[k] = a.path()[k][1];
        }
        return new HeatMap(grid, 4).greyscale().curve(xs, ys).render();
    }

    private static double[] column(Tensor frames, int k) {
        float[] v = frames.toArray();
        int dim = frames.shape(1);
        double[] out = new double[frames.shape(0)];
        for (int i = 0; i < out.length; i++) {
            out[i] = v[i * dim + k];
        }
        return out;
    }

    /** A square range holding every frame coordinate of the given sequences, with a 10% border. */
    private static double[] range(Tensor... sequences) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Tensor s : sequences) {
            for (float f : s.toArray()) {
                lo = Math.min(lo, f);
                hi = Math.max(hi, f);
            }
        }
        double pad = 0.1 * (hi - lo) + 1e-6;
        return new double[] {lo - pad, hi + pad};
    }
}

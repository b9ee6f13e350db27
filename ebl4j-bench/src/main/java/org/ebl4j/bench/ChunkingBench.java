package org.ebl4j.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.ebl4j.data.Conll;
import org.ebl4j.kernel.Threads;
import org.ebl4j.structured.crf.CrfTrainer;
import org.ebl4j.structured.crf.FeatureSpace;
import org.ebl4j.structured.crf.FeatureTemplates;
import org.ebl4j.structured.crf.LikelihoodTrainer;
import org.ebl4j.structured.crf.LinearChainCrf;
import org.ebl4j.structured.crf.MaxMarginTrainer;
import org.ebl4j.structured.crf.PerceptronTrainer;
import org.ebl4j.structured.crf.Sequence;
import org.ebl4j.structured.eval.ChunkEvaluation;

import com.sun.management.OperatingSystemMXBean;

/**
 * The CoNLL-2000 chunking comparison of the CRF++ / Wapiti example data: train on {@code test.data} (823
 * sentences), tag {@code train.data} (77 sentences), CRF++'s 19-template {@code template}, and score chunk F1 by
 * the conlleval convention ({@link ChunkEvaluation}) for three losses over the same features: a CRF (NLL, L-BFGS,
 * L2; or OWL-QN with an L1 coefficient c₁ &gt; 0), the averaged perceptron and M3N (Hamming-margin hinge). Training time is the wall time from the parsed
 * sentences to a model: building the feature dictionaries, encoding, and optimising; it is measured after each
 * trainer has run briefly on the first 100 sentences, so that it does not include the JIT compiling the code.
 *
 * <p>The reference rows were measured on the development machine (2 cores) with the same split and template; they
 * are copied from {@code ../shared/data/README.md}.
 */
public final class ChunkingBench {
    /** Files of the data directory. */
    public static final String TRAIN_FILE = "test.data";
    public static final String TEST_FILE = "train.data";
    public static final String TEMPLATE_FILE = "template";

    /** Reference rows: tool, training, wall seconds, token accuracy, chunk F1. */
    private static final Object[][] REFERENCE = {
        {"CRFsuite 0.12", "L-BFGS, L2 c2=0.125", 4.1, .9304, .8936},
        {"CRFsuite 0.12", "averaged perceptron, 50 it.", 1.1, .9156, .8731},
        {"Wapiti 1.5.0", "L-BFGS, elastic net (default)", 4.8, .9330, .8945},
        {"CRF++", "L-BFGS, L2 C=4, 2 threads", 31.4, .9309, .8931},
        {"MALLET 2.1.1 (Java)", "L-BFGS, variance 4", 77.9, .9251, .8822},
    };

    /** Sentences of the training set the trainers first run on, to compile the hot code before timing. */
    static final int WARM_UP_SENTENCES = 100;
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ChunkingBench() {
    }

    /** Settings of the three trainers (c₁, c₂: the CRF's L1 and L2 coefficients); out-of-range values fail. */
    public record Config(Path data, double c1, double c2, int crfMaxIterations, int perceptronEpochs, int m3nEpochs,
                         double m3nLambda, int threads) {
        public Config {
            if (data == null || !(c1 >= 0) || !(c2 >= 0) || crfMaxIterations < 1 || perceptronEpochs < 1
                    || m3nEpochs < 1 || !(m3nLambda > 0) || threads < 1) {
                throw new IllegalArgumentException("ChunkingBench: need a data directory, c1 >= 0, c2 >= 0, crf "
                        + "iterations, perceptron and m3n epochs >= 1, m3n lambda > 0 and threads >= 1; got data=" + data
                        + ", c1=" + c1 + ", c2=" + c2 + ", crfMaxIterations=" + crfMaxIterations + ", perceptronEpochs="
                        + perceptronEpochs + ", m3nEpochs=" + m3nEpochs + ", m3nLambda=" + m3nLambda + ", threads="
                        + threads);
            }
        }

        /** The settings of the reference runs: c₁ = 0, c₂ = 0.125, 50 perceptron epochs; M3N 30 epochs, λ = 1e-4. */
        public static Config standard(Path data, int threads) {
            return new Config(data, 0, 0.125, 1000, 50, 30, 1e-4, threads);
        }
    }

    /**
     * One trainer's figures: wall time, and CPU time of the whole process over the same interval (all threads,
     * JIT and GC included), which tells a busy machine from slow code; and how many of the model's weights are not
     * zero.
     */
    public record Score(String name, String training, double trainSeconds, double cpuSeconds, double accuracy,
                        double precision, double recall, double f1, int nonzeroWeights) {
    }

    /** The figures of a run and the sizes of the data and feature space. */
    public record Result(List<Score> scores, int trainSentences, int testSentences, int features, int attributes,
                         int labels) {
        public Score score(String name) {
            return scores.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        }
    }

    /** Reads the data directory, trains the three models, tags the test set and logs a table to {@code log}. */
    public static Result run(Config c, PrintWriter log) throws IOException {
        Threads.set(c.threads());
        List<Sequence> train = read(c.data().resolve(TRAIN_FILE));
        List<Sequence> test = read(c.data().resolve(TEST_FILE));
        Path templateFile = c.data().resolve(TEMPLATE_FILE);
        if (!Files.isRegularFile(templateFile)) {
            throw new IOException(templateFile + ": no CRF++ template file in the data directory");
        }
        FeatureTemplates templates = FeatureTemplates.read(templateFile);
        log.printf(Locale.ROOT, "chunking: %d training sentences (%s), %d test sentences (%s), %d templates, "
                + "%d threads%n", train.size(), TRAIN_FILE, test.size(), TEST_FILE, templates.templates().size(), c.threads());
        log.flush();
        List<CrfTrainer> trainers = List.of(
                new LikelihoodTrainer(c.c1(), c.c2(), c.crfMaxIterations(), 1e-5, 10, 6, c.threads()),
                new PerceptronTrainer(c.perceptronEpochs(), 1),
                new MaxMarginTrainer(c.m3nLambda(), 1, c.m3nEpochs(), 1));
        String[] training = {
            c.c1() > 0 ? String.format(Locale.ROOT, "OWL-QN, c1=%s c2=%s", c.c1(), c.c2())
                    : String.format(Locale.ROOT, "L-BFGS, L2 c2=%s", c.c2()),
            String.format(Locale.ROOT, "averaged perceptron, %d it.", c.perceptronEpochs()),
            String.format(Locale.ROOT, "M3N Hamming hinge, SGD %d it.", c.m3nEpochs())};
        // warm the JIT up on a slice of the training set, so that the timings measure training, not compilation
        List<Sequence> slice = train.subList(0, Math.min(WARM_UP_SENTENCES, train.size()));
        new LikelihoodTrainer(c.c1(), c.c2(), 30, 0, 10, 6, c.threads()).train(templates, slice);
        new PerceptronTrainer(10, 1).train(templates, slice);
        new MaxMarginTrainer(c.m3nLambda(), 1, 10, 1).train(templates, slice);
        List<Score> scores = new ArrayList<>();
        FeatureSpace space = null;
        for (int i = 0; i < trainers.size(); i++) {
            CrfTrainer trainer = trainers.get(i);
            trainer.progress(line -> {
                log.println("  " + line);
                log.flush();
            });
            long cpu0 = PROCESS.getProcessCpuTime();
            long t0 = System.nanoTime();
            LinearChainCrf model = trainer.train(templates, train);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuSeconds = (PROCESS.getProcessCpuTime() - cpu0) / 1e9;
            space = model.features();
            ChunkEvaluation eval = new ChunkEvaluation();
            for (Sequence s : test) {
                eval.add(s.labels(), model.tag(Sequence.unlabeled(s.tokens())));
            }
            int nonzero = 0;
            for (float w : model.weights()) {
                nonzero += w != 0 ? 1 : 0;
            }
            Score score = new Score(trainer.name(), training[i], seconds, cpuSeconds, eval.accuracy(),
                    eval.precision(), eval.recall(), eval.f1(), nonzero);
            scores.add(score);
            log.printf(Locale.ROOT, "%s: trained in %.2f s (%.2f s of CPU), token accuracy %.4f, chunk F1 %.4f, "
                    + "%d non-zero weights%n", trainer.name(), seconds, cpuSeconds, score.accuracy(), score.f1(), nonzero);
            log.flush();
        }
        Result r = new Result(scores, train.size(), test.size(), space.size(), space.attributeCount(),
                space.labelCount());
        print(r, log);
        return r;
    }

    /** Reads a CoNLL file as sentences: every column but the last is an observation, the last is the label. */
    static List<Sequence> read(Path file) throws IOException {
        List<Sequence> out = new ArrayList<>();
        for (Conll.Sentence s : Conll.read(file)) {
            if (s.columns() < 2) {
                throw new IOException(file + ":" + s.line() + ": need at least 2 columns (observations, then the "
                        + "label), got " + s.columns());
            }
            out.add(new Sequence(s.withoutLastColumn(), s.lastColumn()));
        }
        return out;
    }

    /** The comparison table: ebl4j's rows, then the reference rows. */
    public static void print(Result r, PrintWriter log) {
        log.printf(Locale.ROOT, "%nCoNLL-2000 chunking sample: train %d sentences, test %d; %d features (%d "
                + "attributes, %d labels)%n", r.trainSentences(), r.testSentences(), r.features(), r.attributes(), r.labels());
        String row = "%-20s %-32s %8s %8s %10s %9s%n";
        log.printf(Locale.ROOT, row, "tool", "training", "time", "CPU", "token acc.", "chunk F1");
        for (Score s : r.scores()) {
            log.printf(Locale.ROOT, row, "ebl4j " + s.name(), s.training(),
                    String.format(Locale.ROOT, "%.2f s", s.trainSeconds()),
                    String.format(Locale.ROOT, "%.2f s", s.cpuSeconds()),
                    String.format(Locale.ROOT, "%.4f", s.accuracy()), String.format(Locale.ROOT, "%.4f", s.f1()));
        }
        for (Object[] ref : REFERENCE) {
            log.printf(Locale.ROOT, row, ref[0], ref[1], String.format(Locale.ROOT, "%.1f s", (Double) ref[2]), "",
                    String.format(Locale.ROOT, "%.4f", (Double) ref[3]), String.format(Locale.ROOT, "%.4f",
                            (Double) ref[4]));
        }
        log.println("(reference rows: ../shared/data/README.md, measured on the development machine)");
        log.flush();
    }
}

package org.ebl4j.cli.example;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.ebl4j.cli.FiguresCommand;
import org.ebl4j.structured.dtw.StepPattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ebl4j example spoken-words}: trainable elastic templates (DTW, warping path latent) with the LVQ2 loss. */
@Command(name = "spoken-words",
        description = {"Spoken word recognition with trainable elastic templates (LeCun et al. 2006, sec. 6, after "
            + "Driancourt & Bottou 1991): the energy of word Y is the dynamic-time-warping distance of the utterance "
            + "to Y's templates, the warping path being the latent variable; templates start as the first training "
            + "utterances of each word (a classic DTW recogniser) and are trained with the LVQ2 loss.",
            "Data (generated, seeded): each word is a smooth random 2-D curve; an utterance is it at a random "
                + "length (0.6 to 1.5 x --frames), time-warped by a random monotone warp (--warp), with a random "
                + "loudness (0.85 to 1.15) and Gaussian noise (--noise) on every frame.",
            "Reports the test accuracy of the example templates, of the trained ones and, as a reference, of the "
                + "noiseless prototypes; writes spoken-words.png into --out: word 0's template before and after "
                + "training over its noiseless prototype (top), and the local distances of a test utterance to "
                + "each template with the best warping path (bottom)."},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j example spoken-words", "  ebl4j example spoken-words --json --out /tmp/spoken-words",
            "  ebl4j example spoken-words --templates 2 --pattern symmetric2 --band 0.2"})
public final class SpokenWordsCommand extends FiguresCommand {
    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--classes", paramLabel = "K", defaultValue = "10",
            description = "Words (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--frames", paramLabel = "L", defaultValue = "30",
            description = "Nominal frames per utterance (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "1.0",
            description = "Noise per frame coordinate (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--warp", paramLabel = "A", defaultValue = "0.6",
            description = "Time-warp strength in [0, 1) (default: ${DEFAULT-VALUE}).")
    double warp;

    @Option(names = "--train", paramLabel = "N", defaultValue = "20",
            description = "Training utterances per word (default: ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--test", paramLabel = "N", defaultValue = "50",
            description = "Test utterances per word (default: ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--templates", paramLabel = "M", defaultValue = "1",
            description = "Templates per word (default: ${DEFAULT-VALUE}).")
    int templates;

    @Option(names = "--pattern", paramLabel = "P", defaultValue = "symmetric1",
            description = "DTW step pattern: symmetric1, symmetric2 or asymmetric (default: ${DEFAULT-VALUE}).")
    String pattern;

    @Option(names = "--band", paramLabel = "R", defaultValue = "1.0",
            description = "Sakoe-Chiba band as a fraction of the length, >= 1 for none (default: ${DEFAULT-VALUE}).")
    double band;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10",
            description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", paramLabel = "ETA", defaultValue = "0.05",
            description = "SGD learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--saturation", paramLabel = "M", defaultValue = "20",
            description = "LVQ2 saturation M (default: ${DEFAULT-VALUE}).")
    float saturation;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "16",
            description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/spoken-words",
            description = "Folder for spoken-words.png (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Override
    protected Map<String, Object> run(PrintWriter out) throws Exception {
        SpokenWords.Config config;
        try {
            config = new SpokenWords.Config(seed, classes, frames, noise, warp, train, test, templates, epochs, lr,
                    saturation, batch, StepPattern.named(pattern), band);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        out.printf(Locale.ROOT, "spoken-words: %d words, %d training and %d test utterances, %d template(s) per word, "
                + "DTW %s band %s, LVQ2 M=%s, SGD lr %s, seed %d%n", classes, classes * train, classes * test,
                templates, pattern, band, saturation, lr, seed);
        out.flush();
        SpokenWords.Result r = SpokenWords.run(config, (m, accuracy) -> {
            out.printf(Locale.ROOT, "epoch %3d  lvq2 loss %.4f  test accuracy %.3f%n", m.epoch(),
                    m.get("train_loss"), accuracy);
            out.flush();
        });
        out.printf(Locale.ROOT, "test accuracy: example templates %.3f, LVQ2-trained %.3f (noiseless prototypes "
                + "%.3f)  %.1f s%n", r.accuracyInitial(), r.accuracyTrained(), r.accuracyPrototypes(), r.seconds());
        Path png = outDir.resolve("spoken-words.png");
        SpokenWords.writeFigure(r, config.words(), png);
        out.println("figure: " + png);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("example", "spoken-words");
        figures.put("accuracy_initial", r.accuracyInitial());
        figures.put("accuracy_trained", r.accuracyTrained());
        figures.put("accuracy_prototypes", r.accuracyPrototypes());
        figures.put("accuracy_per_epoch", r.perEpoch());
        figures.put("classes", classes);
        figures.put("train_size", r.train().size());
        figures.put("test_size", r.test().size());
        figures.put("templates_per_class", templates);
        figures.put("epochs", epochs);
        figures.put("seconds", r.seconds());
        figures.put("figure", png.toString());
        figures.put("seed", seed);
        return figures;
    }
}

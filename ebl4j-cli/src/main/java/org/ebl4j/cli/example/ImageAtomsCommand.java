package org.ebl4j.cli.example;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ebl4j.cli.FiguresCommand;
import org.ebl4j.cli.plot.Mosaic;
import org.ebl4j.data.image.ImageFile;
import org.ebl4j.tensor.Tensor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ebl4j example image-atoms}: sparse-coding atoms of natural image patches ({@link ImageAtoms}). */
@Command(name = "image-atoms",
        description = {"Learn a sparse-coding dictionary (256 atoms) on 12x12 patches of natural images, as in the "
            + "lecture's \"V1-like receptive fields\": random patches lose their mean and are ZCA-whitened, then "
            + "online dictionary learning (FISTA codes) minimises 1/2 ||Y - WZ||^2 + lambda |Z|_1. Writes the atoms "
            + "(each scaled to its own min/max, grey) to atoms.png and the PCA components of the same patches to "
            + "pca.png.",
            "Reports the held-out objective, non-zeros per code, and the fractions of atoms that are localised "
                + "(>= 0.5 of their energy in a disc of 1/4 the patch area around the energy centroid), oriented "
                + "(power-spectrum orientation concentration R >= 0.5) and both (Gabor-like), against random "
                + "Gaussian atoms and the PCA components.",
            "With --psd ALPHA the model is predictive sparse decomposition (the lecture's PSD): the atoms are learned "
                + "with a shrinkage encoder that predicts the codes; its filters go to encoder.png and the report "
                + "adds the encoder's prediction error, the objective at its codes and its speed against FISTA.",
            "Without --data it reads ../shared/data/images when that folder exists, else the 256x256 crop of the "
                + "camera photograph bundled in ebl4j-data."},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j example image-atoms --data ../shared/data/images",
            "  ebl4j example image-atoms --quick --json --out /tmp/atoms",
            "  ebl4j example image-atoms --psd 1 --out /tmp/psd"})
public final class ImageAtomsCommand extends FiguresCommand {
    /** The folder read when --data is not given, if it exists. */
    static final Path DEFAULT_DATA = Path.of("../shared/data/images");

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder of PNG / JPEG images, read as grey (default: ../shared/data/images if present, "
                + "else the bundled crop).")
    Path data;

    @Option(names = "--bundled", description = "Use only the bundled crop, even where ../shared/data/images exists "
            + "(the tour does, so that it runs on shipped data everywhere).")
    boolean bundled;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/image-atoms",
            description = "Folder for atoms.png and pca.png (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--quick",
            description = "A short run: 10,000 patches, 4 epochs (about 15 s instead of about a minute).")
    boolean quick;

    @Option(names = "--patches", paramLabel = "N",
            description = "Training patches (default: 50000; 10000 with --quick).")
    Integer patches;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Passes over the training patches (default: 6; 4 with --quick).")
    Integer epochs;

    @Option(names = "--held-out", paramLabel = "N", defaultValue = "2000",
            description = "Held-out patches for the objective (default: ${DEFAULT-VALUE}).")
    int heldOut;

    @Option(names = "--atoms", paramLabel = "K", defaultValue = "256",
            description = "Dictionary atoms (default: ${DEFAULT-VALUE}).")
    int atoms;

    @Option(names = "--patch-size", paramLabel = "P", defaultValue = "12",
            description = "Patch side in pixels (default: ${DEFAULT-VALUE}).")
    int patchSize;

    @Option(names = "--lambda", paramLabel = "L", defaultValue = "1.0",
            description = "L1 weight lambda of the whitened patches' codes (default: ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--whiten-eps", paramLabel = "E", defaultValue = "0.01",
            description = "ZCA regulariser epsilon added to the patch covariance's eigenvalues (default: "
                + "${DEFAULT-VALUE}; pixel values in [0, 1]).")
    double whitenEpsilon;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "256",
            description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "100",
            description = "FISTA iterations per code at most (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--psd", paramLabel = "ALPHA",
            description = "Predictive sparse decomposition with code-prediction weight ALPHA > 0: atoms learned "
                + "jointly with a shrinkage encoder, whose filters go to encoder.png (default: plain sparse coding).")
    Double psd;

    @Override
    protected Map<String, Object> run(PrintWriter out) throws Exception {
        ImageAtoms.Config config;
        try {
            config = new ImageAtoms.Config(patchSize, atoms, patches != null ? patches : quick ? 10000 : 50000,
                    heldOut, epochs != null ? epochs : quick ? 4 : 6, batch, lambda, whitenEpsilon, iterations, seed,
                    psd != null ? psd : 0);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        long t0 = System.nanoTime();
        List<Tensor> images = new ArrayList<>();
        String source;
        if (psd != null && !(psd > 0)) {
            throw usageError("--psd: ALPHA must be > 0, got " + psd);
        }
        if (bundled && data != null) {
            throw usageError("--bundled and --data exclude each other");
        }
        Path folder = data != null ? data : !bundled && Files.isDirectory(DEFAULT_DATA) ? DEFAULT_DATA : null;
        if (folder != null) {
            for (Path file : ImageFile.list(folder)) {
                images.add(ImageFile.grey(file));
            }
            if (images.isEmpty()) {
                throw usageError("--data: no .png / .jpg / .jpeg images in " + folder);
            }
            source = folder.toString();
        } else {
            images.add(ImageFile.bundled());
            source = "bundled " + ImageFile.BUNDLED;
        }
        out.printf(Locale.ROOT, "image-atoms: %d grey images from %s; %d patches of %dx%d, %d atoms, lambda %s, "
                        + "%d epochs of batches of %d, seed %d%n", images.size(), source, config.patches(), patchSize,
                patchSize, atoms, lambda, config.epochs(), batch, seed);
        out.flush();
        ImageAtoms.Result r;
        try {
            r = ImageAtoms.run(images, config, out);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path atomsPng = outDir.resolve("atoms.png");
        Path pcaPng = outDir.resolve("pca.png");
        grid(r.atoms(), patchSize).write(atomsPng, Map.of("title", atoms + (psd != null ? " PSD decoder"
                : " sparse-coding") + " atoms of " + patchSize + "x" + patchSize + " whitened patches, each scaled "
                + "to its min/max"));
        grid(r.pcaComponents(), patchSize).write(pcaPng, Map.of("title", "PCA components of the same patches, "
                + "largest variance first"));
        out.printf(Locale.ROOT, "held-out objective %.4f, %.1f non-zeros per code of %d%n", r.objective(),
                r.meanNonzeros(), atoms);
        out.printf(Locale.ROOT, "%-8s localised %.3f  oriented %.3f  Gabor-like %.3f%n", "atoms",
                r.learned().localisedFraction(), r.learned().orientedFraction(), r.learned().gaborLikeFraction());
        out.printf(Locale.ROOT, "%-8s localised %.3f  oriented %.3f  Gabor-like %.3f%n", "random",
                r.random().localisedFraction(), r.random().orientedFraction(), r.random().gaborLikeFraction());
        out.printf(Locale.ROOT, "%-8s localised %.3f  oriented %.3f  Gabor-like %.3f%n", "pca",
                r.pca().localisedFraction(), r.pca().orientedFraction(), r.pca().gaborLikeFraction());
        Path encoderPng = outDir.resolve("encoder.png");
        ImageAtoms.Encoder enc = r.encoder();
        if (enc != null) {
            grid(enc.filters(), patchSize).write(encoderPng, Map.of("title", "PSD encoder filters (rows of W_e)"));
            out.printf(Locale.ROOT, "%-8s localised %.3f  oriented %.3f  Gabor-like %.3f%n", "encoder",
                    enc.measures().localisedFraction(), enc.measures().orientedFraction(),
                    enc.measures().gaborLikeFraction());
            out.printf(Locale.ROOT, "encoder code: prediction error %.4f, objective %.4f (optimal codes %.4f); "
                    + "%.1f us per patch vs FISTA's %.1f us (%.0fx)%n", enc.predictionError(), enc.objective(),
                    r.objective(), enc.secondsPerCode() * 1e6, enc.fistaSecondsPerCode() * 1e6,
                    enc.fistaSecondsPerCode() / enc.secondsPerCode());
        }
        out.printf(Locale.ROOT, "figures: %s, %s%s (%.1f s)%n", atomsPng, pcaPng, enc != null ? ", " + encoderPng
                : "", seconds);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("example", "image-atoms");
        figures.put("source", source);
        figures.put("images", images.size());
        figures.put("atoms", atoms);
        figures.put("patch_size", patchSize);
        figures.put("patches", config.patches());
        figures.put("epochs", config.epochs());
        figures.put("lambda", lambda);
        figures.put("whiten_epsilon", whitenEpsilon);
        figures.put("objective", r.objective());
        figures.put("mean_nonzeros", r.meanNonzeros());
        figures.put("learning_curve", r.learningCurve());
        figures.put("localised_fraction", r.learned().localisedFraction());
        figures.put("oriented_fraction", r.learned().orientedFraction());
        figures.put("gabor_like_fraction", r.learned().gaborLikeFraction());
        figures.put("random_localised_fraction", r.random().localisedFraction());
        figures.put("random_oriented_fraction", r.random().orientedFraction());
        figures.put("random_gabor_like_fraction", r.random().gaborLikeFraction());
        figures.put("pca_localised_fraction", r.pca().localisedFraction());
        figures.put("pca_oriented_fraction", r.pca().orientedFraction());
        figures.put("pca_gabor_like_fraction", r.pca().gaborLikeFraction());
        if (enc != null) {
            figures.put("psd_alpha", psd);
            figures.put("encoder_localised_fraction", enc.measures().localisedFraction());
            figures.put("encoder_oriented_fraction", enc.measures().orientedFraction());
            figures.put("encoder_gabor_like_fraction", enc.measures().gaborLikeFraction());
            figures.put("encoder_prediction_error", enc.predictionError());
            figures.put("encoder_objective", enc.objective());
            figures.put("encoder_speedup_vs_fista", enc.fistaSecondsPerCode() / enc.secondsPerCode());
            figures.put("encoder_figure", encoderPng.toString());
        }
        figures.put("figure", atomsPng.toString());
        figures.put("pca_figure", pcaPng.toString());
        figures.put("seconds", seconds);
        figures.put("seed", seed);
        return figures;
    }

    /** Rows of {@code rows} [k, p·p] as a grid of p x p pictures, 16 to a line. */
    private static Mosaic grid(Tensor rows, int p) {
        Mosaic mosaic = new Mosaic(16, 2);
        int k = rows.shape(0);
        float[] v = rows.toArray();
        for (int i = 0; i < k; i++) {
            float[] atom = Arrays.copyOfRange(v, i * p * p, (i + 1) * p * p);
            mosaic.add("atom " + i, ImageAtoms.picture(atom, p, 4));
        }
        return mosaic;
    }
}

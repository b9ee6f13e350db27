package org.ebl4j.cli.example;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.ebl4j.cli.FiguresCommand;
import org.ebl4j.cli.plot.HeatMap;
import org.ebl4j.cli.plot.Mosaic;
import org.ebl4j.tensor.Tensor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ebl4j example spiral}: the lecture's energy surfaces of unsupervised models on a 2-D spiral. */
@Command(name = "spiral",
        description = {"Fit unsupervised energy-based models (PCA 1 unit, K-means 20, auto-encoder 1 unit, sparse "
            + "coding 20 atoms, a Gaussian-binary RBM, denoising and contractive auto-encoders, denoising score "
            + "matching) on a 2-D spiral and draw each energy surface with the data on top, in one grid. Grey by "
            + "rank: a cell's grey is the fraction of the plane with a lower energy, black = lowest, white = the "
            + "plane's median energy and above.",
            "Reports per model the mean fraction of the plane whose energy is below the data's (0 = the data sit "
                + "in the lowest valleys, 0.5 = no better than a flat energy)."},
        footerHeading = "%nExamples:%n",
        footer = {"  ebl4j example spiral", "  ebl4j example spiral --json --out /tmp/spiral"})
public final class SpiralCommand extends FiguresCommand {
    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "400",
            description = "Spiral points (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "0.02",
            description = "Gaussian noise on the points (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "200",
            description = "Training epochs of the networks, per noise level for the denoising auto-encoder and score "
                + "matching (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/spiral",
            description = "Folder for spiral.png (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Override
    protected Map<String, Object> run(PrintWriter out) throws Exception {
        SpiralFigure.Config config;
        try {
            config = new SpiralFigure.Config(seed, samples, noise, epochs);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        Tensor data = SpiralFigure.data(config);
        out.printf(Locale.ROOT, "spiral: %d points, noise %s, seed %d; energy surfaces on [-%s, %s]^2%n", samples,
                noise, seed, SpiralFigure.EXTENT, SpiralFigure.EXTENT);
        out.flush();
        float[] xy = data.toArray();
        double[] xs = new double[samples];
        double[] ys = new double[samples];
        for (int i = 0; i < samples; i++) {
            xs[i] = xy[2 * i];
            ys[i] = xy[2 * i + 1];
        }
        Mosaic mosaic = new Mosaic(4, 6).titled();
        Map<String, Object> quantile = new LinkedHashMap<>();
        Map<String, Object> seconds = new LinkedHashMap<>();
        for (SpiralFigure.Panel p : SpiralFigure.run(data, config).values()) {
            out.printf(Locale.ROOT, "%-24s data quantile %.3f  (%.1f s)%n", p.name(), p.dataQuantile(), p.seconds());
            out.flush();
            // grey by rank: black at the lowest energy, white from the plane's median energy up
            mosaic.add(p.name(), new HeatMap(SpiralFigure.quantiles(p.surface()), 3).greyscale().valueRange(0, 0.5)
                    .points(xs, ys).render());
            quantile.put(p.name(), p.dataQuantile());
            seconds.put(p.name(), p.seconds());
        }
        Path png = outDir.resolve("spiral.png");
        mosaic.write(png, Map.of("title", "energy surfaces on a 2-D spiral, black = low"));
        out.println("figure: " + png);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("example", "spiral");
        figures.put("data_quantile", quantile);
        figures.put("seconds", seconds);
        figures.put("figure", png.toString());
        figures.put("samples", samples);
        figures.put("seed", seed);
        return figures;
    }
}

package org.ebl4j.cli.example;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.cli.plot.Grid;
import org.ebl4j.data.Spiral;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.train.Dataset;
import org.ebl4j.energy.train.Trainer;
import org.ebl4j.nn.Layer;
import org.ebl4j.nn.Linear;
import org.ebl4j.nn.Sequential;
import org.ebl4j.nn.Softplus;
import org.ebl4j.nn.Tanh;
import org.ebl4j.optim.Adam;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.ebl4j.unsupervised.autoencoder.AutoEncoder;
import org.ebl4j.unsupervised.autoencoder.AutoEncoderTraining;
import org.ebl4j.unsupervised.autoencoder.ContractiveAutoEncoder;
import org.ebl4j.unsupervised.autoencoder.DenoisingAutoEncoder;
import org.ebl4j.unsupervised.autoencoder.GaussianCorruption;
import org.ebl4j.unsupervised.estimation.DenoisingScoreMatching;
import org.ebl4j.unsupervised.rbm.ContrastiveDivergence;
import org.ebl4j.unsupervised.rbm.GaussianBinaryRbm;
import org.ebl4j.unsupervised.sparse.SparseCoding;
import org.ebl4j.unsupervised.volume.KMeans;
import org.ebl4j.unsupervised.volume.Pca;

/**
 * The energy-surface figure of LeCun's "Energy-Based Unsupervised Learning" lecture: models of several strategies
 * fit on the same 2-D {@link Spiral}, each drawn as its energy E(Y) over the plane. The lecture's four — PCA with 1
 * unit and an auto-encoder with 1 unit (the low-energy region is a line or a curve), K-means with 20 prototypes and
 * sparse coding with 20 atoms — plus a Gaussian-binary RBM (64 hidden units, PCD-1; its energy is the free energy),
 * a denoising and a contractive auto-encoder and an energy network trained by denoising score matching.
 *
 * <p>Figure of merit per model, "data_quantile": the mean over data points Y of the fraction of the plotted plane
 * whose energy is below E(Y). A model whose low-energy region hugs the spiral scores near 0; a flat or
 * uninformative energy scores about 0.5.
 */
public final class SpiralFigure {
    /** The plotted square [−EXTENT, EXTENT]². */
    public static final double EXTENT = 1.2;
    /** Grid points per axis. */
    public static final int CELLS = 100;

    private SpiralFigure() {
    }

    /** Settings; the constructor rejects values out of range. */
    public record Config(long seed, int samples, double noise, int epochs) {
        public Config {
            if (samples < 20 || epochs < 1 || !(noise >= 0) || Double.isInfinite(noise)) {
                throw new IllegalArgumentException("spiral: need samples >= 20, epochs >= 1 and a finite noise >= 0, "
                        + "got samples=" + samples + ", epochs=" + epochs + ", noise=" + noise);
            }
        }
    }

    /** A fitted model, its energy surface and its figure of merit. */
    public record Panel(String name, Grid surface, double dataQuantile, double seconds) {
    }

    /** The model names, in the figure's reading order. */
    public static final List<String> MODELS = List.of("pca-1", "kmeans-20", "autoencoder-1", "sparse-coding-20",
            "rbm", "denoising-autoencoder", "contractive-autoencoder", "score-matching");

    /** Fits every model of {@link #MODELS} on one spiral sample; returns the panels in order. */
    public static Map<String, Panel> run(Tensor data, Config c) {
        Map<String, Panel> out = new LinkedHashMap<>();
        for (String name : MODELS) {
            long t0 = System.nanoTime();
            Energy energy = fit(name, data, c);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Grid surface = surface(energy);
            out.put(name, new Panel(name, surface, dataQuantile(energy, data, surface), seconds));
        }
        return out;
    }

    /** The spiral sample of a run. */
    public static Tensor data(Config c) {
        return Spiral.sample(c.samples(), c.noise(), new Rng(c.seed()));
    }

    private static Energy fit(String name, Tensor data, Config c) {
        Rng rng = new Rng(c.seed() + 1);
        AutoEncoderTraining training = new AutoEncoderTraining(c.epochs(), 32, 0.01, c.seed());
        return switch (name) {
            case "pca-1" -> new Pca(1).fit(data);
            case "kmeans-20" -> new KMeans(20, rng).fit(data);
            case "autoencoder-1" -> new AutoEncoder(mlp(2, 1, rng), mlp(1, 2, rng)).training(training).fit(data);
            case "sparse-coding-20" -> new SparseCoding(2, 20, 0.05, rng).fit(data);
            case "rbm" -> new GaussianBinaryRbm(2, 64, false, rng).learning(new ContrastiveDivergence().k(1)
                    .persistent(true).epochs(c.epochs()).batchSize(32).learningRate(0.01).momentum(0.9).seed(c.seed()))
                    .fit(data);
            case "denoising-autoencoder" -> new DenoisingAutoEncoder(mlp(2, 32, rng), new Linear(32, 2, rng),
                    new GaussianCorruption(0.1), new Rng(c.seed() + 2)).training(training).fit(data);
            case "contractive-autoencoder" -> new ContractiveAutoEncoder(new Linear(2, 32, rng),
                    new Linear(32, 2, rng), 0.05).training(training).fit(data);
            case "score-matching" -> scoreMatching(data, c, rng);
            default -> throw new IllegalArgumentException("unknown model '" + name + "', expected one of " + MODELS);
        };
    }

    /** in-32-out tanh network. */
    private static Layer mlp(int in, int out, Rng rng) {
        return new Sequential(new Linear(in, 32, rng), new Tanh(), new Linear(32, out, rng));
    }

    /** E(Y) = G(Y), a 2-64-64-1 softplus network trained by denoising score matching (σ = 0.05). */
    private static Energy scoreMatching(Tensor data, Config c, Rng rng) {
        Layer g = new Sequential(new Linear(2, 64, rng), new Softplus(), new Linear(64, 64, rng), new Softplus(),
                new Linear(64, 1, rng));
        Energy energy = new Energy() {
            {
                child("g", g);
            }

            @Override
            public Tensor energy(Tensor x, Tensor y) {
                return g.forward(y).reshape(y.shape(0));
            }
        };
        Trainer.builder(energy, new DenoisingScoreMatching(0.05f, new Rng(c.seed() + 3)),
                        new Adam(energy.parameters(), 0.005))
                .epochs(c.epochs()).batchSize(32).seed(c.seed()).build().fit(new Dataset(null, data));
        return energy;
    }

    /** E(Y) on the plotted square. */
    public static Grid surface(Energy energy) {
        float[] ys = new float[CELLS * CELLS * 2];
        for (int r = 0; r < CELLS; r++) {
            for (int col = 0; col < CELLS; col++) {
                ys[2 * (r * CELLS + col)] = (float) (-EXTENT + 2 * EXTENT * col / (CELLS - 1));
                ys[2 * (r * CELLS + col) + 1] = (float) (-EXTENT + 2 * EXTENT * r / (CELLS - 1));
            }
        }
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            float[] e = energy.energy(null, Tensor.of(ys, CELLS * CELLS, 2)).toArray();
            return new Grid(e, CELLS, CELLS, -EXTENT, EXTENT, -EXTENT, EXTENT);
        }
    }

    /** Mean over data points of the fraction of grid cells with a lower energy (see the class comment). */
    static double dataQuantile(Energy energy, Tensor data, Grid surface) {
        float[] grid = surface.values().clone();
        java.util.Arrays.sort(grid);
        float[] e;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            e = energy.energy(null, data).toArray();
        }
        double sum = 0;
        for (float v : e) {
            int below = java.util.Arrays.binarySearch(grid, v);
            sum += (below >= 0 ? below : -below - 1) / (double) grid.length;
        }
        return sum / e.length;
    }
}

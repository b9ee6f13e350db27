package org.ebl4j.cli.example;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.cli.plot.Grid;
import org.ebl4j.data.Spiral;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.train.Dataset;
import org.ebl4j.energy.train.ScheduleUnit;
import org.ebl4j.energy.train.Trainer;
import org.ebl4j.nn.Layer;
import org.ebl4j.nn.Linear;
import org.ebl4j.nn.Sequential;
import org.ebl4j.nn.Softplus;
import org.ebl4j.nn.Tanh;
import org.ebl4j.optim.Adam;
import org.ebl4j.optim.CosineAnnealing;
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
 * sparse coding with 20 atoms — plus a Gaussian-binary RBM (128 hidden units, learned variances, PCD-1; its energy is
 * the free energy), a denoising auto-encoder and a contractive auto-encoder (energy: the reconstruction error) and an
 * energy network trained by denoising score matching (energy: the network's output). The networks are fit on the
 * scaled rows s·Y ({@link ScaledInput}); the denoising auto-encoder and score matching are trained at decreasing
 * noise levels, which carves the valley along the arms instead of a blob over the whole spiral. The RBM does not
 * carve it (see {@code rbm}).
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
    /** The networks see NET_SCALE·Y: about unit spread per coordinate (the spiral's is ≈ 0.42). */
    private static final float NET_SCALE = 3f;
    /** The contractive auto-encoder sees CAE_SCALE·Y, so that its sigmoid units can switch across an arm. */
    private static final float CAE_SCALE = 10f;
    /** Its contraction weight γ. */
    private static final double CONTRACTION = 0.001;
    /** Noise levels σ (data units) of the denoising auto-encoder and of score matching, trained in turn. */
    private static final double[] NOISE_SCHEDULE = {0.2, 0.1, 0.05, 0.03};
    /** Width of the networks' hidden layers. */
    private static final int HIDDEN = 64;
    private static final int BATCH = 32;
    /** Adam's learning rate for the 1-unit auto-encoder and score matching. */
    private static final double LEARNING_RATE = 0.01;
    /** Adam's learning rate for the denoising and contractive auto-encoders (their surfaces get ragged at 0.01). */
    private static final double SLOW_LEARNING_RATE = 0.003;

    private SpiralFigure() {
    }

    /**
     * Settings; {@code epochs} counts passes of every network, per noise level for the denoising auto-encoder and
     * score matching. The constructor rejects values out of range.
     */
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
        AutoEncoderTraining training = new AutoEncoderTraining(c.epochs(), BATCH, LEARNING_RATE, c.seed());
        AutoEncoderTraining slow = new AutoEncoderTraining(c.epochs(), BATCH, SLOW_LEARNING_RATE, c.seed());
        Tensor wide = data.mul(NET_SCALE);
        return switch (name) {
            case "pca-1" -> new Pca(1).fit(data);
            case "kmeans-20" -> new KMeans(20, rng).fit(data);
            case "autoencoder-1" -> new ScaledInput(new AutoEncoder(mlp(2, 1, 1, rng), mlp(1, 2, 1, rng))
                    .training(training).fit(wide), NET_SCALE);
            case "sparse-coding-20" -> new SparseCoding(2, 20, 0.05, rng).fit(data);
            case "rbm" -> rbm(data, c, rng);
            case "denoising-autoencoder" -> denoisingAutoEncoder(wide, slow, c, rng);
            case "contractive-autoencoder" -> new ScaledInput(new ContractiveAutoEncoder(new Linear(2, 128, rng),
                    new Linear(128, 2, rng), CONTRACTION).training(slow).fit(data.mul(CAE_SCALE)), CAE_SCALE);
            case "score-matching" -> scoreMatching(wide, c, rng);
            default -> throw new IllegalArgumentException("unknown model '" + name + "', expected one of " + MODELS);
        };
    }

    /** in-64-out tanh network with {@code depth} hidden layers of 64. */
    private static Layer mlp(int in, int out, int depth, Rng rng) {
        Layer[] layers = new Layer[2 * depth + 1];
        for (int k = 0; k < depth; k++) {
            layers[2 * k] = new Linear(k == 0 ? in : HIDDEN, HIDDEN, rng);
            layers[2 * k + 1] = new Tanh();
        }
        layers[2 * depth] = new Linear(depth == 0 ? in : HIDDEN, out, rng);
        return new Sequential(layers);
    }

    /**
     * Encoder 2-64-64-64 (tanh), linear decoder, trained on {@link #NOISE_SCHEDULE} in turn: a scheduled denoising
     * auto-encoder (Geras &amp; Sutton 2015), which learns the coarse shape under large noise and sharpens the valley
     * as the noise shrinks. Every stage shares the same encoder and decoder; the energy is the last stage's
     * reconstruction error ‖Y − Dec(Enc(Y))‖².
     */
    private static Energy denoisingAutoEncoder(Tensor wide, AutoEncoderTraining training, Config c, Rng rng) {
        Layer encoder = new Sequential(mlp(2, HIDDEN, 2, rng), new Tanh());
        Layer decoder = new Linear(HIDDEN, 2, rng);
        Rng noise = new Rng(c.seed() + 2);
        AutoEncoder model = null;
        for (double sigma : NOISE_SCHEDULE) {
            model = new DenoisingAutoEncoder(encoder, decoder, new GaussianCorruption(sigma * NET_SCALE), noise)
                    .training(training).fit(wide);
        }
        return new ScaledInput(model, NET_SCALE);
    }

    /**
     * E(Y) = G(Y), a 2-64-64-1 softplus network trained by denoising score matching at each noise level of
     * {@link #NOISE_SCHEDULE} in turn (coarse to fine, as for the denoising auto-encoder).
     */
    private static Energy scoreMatching(Tensor wide, Config c, Rng rng) {
        Layer g = new Sequential(new Linear(2, HIDDEN, rng), new Softplus(), new Linear(HIDDEN, HIDDEN, rng),
                new Softplus(), new Linear(HIDDEN, 1, rng));
        Energy energy = new Energy() {
            {
                child("g", g);
            }

            @Override
            public Tensor energy(Tensor x, Tensor y) {
                return g.forward(y).reshape(y.shape(0));
            }
        };
        Rng noise = new Rng(c.seed() + 3);
        for (double sigma : NOISE_SCHEDULE) {
            Trainer.builder(energy, new DenoisingScoreMatching((float) (sigma * NET_SCALE), noise),
                            new Adam(energy.parameters(), LEARNING_RATE))
                    .epochs(c.epochs()).batchSize(BATCH).seed(c.seed()).build().fit(new Dataset(null, wide));
        }
        return new ScaledInput(energy, NET_SCALE);
    }

    /**
     * A Gaussian-binary RBM with 128 hidden units and learned visible variances, trained by PCD-1 (32 persistent
     * chains, SGD with momentum 0.9, learning rate 0.003 annealed by a cosine to 1/100); its energy is the free
     * energy F(Y). On this spiral CD and PCD drive it to the Gaussian fit of the data (W → 0), whatever the input
     * scale, width, k, initial weights or schedule tried: the panel shows that limit.
     */
    private static Energy rbm(Tensor data, Config c, Rng rng) {
        return new GaussianBinaryRbm(2, 128, true, rng).learning(new ContrastiveDivergence().k(1).persistent(true)
                .epochs(c.epochs()).batchSize(BATCH).learningRate(0.003).momentum(0.9).seed(c.seed())
                .schedule(new CosineAnnealing(0.003, 0.003 / 100, c.epochs()), ScheduleUnit.EPOCH))
                .fit(data);
    }

    /** E(Y) = E'(sY): a model fit on the rows scaled by s, drawn and scored in the data's own coordinates. */
    private static final class ScaledInput extends Energy {
        private final Energy inner;
        private final float scale;

        ScaledInput(Energy inner, float scale) {
            this.inner = child("inner", inner);
            this.scale = scale;
        }

        @Override
        public Tensor energy(Tensor x, Tensor y) {
            return inner.energy(x, y.mul(scale));
        }
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
        float[] grid = sorted(surface);
        float[] e;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            e = energy.energy(null, data).toArray();
        }
        double sum = 0;
        for (float v : e) {
            sum += fractionBelow(grid, v);
        }
        return sum / e.length;
    }

    /**
     * The surface with each cell's energy replaced by the fraction of cells with a lower energy, in [0, 1): the
     * grey level of the figure, so that a data point on a cell of level q has data quantile q.
     */
    public static Grid quantiles(Grid surface) {
        float[] grid = sorted(surface);
        float[] q = new float[grid.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) fractionBelow(grid, surface.values()[i]);
        }
        return new Grid(q, surface.rows(), surface.cols(), surface.xLo(), surface.xHi(), surface.yLo(),
                surface.yHi());
    }

    private static float[] sorted(Grid surface) {
        float[] grid = surface.values().clone();
        Arrays.sort(grid);
        return grid;
    }

    /** The fraction of the sorted values strictly below v. */
    private static double fractionBelow(float[] sorted, float v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo / (double) sorted.length;
    }
}

package org.ebl4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.kernel.Threads;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.ebl4j.unsupervised.rbm.BinaryRbm;
import org.ebl4j.unsupervised.rbm.ContrastiveDivergence;
import org.ebl4j.unsupervised.sparse.MiniBatchDictionaryLearning;
import org.ebl4j.unsupervised.sparse.SparseCoding;
import org.ebl4j.unsupervised.sparse.SparseCodingEnergy;
import org.ebl4j.unsupervised.volume.GaussianMixture;
import org.ebl4j.unsupervised.volume.KMeans;
import org.ebl4j.unsupervised.volume.Pca;

/**
 * Side-by-side fit times of five unsupervised models in ebl4j and in scikit-learn (Debian's {@code python3-sklearn},
 * run by {@code /usr/bin/python3} with the script {@code unsupervised_sklearn.py}), same data, same thread count,
 * same settings:
 * <ul>
 *   <li>pca: {@link Pca} vs PCA, 50 components of N x 784 MNIST-like images; objective the mean squared
 *       reconstruction error per row, ||y − WᵀW(y − μ) − μ||² (lower is better);</li>
 *   <li>kmeans: {@link KMeans} vs KMeans, K = 10, 10 k-means++ restarts, on N x 64 anisotropic Gaussian clusters;
 *       objective the inertia Σ_i min_k ||y_i − c_k||² (lower);</li>
 *   <li>gmm: {@link GaussianMixture} vs GaussianMixture, 10 full-covariance components on the same clusters,
 *       k-means initialisation, tolerance 1e-3; objective the mean log-likelihood (higher);</li>
 *   <li>rbm: {@link BinaryRbm} trained by {@link ContrastiveDivergence} PCD-1 without momentum vs BernoulliRBM
 *       (which is PCD-1 without momentum), 128 hidden units, batches of 100, rate 0.05, 5 epochs on the binarised
 *       images, no per-epoch monitor on either side (BernoulliRBM's verbose=0, {@code monitorRows(0)}); objective
 *       the mean-field reconstruction error mean (v − σ(σ(vWᵀ + c)W + b))² (lower);</li>
 *   <li>dictionary: {@link SparseCoding} with {@link MiniBatchDictionaryLearning} vs MiniBatchDictionaryLearning,
 *       100 atoms, λ = 0.3, batches of 256, 3 epochs on N x 144 patches made of 12 x 12 Gabor atoms; objective
 *       the mean of ½‖y − Wz‖² + λ|z|₁ with z each library's own L1 solution for its final dictionary (lower).</li>
 * </ul>
 *
 * <p>Method: the data are generated here (seeded) and written as raw float32 files that both sides read. Each side
 * fits every model to warm up (once for scikit-learn; for ebl4j, repeatedly for {@link #WARMUP_SECONDS}, the JIT's
 * warm-up) and then {@link Config#repeats()} times; its time is the
 * median fit time. Objectives are computed outside the timing, so that "time to an equal objective" can be judged:
 * {@link ModelResult#speedupVsSklearn()} = sklearn time / ebl4j time (above 1: ebl4j is faster), to be read next to
 * the two objectives. The scikit-learn process gets the same thread count through its OpenMP and OpenBLAS pools
 * ({@link MlpBench#torchEnvironment}).
 */
public final class UnsupervisedBench {
    /** Resource name of the scikit-learn side. */
    public static final String SKLEARN_SCRIPT = "unsupervised_sklearn.py";
    /** Debian packages for the scikit-learn side: scikit-learn and the OpenBLAS its numpy should run on. */
    public static final List<String> SKLEARN_PACKAGES = List.of("python3-sklearn", "libopenblas0-pthread");
    /** The models, in the order they run and are reported. */
    public static final List<String> MODELS = List.of("pca", "kmeans", "gmm", "rbm", "dictionary");

    static final int IMAGE_SIDE = 28;
    static final int CLUSTER_DIM = 64;
    static final int PATCH_SIDE = 12;
    static final int PCA_COMPONENTS = 50;
    static final int CLUSTERS = 10;
    static final int KMEANS_RESTARTS = 10;
    static final int GMM_COMPONENTS = 10;
    static final int RBM_HIDDEN = 128;
    static final int RBM_BATCH = 100;
    static final double RBM_LR = 0.05;
    static final int RBM_EPOCHS = 5;
    static final int ATOMS = 100;
    static final double ALPHA = 0.3;
    static final int DICT_BATCH = 256;
    static final int DICT_EPOCHS = 3;
    /** The ebl4j side fits each model repeatedly for this long before timing (scikit-learn: one warm-up fit). */
    static final double WARMUP_SECONDS = 3;

    private UnsupervisedBench() {
    }

    /**
     * Benchmark settings: {@code rows} points in every data set (>= {@link #ATOMS}, the largest model), timed fits
     * per side, and the Python interpreter of the scikit-learn side ({@code null}: ebl4j only).
     */
    public record Config(int threads, int rows, int repeats, String python, long seed) {
        public Config {
            if (threads < 1 || rows < ATOMS || repeats < 1) {
                throw new IllegalArgumentException("UnsupervisedBench: need threads >= 1, rows >= " + ATOMS
                        + " (the dictionary's atoms) and repeats >= 1; got threads=" + threads + ", rows=" + rows
                        + ", repeats=" + repeats);
            }
        }

        /** 5,000 rows per data set, 5 timed fits per side, {@code /usr/bin/python3}. */
        public static Config standard(int threads) {
            return new Config(threads, 5000, 5, "/usr/bin/python3", 1);
        }
    }

    /**
     * One model: median fit seconds and objective of each side (sklearn NaN when it did not run), the objective's
     * name and whether higher is better.
     */
    public record ModelResult(String model, String objectiveName, boolean higherIsBetter, double ebl4jSeconds,
                              double ebl4jObjective, double sklearnSeconds, double sklearnObjective) {
        /** sklearn time / ebl4j time (NaN without the sklearn side). */
        public double speedupVsSklearn() {
            return sklearnSeconds / ebl4jSeconds;
        }

        /** How much better ebl4j's objective is than sklearn's, relative to sklearn's (negative: worse). */
        public double objectiveGain() {
            double gain = (ebl4jObjective - sklearnObjective) / Math.abs(sklearnObjective);
            return higherIsBetter ? gain : -gain;
        }
    }

    /** All models, and the scikit-learn version ({@code null} without the sklearn side). */
    public record Result(Config config, String sklearnVersion, List<ModelResult> models) {
    }

    /** The four data sets, [rows, 784], [rows, 784] in {0, 1}, [rows, 64], [rows, 144]. */
    record Data(Tensor images, Tensor binary, Tensor clusters, Tensor patches) {
    }

    /** Runs the comparison, logging progress and a table to {@code log}. */
    public static Result run(Config c, PrintWriter log) throws IOException, InterruptedException {
        Threads.set(c.threads());
        if (c.python() != null) {
            PythonReference.ensure("bench unsupervised", c.python(), "sklearn", SKLEARN_PACKAGES, log);
        }
        log.printf(Locale.ROOT, "generating data: %d rows each of 28x28 images, 64-d clusters, 12x12 patches%n",
                c.rows());
        log.flush();
        Data data = generate(c.rows(), c.seed());
        SklearnSide theirs = c.python() != null ? sklearnSide(c, data, log) : null;
        String version = theirs != null ? theirs.version() : null;
        List<ModelResult> results = new ArrayList<>();
        for (String model : MODELS) {
            log.printf(Locale.ROOT, "ebl4j %s: %.0f s of warm-up fits + %d fits (%d threads)%n", model,
                    WARMUP_SECONDS, c.repeats(), c.threads());
            log.flush();
            double[] ours = ebl4jSide(model, c, data);
            double skSeconds = Double.NaN;
            double skObjective = Double.NaN;
            if (theirs != null) {
                skSeconds = theirs.models().get(model)[0];
                skObjective = theirs.models().get(model)[1];
            }
            results.add(new ModelResult(model, objectiveName(model), model.equals("gmm"), ours[0], ours[1],
                    skSeconds, skObjective));
        }
        Result r = new Result(c, version, results);
        print(r, log);
        return r;
    }

    /** The objective each model reports. */
    static String objectiveName(String model) {
        return switch (model) {
            case "pca" -> "mean squared reconstruction error";
            case "kmeans" -> "inertia";
            case "gmm" -> "mean log-likelihood";
            case "rbm" -> "mean-field reconstruction error";
            case "dictionary" -> "mean 1/2||y - Wz||^2 + lambda|z|_1";
            default -> throw new IllegalArgumentException("UnsupervisedBench: unknown model '" + model
                    + "', expected one of " + MODELS);
        };
    }

    /** Writes the table. */
    static void print(Result r, PrintWriter log) {
        log.printf(Locale.ROOT, "%nebl4j vs scikit-learn %s, %d rows, %d threads, median of %d fits after warm-up%n",
                r.sklearnVersion() == null ? "(not run)" : r.sklearnVersion(), r.config().rows(),
                r.config().threads(), r.config().repeats());
        log.printf(Locale.ROOT, "%-11s %10s %10s %8s  %-36s %14s %14s%n", "model", "ebl4j s", "sklearn s",
                "speedup", "objective", "ebl4j", "sklearn");
        for (ModelResult m : r.models()) {
            log.printf(Locale.ROOT, "%-11s %10.3f %10.3f %8.2f  %-36s %14.6g %14.6g%n", m.model(), m.ebl4jSeconds(),
                    m.sklearnSeconds(), m.speedupVsSklearn(), m.objectiveName() + (m.higherIsBetter() ? " (max)"
                    : " (min)"), m.ebl4jObjective(), m.sklearnObjective());
        }
        log.println("speedup = sklearn time / ebl4j time");
        log.flush();
    }

    // ---------------------------------------------------------------- the ebl4j side

    /** Median fit seconds and the objective of the last fit. */
    static double[] ebl4jSide(String model, Config c, Data d) {
        return switch (model) {
            case "pca" -> timed(c, () -> new Pca(PCA_COMPONENTS).fit(d.images()),
                    m -> m.energy(d.images()).mean().item());
            case "kmeans" -> timed(c, () -> new KMeans(CLUSTERS, new Rng(c.seed())).restarts(KMEANS_RESTARTS)
                    .init(KMeans.Init.KMEANS_PLUS_PLUS).fit(d.clusters()), KMeans::inertia);
            case "gmm" -> timed(c, () -> new GaussianMixture(GMM_COMPONENTS, GaussianMixture.CovarianceType.FULL,
                    new Rng(c.seed())).fit(d.clusters()), m -> m.score(d.clusters()));
            case "rbm" -> timed(c, () -> {
                BinaryRbm rbm = new BinaryRbm(IMAGE_SIDE * IMAGE_SIDE, RBM_HIDDEN, new Rng(c.seed()));
                rbm.learning(new ContrastiveDivergence().persistent(true).k(1).epochs(RBM_EPOCHS)
                        .batchSize(RBM_BATCH).learningRate(RBM_LR).momentum(0).seed(c.seed()).monitorRows(0))
                        .fit(d.binary());
                return rbm;
            }, m -> m.visibleMean(m.hiddenProbabilities(d.binary())).sub(d.binary()).square().mean().item());
            case "dictionary" -> timed(c, () -> new SparseCoding(SparseCodingEnergy.fromSamples(d.patches(), ATOMS,
                    ALPHA, new Rng(c.seed()))).learner(new MiniBatchDictionaryLearning(DICT_BATCH, DICT_EPOCHS,
                    c.seed())).fit(d.patches()), m -> m.encode(d.patches()).finalObjective());
            default -> throw new IllegalArgumentException("UnsupervisedBench: unknown model '" + model
                    + "', expected one of " + MODELS);
        };
    }

    private interface Objective<M> {
        double of(M model);
    }

    private static <M> double[] timed(Config c, Supplier<M> fit, Objective<M> objective) {
        long start = System.nanoTime();
        do { // the JIT needs several fits: K-means took 990, 130, 120 ... 100, 36, 30 ms over its first 12 fits
            fit.get();
        } while (System.nanoTime() - start < WARMUP_SECONDS * 1e9);
        double[] t = new double[c.repeats()];
        M last = null;
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            last = fit.get();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return new double[] {MlpBench.median(t), objective.of(last)};
        }
    }

    // ---------------------------------------------------------------- the data

    /**
     * MNIST-like images (10 classes of 5 Gaussian blobs whose centres jitter by 1.5 px per image, max-combined),
     * their binarisation at 0.5, 10 anisotropic Gaussian clusters in 64-d (centres N(0, 3²), per-cluster axis scales
     * in [0.3, 1.5]), and 12 x 12 patches each a sum of 3 of 100 random Gabor atoms with N(0, 1) weights plus
     * N(0, 0.05²) noise.
     */
    static Data generate(int rows, long seed) {
        Rng rng = new Rng(seed);
        int px = IMAGE_SIDE * IMAGE_SIDE;
        double[][] blobs = new double[CLUSTERS * 5][2];
        for (double[] b : blobs) {
            b[0] = 5 + rng.nextDouble() * 18;
            b[1] = 5 + rng.nextDouble() * 18;
        }
        float[] images = new float[rows * px];
        float[] binary = new float[rows * px];
        for (int r = 0; r < rows; r++) {
            int cls = rng.nextInt(CLUSTERS);
            for (int b = 0; b < 5; b++) {
                double cy = blobs[cls * 5 + b][0] + 1.5 * rng.nextGaussian();
                double cx = blobs[cls * 5 + b][1] + 1.5 * rng.nextGaussian();
                for (int y = 0; y < IMAGE_SIDE; y++) {
                    for (int x = 0; x < IMAGE_SIDE; x++) {
                        double d2 = (y - cy) * (y - cy) + (x - cx) * (x - cx);
                        int i = r * px + y * IMAGE_SIDE + x;
                        images[i] = Math.max(images[i], (float) Math.exp(-d2 / (2 * 1.8 * 1.8)));
                    }
                }
            }
            for (int i = r * px; i < (r + 1) * px; i++) {
                binary[i] = images[i] > 0.5f ? 1f : 0f;
            }
        }
        double[][] centres = new double[CLUSTERS][CLUSTER_DIM];
        double[][] scales = new double[CLUSTERS][CLUSTER_DIM];
        for (int k = 0; k < CLUSTERS; k++) {
            for (int j = 0; j < CLUSTER_DIM; j++) {
                centres[k][j] = 3 * rng.nextGaussian();
                scales[k][j] = 0.3 + 1.2 * rng.nextDouble();
            }
        }
        float[] clusters = new float[rows * CLUSTER_DIM];
        for (int r = 0; r < rows; r++) {
            int k = rng.nextInt(CLUSTERS);
            for (int j = 0; j < CLUSTER_DIM; j++) {
                clusters[r * CLUSTER_DIM + j] = (float) (centres[k][j] + scales[k][j] * rng.nextGaussian());
            }
        }
        int pd = PATCH_SIDE * PATCH_SIDE;
        double[][] gabors = new double[ATOMS][pd];
        for (double[] g : gabors) {
            double theta = Math.PI * rng.nextDouble();
            double freq = 0.15 + 0.25 * rng.nextDouble();
            double cy = 3 + 6 * rng.nextDouble();
            double cx = 3 + 6 * rng.nextDouble();
            double norm = 0;
            for (int y = 0; y < PATCH_SIDE; y++) {
                for (int x = 0; x < PATCH_SIDE; x++) {
                    double u = (x - cx) * Math.cos(theta) + (y - cy) * Math.sin(theta);
                    double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                    g[y * PATCH_SIDE + x] = Math.exp(-d2 / (2 * 2.5 * 2.5)) * Math.cos(2 * Math.PI * freq * u);
                    norm += g[y * PATCH_SIDE + x] * g[y * PATCH_SIDE + x];
                }
            }
            for (int i = 0; i < pd; i++) {
                g[i] /= Math.sqrt(norm);
            }
        }
        float[] patches = new float[rows * pd];
        for (int r = 0; r < rows; r++) {
            for (int a = 0; a < 3; a++) {
                double[] g = gabors[rng.nextInt(ATOMS)];
                double w = rng.nextGaussian();
                for (int i = 0; i < pd; i++) {
                    patches[r * pd + i] += (float) (w * g[i]);
                }
            }
            for (int i = 0; i < pd; i++) {
                patches[r * pd + i] += (float) (0.05 * rng.nextGaussian());
            }
        }
        return new Data(Tensor.of(images, rows, px), Tensor.of(binary, rows, px),
                Tensor.of(clusters, rows, CLUSTER_DIM), Tensor.of(patches, rows, pd));
    }

    // ---------------------------------------------------------------- the scikit-learn side


    /** The scikit-learn side's version and, per model, {median seconds, objective}. */
    private record SklearnSide(Map<String, double[]> models, String version) {
    }

    /** Writes the data, runs the script, and returns what it printed. */
    private static SklearnSide sklearnSide(Config c, Data d, PrintWriter log)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("ebl4j-unsupervised-bench");
        try {
            Path script = dir.resolve(SKLEARN_SCRIPT);
            try (InputStream res = UnsupervisedBench.class.getResourceAsStream(SKLEARN_SCRIPT)) {
                if (res == null) {
                    throw new IOException("bench unsupervised: resource " + SKLEARN_SCRIPT + " is missing from the jar");
                }
                Files.copy(res, script, StandardCopyOption.REPLACE_EXISTING);
            }
            writeFloats(dir.resolve("images.f32"), d.images());
            writeFloats(dir.resolve("binary.f32"), d.binary());
            writeFloats(dir.resolve("clusters.f32"), d.clusters());
            writeFloats(dir.resolve("patches.f32"), d.patches());
            log.printf(Locale.ROOT, "scikit-learn (%s, %d threads): warm-up + %d fits of each model%n", c.python(),
                    c.threads(), c.repeats());
            log.flush();
            ProcessBuilder pb = new ProcessBuilder(c.python(), script.toString(), "--dir", dir.toString(), "--rows",
                    Integer.toString(c.rows()), "--repeats", Integer.toString(c.repeats()), "--seed",
                    Long.toString(c.seed()), "--pca-components", Integer.toString(PCA_COMPONENTS), "--clusters",
                    Integer.toString(CLUSTERS), "--kmeans-restarts", Integer.toString(KMEANS_RESTARTS),
                    "--gmm-components", Integer.toString(GMM_COMPONENTS), "--rbm-hidden", Integer.toString(RBM_HIDDEN),
                    "--rbm-batch", Integer.toString(RBM_BATCH), "--rbm-lr", Double.toString(RBM_LR), "--rbm-epochs",
                    Integer.toString(RBM_EPOCHS), "--atoms", Integer.toString(ATOMS), "--alpha", Double.toString(ALPHA),
                    "--dict-batch", Integer.toString(DICT_BATCH), "--dict-epochs", Integer.toString(DICT_EPOCHS));
            pb.environment().putAll(MlpBench.torchEnvironment(c.threads(), System.getenv()));
            pb.environment().put("MKL_NUM_THREADS", Integer.toString(c.threads()));
            Process p = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Map<String, double[]> models = new LinkedHashMap<>();
            String version = null;
            try (BufferedReader r = PythonReference.reader(p.getInputStream())) {
                for (String line; (line = r.readLine()) != null; ) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length == 2 && f[0].equals("version")) {
                        version = f[1];
                    } else if (f.length == 4 && f[0].equals("result")) {
                        models.put(f[1], new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3])});
                        log.printf(Locale.ROOT, "  sklearn %s: %.3f s%n", f[1], Double.parseDouble(f[2]));
                        log.flush();
                    }
                }
            }
            int rc = p.waitFor();
            if (rc != 0 || !models.keySet().containsAll(MODELS)) {
                throw new IOException("bench unsupervised: the scikit-learn process failed (exit " + rc + ", results"
                        + " for " + models.keySet() + " of " + MODELS + "; see its messages above)");
            }
            return new SklearnSide(models, version);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Raw little-endian float32, row-major. */
    static void writeFloats(Path file, Tensor t) throws IOException {
        float[] v = t.contiguous().toArray();
        ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        Files.write(file, b.array());
    }



    /** The per-model figures as a JSON-ready map. */
    public static Map<String, Object> figures(Result r) {
        Map<String, Object> speedup = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        for (ModelResult m : r.models()) {
            speedup.put(m.model(), m.speedupVsSklearn());
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("ebl4j_seconds", m.ebl4jSeconds());
            one.put("sklearn_seconds", m.sklearnSeconds());
            one.put("objective", m.objectiveName());
            one.put("higher_is_better", m.higherIsBetter());
            one.put("ebl4j_objective", m.ebl4jObjective());
            one.put("sklearn_objective", m.sklearnObjective());
            one.put("objective_gain", m.objectiveGain());
            details.put(m.model(), one);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("speedup_vs_sklearn", speedup);
        out.put("models", details);
        return out;
    }
}

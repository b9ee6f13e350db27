package org.ebl4j.unsupervised.volume;

import java.util.Arrays;

import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * K-means: the latent code Z is constrained to a 1-of-K code, so the energy
 * E(Y) = min_Z Σ_k ||Y − W_k Z_k||² = min_k ||Y − c_k||² is low only within reach of the K prototypes c_k (the
 * columns of W): the volume of low energy is fixed by construction (LeCun, "Energy-Based Unsupervised Learning",
 * strategy 1, constant volume of low energy). Fitted by Lloyd's algorithm (Lloyd 1982): assign each point to its
 * nearest centre, move each centre to the mean of its points; neither step can raise the objective (the inertia
 * Σ_i min_k ||y_i − c_k||²), which {@link #inertiaHistory()} records.
 *
 * <p>Seeding by {@link KMeansPlusPlus} (default) or K distinct random data points; {@link #restarts} independent
 * runs keep the one of lowest inertia. Each Lloyd step is one matrix product for the distances
 * ||y − c||² = ||y||² − 2y·c + ||c||² ({@link PointDistances}, no tensor per step) and one pass for the
 * per-cluster sums. The data are centred before fitting
 * (for accurate distances; the centres are reported in the original coordinates). A run stops when the labels no
 * longer change or the centres move by at most {@code tolerance} × the mean variance of the features (squared
 * shift summed over centres, as scikit-learn), or after {@code maxIterations} updates; the labels are then those
 * of the final centres. A cluster left empty is moved to the point farthest from its centre (as scikit-learn).
 *
 * <p>{@link #transform} returns the 1-of-K code Z* (one-hot [N, K]); {@link #distances} the squared distances
 * to the centres and {@link #predict} the cluster indices.
 */
public final class KMeans extends FittedModel {
    /** How the centres of each run are seeded. */
    public enum Init {
        /** {@link KMeansPlusPlus} (greedy, 2 + ⌊ln K⌋ candidates per centre). */
        KMEANS_PLUS_PLUS,
        /** K distinct data points drawn uniformly. */
        RANDOM
    }

    private final int clusters;
    private final Rng rng;
    private Init init = Init.KMEANS_PLUS_PLUS;
    private int restarts = 10;
    private int maxIterations = 300;
    private double tolerance = 1e-4;

    private Tensor centres;
    private double inertia;
    private int iterations;
    private boolean converged;
    private double[] history;

    /** K-means with {@code clusters} centres (>= 1); {@code rng} draws the seeds. */
    public KMeans(int clusters, Rng rng) {
        if (clusters < 1) {
            throw new IllegalArgumentException("KMeans: clusters must be >= 1, got " + clusters);
        }
        if (rng == null) {
            throw new IllegalArgumentException("KMeans: rng must not be null");
        }
        this.clusters = clusters;
        this.rng = rng;
    }

    /** Seeding of each run (default {@link Init#KMEANS_PLUS_PLUS}). */
    public KMeans init(Init value) {
        if (value == null) {
            throw new IllegalArgumentException("KMeans.init: expected one of " + Arrays.toString(Init.values()));
        }
        this.init = value;
        return this;
    }

    /** Independent runs, the best (lowest inertia) kept: >= 1 (default 10, scikit-learn's n_init). */
    public KMeans restarts(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("KMeans.restarts: must be >= 1, got " + value);
        }
        this.restarts = value;
        return this;
    }

    /** Most Lloyd updates per run: >= 1 (default 300). */
    public KMeans maxIterations(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("KMeans.maxIterations: must be >= 1, got " + value);
        }
        this.maxIterations = value;
        return this;
    }

    /** Convergence threshold on the squared centre shift, relative to the mean feature variance: >= 0 (1e-4). */
    public KMeans tolerance(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("KMeans.tolerance: must be finite and >= 0, got " + value);
        }
        this.tolerance = value;
        return this;
    }

    @Override
    public KMeans fit(Tensor data) {
        checkData(data, clusters, "at least one point per cluster");
        Tensor raw = data.detach();
        Tensor offset = raw.mean(0, true);
        PointDistances points = new PointDistances(raw.sub(offset));
        int n = points.size();
        int d = points.dim();
        double shiftTolerance = tolerance * points.totalNorm() / ((double) n * d); // mean feature variance
        Run best = null;
        for (int r = 0; r < restarts; r++) {
            int[] seeds = init == Init.KMEANS_PLUS_PLUS
                    ? KMeansPlusPlus.seeds(points, clusters, rng)
                    : Arrays.copyOf(rng.permutation(n), clusters);
            Run run = lloyd(points, points.rows(seeds), shiftTolerance);
            if (best == null || run.inertia < best.inertia) {
                best = run;
            }
        }
        centres = keep("centres", centres, Tensor.of(best.centres, clusters, d).add(offset));
        inertia = best.inertia;
        iterations = best.iterations;
        converged = best.converged;
        history = best.history;
        markFitted(d);
        return this;
    }

    private record Run(float[] centres, double inertia, int iterations, boolean converged, double[] history) {
    }

    /** Lloyd's iterations from the given centres (K rows of d). */
    private Run lloyd(PointDistances p, float[] seeds, double shiftTolerance) {
        int n = p.size();
        double[] trace = new double[maxIterations + 1];
        float[] c = seeds;
        int[] labels = new int[n];
        int[] next = new int[n];
        float[] best = new float[n]; // squared distance of each point to its nearest centre
        trace[0] = p.nearest(c, clusters, labels, best);
        int it = 0;
        boolean done = false;
        while (it < maxIterations && !done) {
            float[] moved = means(p, labels, best);
            double shift = 0;
            for (int j = 0; j < c.length; j++) {
                double diff = moved[j] - c[j];
                shift += diff * diff;
            }
            c = moved;
            it++;
            trace[it] = p.nearest(c, clusters, next, best);
            done = Arrays.equals(labels, next) || shift <= shiftTolerance;
            int[] swap = labels;
            labels = next;
            next = swap;
        }
        return new Run(c, trace[it], it, done, Arrays.copyOf(trace, it + 1));
    }

    /**
     * The mean of each cluster's points (float sums per block of points, added up in double); an empty cluster takes the point farthest from its centre
     * ({@code best}: each point's squared distance to its centre).
     */
    private float[] means(PointDistances p, int[] labels, float[] best) {
        int n = p.size();
        int d = p.dim();
        double[] sums = new double[clusters * d];
        float[] partial = new float[clusters * d]; // float sums over a block of points (vectorised), then double
        int[] counts = new int[clusters];
        float[] row = new float[d];
        for (int first = 0; first < n; first += PointDistances.BLOCK) {
            int last = Math.min(n, first + PointDistances.BLOCK);
            for (int i = first; i < last; i++) {
                int base = labels[i] * d;
                p.row(i, row);
                for (int j = 0; j < d; j++) {
                    partial[base + j] += row[j];
                }
                counts[labels[i]]++;
            }
            for (int j = 0; j < partial.length; j++) {
                sums[j] += partial[j];
                partial[j] = 0;
            }
        }
        float[] far = null;
        for (int k = 0; k < clusters; k++) {
            if (counts[k] == 0) {
                if (far == null) {
                    far = best.clone();
                }
                int q = 0;
                for (int i = 1; i < n; i++) {
                    if (far[i] > far[q]) {
                        q = i;
                    }
                }
                far[q] = -1; // taken
                p.row(q, row);
                int old = labels[q];
                counts[old] -= 1;
                counts[k] = 1;
                for (int j = 0; j < d; j++) {
                    sums[old * d + j] -= row[j];
                    sums[k * d + j] = row[j];
                }
            }
        }
        float[] out = new float[clusters * d];
        for (int k = 0; k < clusters; k++) {
            for (int j = 0; j < d; j++) {
                out[k * d + j] = (float) (sums[k * d + j] / counts[k]);
            }
        }
        return out;
    }

    /** K, the number of clusters. */
    public int clusters() {
        return clusters;
    }

    /** The centres c_k as rows: [K, d]. */
    public Tensor centres() {
        requireFitted("centres");
        return centres;
    }

    /** Σ_i min_k ||y_i − c_k||² on the training data, for the best run. */
    public double inertia() {
        requireFitted("inertia");
        return inertia;
    }

    /** Lloyd updates made by the best run. */
    public int iterations() {
        requireFitted("iterations");
        return iterations;
    }

    /** Whether the best run met the stopping rule before {@code maxIterations}. */
    public boolean converged() {
        requireFitted("converged");
        return converged;
    }

    /** The inertia of the best run after seeding and after each Lloyd update: non-increasing (a copy). */
    public double[] inertiaHistory() {
        requireFitted("inertiaHistory");
        return history.clone();
    }

    /** ||y_i − c_k||² for every point and centre: [N, K]. */
    public Tensor distances(Tensor data) {
        checkPoints("distances", data);
        return SquaredDistances.pairwise(data, centres);
    }

    /** The index of each point's nearest centre: [N]. */
    public Indices predict(Tensor data) {
        return distances(data).neg().argmax(1);
    }

    /** The 1-of-K code Z*: one-hot rows [N, K] marking each point's nearest centre. */
    @Override
    public Tensor transform(Tensor data) {
        return Tensor.oneHot(predict(data), clusters);
    }

    /** E(Y) = min_k ||y − c_k||² per row: [N]; differentiable in y. */
    @Override
    public Tensor energy(Tensor x, Tensor y) {
        return distances(y).min(1, false);
    }
}

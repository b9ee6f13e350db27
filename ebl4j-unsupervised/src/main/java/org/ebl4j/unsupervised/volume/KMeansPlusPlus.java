package org.ebl4j.unsupervised.volume;

import java.util.Arrays;

import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * k-means++ seeding (Arthur &amp; Vassilvitskii, "k-means++: The Advantages of Careful Seeding", SODA 2007): the
 * first centre is a uniformly random data point, each next one a data point drawn with probability proportional to
 * D(y)², its squared distance to the nearest centre chosen so far; in expectation the seeding alone is
 * O(log K)-competitive with the optimal K-means cost. Greedy variant (the paper's §6 experiments, and
 * scikit-learn's default): 2 + ⌊ln K⌋ candidates are drawn per step and the one that lowers the potential
 * Σ D(y)² most is kept.
 */
public final class KMeansPlusPlus {
    private KMeansPlusPlus() {
    }

    /** Candidates drawn per centre: 2 + ⌊ln k⌋. */
    static int candidates(int k) {
        return 2 + (int) Math.floor(Math.log(k));
    }

    /**
     * The k seeds, rows of {@code data} [N, d] (N >= k), as a [k, d] tensor.
     *
     * @throws IllegalArgumentException when data is not [N, d] with N >= k >= 1
     */
    public static Tensor centres(Tensor data, int k, Rng rng) {
        if (data == null || data.dim() != 2 || k < 1 || data.shape(0) < k) {
            throw new IllegalArgumentException("KMeansPlusPlus: needs data [N, d] with N >= k >= 1, got k = " + k
                    + " and data " + (data == null ? "null" : Arrays.toString(data.shape())));
        }
        return data.indexSelect(Indices.of(seeds(new PointDistances(data), k, rng)));
    }

    /** Row numbers of the k seeds among the points of {@code p}. */
    static int[] seeds(PointDistances p, int k, Rng rng) {
        int n = p.size();
        int trials = candidates(k);
        int[] chosen = new int[k];
        chosen[0] = rng.nextInt(n);
        float[] nearest = new float[n]; // D(y)² to the nearest centre chosen so far
        p.nearest(p.rows(new int[] {chosen[0]}), 1, new int[n], nearest);
        double[] cumulative = new double[n];
        double[] potential = new double[trials];
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += nearest[i];
                cumulative[i] = total;
            }
            int[] cand = new int[trials];
            for (int t = 0; t < trials; t++) {
                cand[t] = total > 0 ? draw(cumulative, rng.nextDouble() * total) : rng.nextInt(n);
            }
            // each candidate's potential Σ_y min(D(y)², ||y − candidate||²); keep the smallest
            p.setCentres(p.rows(cand), trials);
            float[] dist = p.block();
            Arrays.fill(potential, 0);
            for (int first = 0; first < n; first += PointDistances.BLOCK) {
                int rows = Math.min(PointDistances.BLOCK, n - first);
                p.distances(first, rows, dist);
                for (int r = 0; r < rows; r++) {
                    for (int t = 0; t < trials; t++) {
                        potential[t] += Math.min(nearest[first + r], dist[r * trials + t]);
                    }
                }
            }
            int best = 0;
            for (int t = 1; t < trials; t++) {
                if (potential[t] < potential[best]) {
                    best = t;
                }
            }
            chosen[c] = cand[best];
            for (int first = 0; first < n; first += PointDistances.BLOCK) {
                int rows = Math.min(PointDistances.BLOCK, n - first);
                p.distances(first, rows, dist);
                for (int r = 0; r < rows; r++) {
                    nearest[first + r] = Math.min(nearest[first + r], dist[r * trials + best]);
                }
            }
        }
        return chosen;
    }

    /** The first i with cumulative[i] > u (u in [0, total)). */
    private static int draw(double[] cumulative, double u) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}

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
        return data.indexSelect(Indices.of(seeds(data, SquaredDistances.rowNorms(data), k, rng)));
    }

    /** Row numbers of the k seeds, with the rows' squared norms [N] already computed. */
    static int[] seeds(Tensor data, Tensor norms, int k, Rng rng) {
        int n = data.shape(0);
        int trials = candidates(k);
        int[] chosen = new int[k];
        chosen[0] = rng.nextInt(n);
        // D(y)² to the nearest chosen centre: [1, N]
        Tensor nearest = SquaredDistances.fromCentres(data.indexSelect(Indices.of(chosen[0])), data, norms);
        double[] cumulative = new double[n];
        for (int c = 1; c < k; c++) {
            float[] d2 = nearest.toArray();
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += d2[i];
                cumulative[i] = total;
            }
            int[] cand = new int[trials];
            for (int t = 0; t < trials; t++) {
                cand[t] = total > 0 ? draw(cumulative, rng.nextDouble() * total) : rng.nextInt(n);
            }
            // each candidate's D² field: [trials, N]; keep the candidate with the smallest potential
            Tensor fields = SquaredDistances.fromCentres(data.indexSelect(Indices.of(cand)), data, norms)
                    .minimum(nearest);
            float[] potential = fields.sum(1, false).toArray();
            int best = 0;
            for (int t = 1; t < trials; t++) {
                if (potential[t] < potential[best]) {
                    best = t;
                }
            }
            chosen[c] = cand[best];
            nearest = fields.slice(0, best, best + 1);
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

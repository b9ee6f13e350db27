package org.ebl4j.unsupervised.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class KMeansTest {
    /** A 5 x 4 grid of blob centres, 3 apart, with std 1: clusters that touch, so Lloyd needs many steps. */
    private static double[][] grid() {
        double[][] c = new double[20][];
        for (int i = 0; i < 20; i++) {
            c[i] = new double[] {3.0 * (i % 5), 3.0 * (i / 5)};
        }
        return c;
    }

    @Test
    void inertiaNeverIncreasesOverLloydIterations() {
        Tensor data = Samples.blobs(grid(), 60, 1.0, new Rng(1));
        int multiStep = 0;
        for (long seed = 0; seed < 8; seed++) {
            KMeans km = new KMeans(12, new Rng(seed)).init(KMeans.Init.RANDOM).restarts(1).tolerance(0).fit(data);
            double[] h = km.inertiaHistory();
            assertEquals(km.iterations() + 1, h.length);
            for (int t = 1; t < h.length; t++) {
                assertTrue(h[t] <= h[t - 1] * (1 + 1e-6), "seed " + seed + " step " + t + ": " + h[t - 1] + " -> "
                        + h[t]);
            }
            assertEquals(h[h.length - 1], km.inertia(), 0);
            assertEquals(Samples.inertia(data, km.centres()), km.inertia(), 1e-5 * km.inertia());
            assertTrue(km.converged());
            if (h.length > 5 && h[0] > 1.2 * h[h.length - 1]) {
                multiStep++;
            }
        }
        assertTrue(multiStep >= 4, "runs with real progress: " + multiStep);
    }

    @Test
    void recoversWellSeparatedCentres() {
        double[][] truth = {{0, 0, 0}, {10, 0, 0}, {0, 10, 0}, {0, 0, 10}, {10, 10, 10}};
        Tensor data = Samples.blobs(truth, 200, 0.5, new Rng(2));
        KMeans km = new KMeans(5, new Rng(3)).fit(data);
        // the blobs are interleaved row by row: row i belongs to blob i % 5, and all of a blob share a label
        int[] labels = km.predict(data).data();
        for (int i = 5; i < labels.length; i++) {
            assertEquals(labels[i % 5], labels[i]);
        }
        // each centre is its blob's sample mean, within 4 standard errors (0.5 / √200) of the generating centre
        double[][] found = Samples.rows(km.centres());
        double[][] y = Samples.rows(data);
        for (int b = 0; b < 5; b++) {
            for (int j = 0; j < 3; j++) {
                double mean = 0;
                for (int i = b; i < y.length; i += 5) {
                    mean += y[i][j] / 200;
                }
                assertEquals(mean, found[labels[b]][j], 1e-4, "blob " + b + " coordinate " + j);
                assertEquals(truth[b][j], found[labels[b]][j], 4 * 0.5 / Math.sqrt(200),
                        "blob " + b + " coordinate " + j);
            }
        }
        // expected inertia: N d σ² (minus the d degrees of freedom per centre)
        assertEquals(1000 * 3 * 0.25, km.inertia(), 0.1 * 750);
    }

    @Test
    void kMeansPlusPlusBeatsRandomSeedingOnAverage() {
        Tensor data = Samples.blobs(grid(), 30, 0.4, new Rng(4));
        double plusPlus = 0;
        double random = 0;
        int runs = 12;
        for (long seed = 0; seed < runs; seed++) {
            plusPlus += new KMeans(20, new Rng(seed)).restarts(1).fit(data).inertia();
            random += new KMeans(20, new Rng(seed)).init(KMeans.Init.RANDOM).restarts(1).fit(data).inertia();
        }
        assertTrue(plusPlus < 0.8 * random, "mean inertia: k-means++ " + plusPlus / runs + ", random "
                + random / runs);
    }

    @Test
    void kMeansPlusPlusSeedsOnePointPerSeparatedBlob() {
        double[][] spots = {{0, 0}, {20, 0}, {0, 20}, {20, 20}, {10, 40}, {40, 10}};
        Tensor data = Samples.blobs(spots, 50, 0.3, new Rng(12));
        double[][] rows = Samples.rows(data);
        for (long seed = 0; seed < 10; seed++) {
            double[][] seeds = Samples.rows(KMeansPlusPlus.centres(data, 6, new Rng(seed)));
            boolean[] hit = new boolean[spots.length];
            for (double[] s : seeds) {
                boolean isRow = false;
                for (double[] r : rows) {
                    isRow |= r[0] == s[0] && r[1] == s[1];
                }
                assertTrue(isRow, "a seed must be a data point");
                for (int b = 0; b < spots.length; b++) {
                    if (Math.hypot(s[0] - spots[b][0], s[1] - spots[b][1]) < 2) {
                        assertTrue(!hit[b], "seed " + seed + ": two seeds in blob " + b);
                        hit[b] = true;
                    }
                }
            }
        }
    }

    @Test
    void restartsKeepTheLowestInertia() {
        Tensor data = Samples.blobs(grid(), 20, 1.0, new Rng(5));
        Rng single = new Rng(6);
        double best = Double.POSITIVE_INFINITY;
        double worst = 0;
        KMeans one = new KMeans(9, single).restarts(1);
        for (int r = 0; r < 5; r++) {
            double inertia = one.fit(data).inertia();
            best = Math.min(best, inertia);
            worst = Math.max(worst, inertia);
        }
        // the same five seedings (same generator state) in one fit with 5 restarts
        double kept = new KMeans(9, new Rng(6)).restarts(5).fit(data).inertia();
        assertEquals(best, kept, 0);
        assertTrue(worst > best, "the five runs should differ");
    }

    @Test
    void emptyClustersMoveToTheFarthestPoint() {
        // three groups of identical points: random seeding often puts two centres on one spot
        double[][] spots = {{0, 0}, {10, 10}, {20, 0}};
        Tensor data = Samples.blobs(spots, 40, 0, new Rng(7));
        for (long seed = 0; seed < 6; seed++) {
            KMeans km = new KMeans(3, new Rng(seed)).init(KMeans.Init.RANDOM).restarts(1).fit(data);
            assertEquals(0, km.inertia(), 1e-2, "seed " + seed); // one merged pair would cost 40 × 100
        }
    }

    @Test
    void codeDistancesAndEnergy() {
        Tensor data = Samples.blobs(new double[][] {{0, 0}, {4, 1}, {1, 5}}, 50, 0.7, new Rng(8));
        KMeans km = new KMeans(3, new Rng(9)).fit(data);
        Tensor y = new Rng(10).normal(1f, 3f, 9, 2);
        Tensor dist = km.distances(y);
        double[][] c = Samples.rows(km.centres());
        float[] yv = y.toArray();
        Indices labels = km.predict(y);
        Tensor code = km.transform(y);
        float[] e = km.energy(y).toArray();
        for (int i = 0; i < 9; i++) {
            double best = Double.POSITIVE_INFINITY;
            int arg = -1;
            for (int k = 0; k < 3; k++) {
                double dx = yv[2 * i] - c[k][0];
                double dy = yv[2 * i + 1] - c[k][1];
                double d2 = dx * dx + dy * dy;
                assertEquals(d2, dist.get(i, k), 1e-4 * (1 + d2));
                if (d2 < best) {
                    best = d2;
                    arg = k;
                }
            }
            assertEquals(arg, labels.get(i));
            assertEquals(best, e[i], 1e-4 * (1 + best));
            for (int k = 0; k < 3; k++) {
                assertEquals(k == arg ? 1f : 0f, code.get(i, k));
            }
        }
        GradCheck.Result r = GradCheck.check(in -> km.energy(in[0]), y.contiguousCopy());
        assertTrue(r.passed(), r.toString());
        assertArrayEquals(new int[] {3, 2}, km.centres().shape());
        assertEquals(2, km.dimension());
    }

    @Test
    void rejectsBadSettingsAndShapes() {
        Rng rng = new Rng(11);
        assertThrows(IllegalArgumentException.class, () -> new KMeans(0, rng));
        assertThrows(IllegalArgumentException.class, () -> new KMeans(2, null));
        assertThrows(IllegalArgumentException.class, () -> new KMeans(2, rng).restarts(0));
        assertThrows(IllegalArgumentException.class, () -> new KMeans(2, rng).maxIterations(0));
        assertThrows(IllegalArgumentException.class, () -> new KMeans(2, rng).tolerance(-1));
        assertThrows(IllegalArgumentException.class, () -> new KMeans(2, rng).init(null));
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> new KMeans(5, rng).fit(Tensor.zeros(4, 2)));
        assertTrue(few.getMessage().contains("at least 5 rows"), few.getMessage());
        assertThrows(IllegalStateException.class, () -> new KMeans(2, rng).centres());
        KMeans km = new KMeans(2, rng).fit(rng.normal(0f, 1f, 10, 3));
        assertThrows(IllegalArgumentException.class, () -> km.energy(Tensor.zeros(4, 2)));
        assertThrows(IllegalArgumentException.class, () -> KMeansPlusPlus.centres(Tensor.zeros(3, 2), 4, rng));
    }
}

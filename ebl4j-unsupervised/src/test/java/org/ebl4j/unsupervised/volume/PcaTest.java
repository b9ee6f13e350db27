package org.ebl4j.unsupervised.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.linalg.Lapack;
import org.ebl4j.linalg.SymmetricEigen;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PcaTest {
    private static final double[] STD = {5, 4, 3, 2.5, 2, 1.5, 1, 0.8, 0.6, 0.4, 0.3, 0.2};

    @Test
    void directionsAreTheTopEigenvectorsOfTheCovariance() {
        Tensor data = Samples.gaussian(3000, STD, 3.0, new Rng(1));
        SymmetricEigen reference = SymmetricEigen.of(Samples.covariance(data), Lapack.get(Lapack.JAVA));
        Pca pca = new Pca(4).fit(data);
        double[][] w = Samples.rows(pca.directions());
        double[][] v = new double[4][];
        for (int i = 0; i < 4; i++) {
            v[i] = reference.vector(i);
        }
        double sine = Samples.subspaceSine(w, v);
        assertTrue(sine < 1e-4, "largest principal angle: sin = " + sine);
        double[] explained = pca.explainedVariance();
        for (int i = 0; i < 4; i++) {
            double dot = 0;
            for (int j = 0; j < STD.length; j++) {
                dot += w[i][j] * v[i][j];
            }
            assertEquals(1, Math.abs(dot), 1e-6, "direction " + i);
            assertEquals(reference.values()[i], explained[i], 1e-5 * reference.values()[i], "variance " + i);
        }
        double total = 0;
        for (double l : reference.values()) {
            total += l;
        }
        assertEquals(reference.values()[0] / total, pca.explainedVarianceRatio()[0], 1e-5);
    }

    @Test
    void randomizedSolverMatchesTheExactOneAndAutoFollowsScikitLearnsRule() {
        double[] std = new double[60];
        for (int i = 0; i < std.length; i++) {
            std[i] = 4 * Math.pow(0.85, i);
        }
        Tensor data = Samples.gaussian(800, std, 1.0, new Rng(11));
        Pca exact = new Pca(6).solver(Pca.Solver.EXACT).fit(data);
        Pca auto = new Pca(6).fit(data);
        assertEquals(Pca.Solver.RANDOMIZED, auto.solverFor(800, 60), "max(N, d) > 500 and k < 0.8 min(N, d)");
        double sine = Samples.subspaceSine(Samples.rows(auto.directions()), Samples.rows(exact.directions()));
        assertTrue(sine < 1e-4, "largest principal angle between the solvers: sin = " + sine);
        for (int i = 0; i < 6; i++) {
            assertEquals(exact.explainedVariance()[i], auto.explainedVariance()[i],
                    1e-5 * exact.explainedVariance()[i], "variance " + i);
        }
        assertEquals(exact.energy(null, data).mean().item(), auto.energy(null, data).mean().item(), 1e-5);
        assertEquals(Pca.Solver.EXACT, new Pca(6).solverFor(400, 60), "max(N, d) <= 500");
        assertEquals(Pca.Solver.EXACT, new Pca(50).solverFor(800, 60), "k >= 0.8 min(N, d)");
        assertEquals(Pca.Solver.RANDOMIZED, new Pca(50).solver(Pca.Solver.RANDOMIZED).solverFor(800, 60));
        assertThrows(IllegalArgumentException.class, () -> new Pca(2).solver(null));
    }

    @Test
    void meanEnergyIsTheDiscardedVariance() {
        int n = 3000;
        Tensor data = Samples.gaussian(n, STD, -2.0, new Rng(2));
        double[] lambda = SymmetricEigen.of(Samples.covariance(data)).values();
        for (int k : new int[] {1, 3, 7}) {
            Pca pca = new Pca(k).fit(data);
            double discarded = 0;
            for (int i = k; i < lambda.length; i++) {
                discarded += lambda[i];
            }
            double meanEnergy = pca.energy(data).mean().item();
            assertEquals(discarded * (n - 1) / n, meanEnergy, 1e-4 * discarded, "k = " + k);
        }
    }

    @Test
    void gramRouteWhenFewerPointsThanDimensions() {
        int n = 40;
        int d = 100;
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            std[j] = 10.0 / (1 + j);
        }
        Tensor data = Samples.gaussian(n, std, 1.0, new Rng(3));
        SymmetricEigen reference = SymmetricEigen.of(Samples.covariance(data));
        Pca pca = new Pca(5).fit(data);
        double[][] v = new double[5][];
        for (int i = 0; i < 5; i++) {
            v[i] = reference.vector(i);
            assertEquals(reference.values()[i], pca.explainedVariance()[i], 1e-4 * reference.values()[i]);
        }
        double sine = Samples.subspaceSine(Samples.rows(pca.directions()), v);
        assertTrue(sine < 1e-4, "sin = " + sine);
        // orthonormal rows
        Tensor gram = pca.directions().matmul(pca.directions().t());
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(i == j ? 1 : 0, gram.get(i, j), 1e-5);
            }
        }
    }

    @Test
    void codesReconstructAndWhiten() {
        Tensor data = Samples.gaussian(2000, STD, 0.5, new Rng(4));
        Pca full = new Pca(STD.length).fit(data);
        float[] back = full.inverseTransform(full.transform(data)).toArray();
        float[] orig = data.toArray();
        for (int i = 0; i < orig.length; i++) {
            assertEquals(orig[i], back[i], 2e-4 * (1 + Math.abs(orig[i])));
        }
        assertTrue(full.energy(data).max(0, false).item() < 1e-6);

        Pca white = new Pca(3).whiten(true).fit(data);
        Tensor z = white.transform(data);
        Tensor cov = z.t().matmul(z).div(data.shape(0) - 1);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(i == j ? 1 : 0, cov.get(i, j), 1e-4, "whitened covariance (" + i + ", " + j + ")");
            }
        }
        // whitening changes the code, not the reconstruction
        Pca plain = new Pca(3).fit(data);
        assertArrayEquals(plain.inverseTransform(plain.transform(data)).toArray(),
                white.inverseTransform(white.transform(data)).toArray(), 1e-3f);
        assertArrayEquals(plain.energy(data).toArray(), white.energy(data).toArray(), 0f);
    }

    @Test
    void energyIsTheSquaredDistanceToThePrincipalSubspace() {
        Tensor data = Samples.gaussian(500, new double[] {3, 0.5, 0.1}, 0, new Rng(5));
        Pca pca = new Pca(1).fit(data);
        Tensor y = new Rng(6).normal(0f, 2f, 7, 3);
        // direct: ||c||² − (w·c)² with c = y − μ
        float[] w = pca.directions().toArray();
        float[] mu = pca.mean().toArray();
        float[] yv = y.toArray();
        float[] e = pca.energy(y).toArray();
        for (int i = 0; i < 7; i++) {
            double norm = 0;
            double dot = 0;
            for (int j = 0; j < 3; j++) {
                double c = yv[i * 3 + j] - mu[j];
                norm += c * c;
                dot += w[j] * c;
            }
            assertEquals(norm - dot * dot, e[i], 1e-4 * (1 + norm));
        }
        GradCheck.Result r = GradCheck.check(in -> pca.energy(in[0]), y.contiguousCopy());
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void fittedStateRoundTripsThroughTheStateDict() {
        Tensor a = Samples.gaussian(300, new double[] {2, 1, 0.5, 0.2}, 1, new Rng(7));
        Tensor b = Samples.gaussian(300, new double[] {1, 3, 0.1, 0.7}, -1, new Rng(8));
        Pca first = new Pca(2).fit(a);
        Pca second = new Pca(2).fit(b);
        assertTrue(Math.abs(first.energy(b).mean().item() - second.energy(b).mean().item()) > 1e-3);
        second.loadStateDict(first.stateDict());
        assertArrayEquals(first.energy(b).toArray(), second.energy(b).toArray(), 0f);
        first.fit(b); // refit in place, same shapes
        assertArrayEquals(new Pca(2).fit(b).energy(a).toArray(), first.energy(a).toArray(), 0f);
        assertThrows(IllegalArgumentException.class, () -> first.fit(Tensor.zeros(10, 5).add(new Rng(1)
                .normal(0f, 1f, 10, 5))), "another dimension");
    }

    @Test
    void rejectsBadSettingsAndShapes() {
        assertThrows(IllegalArgumentException.class, () -> new Pca(0));
        Tensor data = new Rng(9).normal(0f, 1f, 10, 4);
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> new Pca(5).fit(data));
        assertTrue(tooMany.getMessage().contains("[1, 4]"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Pca(2).fit(Tensor.zeros(10)));
        assertThrows(IllegalArgumentException.class, () -> new Pca(1).fit(Tensor.zeros(1, 3)));
        Tensor nan = data.contiguousCopy();
        nan.set(Float.NaN, 3, 2);
        assertThrows(IllegalArgumentException.class, () -> new Pca(2).fit(nan));
        assertThrows(IllegalStateException.class, () -> new Pca(2).transform(data));
        Pca pca = new Pca(2).fit(data);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> pca.energy(Tensor.zeros(3, 5)));
        assertTrue(shape.getMessage().contains("[N, 4]"), shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pca.inverseTransform(Tensor.zeros(3, 3)));
    }
}

package org.ebl4j.unsupervised.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * LCoD: untrained it is greedy coordinate descent (checked against a direct implementation), its gradient matches
 * finite differences, and trained on optimal codes its T updates predict them far better than T updates of CoD.
 */
class LcodTest {
    private static final double LAMBDA = UnrolledEncoderFixtures.LAMBDA;

    private static SparseCodingEnergy energy() {
        return UnrolledEncoderFixtures.energy();
    }

    /** T greedy coordinate updates from Z = 0 for one row (unit-norm atoms), in double, then the final shrinkage. */
    private static double[] coordinateDescent(float[] w, int dim, int atoms, float[] y, int steps) {
        double[] b = new double[atoms];
        for (int j = 0; j < atoms; j++) {
            for (int i = 0; i < dim; i++) {
                b[j] += (double) w[i * atoms + j] * y[i];
            }
        }
        double[] z = new double[atoms];
        for (int t = 0; t < steps; t++) {
            int k = 0;
            double best = -1;
            for (int j = 0; j < atoms; j++) {
                double gap = Math.abs(shrink(b[j]) - z[j]);
                if (gap > best) {
                    best = gap;
                    k = j;
                }
            }
            double move = shrink(b[k]) - z[k];
            for (int j = 0; j < atoms; j++) { // B += move · S_{:,k}, S = I − WᵀW
                double gram = 0;
                for (int i = 0; i < dim; i++) {
                    gram += (double) w[i * atoms + j] * w[i * atoms + k];
                }
                b[j] += move * ((j == k ? 1 : 0) - gram);
            }
            z[k] += move;
        }
        double[] out = new double[atoms];
        for (int j = 0; j < atoms; j++) {
            out[j] = shrink(b[j]);
        }
        return out;
    }

    private static double shrink(double x) {
        return Math.signum(x) * Math.max(Math.abs(x) - LAMBDA, 0);
    }

    @Test
    void untrainedItIsGreedyCoordinateDescent() {
        SparseCodingEnergy e = energy();
        Tensor y = DictionaryLearningTest.Synthetic.generate(20, 3).data();
        float[] w = e.dictionary().toArray();
        int dim = e.inputDim();
        int atoms = e.atoms();
        for (int steps : new int[] {0, 1, 5, 12}) {
            float[] codes;
            try (Autodiff.Scope s = Autodiff.noGrad()) {
                codes = new Lcod(e, steps).encode(y).toArray();
            }
            float[] rows = y.toArray();
            for (int r = 0; r < 20; r++) {
                float[] row = java.util.Arrays.copyOfRange(rows, r * dim, (r + 1) * dim);
                double[] expected = coordinateDescent(w, dim, atoms, row, steps);
                for (int j = 0; j < atoms; j++) {
                    assertEquals(expected[j], codes[r * atoms + j], 1e-4, "T = " + steps + ", row " + r + ", " + j);
                }
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        UnrolledEncoderFixtures.assertGradientsMatch(new Lcod(energy(), 2), 8);
    }

    @Test
    void trainedItPredictsOptimalCodesFarBetterThanAsManyCoordinateUpdates() {
        SparseCodingEnergy e = energy();
        UnrolledEncoderFixtures.Problem p = UnrolledEncoderFixtures.Problem.of(e);
        Lcod lcod = new Lcod(e, 5);
        double before = UnrolledEncoderFixtures.error(lcod.encode(p.test()), p.testCodes());
        lcod.fit(p.fit(), p.fitCodes(), 40, 50, 3e-3, 12);
        double after = UnrolledEncoderFixtures.error(lcod.infer(e, p.test(), null).codes(), p.testCodes());
        System.out.printf("LCoD T=5 held-out code error: %.5f untrained (= CoD, 5 updates), %.5f trained%n", before,
                after);
        assertTrue(after < before / 3, "trained " + after + " vs untrained " + before);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new Lcod(energy(), -1));
        assertThrows(IllegalArgumentException.class, () -> new Lcod(null, 2));
    }
}

package org.ebl4j.unsupervised.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.energy.analytic.GaussianEnergy;
import org.ebl4j.energy.loss.NegativeLogLikelihoodLoss;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GaussianModelTest {
    @Test
    void fitIsTheSampleMeanAndCovariance() {
        Tensor data = Fixtures.trueGaussian().sample(3000, new Rng(1));
        GaussianModel model = new GaussianModel(3).fit(data);
        float[] v = data.toArray();
        int n = 3000;
        double[] mean = new double[3];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < 3; i++) {
                mean[i] += v[r * 3 + i] / (double) n;
            }
        }
        double[][] cov = new double[3][3];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    cov[i][j] += (v[r * 3 + i] - mean[i]) * (v[r * 3 + j] - mean[j]) / n;
                }
            }
        }
        assertTrue(Fixtures.maxAbs(model.mean(), mean) < 1e-5);
        assertTrue(Fixtures.relativeFrobenius(model.covariance(), cov) < 1e-5);
        // and the samples come from the true Gaussian
        assertTrue(Fixtures.relativeFrobenius(cov, toDouble(Fixtures.COVARIANCE)) < 0.05);
    }

    @Test
    void energyAndLogPartitionAgreeWithTheAnalyticGaussian() {
        GaussianModel model = Fixtures.trueGaussian();
        GaussianEnergy reference = new GaussianEnergy(Fixtures.MEAN, Fixtures.COVARIANCE);
        Tensor y = new Rng(2).normal(0f, 2f, 9, 3);
        assertArrayClose(reference.energy(null, y).toArray(), model.energy(y).toArray(), 1e-4f);
        for (float beta : new float[] {1f, 2.5f}) {
            assertEquals(reference.logPartition(beta), model.logPartition(beta).item(), 1e-5);
        }
        assertTrue(Fixtures.relativeFrobenius(model.covariance(), toDouble(Fixtures.COVARIANCE)) < 1e-5);
    }

    @Test
    void maximumLikelihoodTrainingReachesTheClosedForm() {
        Tensor data = Fixtures.trueGaussian().sample(2000, new Rng(3));
        GaussianModel trained = new GaussianModel(3);
        Fixtures.fitLbfgs(trained, new NegativeLogLikelihoodLoss(1f, new AnalyticLogPartition()), data, 200);
        GaussianModel closed = new GaussianModel(3).fit(data);
        assertTrue(Fixtures.relativeFrobenius(trained.precision(), closed.precision()) < 1e-3);
        assertTrue(Fixtures.maxAbs(trained.mean(), closed.mean()) < 1e-3);
    }

    @Test
    void negativeLogLikelihoodGradientIsCorrect() {
        GaussianModel model = Fixtures.trueGaussian();
        Tensor y = new Rng(4).normal(0f, 1f, 6, 3);
        NegativeLogLikelihoodLoss nll = new NegativeLogLikelihoodLoss(1.5f, new AnalyticLogPartition());
        GradCheck.Result r = GradCheck.check(w -> nll.compute(model, null, y).loss(),
                model.parameters().toArray(new Tensor[0]));
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void samplesHaveTheModelsMomentsAndTheCodeIsWhite() {
        GaussianModel truth = Fixtures.trueGaussian();
        Tensor samples = truth.sample(20000, new Rng(5));
        GaussianModel fit = new GaussianModel(3).fit(samples);
        assertTrue(Fixtures.maxAbs(fit.mean(), toDouble(new float[][] {Fixtures.MEAN})[0]) < 0.03);
        assertTrue(Fixtures.relativeFrobenius(fit.covariance(), truth.covariance()) < 0.03);
        GaussianModel code = new GaussianModel(3).fit(truth.transform(samples));
        double[][] identity = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        assertTrue(Fixtures.maxAbs(code.covariance(), identity) < 0.03);
        // exp(−E − log Z) is the density: at the mean it is (2π)^(−d/2) |Σ|^(−1/2)
        double atMean = truth.logDensity(Tensor.of(Fixtures.MEAN.clone(), 1, 3)).item();
        assertEquals(-truth.logPartition(1f).item(), atMean, 1e-5);
    }

    @Test
    void rejectsBadSettingsAndInputs() {
        assertThrows(IllegalArgumentException.class, () -> new GaussianModel(0));
        assertThrows(IllegalArgumentException.class,
                () -> GaussianModel.of(new float[] {0, 0}, new float[][] {{1, 2}, {2, 1}}));
        assertThrows(IllegalArgumentException.class,
                () -> GaussianModel.of(new float[] {0, 0}, new float[][] {{1, 0.5f}, {0.2f, 1}}));
        assertThrows(IllegalArgumentException.class, () -> new GaussianModel(3).energy(Tensor.zeros(4, 2)));
        assertThrows(IllegalArgumentException.class, () -> new GaussianModel(3).fit(Tensor.zeros(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> new GaussianModel(3).logPartition(0f));
        assertThrows(IllegalArgumentException.class, () -> new NegativeLogLikelihoodLoss(1f,
                new AnalyticLogPartition()).compute(new TanhEnergy(2, 2, 1), null, Tensor.zeros(3, 2)));
        assertThrows(IllegalArgumentException.class, () -> new NegativeLogLikelihoodLoss(1f,
                new AnalyticLogPartition()).compute(new GaussianModel(2), Tensor.zeros(3, 1), Tensor.zeros(3, 2)));
    }

    private static double[][] toDouble(float[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                out[i][j] = a[i][j];
            }
        }
        return out;
    }

    private static void assertArrayClose(float[] expected, float[] actual, float tolerance) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * (1 + Math.abs(expected[i])), "entry " + i);
        }
    }
}

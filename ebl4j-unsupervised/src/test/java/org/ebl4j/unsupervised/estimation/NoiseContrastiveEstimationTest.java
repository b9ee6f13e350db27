package org.ebl4j.unsupervised.estimation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.energy.loss.LossOutput;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class NoiseContrastiveEstimationTest {
    /** A Gaussian fitted to the data, its covariance widened by {@code factor}. */
    private static GaussianModel widenedFit(Tensor data, double factor) {
        GaussianModel fit = new GaussianModel(data.shape(1)).fit(data);
        int d = fit.dimension();
        float[] mean = new float[d];
        float[][] cov = new float[d][d];
        for (int i = 0; i < d; i++) {
            mean[i] = (float) fit.mean()[i];
            for (int j = 0; j < d; j++) {
                cov[i][j] = (float) (factor * fit.covariance()[i][j]);
            }
        }
        return GaussianModel.of(mean, cov);
    }

    @Test
    void recoversAGaussianAndItsLogNormaliser() {
        Tensor data = Fixtures.trueGaussian().sample(5000, new Rng(1));
        NormalisedEnergy model = new NormalisedEnergy(new GaussianModel(3));
        Fixtures.fitAdam(model, new NoiseContrastiveEstimation(widenedFit(data, 4), 4, new Rng(9)), data, 0.1, 150,
                5000);
        GaussianModel gaussian = (GaussianModel) model.energy();
        double error = Fixtures.relativeFrobenius(gaussian.precision(), Fixtures.truePrecision());
        assertTrue(error < 0.05, "relative Frobenius error of the precision " + error);
        assertTrue(Fixtures.maxAbs(gaussian.mean(), new GaussianModel(3).fit(data).mean()) < 0.02);
        double c = model.logNormaliser();
        double logZ = gaussian.logPartition(1f).item();
        double trueLogZ = Fixtures.trueGaussian().logPartition(1f).item();
        assertEquals(-logZ, c, 0.02 * Math.abs(logZ), "c against −log Z of the learned energy");
        assertEquals(-trueLogZ, c, 0.03 * Math.abs(trueLogZ), "c against −log Z of the true density");
    }

    @Test
    void lossAtTheNoiseItselfIsTheChanceLevel() {
        // p_m = p_n everywhere gives G = −log ν: L = log(1 + ν) + ν log(1 + 1/ν), whatever the points
        GaussianModel noise = Fixtures.trueGaussian();
        NormalisedEnergy model = new NormalisedEnergy(Fixtures.trueGaussian());
        model.namedParameters().get("log_normaliser").fill(-noise.logPartition(1f).item());
        int nu = 3;
        Tensor y = new Rng(2).normal(0f, 2f, 10, 3);
        LossOutput out = new NoiseContrastiveEstimation(noise, nu, new Rng(1)).compute(model, null, y);
        assertEquals(Math.log(1 + nu) + nu * Math.log(1 + 1.0 / nu), out.loss().item(), 1e-4);
        assertArrayEquals(new int[] {10, nu, 3}, out.contrastive().shape());
    }

    @Test
    void lossIsTheLogisticLossOfDataAgainstNoise() {
        GaussianModel noise = GaussianModel.of(new float[] {0, 0}, new float[][] {{2, 0.5f}, {0.5f, 1}});
        GaussianModel energy = GaussianModel.of(new float[] {0.3f, -0.2f}, new float[][] {{1, 0}, {0, 0.5f}});
        Tensor y = new Rng(4).normal(0f, 1f, 4, 2);
        int nu = 2;
        LossOutput out = new NoiseContrastiveEstimation(noise, nu, new Rng(6)).compute(energy, null, y);
        Tensor samples = out.contrastive().reshape(4 * nu, 2);
        float[] gData = energy.energy(y).neg().sub(noise.logDensity(y)).toArray();
        float[] gNoise = energy.energy(samples).neg().sub(noise.logDensity(samples)).toArray();
        double expected = 0;
        for (float g : gData) {
            expected += Math.log1p(Math.exp(-(g - Math.log(nu)))) / 4;
        }
        for (float g : gNoise) {
            expected += Math.log1p(Math.exp(g - Math.log(nu))) / 4;
        }
        assertEquals(expected, out.loss().item(), 1e-4 * expected);
        assertTrue(out.metrics().get("accuracy") >= 0 && out.metrics().get("accuracy") <= 1);
    }

    @Test
    void gradientWithRespectToTheParametersIsCorrect() {
        NormalisedEnergy model = new NormalisedEnergy(new TanhEnergy(2, 3, 5));
        GaussianModel noise = new GaussianModel(2);
        Tensor y = new Rng(5).normal(0f, 1f, 4, 2);
        // the same noise samples at every evaluation
        GradCheck.Result r = GradCheck.check(w -> new NoiseContrastiveEstimation(noise, 3, new Rng(7))
                .compute(model, null, y).loss(), model.parameters().toArray(new Tensor[0]));
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void rejectsBadSettings() {
        GaussianModel noise = new GaussianModel(2);
        assertThrows(IllegalArgumentException.class, () -> new NoiseContrastiveEstimation(noise, 0, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> new NoiseContrastiveEstimation(null, 1, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> new NoiseContrastiveEstimation(noise, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new NormalisedEnergy(null));
        // noise rows of dimension 2 for data rows of dimension 3
        assertThrows(IllegalArgumentException.class, () -> new NoiseContrastiveEstimation(noise, 1, new Rng(1))
                .compute(new GaussianModel(3), null, Tensor.zeros(4, 3)));
    }
}

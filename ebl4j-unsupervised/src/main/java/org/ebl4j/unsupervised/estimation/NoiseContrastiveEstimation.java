package org.ebl4j.unsupervised.estimation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.Rows;
import org.ebl4j.energy.loss.EnergyMetrics;
import org.ebl4j.energy.loss.Loss;
import org.ebl4j.energy.loss.LossOutput;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * Noise-contrastive estimation (Gutmann &amp; Hyvärinen 2010, "Noise-contrastive estimation: a new estimation
 * principle for unnormalized statistical models"; 2012, JMLR 13, eq. 8): logistic regression that tells the data
 * from ν samples per data point of a known noise density p_n, with the model's log-density −E(W, Y) as the
 * classifier's input. With G(Y) = −E(W, Y) − log p_n(Y) − log ν the log-odds that Y is data,
 * <pre>
 *   L = (1/B) Σ_i [ log(1 + exp(−G(Y^i))) + Σ_{s=1}^{ν} log(1 + exp(G(Ỹ^{is}))) ],   Ỹ^{is} ~ p_n,
 * </pre>
 * minus the log-likelihood of the correct labels. Its minimiser is consistent for the normalised density: exp(−E)
 * must be able to integrate to 1, so wrap an unnormalised energy in {@link NormalisedEnergy}, whose learned c then
 * converges to −log Z(W). It pushes down the data and pushes up the noise samples (strategy 3 of LeCun's lecture
 * "Energy-Based Unsupervised Learning"); the closer p_n is to the data (e.g. a {@link GaussianModel} fitted to it),
 * the more statistically efficient.
 *
 * <p>Fresh noise is drawn from the given {@link Rng} on every call. An input x, if any, is repeated for the noise
 * samples (p_n itself is unconditional). {@link LossOutput#contrastive()} holds the noise samples,
 * [B, ν, row shape...]; metrics "energy_correct", "energy_contrastive" (mean energies of data and noise) and
 * "accuracy" (the fraction of data and noise points the classifier G &gt; 0 labels correctly).
 */
public final class NoiseContrastiveEstimation implements Loss {
    private final NoiseDistribution noise;
    private final int noiseRatio;
    private final Rng rng;

    /** Noise p_n, ν ≥ 1 noise samples per data point, drawn with {@code rng}. */
    public NoiseContrastiveEstimation(NoiseDistribution noise, int noiseRatio, Rng rng) {
        if (noise == null || rng == null) {
            throw new IllegalArgumentException("NoiseContrastiveEstimation: the noise distribution and the Rng "
                    + "must not be null");
        }
        if (noiseRatio < 1) {
            throw new IllegalArgumentException("NoiseContrastiveEstimation: noiseRatio (ν, noise samples per data "
                    + "point) must be >= 1, got " + noiseRatio);
        }
        this.noise = noise;
        this.noiseRatio = noiseRatio;
        this.rng = rng;
    }

    @Override
    public LossOutput compute(Energy energy, Tensor x, Tensor y) {
        if (y == null || y.dim() < 1 || y.shape(0) == 0) {
            throw new IllegalArgumentException("NoiseContrastiveEstimation: y must have shape [B, ...] with B >= 1, "
                    + "got " + (y == null ? "null" : Shape.str(y.shape())));
        }
        int batch = y.shape(0);
        Tensor samples;
        Tensor logNoiseData;
        Tensor logNoiseSamples;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            samples = noise.sample(batch * noiseRatio, rng);
            if (!Arrays.equals(Arrays.copyOfRange(samples.shape(), 1, samples.dim()),
                    Arrays.copyOfRange(y.shape(), 1, y.dim()))) {
                throw new IllegalArgumentException("NoiseContrastiveEstimation: noise samples of shape "
                        + Shape.str(samples.shape()) + " do not match data rows of shape " + Shape.str(y.shape()));
            }
            float logRatio = (float) Math.log(noiseRatio);
            logNoiseData = noise.logDensity(y).add(logRatio);
            logNoiseSamples = noise.logDensity(samples).add(logRatio);
        }
        Tensor xs = x == null ? null : x.indexSelect(Rows.repeat(batch, noiseRatio));
        Tensor dataEnergy = energy.energy(x, y);
        Tensor noiseEnergy = energy.energy(xs, samples);
        Tensor dataOdds = dataEnergy.neg().sub(logNoiseData);
        Tensor noiseOdds = noiseEnergy.neg().sub(logNoiseSamples);
        Tensor loss = dataOdds.neg().softplus().sum().add(noiseOdds.softplus().sum()).div(batch);
        Map<String, Double> metrics = new LinkedHashMap<>(EnergyMetrics.of(dataEnergy, noiseEnergy));
        metrics.put("accuracy", accuracy(dataOdds, noiseOdds));
        int[] grouped = new int[y.dim() + 1];
        grouped[0] = batch;
        grouped[1] = noiseRatio;
        System.arraycopy(y.shape(), 1, grouped, 2, y.dim() - 1);
        return new LossOutput(loss, samples.reshape(grouped), metrics);
    }

    /** The fraction of data with G &gt; 0 and noise with G ≤ 0. */
    private static double accuracy(Tensor dataOdds, Tensor noiseOdds) {
        int right = 0;
        for (float g : dataOdds.toArray()) {
            right += g > 0 ? 1 : 0;
        }
        for (float g : noiseOdds.toArray()) {
            right += g > 0 ? 0 : 1;
        }
        return (double) right / (dataOdds.numel() + noiseOdds.numel());
    }

    /** ν, the number of noise samples per data point. */
    public int noiseRatio() {
        return noiseRatio;
    }

    @Override
    public String name() {
        return "nce";
    }
}

package org.ebl4j.unsupervised.estimation;

import java.util.LinkedHashMap;
import java.util.Map;

import org.ebl4j.energy.Energy;
import org.ebl4j.energy.loss.Loss;
import org.ebl4j.energy.loss.LossOutput;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Denoising score matching (Vincent 2011, "A connection between score matching and denoising autoencoders",
 * eq. 9): perturb each data point with Gaussian noise, Ỹ = Y + σε, ε ~ N(0, I), and match the model's score
 * −∇E(Ỹ) to the score of the perturbation kernel, ∇_Ỹ log q_σ(Ỹ|Y) = −ε/σ. Weighted by σ² (as Song &amp; Ermon
 * 2019 weight their noise levels) so its scale does not blow up as σ → 0:
 * <pre>
 *   L = (1/B) Σ_i ½ |σ ∇_Y E(W, Ỹ^i) − ε^i|²   (= σ² J_DSM).
 * </pre>
 * No second derivative is needed. Its minimiser is the score of the data smoothed by N(0, σ²I) (for Gaussian data
 * N(μ, Σ), the precision (Σ + σ²I)⁻¹), which tends to the data's as σ → 0, at the price of a gradient variance
 * growing like 1/σ². Fresh noise is drawn from the given {@link Rng} on every call. Metrics "energy_perturbed"
 * (mean E(Ỹ)) and "gradient" (mean ½|∇E(Ỹ)|²).
 */
public final class DenoisingScoreMatching implements Loss {
    private final float sigma;
    private final Rng rng;

    /** Noise level σ &gt; 0, noise drawn with {@code rng}. */
    public DenoisingScoreMatching(float sigma, Rng rng) {
        if (!(sigma > 0) || !Float.isFinite(sigma)) {
            throw new IllegalArgumentException("DenoisingScoreMatching: sigma must be finite and > 0, got " + sigma);
        }
        if (rng == null) {
            throw new IllegalArgumentException("DenoisingScoreMatching: the Rng is null");
        }
        this.sigma = sigma;
        this.rng = rng;
    }

    @Override
    public LossOutput compute(Energy energy, Tensor x, Tensor y) {
        return Score.recorded(() -> {
            Score.requirePoints("DenoisingScoreMatching", y);
            Tensor noise = rng.normal(0f, 1f, y.shape());
            Score score = Score.of("DenoisingScoreMatching", energy, x, y.detach().add(noise.mul(sigma)));
            Tensor g = score.gradient();
            Tensor residual = g.mul(sigma).sub(noise.reshape(g.shape()));
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("energy_perturbed", (double) score.energy().detach().mean().item());
            metrics.put("gradient", (double) g.detach().square().sum(1, false).mul(0.5f).mean().item());
            return new LossOutput(residual.square().sum(1, false).mul(0.5f).mean(), null, metrics);
        });
    }

    /** σ, the noise level. */
    public float sigma() {
        return sigma;
    }

    @Override
    public String name() {
        return "denoising-score-matching";
    }
}

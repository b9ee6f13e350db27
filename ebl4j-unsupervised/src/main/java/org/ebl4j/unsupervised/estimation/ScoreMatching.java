package org.ebl4j.unsupervised.estimation;

import java.util.LinkedHashMap;
import java.util.Map;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.loss.EnergyMetrics;
import org.ebl4j.energy.loss.Loss;
import org.ebl4j.energy.loss.LossOutput;
import org.ebl4j.tensor.Tensor;

/**
 * Score matching (Hyvärinen 2005, "Estimation of non-normalized statistical models by score matching", JMLR 6,
 * Theorem 1): minimise the expected squared distance between the model's score −∇_Y E and the data's, which after
 * integration by parts needs no data score:
 * <pre>
 *   L = (1/B) Σ_i [ ½ |∇_Y E(W, Y^i)|² − tr ∇²_Y E(W, Y^i) ].
 * </pre>
 * This is strategy 4 of LeCun's lecture "Energy-Based Unsupervised Learning": minimise the gradient and maximise
 * the curvature of the energy around the data points. The partition function never appears, so it applies to any
 * energy twice differentiable in a continuous Y.
 *
 * <p>Exact: the trace of the Hessian takes one extra backward pass per coordinate of Y (double backward through
 * the graph of ∇_Y E), so this is for small D; {@link SlicedScoreMatching} and {@link DenoisingScoreMatching}
 * scale to large D. Metrics "energy_correct", "gradient" (mean ½|∇E|²) and "curvature" (mean tr ∇²E).
 */
public final class ScoreMatching implements Loss {
    @Override
    public LossOutput compute(Energy energy, Tensor x, Tensor y) {
        return Score.recorded(() -> {
            Score score = Score.of("ScoreMatching", energy, x, y);
            Tensor g = score.gradient();
            int dims = g.shape(1);
            Tensor trace = Tensor.zeros(g.shape(0), 1);
            for (int i = 0; i < dims; i++) {
                trace = trace.add(score.derivative(g.slice(1, i, i + 1)).slice(1, i, i + 1));
            }
            Tensor gradientTerm = g.square().sum(1, false).mul(0.5f);
            Tensor curvature = trace.reshape(g.shape(0));
            return new LossOutput(gradientTerm.sub(curvature).mean(), null,
                    metrics(score.energy(), gradientTerm, curvature));
        });
    }

    /** "energy_correct", "gradient" and "curvature": the means of the three [B] tensors. */
    static Map<String, Double> metrics(Tensor energy, Tensor gradientTerm, Tensor curvature) {
        Map<String, Double> m = new LinkedHashMap<>(EnergyMetrics.of(energy, null));
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            m.put("gradient", (double) gradientTerm.mean().item());
            m.put("curvature", (double) curvature.mean().item());
        }
        return m;
    }

    @Override
    public String name() {
        return "score-matching";
    }
}

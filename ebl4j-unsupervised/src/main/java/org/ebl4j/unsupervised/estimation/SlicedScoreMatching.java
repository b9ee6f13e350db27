package org.ebl4j.unsupervised.estimation;

import org.ebl4j.energy.Energy;
import org.ebl4j.energy.Rows;
import org.ebl4j.energy.loss.Loss;
import org.ebl4j.energy.loss.LossOutput;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Sliced score matching (Song, Garg, Shi &amp; Ermon 2019, "Sliced score matching: a scalable approach to density
 * and score estimation", eq. 8, the variance-reduced form SSM-VR): the trace of {@link ScoreMatching}'s Hessian is
 * replaced by its Hutchinson estimate along random directions v ~ N(0, I), E[vᵀHv] = tr H,
 * <pre>
 *   L = (1/(B·M)) Σ_i Σ_{m=1}^{M} [ ½ |∇_Y E(W, Y^i)|² − v_{im}ᵀ ∇²_Y E(W, Y^i) v_{im} ],
 * </pre>
 * an unbiased estimate of the score-matching objective for one Hessian-vector product (a double backward) per
 * projection, whatever the dimension of Y. M projections per data point, drawn fresh from the given {@link Rng} on
 * every call. Metrics as {@link ScoreMatching}'s ("curvature" being the mean vᵀHv).
 */
public final class SlicedScoreMatching implements Loss {
    private final int projections;
    private final Rng rng;

    /** M ≥ 1 random projections per data point, drawn with {@code rng}. */
    public SlicedScoreMatching(int projections, Rng rng) {
        if (projections < 1) {
            throw new IllegalArgumentException("SlicedScoreMatching: projections (per data point) must be >= 1, got "
                    + projections);
        }
        if (rng == null) {
            throw new IllegalArgumentException("SlicedScoreMatching: the Rng is null");
        }
        this.projections = projections;
        this.rng = rng;
    }

    @Override
    public LossOutput compute(Energy energy, Tensor x, Tensor y) {
        return Score.recorded(() -> {
            Score.requirePoints("SlicedScoreMatching", y);
            int batch = y.shape(0);
            Tensor ys = y.indexSelect(Rows.repeat(batch, projections));
            Tensor xs = x == null ? null : x.indexSelect(Rows.repeat(batch, projections));
            Score score = Score.of("SlicedScoreMatching", energy, xs, ys);
            Tensor g = score.gradient();
            Tensor v = rng.normal(0f, 1f, g.shape());
            Tensor curvature = score.derivative(g.mul(v).sum(1, false)).mul(v).sum(1, false);
            Tensor gradientTerm = g.square().sum(1, false).mul(0.5f);
            return new LossOutput(gradientTerm.sub(curvature).mean(), null,
                    ScoreMatching.metrics(score.energy(), gradientTerm, curvature));
        });
    }

    /** M, the projections per data point. */
    public int projections() {
        return projections;
    }

    @Override
    public String name() {
        return "sliced-score-matching";
    }
}

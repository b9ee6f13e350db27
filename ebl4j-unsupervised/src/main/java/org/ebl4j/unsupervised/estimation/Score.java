package org.ebl4j.unsupervised.estimation;

import java.util.List;
import java.util.function.Supplier;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.loss.LossOutput;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * The gradient ∇_Y E(W, Y, X) of an energy at given points, kept differentiable (createGraph) so that the score
 * matching objectives built from it can be differentiated again, in Y for their curvature terms and in W for
 * training. The model's score is s(Y) = ∇_Y log p(Y) = −∇_Y E.
 *
 * @param point    the leaf the gradient is taken at (the points, detached, with requiresGrad)
 * @param energy   E(W, point, X), [B]
 * @param gradient ∇_Y E at each point, flattened to [B, D]
 */
record Score(Tensor point, Tensor energy, Tensor gradient) {
    /** Must run with gradient recording on (see {@link #recorded}). */
    static Score of(String who, Energy model, Tensor x, Tensor y) {
        requirePoints(who, y);
        Tensor point = y.detach().requiresGrad(true);
        Tensor e = model.energy(x, point);
        Tensor g = Autodiff.grad(List.of(e), List.of(Tensor.onesLike(e)), List.of(point), true)[0];
        return new Score(point, e, flat(g));
    }

    /** Rejects points that are not a batch [B, D, ...] of B ≥ 1 rows. */
    static void requirePoints(String who, Tensor y) {
        if (y == null || y.dim() < 2 || y.shape(0) == 0) {
            throw new IllegalArgumentException(who + ": y must have shape [B, D, ...] with B >= 1, got "
                    + (y == null ? "null" : Shape.str(y.shape())));
        }
    }

    /**
     * ∇_Y Σ_b out[b], flattened to [B, D] and differentiable: for {@code out} = ∂E/∂Y_i a column of the Hessian,
     * for {@code out} = vᵀ∇E a Hessian-vector product. Zero when {@code out} does not depend on the points.
     */
    Tensor derivative(Tensor out) {
        if (!out.requiresGrad()) {
            return Tensor.zeros(gradient.shape());
        }
        return flat(Autodiff.grad(List.of(out), List.of(Tensor.onesLike(out)), List.of(point), true)[0]);
    }

    private static Tensor flat(Tensor g) {
        int rows = g.shape(0);
        return g.contiguous().reshape(rows, g.numel() / rows);
    }

    /**
     * Runs a score-matching objective with gradient recording on, since its curvature terms differentiate through
     * Y even where the caller records nothing (evaluation); the loss is then returned detached.
     */
    static LossOutput recorded(Supplier<LossOutput> objective) {
        boolean outer = Autodiff.isGradEnabled();
        try (Autodiff.Scope s = Autodiff.enableGrad()) {
            LossOutput out = objective.get();
            return outer ? out : new LossOutput(out.loss().detach(), out.contrastive(), out.metrics());
        }
    }
}

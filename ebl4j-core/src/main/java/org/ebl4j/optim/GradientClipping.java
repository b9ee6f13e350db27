package org.ebl4j.optim;

import java.nio.FloatBuffer;
import java.util.List;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.tensor.Tensor;

/**
 * Gradient clipping before an optimiser step (Pascanu, Mikolov &amp; Bengio 2013), as torch.nn.utils does.
 * Clipped gradients are new tensors that replace the old ones: autodiff may share one gradient tensor between
 * several parameters, so scaling in place could scale a shared gradient twice.
 */
public final class GradientClipping {
    /** Added to the norm before dividing, as in torch.nn.utils.clip_grad_norm_. */
    private static final double EPS = 1e-6;

    private GradientClipping() {
    }

    /**
     * Rescales all gradients together so their global L2 norm ‖(g₁, …, gₙ)‖₂ is at most {@code maxNorm}: when the
     * norm N exceeds it, every gᵢ ← gᵢ·maxNorm / (N + 1e-6). Parameters without a gradient are skipped. Returns N,
     * the norm before clipping (accumulated in float64).
     */
    public static double clipGradNorm(List<Tensor> params, double maxNorm) {
        Settings.nonNegative("GradientClipping.clipGradNorm", "maxNorm", maxNorm);
        double sq = 0;
        for (Tensor p : params) {
            if (p.grad() != null) {
                Tensor g = Optimizer.contiguousGrad(p);
                FloatBuffer d = g.storage().buffer();
                for (int k = g.offset(), end = g.offset() + g.numel(); k < end; k++) {
                    double x = d.get(k);
                    sq += x * x;
                }
            }
        }
        double norm = Math.sqrt(sq);
        double scale = maxNorm / (norm + EPS);
        if (scale < 1) {
            try (Autodiff.Scope s = Autodiff.noGrad()) {
                for (Tensor p : params) {
                    if (p.grad() != null) {
                        replaceGrad(p, p.grad().mul((float) scale));
                    }
                }
            }
        }
        return norm;
    }

    /** Clamps every gradient element to [−clipValue, clipValue] (torch.nn.utils.clip_grad_value_). */
    public static void clipGradValue(List<Tensor> params, double clipValue) {
        Settings.nonNegative("GradientClipping.clipGradValue", "clipValue", clipValue);
        float c = (float) clipValue;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            for (Tensor p : params) {
                if (p.grad() != null) {
                    replaceGrad(p, p.grad().clamp(-c, c));
                }
            }
        }
    }

    private static void replaceGrad(Tensor param, Tensor grad) {
        param.zeroGrad();
        param.accumulateGrad(grad);
    }
}

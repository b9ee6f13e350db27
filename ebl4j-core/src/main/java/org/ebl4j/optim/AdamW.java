package org.ebl4j.optim;

import java.util.List;

import org.ebl4j.tensor.Tensor;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization", ICLR 2019):
 * the parameters shrink by W ← (1 − η·λ)·W before the {@link Adam} update, instead of λ·W being added to the
 * gradient. The decay is then not rescaled by 1/(√v̂ + ε), so every weight decays at the same relative rate.
 * Defaults follow torch.optim.AdamW: β₁ = 0.9, β₂ = 0.999, ε = 1e-8, λ = 0.01. State keys as in {@link Adam}.
 */
public final class AdamW extends Adam {
    /** λ = 0.01 and the default betas and ε. */
    public AdamW(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0.01, false);
    }

    /** See {@link Adam#Adam(List, double, double, double, double, double, boolean)}; λ is the decoupled decay. */
    public AdamW(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay,
                 boolean amsgrad) {
        super("AdamW", params, lr, beta1, beta2, eps, weightDecay, amsgrad, true);
    }
}

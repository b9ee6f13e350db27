package org.ebl4j.energy.loss;

import org.ebl4j.tensor.Tensor;

/**
 * The contrastive loss of DrLIM, dimensionality reduction by learning an invariant mapping (Hadsell, Chopra and
 * LeCun, CVPR 2006): L = (1 − Y)·½·D_W² + Y·½·(max(0, m − D_W))², with D_W = ‖G_W(X1) − G_W(X2)‖ the pair
 * distance, Y = 0 for similar and 1 for dissimilar pairs, and margin m &gt; 0: similar pairs are pulled together,
 * dissimilar ones pushed apart until they are m apart, and no further.
 */
public final class DrLimLoss extends PairwiseContrastiveLoss {
    private final float margin;

    /** Margin m &gt; 0. */
    public DrLimLoss(float margin) {
        this.margin = HyperParameters.positive("DrLimLoss", "margin m", margin);
    }

    @Override
    public Tensor perPair(Tensor energy, Tensor impostor) {
        Tensor similar = energy.square().mul(0.5f);
        Tensor dissimilar = energy.neg().add(margin).relu().square().mul(0.5f);
        return impostor.neg().add(1f).mul(similar).add(impostor.mul(dissimilar));
    }

    public float margin() {
        return margin;
    }

    @Override
    public String name() {
        return "drlim";
    }
}

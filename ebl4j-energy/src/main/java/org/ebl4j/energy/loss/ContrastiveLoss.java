package org.ebl4j.energy.loss;

import org.ebl4j.tensor.Tensor;

/**
 * The contrastive loss of Siamese face verification (Chopra, Hadsell and LeCun, CVPR 2005; the
 * tutorial's Siamese slides):
 * L = (1 − Y)·(2/Q)·E_W² + Y·2Q·exp(−2.77·E_W/Q), with E_W = ‖G_W(X1) − G_W(X2)‖₁ the pair energy, Y = 0 for a
 * genuine pair and 1 for an impostor pair, and Q the largest value E_W can take (the paper's R). The genuine term
 * grows with the energy, the impostor term decays with it; the constants 2 and 2.77 are the paper's.
 */
public final class ContrastiveLoss extends PairwiseContrastiveLoss {
    private final float bound;

    /** Q &gt; 0, the upper bound of the pair energy. */
    public ContrastiveLoss(float bound) {
        this.bound = HyperParameters.positive("ContrastiveLoss", "upper bound Q", bound);
    }

    @Override
    public Tensor perPair(Tensor energy, Tensor impostor) {
        Tensor genuine = energy.square().mul(2f / bound);
        Tensor apart = energy.mul(-2.77f / bound).exp().mul(2f * bound);
        return impostor.neg().add(1f).mul(genuine).add(impostor.mul(apart));
    }

    public float bound() {
        return bound;
    }

    @Override
    public String name() {
        return "contrastive";
    }
}

package org.ebl4j.nn;

import org.ebl4j.tensor.Tensor;

/** D(a, b) = 1 − a·b / (max(||a||, ε) · max(||b||, ε)), in [0, 2]; ε guards zero vectors as in PyTorch. */
public final class CosineDistance implements Distance {
    private final float eps;

    public CosineDistance() {
        this(1e-8f);
    }

    public CosineDistance(float eps) {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("CosineDistance: eps must be > 0, got " + eps);
        }
        this.eps = eps;
    }

    @Override
    public Tensor between(Tensor a, Tensor b) {
        Distance.checkSameShape("CosineDistance", a, b);
        Tensor floor = Tensor.scalar(eps);
        Tensor na = a.mul(a).sum(-1, false).sqrt().maximum(floor);
        Tensor nb = b.mul(b).sum(-1, false).sqrt().maximum(floor);
        return Tensor.scalar(1f).sub(a.mul(b).sum(-1, false).div(na.mul(nb)));
    }
}

package org.ebl4j.nn;

import org.ebl4j.tensor.Tensor;

/** D(a, b) = ||a − b||₁ (sum over the last axis), the distance of the Siamese nets of Chopra et al. 2005. */
public final class L1Distance implements Distance {
    @Override
    public Tensor between(Tensor a, Tensor b) {
        Distance.checkSameShape("L1Distance", a, b);
        return a.sub(b).abs().sum(-1, false);
    }
}

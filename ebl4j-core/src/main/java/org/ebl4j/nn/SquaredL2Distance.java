package org.ebl4j.nn;

import org.ebl4j.tensor.Tensor;

/** D(a, b) = ||a − b||² (sum over the last axis). */
public final class SquaredL2Distance implements Distance {
    @Override
    public Tensor between(Tensor a, Tensor b) {
        Distance.checkSameShape("SquaredL2Distance", a, b);
        Tensor d = a.sub(b);
        return d.mul(d).sum(-1, false);
    }
}

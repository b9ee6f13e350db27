package org.ebl4j.unsupervised.estimation;

import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * A small non-quadratic energy for gradient checks, E(Y) = Σ_k v_k tanh(w_kᵀY + a_k) + ½ λ|Y|², whose Hessian in Y
 * varies with Y and depends on every parameter.
 */
final class TanhEnergy extends Energy {
    private final Tensor weight;
    private final Tensor offset;
    private final Tensor scale;

    TanhEnergy(int dimension, int hidden, long seed) {
        Rng rng = new Rng(seed);
        weight = parameter("weight", rng.normal(0f, 0.8f, hidden, dimension));
        offset = parameter("offset", rng.normal(0f, 0.5f, hidden));
        scale = parameter("scale", rng.normal(0f, 1f, hidden));
    }

    @Override
    public Tensor energy(Tensor x, Tensor y) {
        Tensor hidden = y.linear(weight, offset).tanh();
        return hidden.matmul(scale.reshape(scale.shape(0), 1)).reshape(y.shape(0))
                .add(y.square().sum(1, false).mul(0.25f));
    }
}

package org.ebl4j.energy.architecture;

import java.util.Arrays;

import org.ebl4j.energy.Energy;
import org.ebl4j.nn.Layer;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * The regression architecture, E(W, Y, X) = ½‖G_W(X) − Y‖² (LeCun et al. 2006, §3, Fig. 6; "Simple
 * Architectures" slide): a network G_W predicts the answer and the energy is the squared distance to it, summed
 * over every non-batch axis. Inference is trivial, Y* = G_W(X) ({@link #predict}); trained with the energy loss
 * this is least squares, and it cannot collapse (only Y = G_W(X) has energy 0).
 */
public final class Regression extends Energy {
    private final Layer network;

    /** G_W: maps x [B, ...] to answers of the shape of y, [B, ...]. */
    public Regression(Layer network) {
        if (network == null) {
            throw new IllegalArgumentException("Regression: network is null");
        }
        this.network = child("g", network);
    }

    @Override
    public Tensor energy(Tensor x, Tensor y) {
        Tensor prediction = predict(x);
        if (!Arrays.equals(prediction.shape(), y.shape())) {
            throw new IllegalArgumentException("Regression: answers of shape " + Shape.str(y.shape())
                    + " for predictions G(X) of shape " + Shape.str(prediction.shape()));
        }
        int batch = y.shape(0);
        return prediction.sub(y).square().reshape(batch, y.numel() / batch).sum(1, false).mul(0.5f);
    }

    /** Y* = argmin_Y E(W, Y, X) = G_W(X). */
    public Tensor predict(Tensor x) {
        if (x == null) {
            throw new IllegalArgumentException("Regression: needs an input X");
        }
        return network.forward(x);
    }

    public Layer network() {
        return network;
    }
}

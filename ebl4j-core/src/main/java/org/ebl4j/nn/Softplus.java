package org.ebl4j.nn;

import org.ebl4j.tensor.Tensor;

/** log(1 + e^x), a smooth ReLU. */
public final class Softplus extends Activation {
    public Softplus() {
        super("Softplus", Tensor::softplus);
    }
}

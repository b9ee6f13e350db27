package org.ebl4j.nn;

import org.ebl4j.tensor.Tensor;

/** |x| (the rectification of Jarrett et al. 2009). */
public final class Abs extends Activation {
    public Abs() {
        super("Abs", Tensor::abs);
    }
}

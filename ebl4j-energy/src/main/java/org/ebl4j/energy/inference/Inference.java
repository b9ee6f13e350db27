package org.ebl4j.energy.inference;

import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Tensor;

/**
 * Inference: Y* = argmin_Y E(W, Y, X) for each sample of a batch (tutorial §1.1). Implementations: exhaustive
 * search over a finite answer set, gradient descent on a continuous Y. Inference never changes W and records no
 * graph: the returned Y* and E(Y*) are detached.
 */
public interface Inference {
    InferenceResult infer(Energy energy, Tensor x);
}

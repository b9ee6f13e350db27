package org.ebl4j.optim;

import java.util.Map;

import org.ebl4j.tensor.Tensor;

/**
 * Everything an optimiser needs to resume exactly: per-parameter tensors (momentum, Adam moments, L-BFGS history)
 * and scalar values (step count, current learning rate) as strings, keyed by stable names such as
 * "param.3.exp_avg" or "step". A checkpoint stores both next to the model parameters.
 */
public record OptimizerState(Map<String, Tensor> tensors, Map<String, String> values) {
}

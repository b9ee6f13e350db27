package org.ebl4j.energy.loss;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ebl4j.tensor.Tensor;

/**
 * The mean loss over a batch (a differentiable scalar), the contrastive answers it pulled up ([B, ...] for losses
 * with one incorrect answer per sample; null for the energy loss, which pulls nothing up, and for losses that pull
 * up every answer through a log-partition) and named metrics, in the order the loss put them (e.g. "energy_correct", "energy_contrastive").
 */
public record LossOutput(Tensor loss, Tensor contrastive, Map<String, Double> metrics) {
    public LossOutput {
        if (loss.numel() != 1) {
            throw new IllegalArgumentException("LossOutput: the loss must be a scalar");
        }
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}

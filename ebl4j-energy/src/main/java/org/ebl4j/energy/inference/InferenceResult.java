package org.ebl4j.energy.inference;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ebl4j.tensor.Tensor;

/**
 * What inference found: the answers Y* ([B, ...]), their energies E(W, Y*, X) ([B]) and named diagnostics (e.g.
 * "iterations", "final_step", "gradient_norm", "candidates").
 */
public record InferenceResult(Tensor y, Tensor energy, Map<String, Double> diagnostics) {
    public InferenceResult {
        diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
    }
}

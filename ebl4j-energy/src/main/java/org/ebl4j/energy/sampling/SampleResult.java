package org.ebl4j.energy.sampling;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ebl4j.tensor.Tensor;

/**
 * The end of each chain ({@code y}, [B, ...]), its energy ({@code energy}, [B]), optionally the states visited
 * ({@code trace}, [steps/thin, B, ...], null unless asked for) and diagnostics such as "acceptance_rate".
 */
public record SampleResult(Tensor y, Tensor energy, Tensor trace, Map<String, Double> diagnostics) {
    public SampleResult {
        diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
    }
}

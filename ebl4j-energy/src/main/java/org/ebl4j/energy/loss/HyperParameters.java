package org.ebl4j.energy.loss;

/** Validation of loss hyper-parameters, with one wording for every loss. */
final class HyperParameters {
    private HyperParameters() {
    }

    /** {@code value} when it is finite and &gt; 0; otherwise an error naming the loss, the parameter and the range. */
    static float positive(String loss, String parameter, float value) {
        if (!(value > 0) || !Float.isFinite(value)) {
            throw new IllegalArgumentException(loss + ": " + parameter + " must be finite and > 0, got " + value);
        }
        return value;
    }
}

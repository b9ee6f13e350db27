package org.ebl4j.optim;

import java.nio.FloatBuffer;

import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * Projection of the rows or the columns of a 2-D parameter onto the unit sphere (‖w‖₂ = 1) or the unit ball
 * (‖w‖₂ ≤ 1): w ← w / ‖w‖₂, or w ← w / max(1, ‖w‖₂). A zero vector has no direction and is left as it is.
 * Norms are accumulated in float64.
 */
abstract class UnitNorm implements Constraint {
    private final String name;
    private final int vectorAxis;
    private final boolean ball;

    /** {@code vectorAxis}: 0 for rows (one vector per index of axis 0), 1 for columns. */
    UnitNorm(String name, int vectorAxis, boolean ball) {
        this.name = name;
        this.vectorAxis = vectorAxis;
        this.ball = ball;
    }

    @Override
    public final void project(Tensor param) {
        if (param.dim() != 2) {
            throw new IllegalArgumentException(name + ": needs a 2-D parameter, got shape " + Shape.str(param.shape()));
        }
        int[] shape = param.shape();
        int[] strides = param.strides();
        int vectors = shape[vectorAxis];
        int vectorStride = strides[vectorAxis];
        int length = shape[1 - vectorAxis];
        int step = strides[1 - vectorAxis];
        FloatBuffer d = param.storage().buffer();
        for (int v = 0; v < vectors; v++) {
            int start = param.offset() + v * vectorStride;
            double sq = 0;
            for (int k = 0; k < length; k++) {
                double x = d.get(start + k * step);
                sq += x * x;
            }
            double norm = Math.sqrt(sq);
            if (norm == 0 || ball && norm <= 1) {
                continue;
            }
            for (int k = 0; k < length; k++) {
                int at = start + k * step;
                d.put(at, (float) (d.get(at) / norm));
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

package org.ebl4j.tensor;

import java.util.Arrays;

/**
 * An integer tensor (row-major) for positions: labels, argmax results, gather/scatter indices.
 * Kept separate from the float32 {@link Tensor} so an index is never silently rounded.
 */
public record Indices(int[] shape, int[] data) {
    public Indices {
        if (Shape.numel(shape) != data.length) {
            throw new IllegalArgumentException("Indices: shape " + Shape.str(shape) + " needs " + Shape.numel(shape)
                    + " values, got " + data.length);
        }
    }

    /** A 1-D index vector. */
    public static Indices of(int... values) {
        return new Indices(new int[] {values.length}, values);
    }

    public int numel() {
        return data.length;
    }

    public int get(int i) {
        return data[i];
    }

    public Indices reshape(int... newShape) {
        return new Indices(newShape, data);
    }

    @Override
    public String toString() {
        return "Indices" + Shape.str(shape) + Arrays.toString(data.length > 20 ? Arrays.copyOf(data, 20) : data);
    }
}

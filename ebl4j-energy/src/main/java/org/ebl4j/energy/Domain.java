package org.ebl4j.energy;

import java.util.Arrays;

import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * Where a continuous answer Y lives: the shape of one sample's Y and a box [lo, hi] per coordinate (either bound
 * may be infinite). Inference and samplers draw starting points from it and project onto it.
 */
public record Domain(int[] shape, float lo, float hi) {
    public Domain {
        shape = shape.clone();
        if (!(lo < hi)) {
            throw new IllegalArgumentException("Domain: need lo < hi, got [" + lo + ", " + hi + "]");
        }
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("Domain: bad answer shape " + Shape.str(shape));
            }
        }
    }

    /** The unbounded space of answers of this shape. */
    public static Domain unbounded(int... shape) {
        return new Domain(shape, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
    }

    /** A box [lo, hi] per coordinate. */
    public static Domain box(float lo, float hi, int... shape) {
        return new Domain(shape, lo, hi);
    }

    public boolean bounded() {
        return Float.isFinite(lo) && Float.isFinite(hi);
    }

    /** Number of coordinates of one answer. */
    public int size() {
        return Shape.numel(shape);
    }

    /** The shape of a batch of {@code batch} answers: [batch, shape...]. */
    public int[] batchShape(int batch) {
        int[] s = new int[shape.length + 1];
        s[0] = batch;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    /** Y clamped into the box (a copy; Y itself when the domain is unbounded). */
    public Tensor project(Tensor y) {
        return Float.isFinite(lo) || Float.isFinite(hi) ? y.clamp(lo, hi) : y;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Domain d && Arrays.equals(shape, d.shape) && lo == d.lo && hi == d.hi;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Float.hashCode(lo) * 7 + Float.hashCode(hi);
    }

    @Override
    public String toString() {
        return "Domain" + Shape.str(shape) + "[" + lo + ", " + hi + "]";
    }
}

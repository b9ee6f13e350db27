package org.ebl4j.nn;

import org.ebl4j.tensor.Tensor;

/**
 * Soft-thresholding (shrinkage) with a learnable threshold per unit, the non-linearity of ISTA, LISTA and PSD
 * encoders (Gregor &amp; LeCun 2010): h_θ(x) = sign(x) · max(|x| − θ, 0) = relu(x − θ) − relu(−x − θ).
 * Applied along the last axis (or axis 1 for [N, C, H, W] inputs when {@code units} equals C).
 */
public final class Shrinkage extends Layer {
    private final int units;
    private final Tensor theta;

    /** {@code units} thresholds, all starting at {@code initialTheta} (≥ 0). */
    public Shrinkage(int units, float initialTheta) {
        if (units <= 0 || initialTheta < 0) {
            throw new IllegalArgumentException("Shrinkage: need units > 0 and theta >= 0, got units=" + units
                    + ", theta=" + initialTheta);
        }
        this.units = units;
        theta = parameter("theta", Tensor.full(initialTheta, units));
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor t = theta;
        if (x.dim() == 4 && x.shape(1) == units) {
            t = theta.reshape(units, 1, 1);
        } else if (x.dim() == 0 || x.shape(-1) != units) {
            throw new IllegalArgumentException("Shrinkage(" + units + "): input of shape "
                    + org.ebl4j.tensor.Shape.str(x.shape()) + " has no axis of size " + units);
        }
        return x.sub(t).relu().sub(x.neg().sub(t).relu());
    }

    public Tensor theta() {
        return theta;
    }

    @Override
    public String toString() {
        return "Shrinkage(" + units + ")";
    }
}

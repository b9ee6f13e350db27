package org.ebl4j.unsupervised.autoencoder;

import java.util.Arrays;

import org.ebl4j.nn.Layer;
import org.ebl4j.nn.Linear;
import org.ebl4j.nn.Sequential;
import org.ebl4j.tensor.Tensor;

/**
 * A saturating auto-encoder (Goroshin &amp; LeCun, "Saturating Auto-Encoders", ICLR 2013; LeCun's lecture,
 * strategy 7): the encoder h = f(W Y + b) uses a non-linearity with flat (saturated) regions S where f' = 0, and
 * training adds α Σ_j f_c(W_j Y + b_j), where f_c(z) = inf_{z' ∈ S} |z − z'| is the distance of each pre-activation
 * to the saturated region. Units pushed into saturation have zero derivative, so the reconstruction is locally
 * constant (low energy) only where the data need it. With the shrink non-linearity f_c = |f| and the model is a sparse
 * auto-encoder; the energy is the reconstruction error.
 */
public final class SaturatingAutoEncoder extends AutoEncoder {
    /** Non-linearities with saturated regions, and their complementary distance f_c. */
    public enum Nonlinearity {
        /** f(z) = min(max(z, 0), 1): S = (−∞, 0] ∪ [1, ∞), f_c(z) = min(relu(z), relu(1 − z)). */
        LINEAR_SATURATING {
            @Override
            Tensor apply(Tensor z) {
                return z.clamp(0f, 1f);
            }

            @Override
            Tensor complement(Tensor z) {
                return z.relu().minimum(z.neg().add(1f).relu());
            }
        },
        /** f(z) = sign(z) max(|z| − 1, 0): S = [−1, 1], f_c(z) = max(|z| − 1, 0) = |f(z)|. */
        SHRINK {
            @Override
            Tensor apply(Tensor z) {
                return z.sub(1f).relu().sub(z.neg().sub(1f).relu());
            }

            @Override
            Tensor complement(Tensor z) {
                return z.abs().sub(1f).relu();
            }
        };

        abstract Tensor apply(Tensor z);

        abstract Tensor complement(Tensor z);
    }

    private final Linear linear;
    private final Nonlinearity nonlinearity;
    private final float alpha;

    /** Encoder f(linear(Y)); α ≥ 0 weighs the saturation penalty. */
    public SaturatingAutoEncoder(Linear encoder, Layer decoder, Nonlinearity nonlinearity, double alpha) {
        super(new Sequential(encoder, new Saturation(nonlinearity)), decoder);
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("SaturatingAutoEncoder: alpha must be a finite number >= 0, got "
                    + alpha);
        }
        this.linear = encoder;
        this.nonlinearity = nonlinearity;
        this.alpha = (float) alpha;
    }

    public Nonlinearity nonlinearity() {
        return nonlinearity;
    }

    /** Σ_j f_c(W_j Y + b_j) per row of y: how far the encoder's units are from saturation. */
    public Tensor unsaturation(Tensor y) {
        return rowSum(nonlinearity.complement(linear.forward(y)));
    }

    /** α Σ_j f_c(W_j Y + b_j) per row. */
    @Override
    protected Tensor penalty(Tensor input, Tensor code) {
        return unsaturation(input).mul(alpha);
    }

    /** The non-linearity as a layer of the encoder. */
    private static final class Saturation extends Layer {
        private final Nonlinearity f;

        Saturation(Nonlinearity f) {
            if (f == null) {
                throw new IllegalArgumentException("SaturatingAutoEncoder: the non-linearity must not be null (one of "
                        + Arrays.toString(Nonlinearity.values()) + ")");
            }
            this.f = f;
        }

        @Override
        public Tensor forward(Tensor x) {
            return f.apply(x);
        }

        @Override
        public String toString() {
            return f.name();
        }
    }
}

package org.ebl4j.unsupervised.autoencoder;

import org.ebl4j.nn.Layer;
import org.ebl4j.tensor.Tensor;

/**
 * A sparse auto-encoder (LeCun's lecture, strategy 6; Ranzato, Poultney, Chopra &amp; LeCun 2006): the energy is the
 * reconstruction error ‖Y − Dec(Enc(Y))‖², trained with an L1 penalty λ|Enc(Y)|₁ on the code, which limits the volume
 * of input space that can be reconstructed well. A shrinkage encoder ({@link org.ebl4j.nn.Shrinkage}) makes the codes
 * exactly sparse.
 */
public final class SparseAutoEncoder extends AutoEncoder {
    private final float lambda;

    /** λ ≥ 0 weighs the L1 penalty on the code. */
    public SparseAutoEncoder(Layer encoder, Layer decoder, double lambda) {
        super(encoder, decoder);
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("SparseAutoEncoder: lambda must be a finite number >= 0, got " + lambda);
        }
        this.lambda = (float) lambda;
    }

    public float lambda() {
        return lambda;
    }

    /** λ|Z|₁ per row of the code Z. */
    @Override
    protected Tensor penalty(Tensor input, Tensor code) {
        return rowSum(code.abs()).mul(lambda);
    }
}

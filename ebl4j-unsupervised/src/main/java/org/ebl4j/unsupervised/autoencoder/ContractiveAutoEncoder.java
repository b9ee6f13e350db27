package org.ebl4j.unsupervised.autoencoder;

import org.ebl4j.nn.Layer;
import org.ebl4j.nn.Linear;
import org.ebl4j.nn.Sequential;
import org.ebl4j.nn.Sigmoid;
import org.ebl4j.tensor.Tensor;

/**
 * A contractive auto-encoder (Rifai, Vincent, Muller, Glorot &amp; Bengio 2011; LeCun's lecture, strategy 7: "make
 * G(Y) as constant as possible"): a sigmoid encoder h = σ(W Y + b) trained with the reconstruction error plus
 * γ‖∂h/∂Y‖²_F, the squared Frobenius norm of the encoder's Jacobian, which flattens the code (and so the
 * reconstruction) in every direction the data do not need. For a sigmoid encoder ∂h_j/∂Y = h_j(1 − h_j) W_j, so
 * ‖J‖²_F = Σ_j (h_j(1 − h_j))² ‖W_j‖², computed in closed form ({@link #contraction}). The energy is the
 * reconstruction error.
 */
public final class ContractiveAutoEncoder extends AutoEncoder {
    private final Linear linear;
    private final float gamma;

    /** Encoder σ(linear(Y)); γ ≥ 0 weighs the contraction penalty. */
    public ContractiveAutoEncoder(Linear encoder, Layer decoder, double gamma) {
        super(new Sequential(encoder, new Sigmoid()), decoder);
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("ContractiveAutoEncoder: gamma must be a finite number >= 0, got "
                    + gamma);
        }
        this.linear = encoder;
        this.gamma = (float) gamma;
    }

    public float gamma() {
        return gamma;
    }

    /** ‖∂Enc/∂Y‖²_F per row of y [N, inputDim], in closed form, differentiable in the weights. */
    public Tensor contraction(Tensor y) {
        return contractionOfCode(encoder().forward(y));
    }

    /** Σ_j (h_j(1 − h_j))² ‖W_j‖² per row, from the code h [N, codeDim]. */
    private Tensor contractionOfCode(Tensor code) {
        Tensor slope = code.mul(code.neg().add(1f)).square();
        Tensor rowNorms = linear.weight().square().sum(1, true);
        return slope.matmul(rowNorms).reshape(code.shape(0));
    }

    /** γ‖J‖²_F per row. */
    @Override
    protected Tensor penalty(Tensor input, Tensor code) {
        return contractionOfCode(code).mul(gamma);
    }
}

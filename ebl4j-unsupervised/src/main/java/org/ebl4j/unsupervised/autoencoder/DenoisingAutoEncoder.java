package org.ebl4j.unsupervised.autoencoder;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.nn.Layer;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * A denoising auto-encoder (Vincent, Larochelle, Bengio &amp; Manzagol 2008; LeCun's lecture, strategy 5: "train a
 * dynamical system so that the dynamics goes to the manifold"): trained to reconstruct the clean Y from a corrupted
 * Ỹ ~ q(Ỹ|Y), minimising ‖Y − Dec(Enc(Ỹ))‖², so Dec∘Enc maps points near the data manifold back onto it. The energy
 * is the reconstruction error ‖Y − Dec(Enc(Y))‖²: small on the manifold, where the map is nearly the identity, and
 * growing with the distance from it, where the map moves points towards the manifold.
 */
public final class DenoisingAutoEncoder extends AutoEncoder {
    private final Corruption corruption;
    private final Rng rng;

    /** {@code rng} draws the corruption of every training batch (seed it for reproducible training). */
    public DenoisingAutoEncoder(Layer encoder, Layer decoder, Corruption corruption, Rng rng) {
        super(encoder, decoder);
        if (corruption == null || rng == null) {
            throw new IllegalArgumentException("DenoisingAutoEncoder: corruption and rng must not be null");
        }
        this.corruption = corruption;
        this.rng = rng;
    }

    public Corruption corruption() {
        return corruption;
    }

    /** Dec(Enc(Ỹ)): the denoised version of each (noisy) row, without an autodiff graph. */
    public Tensor denoise(Tensor noisy) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return reconstruct(noisy.detach());
        }
    }

    @Override
    protected Tensor corrupt(Tensor y) {
        return corruption.corrupt(y, rng);
    }
}

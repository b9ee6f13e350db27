package org.ebl4j.unsupervised.rbm;

import java.util.Arrays;
import java.util.List;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.kernel.Gemm;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.ebl4j.unsupervised.FreeEnergyModel;
import org.ebl4j.unsupervised.UnsupervisedModel;

/**
 * A restricted Boltzmann machine (Smolensky 1986; Hinton 2002): visible units v ∈ ℝ^D, binary hidden units
 * h ∈ {0, 1}^H, no connections within a layer, and the joint energy
 *
 * <pre>
 *   E(v, h) = E_v(v) − bᵀh − s(v)ᵀ W h          W [D, H], hidden biases b [H]
 *   F(v)    = −log Σ_h exp(−E(v, h)) = E_v(v) − Σ_j softplus(b_j + (s(v)ᵀW)_j)
 *   p(h_j = 1 | v) = σ(b_j + (s(v)ᵀW)_j)
 * </pre>
 *
 * where the visible units fix E_v and s: binary units ({@link BinaryRbm}: E_v(v) = −aᵀv, s(v) = v) or Gaussian
 * units ({@link GaussianBinaryRbm}). In the lecture's terms (LeCun, "Energy-Based Unsupervised Learning",
 * strategy 3) an RBM is E(Y, Z) = −Zᵀ W Y with E(Y) = −log Σ_Z exp(−E(Y, Z)): its energy of a data point is the
 * free energy F, and it is trained by pushing F down on data and up on points chosen by Gibbs sampling
 * ({@link ContrastiveDivergence}). p(v) = exp(−F(v)) / Z.
 *
 * <p>{@link #energy(Tensor, Tensor)} is F(y) (the input x is ignored), differentiable in y and W; the conditionals,
 * samplers and {@link #freeEnergyGradient} record no graph. {@link #transform} gives the code p(h = 1 | v).
 * Parameters, in order: "weight" [D, H], "visible_bias" [D], "hidden_bias" [H], then the visible units' own.
 */
public abstract sealed class RestrictedBoltzmannMachine extends UnsupervisedModel implements FreeEnergyModel
        permits BinaryRbm, GaussianBinaryRbm {
    private final int visible;
    private final int hidden;
    private final Tensor weight;
    private final Tensor visibleBias;
    private final Tensor hiddenBias;
    private ContrastiveDivergence learning = new ContrastiveDivergence();

    /** W ~ N(0, 0.01²) (Hinton 2010, "A practical guide to training RBMs", §8), biases 0. */
    RestrictedBoltzmannMachine(String name, int visible, int hidden, Rng rng) {
        if (visible < 1 || hidden < 1) {
            throw new IllegalArgumentException(name + ": needs visible >= 1 and hidden >= 1 units, got visible="
                    + visible + ", hidden=" + hidden);
        }
        this.visible = visible;
        this.hidden = hidden;
        this.weight = parameter("weight", rng.normal(0f, 0.01f, visible, hidden));
        this.visibleBias = parameter("visible_bias", Tensor.zeros(visible));
        this.hiddenBias = parameter("hidden_bias", Tensor.zeros(hidden));
    }

    /** D, the number of visible units. */
    public final int visible() {
        return visible;
    }

    /** H, the number of hidden units. */
    public final int hidden() {
        return hidden;
    }

    /** W [D, H] (the parameter itself: writes change the model). */
    public final Tensor weight() {
        return weight;
    }

    /** a [D]. */
    public final Tensor visibleBias() {
        return visibleBias;
    }

    /** b [H]. */
    public final Tensor hiddenBias() {
        return hiddenBias;
    }

    // ------------------------------------------------------------------ what the visible units define

    /** E_v(v) per row: [N]. */
    abstract Tensor visibleEnergy(Tensor v);

    /** s(v), the visible activity seen by the weights: [N, D]. */
    abstract Tensor scaledVisible(Tensor v);

    /** E[v | h] from the visible units' input a + W h, a fresh contiguous tensor it may overwrite. */
    abstract Tensor visibleMeanOf(Tensor input);

    /** A draw of v ~ p(v | h) from the visible units' input a + W h, a fresh contiguous tensor it may overwrite. */
    abstract Tensor sampleFromInput(Tensor input, Rng rng);

    /**
     * Adds {@code scale} · Σ_rows ∂F(v)/∂θ for the visible units' parameters (visible bias and any further ones)
     * into their entries of {@code grads}; {@code p} = p(h = 1 | v).
     */
    abstract void addVisibleGradient(Tensor v, Tensor p, float scale, Tensor[] grads, boolean overwrite);

    // ------------------------------------------------------------------ energies

    /** F(y) per row [N]; x is ignored (an RBM has no input). */
    @Override
    public final Tensor energy(Tensor x, Tensor y) {
        return freeEnergy(y);
    }

    /** F(v) = E_v(v) − Σ_j softplus(b_j + (s(v)ᵀW)_j) per row: [N]. */
    @Override
    public final Tensor freeEnergy(Tensor v) {
        checkVisible("freeEnergy", v);
        return visibleEnergy(v).sub(hiddenInput(v).softplus().sum(1, false));
    }

    /** E(v, h) = E_v(v) − Σ_j h_j (b_j + (s(v)ᵀW)_j) per row: [N]. */
    public final Tensor jointEnergy(Tensor v, Tensor h) {
        checkVisible("jointEnergy", v);
        checkHidden("jointEnergy", h, v.shape(0));
        return visibleEnergy(v).sub(hiddenInput(v).mul(h).sum(1, false));
    }

    /** b + s(v)ᵀW per row: [N, H], the input of the hidden units (differentiable). */
    public final Tensor hiddenInput(Tensor v) {
        checkVisible("hiddenInput", v);
        return scaledVisible(v).linear(weight.t(), hiddenBias);
    }

    // ------------------------------------------------------------------ conditionals and Gibbs sampling

    /** p(h = 1 | v) = σ(b + s(v)ᵀW): [N, H]. */
    public final Tensor hiddenProbabilities(Tensor v) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return Units.sigmoid(hiddenInput(v).contiguous()); // in place: the input is this call's own tensor
        }
    }

    /** A draw of h ~ p(h | v): [N, H] of 0/1. */
    public final Tensor sampleHidden(Tensor v, Rng rng) {
        return Units.bernoulli(hiddenProbabilities(v), rng);
    }

    /** E[v | h], from the visible units' input a + W h: [N, D]. */
    public final Tensor visibleMean(Tensor h) {
        return visibleMeanOf(visibleInput("visibleMean", h));
    }

    /** A draw of v ~ p(v | h): [N, D]. */
    public final Tensor sampleVisible(Tensor h, Rng rng) {
        return sampleFromInput(visibleInput("sampleVisible", h), rng);
    }

    /** a + W h per row, a fresh contiguous [N, D] (no gradient). */
    private Tensor visibleInput(String what, Tensor h) {
        checkHidden(what, h, -1);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return h.linear(weight, visibleBias).contiguous();
        }
    }

    /**
     * {@code steps} sweeps of block Gibbs sampling from each row of {@code v}: h ~ p(h | v), then v ~ p(v | h); the
     * chain leaves p(v) = exp(−F(v)) / Z invariant. Returns the last visible state [N, D].
     */
    public final Tensor gibbs(Tensor v, int steps, Rng rng) {
        checkVisible("gibbs", v);
        if (steps < 0) {
            throw new IllegalArgumentException("gibbs: steps must be >= 0, got " + steps);
        }
        Tensor state = v;
        for (int t = 0; t < steps; t++) {
            state = sampleVisible(sampleHidden(state, rng), rng);
        }
        return state;
    }

    // ------------------------------------------------------------------ learning

    /** The code of each row: p(h = 1 | v), [N, H]. */
    @Override
    public final Tensor transform(Tensor data) {
        return hiddenProbabilities(data);
    }

    /** Trains on the rows of {@code data} [N, D] with {@link #learning()} (by default CD-1); returns this. */
    @Override
    public final RestrictedBoltzmannMachine fit(Tensor data) {
        learning.train(this, data);
        return this;
    }

    /** The learning procedure {@link #fit} uses. */
    public final ContrastiveDivergence learning() {
        return learning;
    }

    /** Sets the learning procedure {@link #fit} uses; returns this. */
    public final RestrictedBoltzmannMachine learning(ContrastiveDivergence cd) {
        if (cd == null) {
            throw new IllegalArgumentException("learning: the ContrastiveDivergence settings must not be null");
        }
        this.learning = cd;
        return this;
    }

    /**
     * The mean over the rows of {@code v} of ∂F(v)/∂θ, one tensor per parameter in {@link #parameters()} order:
     * for W, −s(v) p(h | v)ᵀ; for b, −p(h | v); for the visible units' parameters see the subclass. The gradient
     * of the negative log-likelihood −log p(v) = F(v) + log Z is this on data minus its expectation under the
     * model (Hinton 2002), which {@link ContrastiveDivergence} estimates from Gibbs samples.
     */
    public final Tensor[] freeEnergyGradient(Tensor v) {
        checkVisible("freeEnergyGradient", v);
        List<Tensor> params = parameters();
        Tensor[] grads = new Tensor[params.size()];
        for (int i = 0; i < grads.length; i++) {
            grads[i] = Tensor.zeros(params.get(i).shape());
        }
        addFreeEnergyGradient(v, hiddenProbabilities(v), 1f / v.shape(0), grads, true);
        return grads;
    }

    /**
     * grads ← (overwrite ? 0 : grads) + scale · Σ_rows ∂F(v)/∂θ, given p = p(h = 1 | v); the gradients are
     * contiguous and shaped like the parameters. The weight term is one GEMM into the weight's gradient.
     */
    final void addFreeEnergyGradient(Tensor v, Tensor p, float scale, Tensor[] grads, boolean overwrite) {
        try (Autodiff.Scope sc = Autodiff.noGrad()) {
            Tensor s = scaledVisible(v).contiguous();
            Tensor pc = p.contiguous();
            Tensor gw = grads[0];
            int n = v.shape(0);
            Gemm.sgemm(true, false, visible, hidden, n, -scale, s.storage().buffer(), s.offset(), visible,
                    pc.storage().buffer(), pc.offset(), hidden, overwrite ? 0f : 1f, gw.storage().buffer(),
                    gw.offset(), hidden);
            Units.addTo(grads[2], Units.columnSums(pc), -scale, overwrite);
            addVisibleGradient(v, pc, scale, grads, overwrite);
        }
    }

    // ------------------------------------------------------------------ checks

    final void checkVisible(String what, Tensor v) {
        if (v == null || v.dim() != 2 || v.shape(1) != visible) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "." + what + ": visible states must be "
                    + "[N, " + visible + "], got " + (v == null ? "null" : Arrays.toString(v.shape())));
        }
    }

    final void checkHidden(String what, Tensor h, int rows) {
        if (h == null || h.dim() != 2 || h.shape(1) != hidden || (rows >= 0 && h.shape(0) != rows)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "." + what + ": hidden states must be "
                    + "[" + (rows >= 0 ? rows : "N") + ", " + hidden + "], got "
                    + (h == null ? "null" : Arrays.toString(h.shape())));
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + visible + " visible, " + hidden + " hidden)";
    }
}

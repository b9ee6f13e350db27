package org.ebl4j.unsupervised.sparse;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.ebl4j.unsupervised.UnsupervisedModel;

/**
 * Sparse coding, strategy 6 of LeCun's lecture ("use a regulariser that limits the volume of space that has low
 * energy"): E(W, Y) = min_Z ½‖Y − W Z‖² + λ|Z|₁ (Olshausen &amp; Field 1996). Only points that a few atoms of the
 * unit-norm dictionary W reconstruct well have low energy; the L1 term limits the volume they fill.
 *
 * <p>{@link #transform} is the code Z* found by the {@link SparseInference} (default {@link Fista}, 200
 * iterations, relative tolerance 1e-6); {@link #energy(Tensor, Tensor)} evaluates {@link SparseCodingEnergy} at the
 * detached Z*, which is differentiable in Y and W by the envelope theorem (∂E/∂Y = Y − W Z*, exact at the minimum).
 * {@link #fit} learns W with the {@link DictionaryLearner} (default {@link MiniBatchDictionaryLearning}, batches of
 * 256, 10 epochs, seed 0).
 */
public final class SparseCoding extends UnsupervisedModel {
    private final SparseCodingEnergy latent;
    private SparseInference inference = new Fista(200, 1e-6);
    private DictionaryLearner learner = new MiniBatchDictionaryLearning(256, 10, 0);
    private double[] learningCurve = new double[0];

    /** A random unit-norm dictionary of {@code atoms} atoms in R^inputDim; λ ≥ 0. */
    public SparseCoding(int inputDim, int atoms, double lambda, Rng rng) {
        this(new SparseCodingEnergy(inputDim, atoms, lambda, rng));
    }

    public SparseCoding(SparseCodingEnergy latent) {
        if (latent == null) {
            throw new IllegalArgumentException("SparseCoding: the sparse-coding energy must not be null");
        }
        this.latent = child("latent", latent);
    }

    /** Sets the L1 solver used by inference, energy and learning; returns this model. */
    public SparseCoding inference(SparseInference inference) {
        if (inference == null) {
            throw new IllegalArgumentException("SparseCoding: inference must not be null");
        }
        this.inference = inference;
        return this;
    }

    /** Sets how {@link #fit} learns the dictionary; returns this model. */
    public SparseCoding learner(DictionaryLearner learner) {
        if (learner == null) {
            throw new IllegalArgumentException("SparseCoding: learner must not be null");
        }
        this.learner = learner;
        return this;
    }

    public SparseInference inference() {
        return inference;
    }

    public SparseCodingEnergy latentEnergy() {
        return latent;
    }

    /** W [inputDim, atoms] (the parameter itself). */
    public Tensor dictionary() {
        return latent.dictionary();
    }

    /** Z* for every row of {@code y} [N, inputDim], with the solver's objective history. */
    public SparseCode encode(Tensor y) {
        return inference.infer(latent, y, null);
    }

    @Override
    public Tensor transform(Tensor data) {
        return encode(data).codes();
    }

    /** min_Z ½‖Y − W Z‖² + λ|Z|₁ per row of y [N, inputDim] (x ignored); differentiable in Y and W at Z*. */
    @Override
    public Tensor energy(Tensor x, Tensor y) {
        return latent.energy(null, encode(y).codes(), y);
    }

    /** Learns the dictionary on the rows of {@code data} [N, inputDim]; returns this model. */
    @Override
    public SparseCoding fit(Tensor data) {
        learningCurve = learner.learn(this, data);
        return this;
    }

    /** The mean objective of each pass of the last {@link #fit} (empty before). */
    public double[] learningCurve() {
        return learningCurve.clone();
    }

    @Override
    public String toString() {
        return "SparseCoding(" + latent + ", " + inference + ", " + learner + ")";
    }
}

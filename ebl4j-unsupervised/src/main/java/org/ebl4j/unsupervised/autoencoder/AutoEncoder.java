package org.ebl4j.unsupervised.autoencoder;

import java.util.Arrays;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.loss.EnergyLoss;
import org.ebl4j.energy.train.Dataset;
import org.ebl4j.energy.train.Trainer;
import org.ebl4j.energy.train.TrainingHistory;
import org.ebl4j.nn.Layer;
import org.ebl4j.optim.Adam;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;
import org.ebl4j.unsupervised.UnsupervisedModel;

/**
 * An auto-encoder as an energy (LeCun's lecture, "Energy Functions of Various Methods"): E(Y) = ‖Y − Dec(Enc(Y))‖²,
 * the reconstruction error of each row, with the code Enc(Y) as {@link #transform}. Left alone, the energy loss
 * can make every point reconstruct well (an identity map has zero energy everywhere); each strategy of the lecture
 * adds its own way of keeping the energy high off the data: a bottleneck (this class, e.g. the lecture's 1-unit
 * auto-encoder on the spiral), sparsity ({@link SparseAutoEncoder}), denoising ({@link DenoisingAutoEncoder}),
 * contraction ({@link ContractiveAutoEncoder}) or saturation ({@link SaturatingAutoEncoder}).
 *
 * <p>Training minimises the mean over rows of ‖Y − Dec(Enc(C(Y)))‖² + R(C(Y)), where C is the subclass's corruption
 * ({@link #corrupt}, the identity here) and R its regulariser ({@link #penalty}, none here), with the library's
 * {@link Trainer} and {@link Adam} as set by {@link AutoEncoderTraining}. Rows may have any shape [N, ...]; sums run
 * over every axis but the first.
 */
public class AutoEncoder extends UnsupervisedModel {
    private final Layer encoder;
    private final Layer decoder;
    private AutoEncoderTraining training = AutoEncoderTraining.defaults();
    private TrainingHistory history;

    public AutoEncoder(Layer encoder, Layer decoder) {
        if (encoder == null || decoder == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": encoder and decoder must not be null");
        }
        this.encoder = child("encoder", encoder);
        this.decoder = child("decoder", decoder);
    }

    /** Sets how {@link #fit} trains; returns this model. */
    public AutoEncoder training(AutoEncoderTraining training) {
        if (training == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": training settings must not be null");
        }
        this.training = training;
        return this;
    }

    public AutoEncoderTraining training() {
        return training;
    }

    public Layer encoder() {
        return encoder;
    }

    public Layer decoder() {
        return decoder;
    }

    /** Dec(Enc(Y)), differentiable. */
    public Tensor reconstruct(Tensor y) {
        Tensor r = decoder.forward(encoder.forward(y));
        if (!Arrays.equals(r.shape(), y.shape())) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the reconstruction of input "
                    + Shape.str(y.shape()) + " has shape " + Shape.str(r.shape()));
        }
        return r;
    }

    /** ‖Y − Dec(Enc(Y))‖² per row of y [N, ...] (x ignored), differentiable in Y and the weights. */
    @Override
    public Tensor energy(Tensor x, Tensor y) {
        checkRows(y);
        return rowSum(y.sub(reconstruct(y)).square());
    }

    /** The code Enc(Y) of each row, without an autodiff graph. */
    @Override
    public Tensor transform(Tensor data) {
        checkRows(data);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return encoder.forward(data.detach());
        }
    }

    /**
     * The training objective per row, ‖Y − Dec(Enc(C(Y)))‖² + R(C(Y)), [N], differentiable in the weights
     * (each call draws a fresh corruption).
     */
    public Tensor objective(Tensor y) {
        checkRows(y);
        Tensor input = corrupt(y);
        Tensor code = encoder.forward(input);
        Tensor error = rowSum(y.sub(decoder.forward(code)).square());
        Tensor penalty = penalty(input, code);
        return penalty == null ? error : error.add(penalty);
    }

    /** The corruption C applied to the training input (identity; see {@link DenoisingAutoEncoder}). */
    protected Tensor corrupt(Tensor y) {
        return y;
    }

    /** The regulariser R per row [N] given the (corrupted) input and its code, or null for none (this class). */
    protected Tensor penalty(Tensor input, Tensor code) {
        return null;
    }

    /**
     * Trains on the rows of {@code data} [N, ...] as set by {@link #training(AutoEncoderTraining)}, minimising the
     * mean {@link #objective} (the {@link Trainer}'s energy loss on {@link TrainingObjective}); returns this model.
     */
    @Override
    public AutoEncoder fit(Tensor data) {
        checkRows(data);
        Trainer trainer = Trainer.builder(new TrainingObjective(this), new EnergyLoss(),
                        new Adam(parameters(), training.learningRate()))
                .epochs(training.epochs()).batchSize(training.batchSize()).seed(training.seed()).build();
        history = trainer.fit(new Dataset(null, data.detach()));
        return this;
    }

    /** The history of the last {@link #fit}; fails before any. */
    public TrainingHistory history() {
        if (history == null) {
            throw new IllegalStateException(getClass().getSimpleName() + ": fit has not been called");
        }
        return history;
    }

    /** Σ over every axis but the first: [N, ...] → [N]. */
    static Tensor rowSum(Tensor t) {
        return t.contiguous().reshape(t.shape(0), -1).sum(1, false);
    }

    private void checkRows(Tensor y) {
        if (y == null || y.dim() < 2 || y.shape(0) < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": data must have shape [N, ...] with N >= 1"
                    + " and at least one feature axis, got " + (y == null ? "null" : Shape.str(y.shape())));
        }
    }
}

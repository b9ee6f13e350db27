package org.ebl4j.unsupervised.sparse;

import java.util.Arrays;
import java.util.List;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.optim.Adam;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.ebl4j.unsupervised.UnsupervisedModel;

/**
 * Predictive sparse decomposition, PSD (Kavukcuoglu, Ranzato &amp; LeCun, "Fast inference in sparse coding
 * algorithms with applications to object recognition", arXiv:1010.3467; the lecture's "sparse auto-encoder"):
 * sparse coding whose optimal code is also predicted by a trained encoder,
 *
 * <pre>
 *   E(Y, Z) = ½‖Y − W_d Z‖² + λ|Z|₁ + (α/2)‖Z − g_e(Y)‖²,   g_e(Y) = h_θ(W_e Y)   (shrinkage, a {@link Lista})
 * </pre>
 *
 * with unit-norm decoder atoms (the columns of W_d [inputDim, atoms]). The energy of Y is min_Z E(Y, Z); the
 * minimiser Z* is a lasso solution for the stacked data [Y; √α g_e(Y)] and dictionary [W_d; √α I], so the library's
 * {@link SparseInference} solvers find it unchanged (default {@link Fista}, 100 iterations, warm-started at g_e(Y)).
 *
 * <p>Training, per mini-batch (the paper's alternation): infer Z* with the current encoder; update the decoder
 * from (Y, Z*) by the {@link OnlineDictionaryUpdate} of Mairal et al. (running statistics and one block-coordinate
 * sweep over the unit-norm atoms; the paper takes a gradient step, which on 12x12 whitened patches left the atoms
 * far behind: 48 % Gabor-like after 4 quick epochs at the best rate tried, against 87 % with this update); one Adam
 * step on the encoder's W_e and θ for ½‖Z* − g_e(Y)‖² (mean over the rows). The encoder starts at ISTA's values for
 * the decoder ({@link Lista}). Once trained, {@link #transform} is the encoder alone — a feed-forward code, no optimisation —
 * which is the point of PSD; {@link #optimalCodes} runs the inference.
 */
public final class PredictiveSparseDecomposition extends UnsupervisedModel {
    private final SparseCodingEnergy decoder;
    private final Lista encoder;
    private final float alpha;
    private SparseInference inference = new Fista(100, 1e-6);
    private int epochs = 10;
    private int batchSize = 64;
    private double encoderRate = 1e-3;
    private long seed;
    private double[] learningCurve = new double[0];

    /**
     * PSD with the decoder (dictionary and λ) of {@code decoder}, prediction weight α &gt; 0 and an encoder of
     * {@code encoderSteps} ≥ 0 LISTA steps after its first shrinkage (0: the lecture's g_e = shrinkage(W_e Y)).
     */
    public PredictiveSparseDecomposition(SparseCodingEnergy decoder, double alpha, int encoderSteps) {
        if (decoder == null || !(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("PredictiveSparseDecomposition: needs a decoder energy and a finite "
                    + "alpha > 0, got " + decoder + ", alpha=" + alpha);
        }
        this.decoder = child("decoder", decoder);
        this.encoder = child("encoder", new Lista(decoder, encoderSteps));
        this.alpha = (float) alpha;
    }

    /** Passes over the data (≥ 1), rows per mini-batch (≥ 1), the encoder's Adam rate (&gt; 0), seed; returns this. */
    public PredictiveSparseDecomposition training(int epochs, int batchSize, double encoderRate, long seed) {
        if (epochs < 1 || batchSize < 1 || !(encoderRate > 0)) {
            throw new IllegalArgumentException("PredictiveSparseDecomposition: need epochs >= 1, batchSize >= 1 and "
                    + "an encoder rate > 0, got " + epochs + ", " + batchSize + ", " + encoderRate);
        }
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.encoderRate = encoderRate;
        this.seed = seed;
        return this;
    }

    /** The solver for Z*; returns this. */
    public PredictiveSparseDecomposition inference(SparseInference inference) {
        if (inference == null) {
            throw new IllegalArgumentException("PredictiveSparseDecomposition: inference must not be null");
        }
        this.inference = inference;
        return this;
    }

    /** The decoder energy ½‖Y − W_d Z‖² + λ|Z|₁ (its dictionary is W_d). */
    public SparseCodingEnergy decoder() {
        return decoder;
    }

    /** The encoder g_e. */
    public Lista encoder() {
        return encoder;
    }

    public double alpha() {
        return alpha;
    }

    /** Z* = argmin_Z E(Y, Z) for the rows of {@code y} [N, inputDim]: [N, atoms], no graph. */
    public Tensor optimalCodes(Tensor y) {
        decoder.checkData(y);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return optimalCodes(y, encoder.encode(y));
        }
    }

    /** The lasso on the stacked data and dictionary (see the class comment), warm-started at the prediction. */
    private Tensor optimalCodes(Tensor y, Tensor predicted) {
        int atoms = decoder.atoms();
        float root = (float) Math.sqrt(alpha);
        float[] identity = new float[atoms * atoms];
        for (int i = 0; i < atoms; i++) {
            identity[i * atoms + i] = root;
        }
        SparseCodingEnergy stacked = new SparseCodingEnergy(Tensor.cat(List.of(decoder.dictionary().detach(),
                Tensor.of(identity, atoms, atoms)), 0), decoder.lambda());
        return inference.infer(stacked, Tensor.cat(List.of(y.detach(), predicted.mul(root)), 1), predicted).codes();
    }

    /** The encoder's prediction g_e(Y) for the rows of {@code data} [N, inputDim]: [N, atoms], no graph. */
    @Override
    public Tensor transform(Tensor data) {
        decoder.checkData(data);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return encoder.encode(data);
        }
    }

    /** E(Y, Z*) per row of {@code y} (x ignored): [N], differentiable in Y and the weights at the detached Z*. */
    @Override
    public Tensor energy(Tensor x, Tensor y) {
        decoder.checkData(y);
        Tensor predicted = encoder.encode(y); // with its graph; the solver gets it detached
        Tensor z = optimalCodes(y, predicted.detach());
        return decoder.energy(null, z, y).add(z.sub(predicted).square().sum(1, false).mul(0.5f * alpha));
    }

    /** Trains decoder and encoder on the rows of {@code data} [N, inputDim] (see the class comment); returns this. */
    @Override
    public PredictiveSparseDecomposition fit(Tensor data) {
        decoder.checkData(data);
        Tensor rowsAll = data.detach();
        int n = rowsAll.shape(0);
        Adam adam = new Adam(encoder.parameters(), encoderRate);
        Rng rng = new Rng(seed);
        OnlineDictionaryUpdate dictionary = new OnlineDictionaryUpdate(decoder, batchSize, rng);
        learningCurve = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = rng.permutation(n);
            double total = 0;
            for (int from = 0; from < n; from += batchSize) {
                int[] rows = Arrays.copyOfRange(order, from, Math.min(n, from + batchSize));
                Tensor y = rowsAll.indexSelect(Indices.of(rows));
                Tensor z;
                try (Autodiff.Scope s = Autodiff.noGrad()) {
                    Tensor predicted = encoder.encode(y);
                    z = optimalCodes(y, predicted);
                    total += decoder.energy(null, z, y).sum().item()
                            + 0.5 * alpha * z.sub(predicted).square().sum().item();
                    dictionary.update(y, z);
                }
                encoder.step(y, z, adam, "PredictiveSparseDecomposition.fit, epoch " + (epoch + 1));
            }
            learningCurve[epoch] = total / n;
            if (!Double.isFinite(learningCurve[epoch])) {
                throw new IllegalStateException("PredictiveSparseDecomposition.fit: the energy is "
                        + learningCurve[epoch] + " in epoch " + (epoch + 1) + "; lower the encoder rate (now "
                        + encoderRate + ")");
            }
        }
        return this;
    }

    /** The mean energy E(Y, Z*) over the rows in each epoch of the last {@link #fit} (during its updates). */
    public double[] learningCurve() {
        return learningCurve.clone();
    }

    @Override
    public String toString() {
        return "PredictiveSparseDecomposition(" + decoder + ", alpha=" + alpha + ", " + encoder + ")";
    }
}

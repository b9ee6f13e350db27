package org.ebl4j.unsupervised.sparse;

import java.util.Arrays;
import java.util.function.Consumer;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.nn.Module;
import org.ebl4j.optim.Adam;
import org.ebl4j.optim.Optimizer;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * A sparse-coding solver unrolled into a fixed number T of steps whose matrices and thresholds are trained to predict
 * the optimal codes (Gregor &amp; LeCun, "Learning fast approximations of sparse coding", ICML 2010; the lecture:
 * "think of the FISTA flow graph as a recurrent neural net where W_e and S are trainable parameters"): the encoder
 * W_e [atoms, inputDim], the mutual inhibition S [atoms, atoms] and the shrinkage thresholds θ [atoms] of
 * h_θ(x) = sign(x) max(|x| − θ, 0) start at the solver's own values for the dictionary W [inputDim, atoms] of a
 * {@link SparseCodingEnergy}, W_e = c Wᵀ, S = I − c WᵀW, θ = c λ for the solver's step c, so the untrained network
 * is the solver; {@link #fit} then minimises ½‖Z_T − Z*‖² per row by back-propagation through the T steps (weights
 * shared across steps), Z* the codes of an exact solver. Trained, it is a {@link SparseInference} of fixed cost
 * (the lecture's "How to speed up inference in a generative model?"). Subclasses define the steps:
 * {@link Lista} (ISTA's), {@link Lcod} (coordinate descent's).
 */
public abstract class UnrolledSparseEncoder extends Module implements SparseInference {
    private final int steps;
    private final int inputDim;
    private final int atoms;
    private final Tensor encoder;
    private final Tensor inhibition;
    private final Tensor thresholds;

    /** T = {@code steps} (≥ 0) unrolled steps, started at the solver's values for {@code energy} with step c. */
    UnrolledSparseEncoder(SparseCodingEnergy energy, int steps, float c) {
        this.steps = steps;
        this.inputDim = energy.inputDim();
        this.atoms = energy.atoms();
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor w = energy.dictionary().detach();
            this.encoder = parameter("encoder", w.t().mul(c).contiguousCopy());
            float[] identity = new float[atoms * atoms];
            for (int i = 0; i < atoms; i++) {
                identity[i * atoms + i] = 1f;
            }
            this.inhibition = parameter("inhibition", Tensor.of(identity, atoms, atoms).sub(w.gram().mul(c))
                    .contiguousCopy());
            float[] theta = new float[atoms];
            Arrays.fill(theta, energy.lambda() * c);
            this.thresholds = parameter("thresholds", Tensor.of(theta, atoms));
        }
    }

    /** T, the unrolled steps. */
    public final int steps() {
        return steps;
    }

    /** W_e [atoms, inputDim]. */
    public final Tensor encoder() {
        return encoder;
    }

    /** S [atoms, atoms]. */
    public final Tensor inhibition() {
        return inhibition;
    }

    /** θ [atoms]. */
    public final Tensor thresholds() {
        return thresholds;
    }

    /** Z_T for the rows of {@code y} [N, inputDim]: [N, atoms], differentiable in y and the parameters. */
    public final Tensor encode(Tensor y) {
        if (y == null || y.dim() != 2 || y.shape(1) != inputDim) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".encode: data must have shape [N, "
                    + inputDim + "], got " + (y == null ? "null" : Shape.str(y.shape())));
        }
        return unroll(y, encoder, inhibition, thresholds, steps, z -> { });
    }

    /**
     * The steps on explicit parameters; {@code each} sees the code after every step (T + 1 codes for
     * {@link #infer}'s objective history, the first being the code before any step's update).
     */
    abstract Tensor unroll(Tensor y, Tensor encoder, Tensor inhibition, Tensor thresholds, int steps,
                           Consumer<Tensor> each);

    /** h_θ(x) = max(x − θ, 0) − max(−x − θ, 0), θ broadcast over the rows. */
    static Tensor shrink(Tensor x, Tensor theta) {
        return x.sub(theta).relu().sub(x.neg().sub(theta).relu());
    }

    /**
     * Trains on the rows of {@code y} [N, inputDim] with their optimal codes {@code target} [N, atoms]: Adam at
     * {@code learningRate}, mini-batches of {@code batchSize} in a seeded random order, {@code epochs} passes.
     * Returns the mean of ½‖Z_T − Z*‖² over the rows in each epoch (during its updates).
     */
    public final double[] fit(Tensor y, Tensor target, int epochs, int batchSize, double learningRate, long seed) {
        if (y == null || target == null || y.dim() != 2 || target.dim() != 2 || y.shape(1) != inputDim
                || target.shape(1) != atoms || y.shape(0) != target.shape(0) || y.shape(0) < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".fit: need data [N, " + inputDim
                    + "] and codes [N, " + atoms
                    + "] with the same N >= 1, got " + (y == null ? "null" : Shape.str(y.shape())) + " and "
                    + (target == null ? "null" : Shape.str(target.shape())));
        }
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".fit: need epochs >= 1, batchSize >= 1 "
                    + "and learningRate > 0, "
                    + "got " + epochs + ", " + batchSize + ", " + learningRate);
        }
        Tensor data = y.detach();
        Tensor codes = target.detach();
        int n = data.shape(0);
        Adam adam = new Adam(parameters(), learningRate);
        Rng rng = new Rng(seed);
        double[] history = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = rng.permutation(n);
            double total = 0;
            for (int from = 0; from < n; from += batchSize) {
                Indices rows = Indices.of(Arrays.copyOfRange(order, from, Math.min(n, from + batchSize)));
                Tensor batch = data.indexSelect(rows);
                total += step(batch, codes.indexSelect(rows), adam, getClass().getSimpleName() + ".fit, epoch "
                        + (epoch + 1))
                        * batch.shape(0);
            }
            history[epoch] = total / n;
        }
        return history;
    }

    /**
     * One optimiser step on the mean over the rows of {@code batch} of ½‖Z_T − target‖²; returns that mean (before the
     * step). {@code where} names the caller in the error raised when the loss is not finite.
     */
    final double step(Tensor batch, Tensor target, Optimizer optimizer, String where) {
        try (Autodiff.Scope s = Autodiff.enableGrad()) { // a training step records its graph even inside noGrad
            optimizer.zeroGrad();
            Tensor loss = encode(batch.detach()).sub(target.detach()).square().sum(1, false).mul(0.5f).mean();
            double value = loss.item();
            if (!Double.isFinite(value)) {
                throw new IllegalStateException(where + ": the code prediction loss is " + value
                        + "; lower the learning rate");
            }
            loss.backward();
            optimizer.step();
            return value;
        }
    }

    /**
     * The codes Z_T of the rows of {@code y} (the start is ignored: the steps are fixed); the history holds the
     * energy's objective ½‖Y − W Z_t‖² + λ|Z_t|₁ (row mean) at each code {@link #unroll} shows, so
     * {@code iterations} is T.
     *
     * @throws IllegalArgumentException when the energy's shape is not the one this LISTA was built for
     */
    @Override
    public final SparseCode infer(SparseCodingEnergy energy, Tensor y, Tensor zStart) {
        if (energy.inputDim() != inputDim || energy.atoms() != atoms) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".infer: built for " + inputDim
                    + " inputs and " + atoms + " atoms, got " + energy);
        }
        energy.checkData(y);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            double[] objective = new double[steps + 1];
            int[] t = {0};
            Tensor z = unroll(y, encoder, inhibition, thresholds, steps,
                    zt -> objective[t[0]++] = energy.energy(null, zt, y).mean().item());
            return new SparseCode(z, objective, steps, true);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + inputDim + " inputs, " + atoms + " atoms, " + steps + " steps)";
    }
}

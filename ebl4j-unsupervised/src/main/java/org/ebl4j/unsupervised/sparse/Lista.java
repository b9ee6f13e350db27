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
 * LISTA, learned ISTA (Gregor &amp; LeCun, "Learning fast approximations of sparse coding", ICML 2010): a fixed number
 * T of ISTA-shaped steps whose matrices and thresholds are trained to predict the optimal sparse codes,
 *
 * <pre>
 *   B = Y W_eᵀ,   Z_0 = h_θ(B),   Z_{t+1} = h_θ(B + Z_t Sᵀ)  (t &lt; T),   h_θ(x) = sign(x) max(|x| − θ, 0)
 * </pre>
 *
 * with the encoder W_e [atoms, inputDim], the mutual inhibition S [atoms, atoms] and the thresholds θ [atoms]
 * learned. They start at ISTA's values for the dictionary W [inputDim, atoms] of a {@link SparseCodingEnergy}
 * (W_e = Wᵀ/L, S = I − WᵀW/L, θ = λ/L, L = λ_max(WᵀW)), so an untrained LISTA with T steps is ISTA with T + 1
 * iterations from Z = 0; {@link #fit} then minimises ½‖Z_T − Z*‖² per row by back-propagation through the T steps
 * (weights shared across steps), Z* the codes of an exact solver. Trained, it is a {@link SparseInference} of fixed
 * cost: T + 1 products instead of an iteration to convergence (the lecture's "How to speed up inference in a
 * generative model?").
 */
public final class Lista extends Module implements SparseInference {
    private final int steps;
    private final int inputDim;
    private final int atoms;
    private final Tensor encoder;
    private final Tensor inhibition;
    private final Tensor thresholds;

    /** T = {@code steps} (≥ 0) steps after the first shrinkage, initialised to ISTA's values for {@code energy}. */
    public Lista(SparseCodingEnergy energy, int steps) {
        if (energy == null || steps < 0) {
            throw new IllegalArgumentException("Lista: needs a sparse coding energy and steps >= 0, got "
                    + energy + ", steps=" + steps);
        }
        this.steps = steps;
        this.inputDim = energy.inputDim();
        this.atoms = energy.atoms();
        double lipschitz = energy.lipschitz();
        if (!(lipschitz > 0)) {
            throw new IllegalArgumentException("Lista: the dictionary is zero (Lipschitz constant " + lipschitz + ")");
        }
        float step = (float) (1 / lipschitz);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor w = energy.dictionary().detach();
            this.encoder = parameter("encoder", w.t().mul(step).contiguousCopy());
            float[] identity = new float[atoms * atoms];
            for (int i = 0; i < atoms; i++) {
                identity[i * atoms + i] = 1f;
            }
            this.inhibition = parameter("inhibition", Tensor.of(identity, atoms, atoms).sub(w.gram().mul(step))
                    .contiguousCopy());
            float[] theta = new float[atoms];
            Arrays.fill(theta, energy.lambda() * step);
            this.thresholds = parameter("thresholds", Tensor.of(theta, atoms));
        }
    }

    /** T, the steps after the first shrinkage. */
    public int steps() {
        return steps;
    }

    /** W_e [atoms, inputDim]. */
    public Tensor encoder() {
        return encoder;
    }

    /** S [atoms, atoms]. */
    public Tensor inhibition() {
        return inhibition;
    }

    /** θ [atoms]. */
    public Tensor thresholds() {
        return thresholds;
    }

    /** Z_T for the rows of {@code y} [N, inputDim]: [N, atoms], differentiable in y and the parameters. */
    public Tensor encode(Tensor y) {
        if (y == null || y.dim() != 2 || y.shape(1) != inputDim) {
            throw new IllegalArgumentException("Lista.encode: data must have shape [N, " + inputDim + "], got "
                    + (y == null ? "null" : Shape.str(y.shape())));
        }
        return unroll(y, encoder, inhibition, thresholds, steps, z -> { });
    }

    /** The T + 1 shrinkage steps on explicit parameters (see the class comment); {@code each} sees Z_0 … Z_T. */
    static Tensor unroll(Tensor y, Tensor encoder, Tensor inhibition, Tensor thresholds, int steps,
                         Consumer<Tensor> each) {
        Tensor b = y.matmul(encoder.t());
        Tensor z = shrink(b, thresholds);
        each.accept(z);
        for (int t = 0; t < steps; t++) {
            z = shrink(b.add(z.matmul(inhibition.t())), thresholds);
            each.accept(z);
        }
        return z;
    }

    /** h_θ(x) = max(x − θ, 0) − max(−x − θ, 0), θ broadcast over the rows. */
    static Tensor shrink(Tensor x, Tensor theta) {
        return x.sub(theta).relu().sub(x.neg().sub(theta).relu());
    }

    /**
     * Trains on the rows of {@code y} [N, inputDim] with their optimal codes {@code target} [N, atoms]: Adam at
     * {@code learningRate}, mini-batches of {@code batchSize} in a seeded random order, {@code epochs} passes.
     * Returns the mean of ½‖Z_T − Z*‖² over the rows in each epoch (during its updates).
     */
    public double[] fit(Tensor y, Tensor target, int epochs, int batchSize, double learningRate, long seed) {
        if (y == null || target == null || y.dim() != 2 || target.dim() != 2 || y.shape(1) != inputDim
                || target.shape(1) != atoms || y.shape(0) != target.shape(0) || y.shape(0) < 1) {
            throw new IllegalArgumentException("Lista.fit: need data [N, " + inputDim + "] and codes [N, " + atoms
                    + "] with the same N >= 1, got " + (y == null ? "null" : Shape.str(y.shape())) + " and "
                    + (target == null ? "null" : Shape.str(target.shape())));
        }
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("Lista.fit: need epochs >= 1, batchSize >= 1 and learningRate > 0, "
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
                total += step(batch, codes.indexSelect(rows), adam, "Lista.fit, epoch " + (epoch + 1))
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
    double step(Tensor batch, Tensor target, Optimizer optimizer, String where) {
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
     * energy's objective ½‖Y − W Z_t‖² + λ|Z_t|₁ (row mean) after each of Z_0 … Z_T, so {@code iterations} is T.
     *
     * @throws IllegalArgumentException when the energy's shape is not the one this LISTA was built for
     */
    @Override
    public SparseCode infer(SparseCodingEnergy energy, Tensor y, Tensor zStart) {
        if (energy.inputDim() != inputDim || energy.atoms() != atoms) {
            throw new IllegalArgumentException("Lista.infer: built for " + inputDim + " inputs and " + atoms
                    + " atoms, got " + energy);
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
        return "Lista(" + inputDim + " inputs, " + atoms + " atoms, " + steps + " steps)";
    }
}

package org.ebl4j.unsupervised.estimation;

import java.util.Arrays;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.loss.NegativeLogLikelihoodLoss;
import org.ebl4j.optim.Lbfgs;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;
import org.ebl4j.unsupervised.UnsupervisedModel;

/**
 * A fully visible Boltzmann machine (an Ising model on {0, 1}ᵈ): E(W, Y) = −½ YᵀJY − bᵀY with symmetric couplings
 * J = ½(C + Cᵀ) masked to a zero diagonal and biases b, W = (C, b) (Ackley, Hinton &amp; Sejnowski 1985, with no
 * hidden units). For d ≤ {@value #MAX_ENUMERATED} its 2ᵈ states are enumerated, which makes the partition function
 * tractable, log Z(β) = log Σ_Y exp(−βE(Y)), and sampling exact: the small binary model on which ratio matching,
 * minimum probability flow and maximum likelihood can be compared against the truth.
 *
 * <p>{@link #fit} is exact maximum likelihood (strategy 2 of LeCun's lecture "Energy-Based Unsupervised
 * Learning"): L-BFGS on the negative log-likelihood with {@link AnalyticLogPartition}, a convex problem in W.
 * {@link #transform} gives each unit's conditional probability p(Y_j = 1 | Y_−j) = σ((JY)_j + b_j), [N, d].
 */
public final class FullyVisibleBoltzmannMachine extends UnsupervisedModel
        implements TractablePartition, NoiseDistribution {
    /** The largest d whose 2ᵈ states are enumerated (log Z, sampling, density, fit). */
    public static final int MAX_ENUMERATED = 16;

    private final int units;
    private final Tensor couplings;
    private final Tensor biases;
    private final Tensor offDiagonal;

    /** d ≥ 1 units, all couplings and biases zero (the uniform distribution). */
    public FullyVisibleBoltzmannMachine(int units) {
        if (units < 1) {
            throw new IllegalArgumentException("FullyVisibleBoltzmannMachine: units must be >= 1, got " + units);
        }
        this.units = units;
        this.couplings = parameter("couplings", Tensor.zeros(units, units));
        this.biases = parameter("biases", Tensor.zeros(units));
        float[] mask = new float[units * units];
        Arrays.fill(mask, 1f);
        for (int i = 0; i < units; i++) {
            mask[i * units + i] = 0;
        }
        this.offDiagonal = Tensor.of(mask, units, units);
    }

    /** The machine with couplings J (d × d, symmetric, zero diagonal) and biases b ([d]). */
    public static FullyVisibleBoltzmannMachine of(float[][] couplings, float[] biases) {
        if (biases == null || biases.length == 0) {
            throw new IllegalArgumentException("FullyVisibleBoltzmannMachine: needs at least one bias");
        }
        int d = biases.length;
        if (couplings == null || couplings.length != d) {
            throw new IllegalArgumentException("FullyVisibleBoltzmannMachine: couplings must be " + d + " x " + d);
        }
        float[] flat = new float[d * d];
        for (int i = 0; i < d; i++) {
            if (couplings[i] == null || couplings[i].length != d) {
                throw new IllegalArgumentException("FullyVisibleBoltzmannMachine: couplings row " + i + " must have "
                        + d + " entries");
            }
            for (int j = 0; j < d; j++) {
                float c = couplings[i][j];
                if (!Float.isFinite(c) || (i == j && c != 0) || c != couplings[j][i]) {
                    throw new IllegalArgumentException("FullyVisibleBoltzmannMachine: couplings must be finite, "
                            + "symmetric with a zero diagonal; entry (" + i + ", " + j + ") is " + c);
                }
                flat[i * d + j] = c;
            }
            if (!Float.isFinite(biases[i])) {
                throw new IllegalArgumentException("FullyVisibleBoltzmannMachine: bias " + i + " is " + biases[i]);
            }
        }
        FullyVisibleBoltzmannMachine machine = new FullyVisibleBoltzmannMachine(d);
        machine.couplings.copyFrom(Tensor.of(flat, d, d));
        machine.biases.copyFrom(Tensor.of(biases.clone(), d));
        return machine;
    }

    /** d, the number of units. */
    public int units() {
        return units;
    }

    /** J = ½(C + Cᵀ) with a zero diagonal (current values), d × d. */
    public double[][] couplings() {
        float[] j = symmetricCouplings().toArray();
        double[][] out = new double[units][units];
        for (int r = 0; r < units; r++) {
            for (int c = 0; c < units; c++) {
                out[r][c] = j[r * units + c];
            }
        }
        return out;
    }

    /** b (current values). */
    public double[] biases() {
        float[] b = biases.toArray();
        double[] out = new double[units];
        for (int i = 0; i < units; i++) {
            out[i] = b[i];
        }
        return out;
    }

    private Tensor symmetricCouplings() {
        return couplings.add(couplings.t()).mul(offDiagonal).mul(0.5f);
    }

    @Override
    public Tensor energy(Tensor x, Tensor y) {
        checkRows(y);
        Tensor pair = y.matmul(symmetricCouplings()).mul(y).sum(1, false).mul(0.5f);
        return pair.add(y.matmul(biases.reshape(units, 1)).reshape(y.shape(0))).neg();
    }

    /** All 2ᵈ states, [2ᵈ, d]: row s has unit j on when bit j of s is set. */
    public Tensor states() {
        requireEnumerable("states");
        int count = 1 << units;
        float[] s = new float[count * units];
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < units; j++) {
                s[r * units + j] = (r >> j) & 1;
            }
        }
        return Tensor.of(s, count, units);
    }

    @Override
    public Tensor logPartition(float beta) {
        if (!(beta > 0) || !Float.isFinite(beta)) {
            throw new IllegalArgumentException("FullyVisibleBoltzmannMachine: beta must be finite and > 0, got "
                    + beta);
        }
        return energy(states()).mul(-beta).logSumExp(0, false);
    }

    /** Exact draws from p(Y) = exp(−E(Y))/Z by inverting the cumulative distribution over the 2ᵈ states: [n, d]. */
    @Override
    public Tensor sample(int n, Rng rng) {
        if (n < 1) {
            throw new IllegalArgumentException("FullyVisibleBoltzmannMachine.sample: n must be >= 1, got " + n);
        }
        float[] e;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            e = energy(states()).toArray();
        }
        double lowest = Double.POSITIVE_INFINITY;
        for (float v : e) {
            lowest = Math.min(lowest, v);
        }
        double[] cumulative = new double[e.length];
        double total = 0;
        for (int r = 0; r < e.length; r++) {
            total += Math.exp(lowest - e[r]);
            cumulative[r] = total;
        }
        float[] out = new float[n * units];
        for (int i = 0; i < n; i++) {
            int found = Arrays.binarySearch(cumulative, rng.nextDouble() * total);
            int state = Math.min(found >= 0 ? found + 1 : -found - 1, e.length - 1);
            for (int j = 0; j < units; j++) {
                out[i * units + j] = (state >> j) & 1;
            }
        }
        return Tensor.of(out, n, units);
    }

    /** log p(Y) = −E(Y) − log Z(1), [N]. */
    @Override
    public Tensor logDensity(Tensor y) {
        return energy(y).neg().sub(logPartition(1f));
    }

    /**
     * Exact maximum likelihood on the binary rows of {@code data} [N, d]: L-BFGS on the mean of E(Y) + log Z until
     * the largest gradient entry is below 1e-5 (at most 500 iterations).
     */
    @Override
    public FullyVisibleBoltzmannMachine fit(Tensor data) {
        requireEnumerable("fit");
        BitFlips.requireBinary("FullyVisibleBoltzmannMachine.fit", data);
        checkRows(data);
        NegativeLogLikelihoodLoss nll = new NegativeLogLikelihoodLoss(1f, new AnalyticLogPartition());
        Lbfgs lbfgs = new Lbfgs(parameters(), 1, 500, 1e-5, 1e-10, 20, Lbfgs.LineSearch.STRONG_WOLFE);
        lbfgs.step(() -> {
            zeroGrad();
            Tensor loss = nll.compute(this, null, data).loss();
            loss.backward();
            return loss.item();
        });
        return this;
    }

    /** p(Y_j = 1 | Y_−j) = σ((JY)_j + b_j) for each unit of each row, [N, d]. */
    @Override
    public Tensor transform(Tensor data) {
        checkRows(data);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return data.matmul(symmetricCouplings()).add(biases).sigmoid();
        }
    }

    private void requireEnumerable(String what) {
        if (units > MAX_ENUMERATED) {
            throw new IllegalArgumentException("FullyVisibleBoltzmannMachine." + what + ": enumerates the 2^d "
                    + "states, needs d <= " + MAX_ENUMERATED + ", got d = " + units);
        }
    }

    private void checkRows(Tensor y) {
        if (y == null || y.dim() != 2 || y.shape(1) != units) {
            throw new IllegalArgumentException("FullyVisibleBoltzmannMachine: y must have shape [N, " + units
                    + "], got " + (y == null ? "null" : Shape.str(y.shape())));
        }
    }
}

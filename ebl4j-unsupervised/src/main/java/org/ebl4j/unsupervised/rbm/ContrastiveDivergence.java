package org.ebl4j.unsupervised.rbm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.train.EpochMetrics;
import org.ebl4j.energy.train.ScheduleUnit;
import org.ebl4j.energy.train.TrainingHistory;
import org.ebl4j.optim.LearningRateSchedule;
import org.ebl4j.optim.Sgd;
import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Contrastive divergence CD-k (Hinton, "Training products of experts by minimizing contrastive divergence", 2002)
 * and persistent contrastive divergence (Tieleman, "Training restricted Boltzmann machines using approximations to
 * the likelihood gradient", ICML 2008): push the free energy down on the data and up on points chosen by Gibbs
 * sampling. The gradient of the mean negative log-likelihood over a mini-batch {v⁰} of B rows,
 *
 * <pre>
 *   ∂/∂θ (1/B) Σ −log p(v⁰) = ⟨∂F/∂θ⟩_data − ⟨∂F/∂θ⟩_model,
 * </pre>
 *
 * is estimated by replacing the model expectation with the average over B negative particles v^k: k sweeps of
 * block Gibbs sampling (h ~ p(h | v), v ~ p(v | h)) started at the data (CD-k) or continued from where the
 * previous update left the persistent chains (PCD; the chains start at random training rows). ∂F/∂θ uses
 * p(h | v) in place of sampled h (for W: −s(v) p(h | v)ᵀ), so each update is two GEMMs for the statistics plus
 * 2k for the chain, with no autodiff. With {@link #meanFieldVisible} the chain's visible states are the means
 * E[v | h] instead of samples (Hinton's CD-1 recipe; CD only, since persistent chains must sample).
 *
 * <p>The update is SGD with momentum μ on the weights, with L2 weight decay λ on W only (Hinton's guide, §9–10):
 * {@link Sgd} with the gradient above. A {@link LearningRateSchedule} may set the rate per epoch or per update.
 * Each epoch reports "reconstruction_error" (mean squared difference per visible unit between v and E[v | h],
 * h ~ p(h | v), over the first 1,024 training rows after the epoch's updates) and "lr". Mini-batches come from a
 * seeded permutation each epoch; the last one may be smaller.
 */
public final class ContrastiveDivergence {
    private static final int MONITOR_ROWS = 1024;

    private int k = 1;
    private boolean persistent;
    private boolean meanFieldVisible;
    private int epochs = 10;
    private int batchSize = 100;
    private double learningRate = 0.1;
    private double momentum = 0.5;
    private double weightDecay;
    private LearningRateSchedule schedule;
    private ScheduleUnit scheduleUnit = ScheduleUnit.EPOCH;
    private long seed;
    private Consumer<EpochMetrics> listener = m -> { };

    /** CD-1, 10 epochs, batches of 100, learning rate 0.1, momentum 0.5, no weight decay, seed 0. */
    public ContrastiveDivergence() {
    }

    /** Gibbs sweeps per update, k ≥ 1 (CD-k, or PCD-k when persistent). */
    public ContrastiveDivergence k(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("ContrastiveDivergence: k (Gibbs sweeps per update) must be >= 1, got "
                    + k);
        }
        this.k = k;
        return this;
    }

    /** Persistent chains (PCD) instead of chains restarted at the data (CD). */
    public ContrastiveDivergence persistent(boolean on) {
        if (on && meanFieldVisible) {
            throw new IllegalArgumentException("ContrastiveDivergence: persistent chains must sample their visible "
                    + "states; turn meanFieldVisible off first");
        }
        this.persistent = on;
        return this;
    }

    /** Visible states of the negative chain are E[v | h] rather than samples (CD only). */
    public ContrastiveDivergence meanFieldVisible(boolean on) {
        if (on && persistent) {
            throw new IllegalArgumentException("ContrastiveDivergence: meanFieldVisible is for CD only (persistent "
                    + "chains must sample their visible states)");
        }
        this.meanFieldVisible = on;
        return this;
    }

    /** Passes over the data, ≥ 1. */
    public ContrastiveDivergence epochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("ContrastiveDivergence: epochs must be >= 1, got " + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    /** Rows per mini-batch (and persistent chains), ≥ 1. */
    public ContrastiveDivergence batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("ContrastiveDivergence: batchSize must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /** η &gt; 0 (the schedule's rate replaces it when one is set). */
    public ContrastiveDivergence learningRate(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("ContrastiveDivergence: learningRate must be finite and > 0, got "
                    + lr);
        }
        this.learningRate = lr;
        return this;
    }

    /** μ ∈ [0, 1). */
    public ContrastiveDivergence momentum(double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("ContrastiveDivergence: momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
        return this;
    }

    /** λ ≥ 0, L2 weight decay on W (not on the biases). */
    public ContrastiveDivergence weightDecay(double weightDecay) {
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("ContrastiveDivergence: weightDecay must be finite and >= 0, got "
                    + weightDecay);
        }
        this.weightDecay = weightDecay;
        return this;
    }

    /** η(t), with t counting epochs or updates. */
    public ContrastiveDivergence schedule(LearningRateSchedule schedule, ScheduleUnit unit) {
        if (schedule == null || unit == null) {
            throw new IllegalArgumentException("ContrastiveDivergence: schedule and its unit (EPOCH or STEP) must "
                    + "not be null");
        }
        this.schedule = schedule;
        this.scheduleUnit = unit;
        return this;
    }

    /** Seed of the mini-batch order, the Gibbs chains and the persistent chains' start. */
    public ContrastiveDivergence seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Called after every epoch with its metrics. */
    public ContrastiveDivergence listener(Consumer<EpochMetrics> listener) {
        if (listener == null) {
            throw new IllegalArgumentException("ContrastiveDivergence: listener must not be null");
        }
        this.listener = listener;
        return this;
    }

    public int k() {
        return k;
    }

    public boolean persistent() {
        return persistent;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    /** "CD-k" or "PCD-k". */
    public String name() {
        return (persistent ? "PCD-" : "CD-") + k;
    }

    /** Trains {@code rbm} on the rows of {@code data} [N, D]; returns the per-epoch metrics. */
    public TrainingHistory train(RestrictedBoltzmannMachine rbm, Tensor data) {
        rbm.checkVisible("fit", data);
        int n = data.shape(0);
        if (n < 1) {
            throw new IllegalArgumentException(name() + ": needs at least one training row, got 0");
        }
        Rng rng = new Rng(seed);
        List<Tensor> params = rbm.parameters();
        Sgd weights = new Sgd(params.subList(0, 1), learningRate, momentum, 0, false, weightDecay);
        Sgd biases = new Sgd(params.subList(1, params.size()), learningRate, momentum);
        Tensor[] grads = new Tensor[params.size()];
        for (int i = 0; i < grads.length; i++) {
            grads[i] = Tensor.zeros(params.get(i).shape());
        }
        Tensor chains = persistent ? rbm.sampleHidden(data.indexSelect(randomRows(n, batchSize, rng)), rng) : null;
        Tensor monitor = data.slice(0, 0, Math.min(n, MONITOR_ROWS));
        List<EpochMetrics> history = new ArrayList<>();
        int step = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long t0 = System.nanoTime();
            if (schedule != null && scheduleUnit == ScheduleUnit.EPOCH) {
                setRate(weights, biases, schedule.learningRate(epoch - 1));
            }
            int[] order = rng.permutation(n);
            for (int from = 0; from < n; from += batchSize) {
                if (schedule != null && scheduleUnit == ScheduleUnit.STEP) {
                    setRate(weights, biases, schedule.learningRate(step));
                }
                int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + batchSize));
                Tensor v0 = data.indexSelect(Indices.of(rows));
                chains = update(rbm, v0, chains, grads, rng);
                for (int i = 0; i < grads.length; i++) {
                    params.get(i).zeroGrad();
                    params.get(i).accumulateGrad(grads[i]);
                }
                weights.step();
                biases.step();
                step++;
            }
            rbm.zeroGrad();
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("reconstruction_error", reconstructionError(rbm, monitor, rng));
            values.put("lr", weights.learningRate());
            EpochMetrics m = new EpochMetrics(epoch, values, (System.nanoTime() - t0) / 1e9);
            history.add(m);
            listener.accept(m);
        }
        return new TrainingHistory(history, null, 0, Double.NaN, false);
    }

    /**
     * Fills {@code grads} with ⟨∂F/∂θ⟩_data − ⟨∂F/∂θ⟩_chains for the mini-batch {@code v0}; returns the persistent
     * chains' hidden states after this update (null for CD).
     */
    private Tensor update(RestrictedBoltzmannMachine rbm, Tensor v0, Tensor chains, Tensor[] grads, Rng rng) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor p0 = rbm.hiddenProbabilities(v0);
            rbm.addFreeEnergyGradient(v0, p0, 1f / v0.shape(0), grads, true);
            Tensor h = persistent ? chains : Units.bernoulli(p0, rng);
            Tensor v = null;
            Tensor p = null;
            for (int t = 0; t < k; t++) {
                v = meanFieldVisible ? rbm.visibleMean(h) : rbm.sampleVisible(h, rng);
                p = rbm.hiddenProbabilities(v);
                if (t < k - 1 || persistent) {
                    h = Units.bernoulli(t < k - 1 ? p : p.contiguousCopy(), rng);
                }
            }
            rbm.addFreeEnergyGradient(v, p, -1f / v.shape(0), grads, false);
            return persistent ? h : null;
        }
    }

    /** Mean over rows and visible units of (v − E[v | h])², h ~ p(h | v). */
    private static double reconstructionError(RestrictedBoltzmannMachine rbm, Tensor v, Rng rng) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return rbm.visibleMean(rbm.sampleHidden(v, rng)).sub(v).square().mean().item();
        }
    }

    private static void setRate(Sgd weights, Sgd biases, double lr) {
        weights.setLearningRate(lr);
        biases.setLearningRate(lr);
    }

    private static Indices randomRows(int n, int count, Rng rng) {
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) {
            rows[i] = rng.nextInt(n);
        }
        return Indices.of(rows);
    }
}

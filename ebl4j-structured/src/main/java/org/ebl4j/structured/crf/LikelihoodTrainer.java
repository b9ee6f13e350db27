package org.ebl4j.structured.crf;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.ebl4j.kernel.Threads;
import org.ebl4j.optim.Closure;
import org.ebl4j.optim.Lbfgs;
import org.ebl4j.optim.Optimizer;
import org.ebl4j.optim.OwlQn;
import org.ebl4j.tensor.Tensor;

/**
 * A conditional random field trained by maximum likelihood: minimises Σ_i [E(θ, Y^i, X^i) − F(θ, X^i)] + c₁‖θ‖₁ +
 * c₂‖θ‖² ({@link NegativeLogLikelihood}; Lafferty, McCallum &amp; Pereira 2001) over θ held in one tensor (float32
 * weights, float64 dot products). With c₁ = 0 (L2 only, the default) the optimiser is the library's L-BFGS
 * ({@link Lbfgs}, strong Wolfe line search); with c₁ &gt; 0 (L1, or the elastic net when c₂ &gt; 0 too) it is
 * OWL-QN ({@link OwlQn}, Andrew &amp; Gao 2007, as CRFsuite's {@code -p c1=...}), which leaves many weights exactly
 * zero. Stops as CRFsuite does: when the objective improved by less than a fraction {@code delta} of its value
 * over the last {@code period} iterations, or after {@code maxIterations}. The gradient is computed on
 * {@code threads} threads; the result does not depend on their number.
 *
 * <p>Why not a separate double[] L-BFGS: on CoNLL-2000 chunking (82,725 weights, 6 pairs) the optimiser's own work
 * (two-loop recursion, copies between the tensor and the objective's double[]) measured about 5% of the training
 * time, the rest being forward-backward; the CRF reaches the same chunk F1 as CRFsuite's double-precision L-BFGS.
 */
public final class LikelihoodTrainer extends CrfTrainer {
    private final double c1;
    private final double c2;
    private final int maxIterations;
    private final double delta;
    private final int period;
    private final int history;
    private final int threads;

    /** c₂ = 1 (CRFsuite's default), at most 1000 iterations, delta 1e-5 over 10 iterations, 6 pairs, all threads. */
    public LikelihoodTrainer() {
        this(1, 1000, 1e-5, 10, 6, Threads.count());
    }

    /** L2 only (c₁ = 0): see {@link #LikelihoodTrainer(double, double, int, double, int, int, int)}. */
    public LikelihoodTrainer(double c2, int maxIterations, double delta, int period, int history, int threads) {
        this(0, c2, maxIterations, delta, period, history, threads);
    }

    /**
     * @param c1            L1 coefficient ≥ 0 (0: L-BFGS, &gt; 0: OWL-QN)
     * @param c2            L2 coefficient ≥ 0
     * @param maxIterations ≥ 1
     * @param delta         relative improvement over {@code period} iterations below which training stops, ≥ 0
     * @param period        ≥ 1
     * @param history       L-BFGS pairs kept, ≥ 1
     * @param threads       ≥ 1
     */
    public LikelihoodTrainer(double c1, double c2, int maxIterations, double delta, int period, int history,
                             int threads) {
        if (!(c1 >= 0) || !Double.isFinite(c1) || !(c2 >= 0) || !Double.isFinite(c2) || maxIterations < 1
                || !(delta >= 0) || period < 1 || history < 1 || threads < 1) {
            throw new IllegalArgumentException("LikelihoodTrainer: need c1 >= 0 and c2 >= 0 (finite), maxIterations "
                    + ">= 1, delta >= 0, period >= 1, history >= 1 and threads >= 1; got c1=" + c1 + ", c2=" + c2
                    + ", maxIterations=" + maxIterations + ", delta=" + delta + ", period=" + period + ", history="
                    + history + ", threads=" + threads);
        }
        this.c1 = c1;
        this.c2 = c2;
        this.maxIterations = maxIterations;
        this.delta = delta;
        this.period = period;
        this.history = history;
        this.threads = threads;
    }

    @Override
    public String name() {
        return "crf";
    }

    @Override
    LinearChainCrf learn(FeatureSpace space, List<EncodedSequence> enc) {
        NegativeLogLikelihood nll = new NegativeLogLikelihood(space, enc, c2, threads);
        int n = space.size();
        Tensor w = Tensor.zeros(n).requiresGrad(true);
        Objective objective = new Objective(nll, w);
        // step runs at most `period` iterations and re-evaluates its start point, which the objective remembers:
        // the blocks cost no extra evaluation
        Optimizer optimizer;
        LongSupplier iterations;
        if (c1 > 0) {
            OwlQn owlqn = new OwlQn(List.of(w), c1, 1, period, 0, 0, history);
            optimizer = owlqn;
            iterations = owlqn::iterations;
        } else {
            Lbfgs lbfgs = new Lbfgs(List.of(w), 1, period, 0, 0, history, Lbfgs.LineSearch.STRONG_WOLFE);
            optimizer = lbfgs;
            iterations = lbfgs::iterations;
        }
        long t0 = System.nanoTime();
        double before = Double.NaN;
        while (iterations.getAsLong() < maxIterations) {
            long start = iterations.getAsLong();
            double f = optimizer.step(objective);
            progress.accept(String.format(Locale.ROOT, "crf: iteration %d, loss %.4f, %d evaluations, %.2f s",
                    iterations.getAsLong(), f, objective.evaluations, (System.nanoTime() - t0) / 1e9));
            if (iterations.getAsLong() == start || (before - f) < delta * Math.abs(f)) {
                break;
            }
            before = f;
        }
        float[] x = w.toArray();
        double[] theta = new double[n];
        for (int j = 0; j < n; j++) {
            theta[j] = x[j];
        }
        return new LinearChainCrf(space, theta);
    }

    /** The closure L-BFGS evaluates: the NLL at the parameter tensor's values, remembering the last point. */
    private static final class Objective implements Closure {
        private final NegativeLogLikelihood nll;
        private final Tensor w;
        private final double[] theta;
        private final double[] grad;
        private float[] lastX;
        private float[] lastGrad;
        private double lastF;
        private long evaluations;

        Objective(NegativeLogLikelihood nll, Tensor w) {
            this.nll = nll;
            this.w = w;
            this.theta = new double[w.numel()];
            this.grad = new double[w.numel()];
        }

        @Override
        public double evaluate() {
            float[] x = w.toArray();
            if (!Arrays.equals(x, lastX)) {
                for (int j = 0; j < x.length; j++) {
                    theta[j] = x[j];
                }
                lastF = nll.evaluate(theta, grad);
                lastGrad = new float[x.length];
                for (int j = 0; j < x.length; j++) {
                    lastGrad[j] = (float) grad[j];
                }
                lastX = x;
                evaluations++;
            }
            w.zeroGrad();
            w.accumulateGrad(Tensor.of(lastGrad, x.length));
            return lastF;
        }
    }
}

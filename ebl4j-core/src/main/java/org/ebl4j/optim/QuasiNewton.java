package org.ebl4j.optim;

import java.util.List;
import java.util.Map;

import org.ebl4j.tensor.Tensor;

/**
 * What L-BFGS ({@link Lbfgs}) and OWL-QN ({@link OwlQn}) share: the parameters as one flat vector, the limited
 * history of (s, y) pairs (Nocedal 1980), the stopping settings per {@link #step(Closure)}, the iteration and
 * evaluation counters, and the state a checkpoint keeps. Both re-evaluate the loss in their line searches, so they
 * run only through {@link #step(Closure)}.
 */
public abstract class QuasiNewton extends Optimizer {
    final int maxIterations;
    final int maxEvaluations;
    final double gradientTolerance;
    final double changeTolerance;
    final FlatParameters flat;
    final int size;
    final LbfgsHistory history;
    long iterations;
    long evaluations;

    QuasiNewton(String name, List<Tensor> params, double lr, int maxIterations, double gradientTolerance,
                double changeTolerance, int historySize) {
        super(name, params, Settings.positive(name, "learning rate lr", lr));
        this.maxIterations = Settings.atLeast(name, "maxIterations", maxIterations, 1);
        this.maxEvaluations = maxIterations + maxIterations / 4;
        this.gradientTolerance = Settings.nonNegative(name, "gradientTolerance", gradientTolerance);
        this.changeTolerance = Settings.nonNegative(name, "changeTolerance", changeTolerance);
        this.flat = new FlatParameters(name, parameters());
        this.size = flat.size();
        this.history = new LbfgsHistory(size, Settings.atLeast(name, "historySize", historySize, 1));
    }

    /** Quasi-Newton methods re-evaluate the loss in their line search: use {@link #step(Closure)}. */
    @Override
    protected final void update() {
        throw new UnsupportedOperationException(name() + ".step(): the line search re-evaluates the loss; call "
                + "step(Closure) with a closure that recomputes the loss and its gradients");
    }

    @Override
    protected final void saveState(Map<String, Tensor> tensors, Map<String, String> values) {
        values.put("iterations", Long.toString(iterations));
        values.put("evaluations", Long.toString(evaluations));
        history.save(tensors, values);
    }

    @Override
    protected final void restoreState(OptimizerState state) {
        history.restore(this, state);
        iterations = Long.parseLong(value(state, "iterations"));
        evaluations = Long.parseLong(value(state, "evaluations"));
    }

    /** Iterations (line searches) run so far, over all steps. */
    public final long iterations() {
        return iterations;
    }

    /** Closure evaluations so far, over all steps. */
    public final long evaluations() {
        return evaluations;
    }
}

package org.ebl4j.optim;

import static org.ebl4j.optim.FlatParameters.dot;
import static org.ebl4j.optim.FlatParameters.maxAbs;
import static org.ebl4j.optim.FlatParameters.sumAbs;

import java.util.List;
import java.util.Map;

import org.ebl4j.tensor.Tensor;

/**
 * Orthant-wise limited-memory quasi-Newton, OWL-QN (Andrew &amp; Gao, "Scalable training of L1-regularized
 * log-linear models", ICML 2007): minimises F(x) = f(x) + C‖x‖₁ over all parameters flattened into one vector x,
 * where the closure computes the smooth part f and its gradient ∇f. F is differentiable inside each orthant, where
 * the L1 term is linear, and OWL-QN runs L-BFGS there:
 * <ul>
 *   <li>the pseudo-gradient ◇F takes the place of ∇F: ◇ᵢF = ∂ᵢf + C·sign(xᵢ) where xᵢ ≠ 0; where xᵢ = 0, the
 *       one-sided derivative ∂ᵢf + C if it is negative, ∂ᵢf − C if it is positive, and 0 otherwise (−◇F is the
 *       direction of steepest descent of F);</li>
 *   <li>the direction d = −H◇F comes from the two-loop recursion over pairs of ∇f differences ({@link LbfgsHistory}:
 *       the L1 term adds nothing to the curvature) and is projected: dᵢ = 0 wherever dᵢ does not have the sign of
 *       −◇ᵢF;</li>
 *   <li>the step stays in the orthant ξ, ξᵢ = sign(xᵢ), or sign(−◇ᵢF) where xᵢ = 0: each trial point of the
 *       backtracking line search is projected onto it, x(t)ᵢ = 0 where xᵢ + t·dᵢ has left it, which is how
 *       coordinates become exactly zero; t is halved until F(x(t)) ≤ F(x) + c₁◇Fᵀ(x(t) − x), c₁ = 1e-4.</li>
 * </ul>
 * With C = 0 there is no orthant to respect and OWL-QN is L-BFGS with {@link Lbfgs.LineSearch#BACKTRACKING}.
 *
 * <p>Step lengths, stopping rules and state follow {@link Lbfgs}: the first trial step is lr, or lr·min(1,
 * 1/‖◇F‖₁) with an empty history; {@link #step(Closure)} runs up to {@code maxIterations} iterations and stops
 * early when max|◇F| ≤ {@code gradientTolerance}, when max|t·d| or |ΔF| falls below {@code changeTolerance}, or once
 * its closure evaluations reach 5/4 of {@code maxIterations}. State: the history pairs and the counters
 * "iterations", "evaluations".
 */
public final class OwlQn extends Optimizer {
    private static final double C1 = 1e-4;
    private static final int MAX_LINE_SEARCH = 25;

    private final double c;
    private final int maxIterations;
    private final int maxEvaluations;
    private final double gradientTolerance;
    private final double changeTolerance;
    private final FlatParameters flat;
    private final int size;
    private final LbfgsHistory history;
    private long iterations;
    private long evaluations;

    /** lr 1, 20 iterations per step, history 100, tolerances 1e-7 (pseudo-gradient) and 1e-9 (change). */
    public OwlQn(List<Tensor> params, double c) {
        this(params, c, 1, 20, 1e-7, 1e-9, 100);
    }

    /**
     * @param c                 the L1 coefficient C ≥ 0
     * @param lr                first trial step length &gt; 0
     * @param maxIterations     iterations per {@link #step(Closure)}, ≥ 1
     * @param gradientTolerance stop when max|◇F| ≤ this (≥ 0)
     * @param changeTolerance   stop when max|t·d| or |ΔF| is below this (≥ 0)
     * @param historySize       m ≥ 1, pairs kept
     */
    public OwlQn(List<Tensor> params, double c, double lr, int maxIterations, double gradientTolerance,
                 double changeTolerance, int historySize) {
        super("OwlQn", params, Settings.positive("OwlQn", "learning rate lr", lr));
        this.c = Settings.nonNegative("OwlQn", "L1 coefficient C", c);
        this.maxIterations = Settings.atLeast("OwlQn", "maxIterations", maxIterations, 1);
        this.maxEvaluations = maxIterations + maxIterations / 4;
        this.gradientTolerance = Settings.nonNegative("OwlQn", "gradientTolerance", gradientTolerance);
        this.changeTolerance = Settings.nonNegative("OwlQn", "changeTolerance", changeTolerance);
        this.flat = new FlatParameters("OwlQn", parameters());
        this.size = flat.size();
        this.history = new LbfgsHistory(size, Settings.atLeast("OwlQn", "historySize", historySize, 1));
    }

    /** OWL-QN re-evaluates the loss in its line search: use {@link #step(Closure)}. */
    @Override
    protected void update() {
        throw new UnsupportedOperationException("OwlQn.step(): OWL-QN re-evaluates the loss during its line search; "
                + "call step(Closure) with a closure that recomputes the smooth loss f and its gradients");
    }

    /**
     * Runs OWL-QN iterations from the current parameters; leaves the parameters at the last accepted point (then
     * applies the constraints) and returns F = f + C‖x‖₁ there. The closure computes f alone; the parameters'
     * gradients are those of its last evaluation (∇f).
     */
    @Override
    public double step(Closure closure) {
        long evaluationsBefore = evaluations;
        Point here = new Point(0, flat.read(), closure.evaluate(), flat.readGrad());
        evaluations++;
        for (int it = 0; it < maxIterations && maxAbs(here.v) > gradientTolerance; it++) {
            double[] d = history.direction(here.v);
            if (c > 0) {
                // keep only the components that descend along −◇F
                for (int i = 0; i < size; i++) {
                    if (d[i] * here.v[i] >= 0) {
                        d[i] = 0;
                    }
                }
            }
            if (dot(here.v, d) > -changeTolerance) {
                break;
            }
            double t0 = history.isEmpty() ? learningRate() * Math.min(1, 1 / sumAbs(here.v)) : learningRate();
            Point next = backtracking(closure, here, d, t0);
            iterations++;
            if (next == here) {
                break;
            }
            history.remember(next.x, here.x, next.g, here.g);
            boolean small = next.t * maxAbs(d) <= changeTolerance || Math.abs(next.f - here.f) < changeTolerance;
            here = next;
            if (small || evaluations - evaluationsBefore >= maxEvaluations) {
                break;
            }
        }
        flat.write(here.x);
        applyConstraints();
        return here.f;
    }

    /** A point x(t) with F, ∇f and ◇F there. */
    private final class Point {
        final double t;
        final float[] x;
        final double f;
        final float[] g;
        final float[] v;

        /** From the smooth part's value and gradient at x. */
        Point(double t, float[] x, double smooth, float[] g) {
            this.t = t;
            this.x = x;
            this.g = g;
            double l1 = 0;
            for (float xi : x) {
                l1 += Math.abs(xi);
            }
            this.f = smooth + c * l1;
            this.v = pseudoGradient(x, g);
        }
    }

    /** ◇F at x given ∇f; ∇f itself when C = 0. */
    private float[] pseudoGradient(float[] x, float[] g) {
        if (c == 0) {
            return g;
        }
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            if (x[i] != 0) {
                v[i] = (float) (g[i] + Math.copySign(c, x[i]));
            } else if (g[i] + c < 0) {
                v[i] = (float) (g[i] + c);
            } else if (g[i] - c > 0) {
                v[i] = (float) (g[i] - c);
            }
        }
        return v;
    }

    /**
     * Halves t from t0 until F(x(t)) ≤ F(x) + c₁◇Fᵀ(x(t) − x), x(t) projected on the orthant ξ; returns
     * {@code start} after 25 failures.
     */
    private Point backtracking(Closure closure, Point start, double[] d, double t0) {
        double t = t0;
        for (int trial = 0; trial < MAX_LINE_SEARCH; trial++, t /= 2) {
            float[] x = new float[size];
            double decrease = 0;
            for (int i = 0; i < size; i++) {
                x[i] = (float) (start.x[i] + t * d[i]);
                float orthant = start.x[i] != 0 ? Math.signum(start.x[i]) : -Math.signum(start.v[i]);
                if (c > 0 && x[i] * orthant <= 0) {
                    x[i] = 0;
                }
                decrease += (double) start.v[i] * (x[i] - start.x[i]);
            }
            flat.write(x);
            double smooth = closure.evaluate();
            evaluations++;
            Point p = new Point(t, x, smooth, flat.readGrad());
            if (p.f <= start.f + C1 * decrease) {
                return p;
            }
        }
        return start;
    }

    // ---------------------------------------------------------------- state

    @Override
    protected void saveState(Map<String, Tensor> tensors, Map<String, String> values) {
        values.put("iterations", Long.toString(iterations));
        values.put("evaluations", Long.toString(evaluations));
        history.save(tensors, values);
    }

    @Override
    protected void restoreState(OptimizerState state) {
        history.restore(this, state);
        iterations = Long.parseLong(value(state, "iterations"));
        evaluations = Long.parseLong(value(state, "evaluations"));
    }

    /** C, the L1 coefficient. */
    public double l1() {
        return c;
    }

    /** Iterations (line searches) run so far, over all steps. */
    public long iterations() {
        return iterations;
    }

    /** Closure evaluations so far, over all steps. */
    public long evaluations() {
        return evaluations;
    }
}

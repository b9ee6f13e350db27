package org.ebl4j.optim;

import static org.ebl4j.optim.FlatParameters.dot;
import static org.ebl4j.optim.FlatParameters.maxAbs;
import static org.ebl4j.optim.FlatParameters.sumAbs;

import java.util.List;

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
public final class OwlQn extends QuasiNewton {
    private static final double C1 = 1e-4;
    private static final int MAX_LINE_SEARCH = 25;

    private final double c;

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
        super("OwlQn", params, lr, maxIterations, gradientTolerance, changeTolerance, historySize);
        this.c = Settings.nonNegative("OwlQn", "L1 coefficient C", c);
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

    /** C, the L1 coefficient. */
    public double l1() {
        return c;
    }
}

package org.ebl4j.optim;

import static org.ebl4j.optim.FlatParameters.dot;
import static org.ebl4j.optim.FlatParameters.maxAbs;
import static org.ebl4j.optim.FlatParameters.sumAbs;

import java.util.List;

import org.ebl4j.tensor.Tensor;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., Algorithm 7.5) over all parameters
 * flattened into one vector x. The search direction d = −H∇f comes from the two-loop recursion (Algorithm 7.4) over
 * the last m pairs sₖ = xₖ₊₁ − xₖ, yₖ = ∇fₖ₊₁ − ∇fₖ with H₀ = γI, γ = sᵀy / yᵀy; a pair is kept only when
 * sᵀy &gt; 1e-10 so that H stays positive definite ({@link LbfgsHistory}, shared with {@link OwlQn}). The step
 * length t along d comes from a line search:
 * <ul>
 *   <li>{@link LineSearch#STRONG_WOLFE}: bracketing and zoom with cubic interpolation (Algorithms 3.5 and 3.6),
 *       accepting t with f(x + td) ≤ f(x) + c₁t∇fᵀd and |∇f(x + td)ᵀd| ≤ c₂|∇fᵀd|, c₁ = 1e-4, c₂ = 0.9;</li>
 *   <li>{@link LineSearch#BACKTRACKING}: t halved until the Armijo condition f(x + td) ≤ f(x) + c₁t∇fᵀd holds.</li>
 * </ul>
 * The first trial step is the learning rate (1 is the natural choice for a quasi-Newton method), except with an
 * empty history where d = −∇f and t starts at lr·min(1, 1/‖∇f‖₁) as in torch.optim.LBFGS.
 *
 * <p>{@link #step(Closure)} runs up to {@code maxIterations} iterations and stops early when max|∇f| ≤
 * {@code gradientTolerance}, or when the step max|t·d| or the loss change falls below {@code changeTolerance}.
 * It also stops after the iteration during which its closure evaluations (line-search trials included, at most 25
 * per search) reach 5/4 of {@code maxIterations}, torch's default {@code max_eval}. Vectors are float32 like the
 * parameters; dot products are accumulated in float64. State: the history pairs "history.k.s", "history.k.y"
 * (k = 0 oldest) and the counters "iterations", "evaluations".
 */
public final class Lbfgs extends QuasiNewton {
    /** How the step length along the quasi-Newton direction is chosen. */
    public enum LineSearch { STRONG_WOLFE, BACKTRACKING }

    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_LINE_SEARCH = 25;

    private final LineSearch lineSearch;

    /** lr 1, 20 iterations per step, history 100, tolerances 1e-7 (gradient) and 1e-9 (change), strong Wolfe. */
    public Lbfgs(List<Tensor> params) {
        this(params, 1, 20, 1e-7, 1e-9, 100, LineSearch.STRONG_WOLFE);
    }

    /**
     * @param lr                first trial step length &gt; 0
     * @param maxIterations     iterations per {@link #step(Closure)}, ≥ 1
     * @param gradientTolerance stop when max|∇f| ≤ this (≥ 0)
     * @param changeTolerance   stop when max|t·d| or |Δf| is below this (≥ 0)
     * @param historySize       m ≥ 1, pairs kept
     * @param lineSearch        the step-length rule
     */
    public Lbfgs(List<Tensor> params, double lr, int maxIterations, double gradientTolerance, double changeTolerance,
                 int historySize, LineSearch lineSearch) {
        super("Lbfgs", params, lr, maxIterations, gradientTolerance, changeTolerance, historySize);
        if (lineSearch == null) {
            throw new IllegalArgumentException("Lbfgs: lineSearch must be one of " + List.of(LineSearch.values()));
        }
        this.lineSearch = lineSearch;
    }


    /**
     * Runs L-BFGS iterations from the current parameters; leaves the parameters at the last accepted point (then
     * applies the constraints) and returns the loss there. The parameters' gradients are those of the closure's
     * last evaluation.
     */
    @Override
    public double step(Closure closure) {
        long evaluationsBefore = evaluations;
        Point here = new Point(0, flat.read(), closure.evaluate(), flat.readGrad());
        evaluations++;
        for (int it = 0; it < maxIterations && maxAbs(here.g) > gradientTolerance; it++) {
            double[] d = history.direction(here.g);
            double slope = dot(here.g, d);
            if (slope > -changeTolerance) {
                break;
            }
            double t0 = history.isEmpty() ? learningRate() * Math.min(1, 1 / sumAbs(here.g)) : learningRate();
            Point start = new Point(0, here.x, here.f, here.g).withSlope(slope);
            Point next = lineSearch == LineSearch.STRONG_WOLFE
                    ? strongWolfe(closure, start, d, t0) : backtracking(closure, start, d, t0);
            iterations++;
            if (next.t == 0) {
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

    // ---------------------------------------------------------------- line searches

    /** A trial point x + t·d with its loss f, gradient g and directional derivative ∇fᵀd. */
    private static final class Point {
        final double t;
        final float[] x;
        final double f;
        final float[] g;
        double slope;

        Point(double t, float[] x, double f, float[] g) {
            this.t = t;
            this.x = x;
            this.f = f;
            this.g = g;
        }

        Point withSlope(double s) {
            slope = s;
            return this;
        }
    }

    private Point probe(Closure closure, Point start, double[] d, double t) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (start.x[i] + t * d[i]);
        }
        flat.write(x);
        double f = closure.evaluate();
        evaluations++;
        float[] g = flat.readGrad();
        return new Point(t, x, f, g).withSlope(dot(g, d));
    }

    private static boolean armijo(Point start, Point p) {
        return p.f <= start.f + C1 * p.t * start.slope;
    }

    /** Halves t from t0 until the Armijo condition holds; returns {@code start} (t = 0) after 25 failures. */
    private Point backtracking(Closure closure, Point start, double[] d, double t0) {
        double t = t0;
        for (int i = 0; i < MAX_LINE_SEARCH; i++, t /= 2) {
            Point p = probe(closure, start, d, t);
            if (armijo(start, p)) {
                return p;
            }
        }
        return start;
    }

    /** Nocedal &amp; Wright Algorithm 3.5: grows t until a strong-Wolfe point or a bracket for {@link #zoom}. */
    private Point strongWolfe(Closure closure, Point start, double[] d, double t0) {
        Point prev = start;
        double t = t0;
        for (int i = 0; i < MAX_LINE_SEARCH; i++) {
            Point p = probe(closure, start, d, t);
            if (!armijo(start, p) || (i > 0 && p.f >= prev.f)) {
                return zoom(closure, start, d, prev, p, MAX_LINE_SEARCH - i - 1);
            }
            if (Math.abs(p.slope) <= -C2 * start.slope) {
                return p;
            }
            if (p.slope >= 0) {
                return zoom(closure, start, d, p, prev, MAX_LINE_SEARCH - i - 1);
            }
            t = cubicMinimum(prev, p, t + 0.01 * (t - prev.t), 10 * t);
            prev = p;
        }
        return prev;
    }

    /**
     * Nocedal &amp; Wright Algorithm 3.6: {@code lo} satisfies Armijo with the lowest loss so far, and the interval
     * between lo.t and hi.t contains strong-Wolfe points. Returns the point found, or {@code lo} when the budget or
     * the interval (|Δt|·max|d| below the change tolerance) runs out.
     */
    private Point zoom(Closure closure, Point start, double[] d, Point lo, Point hi, int budget) {
        double dMax = maxAbs(d);
        for (int i = 0; i < budget && Math.abs(hi.t - lo.t) * dMax >= changeTolerance; i++) {
            double a = Math.min(lo.t, hi.t);
            double b = Math.max(lo.t, hi.t);
            double t = cubicMinimum(lo, hi, a, b);
            double margin = 0.1 * (b - a);
            if (t - a < margin || b - t < margin) {
                t = (a + b) / 2;
            }
            Point p = probe(closure, start, d, t);
            if (!armijo(start, p) || p.f >= lo.f) {
                hi = p;
            } else {
                if (Math.abs(p.slope) <= -C2 * start.slope) {
                    return p;
                }
                if (p.slope * (hi.t - lo.t) >= 0) {
                    hi = lo;
                }
                lo = p;
            }
        }
        return lo;
    }

    /**
     * Minimiser in [lo, hi] of the cubic matching f and f' at points a and b (Nocedal &amp; Wright eq. 3.59); the
     * midpoint when the cubic has no minimum.
     */
    private static double cubicMinimum(Point a, Point b, double lo, double hi) {
        double d1 = a.slope + b.slope - 3 * (a.f - b.f) / (a.t - b.t);
        double disc = d1 * d1 - a.slope * b.slope;
        if (disc >= 0) {
            double d2 = Math.signum(b.t - a.t) * Math.sqrt(disc);
            double t = b.t - (b.t - a.t) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2);
            if (Double.isFinite(t)) {
                return Math.min(Math.max(t, lo), hi);
            }
        }
        return (lo + hi) / 2;
    }
}

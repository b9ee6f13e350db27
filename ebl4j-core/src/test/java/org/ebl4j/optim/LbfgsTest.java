package org.ebl4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LbfgsTest {
    /** Calls {@code step(closure)} until the loss stops changing; returns the number of calls. */
    private static int minimise(Lbfgs lbfgs, Closure closure, int maxCalls) {
        double previous = Double.POSITIVE_INFINITY;
        for (int call = 1; call <= maxCalls; call++) {
            double loss = lbfgs.step(closure);
            if (loss == previous) {
                return call;
            }
            previous = loss;
        }
        return maxCalls;
    }

    private static Closure rosenbrock(Optimizer opt, Tensor p) {
        return () -> {
            opt.zeroGrad();
            Tensor f = Problems.rosenbrock(p);
            f.backward();
            return f.item();
        };
    }

    @Test
    void strongWolfeReachesTheRosenbrockMinimum() {
        Tensor p = Tensor.vector(-1.2f, 1).requiresGrad(true);
        Lbfgs lbfgs = new Lbfgs(List.of(p));
        int calls = minimise(lbfgs, rosenbrock(lbfgs, p), 20);
        assertEquals(1, p.get(0), 1e-4, "x after " + calls + " steps, " + lbfgs.evaluations() + " evaluations");
        assertEquals(1, p.get(1), 1e-4, "y");
        assertTrue(lbfgs.evaluations() < 200, "evaluations " + lbfgs.evaluations());
    }

    @Test
    void backtrackingArmijoReachesTheRosenbrockMinimum() {
        Tensor p = Tensor.vector(-1.2f, 1).requiresGrad(true);
        Lbfgs lbfgs = new Lbfgs(List.of(p), 1, 50, 1e-7, 1e-12, 10, Lbfgs.LineSearch.BACKTRACKING);
        minimise(lbfgs, rosenbrock(lbfgs, p), 40);
        assertEquals(1, p.get(0), 1e-4);
        assertEquals(1, p.get(1), 1e-4);
    }

    @Test
    void solvesLinearLeastSquaresToTheNormalEquationsSolution() {
        for (Lbfgs.LineSearch search : Lbfgs.LineSearch.values()) {
            Problems.LeastSquares ls = new Problems.LeastSquares(40, 5, 11);
            Tensor w = Tensor.zeros(5, 1).requiresGrad(true);
            Lbfgs lbfgs = new Lbfgs(List.of(w), 1, 20, 1e-7, 1e-9, 10, search);
            minimise(lbfgs, () -> {
                lbfgs.zeroGrad();
                Tensor l = ls.loss(w);
                l.backward();
                return l.item();
            }, 5);
            double[] best = ls.solution();
            for (int i = 0; i < best.length; i++) {
                assertEquals(best[i], w.get(i, 0), 1e-4, search + " component " + i);
            }
        }
    }

    @Test
    void quadraticIsSolvedInAboutDimensionManyIterations() {
        // On a strictly convex quadratic in n dimensions, BFGS with exact-enough line searches terminates in about
        // n iterations (Nocedal & Wright §6.1); allow twice that.
        Problems.LeastSquares ls = new Problems.LeastSquares(40, 5, 3);
        Tensor w = Tensor.zeros(5, 1).requiresGrad(true);
        Lbfgs lbfgs = new Lbfgs(List.of(w), 1, 100, 1e-6, 0, 10, Lbfgs.LineSearch.STRONG_WOLFE);
        lbfgs.step(() -> {
            lbfgs.zeroGrad();
            Tensor l = ls.loss(w);
            l.backward();
            return l.item();
        });
        assertTrue(lbfgs.iterations() <= 10, "iterations " + lbfgs.iterations());
        double[] best = ls.solution();
        for (int i = 0; i < best.length; i++) {
            assertEquals(best[i], w.get(i, 0), 1e-4, "component " + i);
        }
    }

    @Test
    void stepWithoutClosureIsRefused() {
        Tensor p = Tensor.vector(1, 2).requiresGrad(true);
        Lbfgs lbfgs = new Lbfgs(List.of(p));
        Problems.setGrad(p, 1, 1);
        String msg = assertThrows(UnsupportedOperationException.class, lbfgs::step).getMessage();
        assertTrue(msg.contains("step(Closure)"), msg);
    }

    @Test
    void badSettingsAreRejectedWithTheirRange() {
        List<Tensor> p = List.of(Tensor.zeros(2).requiresGrad(true));
        String history = assertThrows(IllegalArgumentException.class,
                () -> new Lbfgs(p, 1, 20, 1e-7, 1e-9, 0, Lbfgs.LineSearch.STRONG_WOLFE)).getMessage();
        assertTrue(history.contains("historySize") && history.contains(">= 1"), history);
        String lr = assertThrows(IllegalArgumentException.class,
                () -> new Lbfgs(p, 0, 20, 1e-7, 1e-9, 10, Lbfgs.LineSearch.STRONG_WOLFE)).getMessage();
        assertTrue(lr.contains("lr") && lr.contains("> 0"), lr);
        assertThrows(IllegalArgumentException.class,
                () -> new Lbfgs(p, 1, 0, 1e-7, 1e-9, 10, Lbfgs.LineSearch.STRONG_WOLFE));
        assertThrows(IllegalArgumentException.class,
                () -> new Lbfgs(p, 1, 20, -1, 1e-9, 10, Lbfgs.LineSearch.STRONG_WOLFE));
        String search = assertThrows(IllegalArgumentException.class,
                () -> new Lbfgs(p, 1, 20, 1e-7, 1e-9, 10, null)).getMessage();
        assertTrue(search.contains("STRONG_WOLFE") && search.contains("BACKTRACKING"), search);
    }
}

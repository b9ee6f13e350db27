package org.ebl4j.autodiff;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Finite-difference check of reverse-mode gradients (EBLearn's module_tester, torch.autograd.gradcheck).
 *
 * <p>The function's output is projected on a fixed random direction r, L(x) = Σ r·f(x), summed in float64.
 * The analytic gradient dL/dx (back-propagating r) is compared with central differences
 * (L(x + h e_j) − L(x − h e_j)) / 2h for every input element j; an element passes when
 * |analytic − numeric| ≤ atol + rtol·|numeric|.
 */
public final class GradCheck {
    private GradCheck() {
    }

    /** Outcome: worst absolute error, where it was, and whether all elements were within tolerance. */
    public record Result(boolean passed, double maxAbsError, String worst, int checked) {
        @Override
        public String toString() {
            return (passed ? "passed" : "FAILED") + " (" + checked + " elements, max |error| " + maxAbsError + " at "
                    + worst + ")";
        }
    }

    /** Defaults suited to float32: h = 1e-2, atol = 1e-3, rtol = 1e-2. */
    public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(f, 1e-2, 1e-3, 1e-2, inputs);
    }

    public static Result check(Function<Tensor[], Tensor> f, double h, double atol, double rtol, Tensor... inputs) {
        for (Tensor x : inputs) {
            if (!x.isContiguous() || x.gradFn() != null) {
                throw new IllegalArgumentException("GradCheck: inputs must be contiguous leaf tensors");
            }
            x.requiresGrad(true);
        }
        Tensor out = f.apply(inputs);
        Tensor r = new Rng(12345).uniform(-1f, 1f, out.shape());
        Tensor[] analytic = Autodiff.grad(List.of(out), List.of(r), List.of(inputs), false);
        double worstErr = 0;
        String worst = "-";
        boolean ok = true;
        int checked = 0;
        for (int i = 0; i < inputs.length; i++) {
            FloatBuffer d = inputs[i].storage().buffer();
            int base = inputs[i].offset();
            float[] a = analytic[i].toArray();
            for (int j = 0; j < a.length; j++) {
                float saved = d.get(base + j);
                d.put(base + j, (float) (saved + h));
                double plus = project(f, inputs, r);
                d.put(base + j, (float) (saved - h));
                double minus = project(f, inputs, r);
                d.put(base + j, saved);
                double numeric = (plus - minus) / (2 * h);
                double err = Math.abs(a[j] - numeric);
                checked++;
                if (err > atol + rtol * Math.abs(numeric)) {
                    ok = false;
                }
                if (err > worstErr) {
                    worstErr = err;
                    worst = "input " + i + " element " + j + " (analytic " + a[j] + ", numeric " + numeric + ")";
                }
            }
        }
        return new Result(ok, worstErr, worst, checked);
    }

    /**
     * Checks second derivatives: the gradient of f (computed with {@code createGraph}) is itself checked
     * against finite differences.
     */
    public static Result checkSecondOrder(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Function<Tensor[], Tensor> gradOfF = xs -> {
            // the first derivative needs a graph even when the checker evaluates under noGrad
            try (Autodiff.Scope s = Autodiff.enableGrad()) {
                Tensor out = f.apply(xs);
                Tensor r = new Rng(777).uniform(-1f, 1f, out.shape());
                Tensor[] gs = Autodiff.grad(List.of(out), List.of(r), List.of(xs), true);
                List<Tensor> flat = new ArrayList<>();
                for (Tensor g : gs) {
                    flat.add(g.reshape(-1));
                }
                return Tensor.cat(flat, 0);
            }
        };
        return check(gradOfF, inputs);
    }

    private static double project(Function<Tensor[], Tensor> f, Tensor[] inputs, Tensor r) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            float[] y = f.apply(inputs).toArray();
            float[] w = r.toArray();
            double acc = 0;
            for (int k = 0; k < y.length; k++) {
                acc += (double) y[k] * w[k];
            }
            return acc;
        }
    }
}

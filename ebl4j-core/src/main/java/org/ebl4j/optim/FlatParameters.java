package org.ebl4j.optim;

import java.util.List;

import org.ebl4j.tensor.Tensor;

/**
 * All parameters of an optimiser flattened into one float32 vector x (in the order given), for the quasi-Newton
 * methods ({@link Lbfgs}, {@link OwlQn}) that work on x as a whole; and the float64-accumulated vector operations
 * they use.
 */
final class FlatParameters {
    private final List<Tensor> params;
    private final int size;

    /** Fails, naming {@code owner}, when the parameters do not fit one Java array. */
    FlatParameters(String owner, List<Tensor> params) {
        long n = 0;
        for (Tensor p : params) {
            n += p.numel();
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(owner + ": " + n + " parameter values exceed one Java array");
        }
        this.params = params;
        this.size = (int) n;
    }

    /** The length of x. */
    int size() {
        return size;
    }

    float[] read() {
        float[] x = new float[size];
        int at = 0;
        for (Tensor p : params) {
            p.storage().buffer().get(p.offset(), x, at, p.numel());
            at += p.numel();
        }
        return x;
    }

    void write(float[] x) {
        int at = 0;
        for (Tensor p : params) {
            p.storage().buffer().put(p.offset(), x, at, p.numel());
            at += p.numel();
        }
    }

    /** The gradients flattened; zeros for a parameter without one. */
    float[] readGrad() {
        float[] g = new float[size];
        int at = 0;
        for (Tensor p : params) {
            if (p.grad() != null) {
                Tensor c = Optimizer.contiguousGrad(p);
                c.storage().buffer().get(c.offset(), g, at, p.numel());
            }
            at += p.numel();
        }
        return g;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    static double dot(float[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** y += αx. */
    static void axpy(double alpha, float[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += alpha * x[i];
        }
    }

    static double maxAbs(float[] v) {
        double m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    static double sumAbs(float[] v) {
        double s = 0;
        for (float x : v) {
            s += Math.abs(x);
        }
        return s;
    }
}

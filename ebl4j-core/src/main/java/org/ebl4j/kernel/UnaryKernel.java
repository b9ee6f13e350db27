package org.ebl4j.kernel;

import java.nio.FloatBuffer;

/**
 * Element-wise maps {@code o[oo + i] = f(x[xo + i * xs])}. Each constant has its own loop so the JIT compiles
 * every function inline (a shared loop calling a virtual {@code f} would not inline).
 */
public enum UnaryKernel {
    COPY {
        @Override
        public void apply(FloatBuffer x, int xo, int xs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) { o.put(oo + i, x.get(xo + i * xs)); }
        }
    },
    NEG {
        @Override
        public void apply(FloatBuffer x, int xo, int xs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) { o.put(oo + i, -x.get(xo + i * xs)); }
        }
    },
    EXP {
        @Override
        public void apply(FloatBuffer x, int xo, int xs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) { o.put(oo + i, (float) Math.exp(x.get(xo + i * xs))); }
        }
    },
    LOG {
        @Override
        public void apply(FloatBuffer x, int xo, int xs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) { o.put(oo + i, (float) Math.log(x.get(xo + i * xs))); }
        }
    },
    TANH {
        @Override
        public void apply(FloatBuffer x, int xo, int xs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) { o.put(oo + i, (float) Math.tanh(x.get(xo + i * xs))); }
        }
    },
    /** 1 / (1 + e^-x), evaluated without overflow for large |x|. */
    SIGMOID {
        @Override
        public void apply(FloatBuffer x, int xo, int xs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) {
                double v = x.get(xo + i * xs);
                double e = Math.exp(-Math.abs(v));
                o.put(oo + i, (float) (v >= 0 ? 1 / (1 + e) : e / (1 + e)));
            }
        }
    },
    RELU {
        @Override
        public void apply(FloatBuffer x, int xo, int xs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) { o.put(oo + i, Math.max(x.get(xo + i * xs), 0f)); }
        }
    },
    ABS {
        @Override
        public void apply(FloatBuffer x, int xo, int xs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) { o.put(oo + i, Math.abs(x.get(xo + i * xs))); }
        }
    },
    SQRT {
        @Override
        public void apply(FloatBuffer x, int xo, int xs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) { o.put(oo + i, (float) Math.sqrt(x.get(xo + i * xs))); }
        }
    },
    SIGN {
        @Override
        public void apply(FloatBuffer x, int xo, int xs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) { o.put(oo + i, Math.signum(x.get(xo + i * xs))); }
        }
    },
    /** Heaviside step: 1 where x &gt; 0, else 0 (the derivative of relu). */
    STEP {
        @Override
        public void apply(FloatBuffer x, int xo, int xs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) { o.put(oo + i, x.get(xo + i * xs) > 0f ? 1f : 0f); }
        }
    },
    /** log(1 + e^x) = max(x, 0) + log1p(e^-|x|), stable for large |x|. */
    SOFTPLUS {
        @Override
        public void apply(FloatBuffer x, int xo, int xs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) {
                double v = x.get(xo + i * xs);
                o.put(oo + i, (float) (Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)))));
            }
        }
    };

    /** Applies the map to {@code n} elements: input at stride {@code xs}, output contiguous. */
    public abstract void apply(FloatBuffer x, int xo, int xs, FloatBuffer o, int oo, int n);
}

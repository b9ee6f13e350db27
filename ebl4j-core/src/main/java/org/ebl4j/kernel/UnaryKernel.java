package org.ebl4j.kernel;

import java.nio.FloatBuffer;

/**
 * Element-wise maps o = f(x). Each constant implements {@link #map} on a heap array chunk, a plain loop the JIT
 * inlines and vectorises, or for the transcendental functions the {@link FloatMath} polynomials (on the Vector API
 * where present, see {@link ArrayMath}); {@link #apply} handles strides and the off-heap copies for all of them.
 */
public enum UnaryKernel {
    COPY {
        @Override
        public void map(float[] v, int n) {
            // identity
        }
    },
    NEG {
        @Override
        public void map(float[] v, int n) {
            for (int i = 0; i < n; i++) {
                v[i] = -v[i];
            }
        }
    },
    EXP {
        @Override
        public void map(float[] v, int n) {
            ArrayMath.fastest().exp(v, n);
        }
    },
    LOG {
        @Override
        public void map(float[] v, int n) {
            ArrayMath.fastest().log(v, n);
        }
    },
    TANH {
        @Override
        public void map(float[] v, int n) {
            ArrayMath.fastest().tanh(v, n);
        }
    },
    /** 1 / (1 + e^-x), evaluated without overflow for large |x| (see {@link FloatMath#sigmoid}). */
    SIGMOID {
        @Override
        public void map(float[] v, int n) {
            ArrayMath.fastest().sigmoid(v, n);
        }
    },
    RELU {
        @Override
        public void map(float[] v, int n) {
            for (int i = 0; i < n; i++) {
                v[i] = Math.max(v[i], 0f);
            }
        }
    },
    ABS {
        @Override
        public void map(float[] v, int n) {
            for (int i = 0; i < n; i++) {
                v[i] = Math.abs(v[i]);
            }
        }
    },
    SQRT {
        @Override
        public void map(float[] v, int n) {
            for (int i = 0; i < n; i++) {
                v[i] = (float) Math.sqrt(v[i]);
            }
        }
    },
    SIGN {
        @Override
        public void map(float[] v, int n) {
            for (int i = 0; i < n; i++) {
                v[i] = Math.signum(v[i]);
            }
        }
    },
    /** log(1 + e^x) = max(x, 0) + log1p(e^-|x|), stable for large |x| (see {@link FloatMath#softplus}). */
    SOFTPLUS {
        @Override
        public void map(float[] v, int n) {
            ArrayMath.fastest().softplus(v, n);
        }
    };

    /** f applied in place to v[0..n) (a chunk the caller holds, e.g. to fuse f with its own element-wise work). */
    public abstract void map(float[] v, int n);

    /** o[oo + i] = f(x[xo + i * xs]) for i &lt; n: input at any stride, output contiguous. */
    public void apply(FloatBuffer x, int xo, int xs, FloatBuffer o, int oo, int n) {
        float[] v = Chunks.scratch()[0];
        for (int s = 0; s < n; s += Chunks.SIZE) {
            int len = Math.min(Chunks.SIZE, n - s);
            Chunks.load(x, xo + s * xs, xs, v, len);
            map(v, len);
            o.put(oo + s, v, 0, len);
        }
    }
}

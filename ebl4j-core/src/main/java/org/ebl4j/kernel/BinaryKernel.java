package org.ebl4j.kernel;

import java.nio.FloatBuffer;

/**
 * Element-wise o = f(a, b). Each constant implements {@link #zip} on heap array chunks (vectorised by the JIT);
 * {@link #apply} handles strides — a stride of 0 broadcasts an operand — and the off-heap copies.
 */
public enum BinaryKernel {
    ADD {
        @Override
        void zip(float[] a, float[] b, int n) {
            for (int i = 0; i < n; i++) {
                a[i] += b[i];
            }
        }
    },
    SUB {
        @Override
        void zip(float[] a, float[] b, int n) {
            for (int i = 0; i < n; i++) {
                a[i] -= b[i];
            }
        }
    },
    MUL {
        @Override
        void zip(float[] a, float[] b, int n) {
            for (int i = 0; i < n; i++) {
                a[i] *= b[i];
            }
        }
    },
    DIV {
        @Override
        void zip(float[] a, float[] b, int n) {
            for (int i = 0; i < n; i++) {
                a[i] /= b[i];
            }
        }
    },
    POW {
        @Override
        void zip(float[] a, float[] b, int n) {
            for (int i = 0; i < n; i++) {
                a[i] = (float) Math.pow(a[i], b[i]);
            }
        }
    },
    MAXIMUM {
        @Override
        void zip(float[] a, float[] b, int n) {
            for (int i = 0; i < n; i++) {
                a[i] = Math.max(a[i], b[i]);
            }
        }
    },
    MINIMUM {
        @Override
        void zip(float[] a, float[] b, int n) {
            for (int i = 0; i < n; i++) {
                a[i] = Math.min(a[i], b[i]);
            }
        }
    },
    /** 1 where a &gt; b, else 0. */
    GREATER {
        @Override
        void zip(float[] a, float[] b, int n) {
            for (int i = 0; i < n; i++) {
                a[i] = a[i] > b[i] ? 1f : 0f;
            }
        }
    },
    /** a where b &gt; 0, else 0: the gradient of relu(b) given the output gradient a. */
    RELU_MASK {
        @Override
        void zip(float[] a, float[] b, int n) {
            for (int i = 0; i < n; i++) {
                a[i] = b[i] > 0f ? a[i] : 0f;
            }
        }
    },
    /** a · (1 − b²): the gradient of tanh given the output gradient a and the output b. */
    TANH_GRAD {
        @Override
        void zip(float[] a, float[] b, int n) {
            for (int i = 0; i < n; i++) {
                a[i] *= 1f - b[i] * b[i];
            }
        }
    },
    /** a · b (1 − b): the gradient of the logistic sigmoid given the output gradient a and the output b. */
    SIGMOID_GRAD {
        @Override
        void zip(float[] a, float[] b, int n) {
            for (int i = 0; i < n; i++) {
                a[i] *= b[i] * (1f - b[i]);
            }
        }
    },
    /** 1 where a == b, else 0. */
    EQUAL {
        @Override
        void zip(float[] a, float[] b, int n) {
            for (int i = 0; i < n; i++) {
                a[i] = a[i] == b[i] ? 1f : 0f;
            }
        }
    };

    /** a[i] = f(a[i], b[i]) for i &lt; n. */
    abstract void zip(float[] a, float[] b, int n);

    /** o[oo + i] = f(a[ao + i * as], b[bo + i * bs]) for i &lt; n; output contiguous. */
    public void apply(FloatBuffer a, int ao, int as, FloatBuffer b, int bo, int bs, FloatBuffer o, int oo, int n) {
        float[][] scratch = Chunks.scratch();
        float[] va = scratch[0];
        float[] vb = scratch[1];
        for (int s = 0; s < n; s += Chunks.SIZE) {
            int len = Math.min(Chunks.SIZE, n - s);
            Chunks.load(a, ao + s * as, as, va, len);
            Chunks.load(b, bo + s * bs, bs, vb, len);
            zip(va, vb, len);
            o.put(oo + s, va, 0, len);
        }
    }
}

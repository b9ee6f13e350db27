package org.ebl4j.kernel;

import java.nio.FloatBuffer;

/**
 * Element-wise {@code o[oo + i] = f(a[ao + i * as], b[bo + i * bs])}; a stride of 0 broadcasts an operand.
 * One loop per constant so each function compiles inline.
 */
public enum BinaryKernel {
    ADD {
        @Override
        public void apply(FloatBuffer a, int ao, int as, FloatBuffer b, int bo, int bs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) { o.put(oo + i, a.get(ao + i * as) + b.get(bo + i * bs)); }
        }
    },
    SUB {
        @Override
        public void apply(FloatBuffer a, int ao, int as, FloatBuffer b, int bo, int bs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) { o.put(oo + i, a.get(ao + i * as) - b.get(bo + i * bs)); }
        }
    },
    MUL {
        @Override
        public void apply(FloatBuffer a, int ao, int as, FloatBuffer b, int bo, int bs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) { o.put(oo + i, a.get(ao + i * as) * b.get(bo + i * bs)); }
        }
    },
    DIV {
        @Override
        public void apply(FloatBuffer a, int ao, int as, FloatBuffer b, int bo, int bs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) { o.put(oo + i, a.get(ao + i * as) / b.get(bo + i * bs)); }
        }
    },
    POW {
        @Override
        public void apply(FloatBuffer a, int ao, int as, FloatBuffer b, int bo, int bs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) { o.put(oo + i, (float) Math.pow(a.get(ao + i * as), b.get(bo + i * bs))); }
        }
    },
    MAXIMUM {
        @Override
        public void apply(FloatBuffer a, int ao, int as, FloatBuffer b, int bo, int bs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) { o.put(oo + i, Math.max(a.get(ao + i * as), b.get(bo + i * bs))); }
        }
    },
    MINIMUM {
        @Override
        public void apply(FloatBuffer a, int ao, int as, FloatBuffer b, int bo, int bs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) { o.put(oo + i, Math.min(a.get(ao + i * as), b.get(bo + i * bs))); }
        }
    },
    /** 1 where a &gt; b, else 0. */
    GREATER {
        @Override
        public void apply(FloatBuffer a, int ao, int as, FloatBuffer b, int bo, int bs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) { o.put(oo + i, a.get(ao + i * as) > b.get(bo + i * bs) ? 1f : 0f); }
        }
    },
    /** 1 where a == b, else 0. */
    EQUAL {
        @Override
        public void apply(FloatBuffer a, int ao, int as, FloatBuffer b, int bo, int bs, FloatBuffer o, int oo, int n) {
            for (int i = 0; i < n; i++) { o.put(oo + i, a.get(ao + i * as) == b.get(bo + i * bs) ? 1f : 0f); }
        }
    };

    /** Applies f to {@code n} element pairs; output contiguous from {@code oo}. */
    public abstract void apply(FloatBuffer a, int ao, int as, FloatBuffer b, int bo, int bs, FloatBuffer o, int oo,
                               int n);
}

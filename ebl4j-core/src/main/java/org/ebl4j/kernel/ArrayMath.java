package org.ebl4j.kernel;

/**
 * The {@link FloatMath} functions applied in place to {@code v[0..n)}, and the maximum and float64 sum of a run of
 * floats. Two implementations give bit-identical results: {@code VectorMath} on the incubating Vector API (8 or 16
 * lanes per instruction), chosen when the {@code jdk.incubator.vector} module is present, and {@link #SCALAR}, one
 * element at a time, everywhere else.
 * (The Vector API's own {@code lanewise(EXP)} is not used: JDK 17 does not route it to its SVML stubs by default and
 * it ran at ~20 ns per element here, slower than {@link Math#exp}.)
 */
interface ArrayMath {
    void exp(float[] v, int n);

    void log(float[] v, int n);

    void tanh(float[] v, int n);

    void sigmoid(float[] v, int n);

    void softplus(float[] v, int n);

    /** v[i] ← 1[u_{first+i} &lt; v[i]] for i &lt; n, the {@link BernoulliKernel} draws of {@code seed}. */
    void bernoulli(float[] v, int n, long seed, long first);

    /** The largest of v[from..from+n), n ≥ 1, with {@link Math#max} semantics (NaN if any element is NaN). */
    float max(float[] v, int from, int n);

    /**
     * Σ v[from..from+n) in float64, always associated the same way: while 16 or more elements remain, element i goes
     * to partial sum i mod 16; the 16 partial sums t are combined as Σ_{j&lt;4} ((t_j + t_{j+8}) + (t_{j+4} +
     * t_{j+12})) with the four terms added as (0 + 1) + (2 + 3); the remaining (fewer than 16) elements are then
     * added one by one. Independent partial sums hide the latency of the additions (and fill vector lanes).
     */
    double sum(float[] v, int from, int n);

    /** One element at a time through {@link FloatMath}. */
    ArrayMath SCALAR = new ArrayMath() {
        @Override
        public void exp(float[] v, int n) {
            for (int i = 0; i < n; i++) {
                v[i] = FloatMath.exp(v[i]);
            }
        }

        @Override
        public void log(float[] v, int n) {
            for (int i = 0; i < n; i++) {
                v[i] = FloatMath.log(v[i]);
            }
        }

        @Override
        public void tanh(float[] v, int n) {
            for (int i = 0; i < n; i++) {
                v[i] = FloatMath.tanh(v[i]);
            }
        }

        @Override
        public void sigmoid(float[] v, int n) {
            for (int i = 0; i < n; i++) {
                v[i] = FloatMath.sigmoid(v[i]);
            }
        }

        @Override
        public void softplus(float[] v, int n) {
            for (int i = 0; i < n; i++) {
                v[i] = FloatMath.softplus(v[i]);
            }
        }

        @Override
        public void bernoulli(float[] v, int n, long seed, long first) {
            BernoulliKernel.scalar(v, 0, n, seed, first);
        }

        @Override
        public float max(float[] v, int from, int n) {
            float m = v[from];
            for (int i = from + 1; i < from + n; i++) {
                m = Math.max(m, v[i]);
            }
            return m;
        }

        @Override
        public double sum(float[] v, int from, int n) {
            int end = from + n;
            int blocked = from + (n & ~15);
            double s = 0;
            if (blocked > from) {
                // sixteen partial sums in locals (an array here would be three times slower)
                double t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, t6 = 0, t7 = 0;
                double t8 = 0, t9 = 0, t10 = 0, t11 = 0, t12 = 0, t13 = 0, t14 = 0, t15 = 0;
                for (int i = from; i < blocked; i += 16) {
                    t0 += v[i];
                    t1 += v[i + 1];
                    t2 += v[i + 2];
                    t3 += v[i + 3];
                    t4 += v[i + 4];
                    t5 += v[i + 5];
                    t6 += v[i + 6];
                    t7 += v[i + 7];
                    t8 += v[i + 8];
                    t9 += v[i + 9];
                    t10 += v[i + 10];
                    t11 += v[i + 11];
                    t12 += v[i + 12];
                    t13 += v[i + 13];
                    t14 += v[i + 14];
                    t15 += v[i + 15];
                }
                s = (((t0 + t8) + (t4 + t12)) + ((t1 + t9) + (t5 + t13)))
                        + (((t2 + t10) + (t6 + t14)) + ((t3 + t11) + (t7 + t15)));
            }
            for (int i = blocked; i < end; i++) {
                s += v[i];
            }
            return s;
        }
    };

    /** The fastest implementation here: {@code VectorMath} when the Vector API module is present, else scalar. */
    static ArrayMath fastest() {
        return Holder.FASTEST;
    }

    /** Loads VectorMath by reflection once, so nothing links against jdk.incubator.vector unless it is present. */
    final class Holder {
        static final ArrayMath FASTEST = load();

        private Holder() {
        }

        private static ArrayMath load() {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                return SCALAR;
            }
            try {
                return (ArrayMath) Class.forName("org.ebl4j.kernel.VectorMath").getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return SCALAR;
            }
        }
    }
}

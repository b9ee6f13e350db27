package org.ebl4j.kernel;

import static org.ebl4j.kernel.FloatMath.EXP_MAX;
import static org.ebl4j.kernel.FloatMath.EXP_MIN;
import static org.ebl4j.kernel.FloatMath.EXP_P0;
import static org.ebl4j.kernel.FloatMath.EXP_P1;
import static org.ebl4j.kernel.FloatMath.EXP_P2;
import static org.ebl4j.kernel.FloatMath.EXP_P3;
import static org.ebl4j.kernel.FloatMath.EXP_P4;
import static org.ebl4j.kernel.FloatMath.EXP_P5;
import static org.ebl4j.kernel.FloatMath.HALF_BITS;
import static org.ebl4j.kernel.FloatMath.LN2_HI;
import static org.ebl4j.kernel.FloatMath.LN2_LO;
import static org.ebl4j.kernel.FloatMath.LOG1P_P0;
import static org.ebl4j.kernel.FloatMath.LOG1P_P1;
import static org.ebl4j.kernel.FloatMath.LOG1P_P2;
import static org.ebl4j.kernel.FloatMath.LOG1P_P3;
import static org.ebl4j.kernel.FloatMath.LOG1P_P4;
import static org.ebl4j.kernel.FloatMath.LOG1P_P5;
import static org.ebl4j.kernel.FloatMath.LOG1P_P6;
import static org.ebl4j.kernel.FloatMath.LOG2E;
import static org.ebl4j.kernel.FloatMath.LOG_P0;
import static org.ebl4j.kernel.FloatMath.LOG_P1;
import static org.ebl4j.kernel.FloatMath.LOG_P2;
import static org.ebl4j.kernel.FloatMath.LOG_P3;
import static org.ebl4j.kernel.FloatMath.LOG_P4;
import static org.ebl4j.kernel.FloatMath.LOG_P5;
import static org.ebl4j.kernel.FloatMath.LOG_P6;
import static org.ebl4j.kernel.FloatMath.LOG_P7;
import static org.ebl4j.kernel.FloatMath.LOG_P8;
import static org.ebl4j.kernel.FloatMath.MANTISSA_MASK;
import static org.ebl4j.kernel.FloatMath.MIN_NORMAL;
import static org.ebl4j.kernel.FloatMath.ROUND_MAGIC;
import static org.ebl4j.kernel.FloatMath.ROUND_MAGIC_BITS;
import static org.ebl4j.kernel.FloatMath.SCALE_DOWN;
import static org.ebl4j.kernel.FloatMath.SCALE_LIMIT;
import static org.ebl4j.kernel.FloatMath.SCALE_SHIFT;
import static org.ebl4j.kernel.FloatMath.SCALE_UP;
import static org.ebl4j.kernel.FloatMath.SQRT_HALF;
import static org.ebl4j.kernel.FloatMath.TANH_P0;
import static org.ebl4j.kernel.FloatMath.TANH_P1;
import static org.ebl4j.kernel.FloatMath.TANH_P2;
import static org.ebl4j.kernel.FloatMath.TANH_P3;
import static org.ebl4j.kernel.FloatMath.TANH_P4;
import static org.ebl4j.kernel.FloatMath.TANH_SMALL;
import static org.ebl4j.kernel.FloatMath.TWO_23;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatMath} on the incubating Vector API: the same operations in the same order on every lane (so results
 * are bit-identical to the scalar path), whole vectors of the preferred width first, the tail through
 * {@link FloatMath}.
 *
 * <p>No vector crosses a method boundary: each loop holds all its vector code, and the functions built on exp
 * (tanh, softplus) run in two passes over a block, exponentials into a scratch array first (sigmoid, the
 * hottest, inlines its exp in one pass). C2 inlines a
 * callee only when its profile says the call is hot and the caller is not already too large, and a vector passed to
 * or returned from a call that is not inlined is boxed on the heap, 3-5x slower; with arrays between the passes a
 * call that is not inlined costs only the call. (For the same reason {@code lanewise(NEG)} is avoided: on JDK 17 it
 * made a loop around exp three times slower than {@code mul(-1)}.)
 *
 * <p>Nothing may refer to this class statically: {@link ArrayMath} loads it by reflection, so the library works
 * where the module is absent.
 */
final class VectorMath implements ArrayMath {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** 64-bit lanes of the same shape: half as many. */
    private static final VectorSpecies<Long> SL = LongVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** 8 floats and 4 doubles, the shapes of {@link #sum}, used where 256-bit vectors are native. */
    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> D4 = DoubleVector.SPECIES_256;
    private static final boolean WIDE = S.vectorBitSize() >= 256;
    /** Elements per block of the two-pass functions: the scratch block stays in L1. */
    private static final int BLOCK = 1024;
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[BLOCK]);

    /** @throws UnsupportedOperationException when vectors hold fewer than 4 floats (not worth it) */
    VectorMath() {
        if (L < 4) {
            throw new UnsupportedOperationException("preferred float vector has only " + L + " lanes");
        }
    }

    @Override
    public void exp(float[] v, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector c = FloatVector.fromArray(S, v, i).max(EXP_MIN).min(EXP_MAX);
            FloatVector t = c.fma(LOG2E, ROUND_MAGIC);
            FloatVector k = t.sub(ROUND_MAGIC);
            FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), c);
            r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
            FloatVector p = r.fma(EXP_P0, EXP_P1);
            p = p.fma(r, FloatVector.broadcast(S, EXP_P2));
            p = p.fma(r, FloatVector.broadcast(S, EXP_P3));
            p = p.fma(r, FloatVector.broadcast(S, EXP_P4));
            p = p.fma(r, FloatVector.broadcast(S, EXP_P5));
            p = p.fma(r.mul(r), r).add(1f);
            VectorMask<Float> high = k.compare(VectorOperators.GT, SCALE_LIMIT);
            VectorMask<Float> low = k.compare(VectorOperators.LT, -SCALE_LIMIT);
            FloatVector shift = FloatVector.zero(S).blend(SCALE_SHIFT, high).blend(-SCALE_SHIFT, low);
            FloatVector scale = FloatVector.broadcast(S, 1f).blend(SCALE_UP, high).blend(SCALE_DOWN, low);
            FloatVector pow2 = (FloatVector) ((IntVector) t.sub(shift).reinterpretAsInts())
                    .add(127 - ROUND_MAGIC_BITS).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            p.mul(pow2).mul(scale).intoArray(v, i);
        }
        for (; i < n; i++) {
            v[i] = FloatMath.exp(v[i]);
        }
    }

    @Override
    public void log(float[] v, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector x = FloatVector.fromArray(S, v, i);
            VectorMask<Float> tiny = x.compare(VectorOperators.LT, MIN_NORMAL);
            IntVector bits = (IntVector) x.blend(x.mul(TWO_23), tiny).reinterpretAsInts();
            FloatVector e = ((FloatVector) bits.lanewise(VectorOperators.LSHR, 23).convert(VectorOperators.I2F, 0))
                    .sub(126f);
            e = e.blend(e.sub(23f), tiny);
            FloatVector m = (FloatVector) bits.and(MANTISSA_MASK).or(HALF_BITS).reinterpretAsFloats();
            VectorMask<Float> low = m.compare(VectorOperators.LT, SQRT_HALF);
            FloatVector f = m.sub(1f).blend(m.add(m).sub(1f), low);
            FloatVector fe = e.blend(e.sub(1f), low);
            FloatVector z = f.mul(f);
            FloatVector p = f.fma(LOG_P0, LOG_P1);
            p = p.fma(f, FloatVector.broadcast(S, LOG_P2));
            p = p.fma(f, FloatVector.broadcast(S, LOG_P3));
            p = p.fma(f, FloatVector.broadcast(S, LOG_P4));
            p = p.fma(f, FloatVector.broadcast(S, LOG_P5));
            p = p.fma(f, FloatVector.broadcast(S, LOG_P6));
            p = p.fma(f, FloatVector.broadcast(S, LOG_P7));
            p = p.fma(f, FloatVector.broadcast(S, LOG_P8));
            FloatVector y = p.mul(f).mul(z);
            y = fe.fma(FloatVector.broadcast(S, -2.12194440e-4f), y);
            y = z.fma(FloatVector.broadcast(S, -0.5f), y);
            FloatVector r = fe.fma(FloatVector.broadcast(S, 0.693359375f), f.add(y));
            VectorMask<Float> regular = x.compare(VectorOperators.GT, 0f)
                    .and(x.compare(VectorOperators.LT, Float.POSITIVE_INFINITY));
            r.blend(x, regular.not())
                    .blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f))
                    .blend(Float.NaN, x.compare(VectorOperators.LT, 0f))
                    .intoArray(v, i);
        }
        for (; i < n; i++) {
            v[i] = FloatMath.log(v[i]);
        }
    }

    @Override
    public void tanh(float[] v, int n) {
        float[] e = SCRATCH.get();
        for (int s = 0; s < n; s += BLOCK) {
            int len = Math.min(BLOCK, n - s);
            scaledAbs(v, s, e, len, 2f);
            exp(e, len);
            tanh(v, s, e, len);
        }
    }

    /** Second pass of tanh: v[s + i] = tanh(x) for x = v[s + i], given e[i] = e^{2|x|}. */
    private static void tanh(float[] v, int s, float[] e, int len) {
        int i = 0;
        for (; i <= len - L; i += L) {
            FloatVector x = FloatVector.fromArray(S, v, s + i);
            FloatVector q = x.mul(x);
            FloatVector p = q.fma(TANH_P0, TANH_P1);
            p = p.fma(q, FloatVector.broadcast(S, TANH_P2));
            p = p.fma(q, FloatVector.broadcast(S, TANH_P3));
            p = p.fma(q, FloatVector.broadcast(S, TANH_P4));
            FloatVector small = p.mul(q).fma(x, x);
            FloatVector large = FloatVector.broadcast(S, 1f)
                    .sub(FloatVector.broadcast(S, 2f).div(FloatVector.fromArray(S, e, i).add(1f)));
            large = large.blend(large.mul(-1f), x.compare(VectorOperators.LT, 0f));
            large.blend(small, x.abs().compare(VectorOperators.LT, TANH_SMALL))
                    .blend(x, x.compare(VectorOperators.EQ, 0f))
                    .intoArray(v, s + i);
        }
        for (; i < len; i++) {
            v[s + i] = FloatMath.tanh(v[s + i], e[i]);
        }
    }

    /**
     * One pass, e^−|x| computed in the loop: its argument is never positive, so only exp's underflow scaling is
     * needed (measured on 78,400 floats: 46 µs, 69 µs with the two-pass scheme).
     */
    @Override
    public void sigmoid(float[] v, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector x = FloatVector.fromArray(S, v, i);
            FloatVector c = x.abs().mul(-1f).max(EXP_MIN);
            FloatVector t = c.fma(LOG2E, ROUND_MAGIC);
            FloatVector k = t.sub(ROUND_MAGIC);
            FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), c);
            r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
            FloatVector p = r.fma(EXP_P0, EXP_P1);
            p = p.fma(r, FloatVector.broadcast(S, EXP_P2));
            p = p.fma(r, FloatVector.broadcast(S, EXP_P3));
            p = p.fma(r, FloatVector.broadcast(S, EXP_P4));
            p = p.fma(r, FloatVector.broadcast(S, EXP_P5));
            p = p.fma(r.mul(r), r).add(1f);
            VectorMask<Float> low = k.compare(VectorOperators.LT, -SCALE_LIMIT);
            FloatVector shift = FloatVector.zero(S).blend(-SCALE_SHIFT, low);
            FloatVector scale = FloatVector.broadcast(S, 1f).blend(SCALE_DOWN, low);
            FloatVector pow2 = (FloatVector) ((IntVector) t.sub(shift).reinterpretAsInts())
                    .add(127 - ROUND_MAGIC_BITS).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector u = p.mul(pow2).mul(scale);
            u.blend(1f, x.compare(VectorOperators.GE, 0f)).div(u.add(1f)).intoArray(v, i);
        }
        for (; i < n; i++) {
            v[i] = FloatMath.sigmoid(v[i]);
        }
    }

    /**
     * The SplitMix64 hash on 64-bit lanes (half as many as float lanes); each draw's two 24-bit halves are packed
     * into one long, high half in the low word, so that reinterpreted as ints they are the uniforms of elements
     * 2j and 2j + 1 in order; 1[u &lt; p] by a lane compare.
     */
    @Override
    public void bernoulli(float[] v, int n, long seed, long first) {
        int head = (int) Math.min(first & 1, n); // an odd first element alone: the vector loop starts on a pair
        BernoulliKernel.scalar(v, 0, head, seed, first);
        int vectorEnd = head + ((n - head) / L) * L;
        if (vectorEnd > head) {
            LongVector step = LongVector.zero(SL).addIndex(1).mul(SplitMix64.GAMMA);
            for (int i = head; i < vectorEnd; i += L) {
                LongVector z = step.add(seed + ((first + i) >>> 1) * SplitMix64.GAMMA);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(SplitMix64.M1);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(SplitMix64.M2);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
                LongVector halves = z.lanewise(VectorOperators.LSHR, 40)
                        .or(z.lanewise(VectorOperators.LSHR, 16).and(0xFFFFFFL).lanewise(VectorOperators.LSHL, 32));
                FloatVector u = ((FloatVector) halves.reinterpretAsInts().convert(VectorOperators.I2F, 0))
                        .mul(0x1.0p-24f);
                FloatVector.zero(S).blend(1f, u.compare(VectorOperators.LT, FloatVector.fromArray(S, v, i)))
                        .intoArray(v, i);
            }
        }
        BernoulliKernel.scalar(v, vectorEnd, n, seed, first);
    }

    @Override
    public void softplus(float[] v, int n) {
        float[] e = SCRATCH.get();
        for (int s = 0; s < n; s += BLOCK) {
            int len = Math.min(BLOCK, n - s);
            scaledAbs(v, s, e, len, -1f);
            exp(e, len);
            int i = 0;
            for (; i <= len - L; i += L) {
                FloatVector u = FloatVector.fromArray(S, e, i);
                FloatVector q = u.div(u.add(2f));
                FloatVector z = q.mul(q);
                FloatVector p = z.fma(LOG1P_P0, LOG1P_P1);
                p = p.fma(z, FloatVector.broadcast(S, LOG1P_P2));
                p = p.fma(z, FloatVector.broadcast(S, LOG1P_P3));
                p = p.fma(z, FloatVector.broadcast(S, LOG1P_P4));
                p = p.fma(z, FloatVector.broadcast(S, LOG1P_P5));
                p = p.fma(z, FloatVector.broadcast(S, LOG1P_P6));
                FloatVector.fromArray(S, v, s + i).max(0f).add(q.mul(z).fma(p, q).mul(2f)).intoArray(v, s + i);
            }
            for (; i < len; i++) {
                v[s + i] = FloatMath.softplus(v[s + i], e[i]);
            }
        }
    }

    /** e[i] = c · |v[s + i]| for i &lt; len; c = 2 or −1, so the product is exact. */
    private static void scaledAbs(float[] v, int s, float[] e, int len, float c) {
        int i = 0;
        for (; i <= len - L; i += L) {
            FloatVector.fromArray(S, v, s + i).abs().mul(c).intoArray(e, i);
        }
        for (; i < len; i++) {
            e[i] = Math.abs(v[s + i]) * c;
        }
    }

    @Override
    public float max(float[] v, int from, int n) {
        int end = from + n;
        int i = from + 1;
        float m = v[from];
        if (n >= 2 * L) {
            FloatVector acc = FloatVector.fromArray(S, v, from);
            for (i = from + L; i <= end - L; i += L) {
                acc = acc.max(FloatVector.fromArray(S, v, i));
            }
            m = acc.reduceLanes(VectorOperators.MAX); // max is exact: the order of the lanes does not matter
        }
        for (; i < end; i++) {
            m = Math.max(m, v[i]);
        }
        return m;
    }

    /**
     * 16 partial sums in four 256-bit double vectors (lanes 0-3, 4-7, 8-11, 12-15), each fed by converting half of an
     * 8-float vector, combined in the order {@link ArrayMath#sum} specifies.
     */
    @Override
    public double sum(float[] v, int from, int n) {
        if (!WIDE) {
            return SCALAR.sum(v, from, n);
        }
        int end = from + n;
        int blocked = from + (n & ~15);
        double s = 0;
        if (blocked > from) {
            DoubleVector t0 = DoubleVector.zero(D4);
            DoubleVector t1 = t0;
            DoubleVector t2 = t0;
            DoubleVector t3 = t0;
            for (int i = from; i < blocked; i += 16) {
                FloatVector lo = FloatVector.fromArray(F8, v, i);
                FloatVector hi = FloatVector.fromArray(F8, v, i + 8);
                t0 = t0.add(lo.convertShape(VectorOperators.F2D, D4, 0));
                t1 = t1.add(lo.convertShape(VectorOperators.F2D, D4, 1));
                t2 = t2.add(hi.convertShape(VectorOperators.F2D, D4, 0));
                t3 = t3.add(hi.convertShape(VectorOperators.F2D, D4, 1));
            }
            DoubleVector q = t0.add(t2).add(t1.add(t3));
            s = (q.lane(0) + q.lane(1)) + (q.lane(2) + q.lane(3));
        }
        for (int i = blocked; i < end; i++) {
            s += v[i];
        }
        return s;
    }
}

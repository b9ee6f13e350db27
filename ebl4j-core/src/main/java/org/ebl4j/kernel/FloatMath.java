package org.ebl4j.kernel;

/**
 * Float32 exp, log, tanh, sigmoid and softplus by range reduction and short polynomials (the single-precision
 * Cephes algorithms, S. L. Moshier, "Methods and Programs for Mathematical Functions", 1989), written so that the
 * same sequence of IEEE operations runs one lane at a time here and 8 or 16 lanes at a time in {@code VectorMath}:
 * both give bit-identical results, whichever runs.
 *
 * <ul>
 *   <li>exp(x) = 2ⁿ · e^r with n = round(x / ln 2), r = x − n ln 2 (ln 2 split in two, |r| ≤ ln 2 / 2), e^r ≈
 *       1 + r + r² P(r) (degree 5); x is clamped to [−104, 89] first (beyond, the float result is 0 or ∞), and
 *       2ⁿ is applied in two factors near the ends of the range so that results which overflow to ∞ or underflow
 *       into the subnormals are rounded once, like {@code (float) Math.exp(x)}.</li>
 *   <li>log(x) = e ln 2 + log(1 + f) with x = 2ᵉ (1 + f), √½ ≤ 1 + f &lt; √2 (subnormal x scaled by 2²³ first),
 *       log(1 + f) ≈ f − f²/2 + f³ P(f) (degree 8).</li>
 *   <li>tanh(x) = x + x³ P(x²) for |x| &lt; 0.625, else ±(1 − 2 / (e^{2|x|} + 1)).</li>
 *   <li>sigmoid(x) = 1 / (1 + e^−|x|) for x ≥ 0, e^−|x| / (1 + e^−|x|) below: never overflows, and keeps its
 *       relative accuracy in the left tail.</li>
 *   <li>softplus(x) = max(x, 0) + log1p(u), u = e^−|x| ∈ (0, 1], with log1p(u) = 2 atanh(s) = 2 (s + s³/3 + … +
 *       s¹⁵/15), s = u / (2 + u) ≤ 1/3: no overflow, and ≈ e^x with full relative accuracy far left.</li>
 * </ul>
 *
 * <p>Largest error against float64 {@link Math} measured over every 17th float (all exponents, both signs):
 * exp 1.0 ulp, log 0.8, tanh 1.3, sigmoid 2.4, softplus 2.8 ({@code FloatMathTest} checks every 4099th float).
 * Special values (±0, ±∞, NaN, overflow, underflow to the subnormals and to zero) give what {@link Math}'s functions
 * give rounded to float.
 */
public final class FloatMath {
    static final float LOG2E = 1.44269504088896341f;
    static final float LN2_HI = 0.693145751953125f;
    static final float LN2_LO = 1.428606765330187045e-6f;
    /** 1.5 · 2²³: adding it rounds a float of magnitude &lt; 2²² to an integer kept in the low mantissa bits. */
    static final float ROUND_MAGIC = 12582912f;
    static final int ROUND_MAGIC_BITS = 0x4B400000;
    /** exp overflows to ∞ above this and is 0 below EXP_MIN: arguments are clamped there first. */
    static final float EXP_MAX = 89f;
    static final float EXP_MIN = -104f;
    /**
     * 2ⁿ is applied as 2^(n−k) · 2^k, k = ±{@value #SCALE_SHIFT} when |n| &gt; {@value #SCALE_LIMIT} (else 0), so
     * that both factors are normal floats and a result that overflows or underflows is rounded once.
     */
    static final float SCALE_LIMIT = 100f;
    static final float SCALE_SHIFT = 64f;
    static final float SCALE_UP = 0x1p64f;
    static final float SCALE_DOWN = 0x1p-64f;
    static final float EXP_P0 = 1.9875691500e-4f;
    static final float EXP_P1 = 1.3981999507e-3f;
    static final float EXP_P2 = 8.3334519073e-3f;
    static final float EXP_P3 = 4.1665795894e-2f;
    static final float EXP_P4 = 1.6666665459e-1f;
    static final float EXP_P5 = 5.0000001201e-1f;

    static final float SQRT_HALF = 0.707106781186547524f;
    /** Smallest normal float; smaller positive arguments of log are scaled by 2²³ first. */
    static final float MIN_NORMAL = Float.MIN_NORMAL;
    static final float TWO_23 = 8388608f;
    static final float LOG_P0 = 7.0376836292e-2f;
    static final float LOG_P1 = -1.1514610310e-1f;
    static final float LOG_P2 = 1.1676998740e-1f;
    static final float LOG_P3 = -1.2420140846e-1f;
    static final float LOG_P4 = 1.4249322787e-1f;
    static final float LOG_P5 = -1.6668057665e-1f;
    static final float LOG_P6 = 2.0000714765e-1f;
    static final float LOG_P7 = -2.4999993993e-1f;
    static final float LOG_P8 = 3.3333331174e-1f;
    static final int MANTISSA_MASK = 0x007FFFFF;
    static final int HALF_BITS = 0x3F000000;

    /** 1/15, 1/13, ..., 1/3: the series of atanh(s) / s − 1 in z = s². */
    static final float LOG1P_P0 = 1f / 15;
    static final float LOG1P_P1 = 1f / 13;
    static final float LOG1P_P2 = 1f / 11;
    static final float LOG1P_P3 = 1f / 9;
    static final float LOG1P_P4 = 1f / 7;
    static final float LOG1P_P5 = 1f / 5;
    static final float LOG1P_P6 = 1f / 3;

    static final float TANH_SMALL = 0.625f;
    static final float TANH_P0 = -5.70498872745e-3f;
    static final float TANH_P1 = 2.06390887954e-2f;
    static final float TANH_P2 = -5.37397155531e-2f;
    static final float TANH_P3 = 1.33314422036e-1f;
    static final float TANH_P4 = -3.33332819422e-1f;

    private FloatMath() {
    }

    /** e^x. */
    public static float exp(float x) {
        float c = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
        float t = Math.fma(c, LOG2E, ROUND_MAGIC);
        float n = t - ROUND_MAGIC;
        float r = Math.fma(n, -LN2_HI, c);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(EXP_P0, r, EXP_P1);
        p = Math.fma(p, r, EXP_P2);
        p = Math.fma(p, r, EXP_P3);
        p = Math.fma(p, r, EXP_P4);
        p = Math.fma(p, r, EXP_P5);
        p = Math.fma(p, r * r, r) + 1f;
        boolean high = n > SCALE_LIMIT;
        boolean low = n < -SCALE_LIMIT;
        float k = high ? SCALE_SHIFT : low ? -SCALE_SHIFT : 0f;
        float scale = high ? SCALE_UP : low ? SCALE_DOWN : 1f;
        float pow2 = Float.intBitsToFloat((Float.floatToRawIntBits(t - k) + (127 - ROUND_MAGIC_BITS)) << 23);
        return p * pow2 * scale;
    }

    /** Natural logarithm: −∞ at ±0, NaN below 0. */
    public static float log(float x) {
        boolean tiny = x < MIN_NORMAL;
        float s = tiny ? x * TWO_23 : x;
        int bits = Float.floatToRawIntBits(s);
        int e = (bits >>> 23) - (tiny ? 126 + 23 : 126);
        float m = Float.intBitsToFloat((bits & MANTISSA_MASK) | HALF_BITS);
        boolean low = m < SQRT_HALF;
        float f = low ? (m + m) - 1f : m - 1f;
        float fe = low ? e - 1 : e;
        float z = f * f;
        float p = Math.fma(LOG_P0, f, LOG_P1);
        p = Math.fma(p, f, LOG_P2);
        p = Math.fma(p, f, LOG_P3);
        p = Math.fma(p, f, LOG_P4);
        p = Math.fma(p, f, LOG_P5);
        p = Math.fma(p, f, LOG_P6);
        p = Math.fma(p, f, LOG_P7);
        p = Math.fma(p, f, LOG_P8);
        float y = p * f * z;
        y = Math.fma(fe, -2.12194440e-4f, y);
        y = Math.fma(z, -0.5f, y);
        float r = Math.fma(fe, 0.693359375f, f + y);
        if (x > 0f && x < Float.POSITIVE_INFINITY) {
            return r;
        }
        return x == 0f ? Float.NEGATIVE_INFINITY : x < 0f ? Float.NaN : x;
    }

    /** Hyperbolic tangent. */
    public static float tanh(float x) {
        float a = Math.abs(x);
        return tanh(x, exp(a + a));
    }

    /** tanh(x) given e = e^{2|x|} (used only for |x| ≥ 0.625). */
    static float tanh(float x, float e) {
        float a = Math.abs(x);
        float r;
        if (a < TANH_SMALL) {
            float q = x * x;
            float p = Math.fma(TANH_P0, q, TANH_P1);
            p = Math.fma(p, q, TANH_P2);
            p = Math.fma(p, q, TANH_P3);
            p = Math.fma(p, q, TANH_P4);
            r = Math.fma(p * q, x, x);
        } else {
            r = 1f - 2f / (e + 1f);
            r = x < 0f ? -r : r;
        }
        return x == 0f ? x : r;
    }

    /** 1 / (1 + e^−x) without overflow. */
    public static float sigmoid(float x) {
        return sigmoid(x, exp(-Math.abs(x)));
    }

    /** sigmoid(x) given u = e^−|x|. */
    static float sigmoid(float x, float u) {
        return (x >= 0f ? 1f : u) / (1f + u);
    }

    /** log(1 + e^x) without overflow. */
    public static float softplus(float x) {
        return softplus(x, exp(-Math.abs(x)));
    }

    /** softplus(x) given u = e^−|x|: max(x, 0) + 2 atanh(u / (2 + u)). */
    static float softplus(float x, float u) {
        float q = u / (u + 2f);
        float z = q * q;
        float p = Math.fma(z, LOG1P_P0, LOG1P_P1);
        p = Math.fma(p, z, LOG1P_P2);
        p = Math.fma(p, z, LOG1P_P3);
        p = Math.fma(p, z, LOG1P_P4);
        p = Math.fma(p, z, LOG1P_P5);
        p = Math.fma(p, z, LOG1P_P6);
        return Math.max(x, 0f) + Math.fma(q * z, p, q) * 2f;
    }
}

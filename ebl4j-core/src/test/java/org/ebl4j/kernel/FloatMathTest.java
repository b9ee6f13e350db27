package org.ebl4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiConsumer;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Accuracy of the {@link FloatMath} polynomials against float64 {@link Math} over a sweep of float bit patterns
 * (every exponent, both signs, subnormals, ±∞ and NaN), and their special values.
 */
class FloatMathTest {
    /**
     * One function: its array form, a float64 reference, and the accepted error in ulps of the result (a little above
     * the largest error measured over every 17th float, see {@link FloatMath}).
     */
    record Function(String name, BiConsumer<ArrayMath, float[]> apply, DoubleUnaryOperator reference,
                    double maxUlps) {
        float[] on(ArrayMath math, float[] x) {
            float[] v = x.clone();
            apply.accept(math, v);
            return v;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Function> functions() {
        return Stream.of(
                new Function("exp", (m, v) -> m.exp(v, v.length), Math::exp, 1.5),
                new Function("log", (m, v) -> m.log(v, v.length), Math::log, 1.0),
                new Function("tanh", (m, v) -> m.tanh(v, v.length), Math::tanh, 1.5),
                new Function("sigmoid", (m, v) -> m.sigmoid(v, v.length),
                        x -> x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)), 2.5),
                new Function("softplus", (m, v) -> m.softplus(v, v.length),
                        x -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), 3.0));
    }

    /** Every 4099th bit pattern (about a million floats, all exponents and both signs) plus the special values. */
    static float[] sweep() {
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
                -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1f, -1f,
                88.72283f, 88.72284f, -87.33655f, -103.97208f, -103.97209f, -104f, 0.625f, -0.625f};
        int n = (int) (0x100000000L / 4099) + 1;
        float[] x = new float[n + special.length];
        for (int i = 0; i < n; i++) {
            x[i] = Float.intBitsToFloat((int) (i * 4099L));
        }
        System.arraycopy(special, 0, x, n, special.length);
        return x;
    }

    /** |f − ref| in units of the float spacing at ref (the smallest subnormal below the normal range). */
    private static double ulps(float f, double ref) {
        if (Double.isNaN(ref) || Float.isNaN(f)) {
            return Double.isNaN(ref) && Float.isNaN(f) ? 0 : Double.POSITIVE_INFINITY;
        }
        float rounded = (float) ref;
        if (f == rounded) {
            return 0;
        }
        if (Float.isInfinite(f) || Float.isInfinite(rounded)) {
            return Double.POSITIVE_INFINITY;
        }
        double spacing = Math.abs(ref) < Float.MIN_NORMAL ? Float.MIN_VALUE : Math.ulp(Math.abs(rounded));
        return Math.abs(f - ref) / spacing;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void withinUlpsOfFloat64AcrossTheFloatRange(Function fn) {
        float[] x = sweep();
        float[] y = fn.on(ArrayMath.SCALAR, x);
        double worst = 0;
        int at = 0;
        for (int i = 0; i < x.length; i++) {
            double e = ulps(y[i], fn.reference().applyAsDouble(x[i]));
            if (e > worst) {
                worst = e;
                at = i;
            }
        }
        assertTrue(worst <= fn.maxUlps(), fn.name() + "(" + x[at] + ") = " + y[at] + ", float64 "
                + fn.reference().applyAsDouble(x[at]) + ": " + worst + " ulp");
    }

    @Test
    void specialValuesMatchJavaMath() {
        float inf = Float.POSITIVE_INFINITY;
        assertEquals(1f, FloatMath.exp(0f));
        assertEquals(1f, FloatMath.exp(-0f));
        assertEquals(inf, FloatMath.exp(inf));
        assertEquals(0f, FloatMath.exp(-inf));
        assertTrue(Float.isNaN(FloatMath.exp(Float.NaN)));
        // overflow threshold: the largest float whose exponential is finite, and the next one
        float lastFinite = 88.72283f;
        assertTrue(Float.isFinite((float) Math.exp(lastFinite)) && Float.isInfinite((float) Math.exp(Math.nextUp(
                lastFinite))));
        assertEquals((float) Math.exp(lastFinite), FloatMath.exp(lastFinite));
        assertEquals(inf, FloatMath.exp(Math.nextUp(lastFinite)));
        assertEquals(inf, FloatMath.exp(1000f));
        // gradual underflow into the subnormals, then zero
        assertEquals((float) Math.exp(-100f), FloatMath.exp(-100f));
        assertEquals(Float.MIN_VALUE, FloatMath.exp(-103.27893f));
        assertEquals(0f, FloatMath.exp(-104f));
        assertEquals(0f, FloatMath.exp(-1000f));

        assertEquals(0f, FloatMath.log(1f));
        assertEquals(Float.NEGATIVE_INFINITY, FloatMath.log(0f));
        assertEquals(Float.NEGATIVE_INFINITY, FloatMath.log(-0f));
        assertTrue(Float.isNaN(FloatMath.log(-1f)));
        assertTrue(Float.isNaN(FloatMath.log(-inf)));
        assertTrue(Float.isNaN(FloatMath.log(Float.NaN)));
        assertEquals(inf, FloatMath.log(inf));
        assertEquals((float) Math.log(Float.MIN_VALUE), FloatMath.log(Float.MIN_VALUE));
        assertEquals((float) Math.log(Float.MAX_VALUE), FloatMath.log(Float.MAX_VALUE));

        assertEquals(0f, FloatMath.tanh(0f));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(FloatMath.tanh(-0f)));
        assertEquals(1f, FloatMath.tanh(inf));
        assertEquals(-1f, FloatMath.tanh(-inf));
        assertEquals(1f, FloatMath.tanh(20f));
        assertEquals(Float.MIN_VALUE, FloatMath.tanh(Float.MIN_VALUE));
        assertTrue(Float.isNaN(FloatMath.tanh(Float.NaN)));

        assertEquals(0.5f, FloatMath.sigmoid(0f));
        assertEquals(1f, FloatMath.sigmoid(inf));
        assertEquals(0f, FloatMath.sigmoid(-inf));
        assertEquals(0f, FloatMath.sigmoid(-1000f));
        // far in the left tails: relative accuracy kept (no 1 − (1 − ε) cancellation)
        assertEquals((float) Math.exp(-80), FloatMath.sigmoid(-80f), 3 * Math.ulp((float) Math.exp(-80)));
        assertTrue(Float.isNaN(FloatMath.sigmoid(Float.NaN)));

        assertEquals((float) Math.log(2), FloatMath.softplus(0f));
        assertEquals(inf, FloatMath.softplus(inf));
        assertEquals(0f, FloatMath.softplus(-inf));
        assertEquals(1000f, FloatMath.softplus(1000f));
        assertEquals((float) Math.exp(-80), FloatMath.softplus(-80f), 3 * Math.ulp((float) Math.exp(-80)));
        assertTrue(Float.isNaN(FloatMath.softplus(Float.NaN)));
    }
}

package org.ebl4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vector path ({@code VectorMath}, loaded when the module is present) and the scalar path of {@link ArrayMath}
 * give the same bits for every function, every length (whole vectors plus a tail) and every offset; max and the
 * float64 sum follow their documented semantics.
 */
class ArrayMathTest {
    record Op(String name, BiConsumer<ArrayMath, float[]> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Op> functions() {
        return Stream.of(new Op("exp", (m, v) -> m.exp(v, v.length)), new Op("log", (m, v) -> m.log(v, v.length)),
                new Op("tanh", (m, v) -> m.tanh(v, v.length)), new Op("sigmoid", (m, v) -> m.sigmoid(v, v.length)),
                new Op("softplus", (m, v) -> m.softplus(v, v.length)));
    }

    @Test
    void vectorPathLoadsWhenTheModuleIsPresent() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            assertNotSame(ArrayMath.SCALAR, ArrayMath.fastest());
        } else {
            assertSame(ArrayMath.SCALAR, ArrayMath.fastest());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void functionsAgreeBitForBitOnBothPaths(Op op) {
        float[] sweep = FloatMathTest.sweep();
        // an odd length leaves a tail after the last whole vector, and spans several two-pass blocks
        float[] x = Arrays.copyOf(sweep, sweep.length - 3);
        float[] fast = x.clone();
        float[] scalar = x.clone();
        op.apply().accept(ArrayMath.fastest(), fast);
        op.apply().accept(ArrayMath.SCALAR, scalar);
        for (int i = 0; i < x.length; i++) {
            if (Float.floatToIntBits(fast[i]) != Float.floatToIntBits(scalar[i])) {
                throw new AssertionError(op.name() + "(" + x[i] + "): vector " + fast[i] + ", scalar " + scalar[i]);
            }
        }
    }

    @Test
    void maxAndSumAgreeBitForBitAtEveryLengthAndOffset() {
        Random rng = new Random(5);
        float[] v = new float[1100];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rng.nextGaussian() * Math.exp(8 * rng.nextGaussian()));
        }
        for (int from = 0; from < 5; from++) {
            for (int n = 1; n <= 1095; n += n < 70 ? 1 : 37) {
                assertEquals(Float.floatToIntBits(ArrayMath.SCALAR.max(v, from, n)),
                        Float.floatToIntBits(ArrayMath.fastest().max(v, from, n)), "max n=" + n);
                assertEquals(Double.doubleToLongBits(ArrayMath.SCALAR.sum(v, from, n)),
                        Double.doubleToLongBits(ArrayMath.fastest().sum(v, from, n)), "sum n=" + n);
            }
        }
        assertEquals(0.0, ArrayMath.fastest().sum(v, 3, 0));
    }

    @Test
    void maxPropagatesNaNAndSumIsAccurate() {
        float[] v = new float[200];
        Random rng = new Random(6);
        double absSum = 0;
        BigDecimal exact = BigDecimal.ZERO;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rng.nextGaussian() * 1e4);
            absSum += Math.abs(v[i]);
            exact = exact.add(new BigDecimal(v[i]));
        }
        for (ArrayMath m : new ArrayMath[] {ArrayMath.SCALAR, ArrayMath.fastest()}) {
            assertEquals(exact.doubleValue(), m.sum(v, 0, v.length), 1e-15 * absSum);
            float max = Float.NEGATIVE_INFINITY;
            for (float f : v) {
                max = Math.max(max, f);
            }
            assertEquals(max, m.max(v, 0, v.length));
            float[] withNaN = v.clone();
            withNaN[137] = Float.NaN;
            assertTrue(Float.isNaN(m.max(withNaN, 0, v.length)));
            assertTrue(Double.isNaN(m.sum(withNaN, 0, v.length)));
        }
    }
}

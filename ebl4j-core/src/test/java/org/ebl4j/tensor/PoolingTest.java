package org.ebl4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.autodiff.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Max, average and L2 pooling against direct float64 references, hand-computed values and gradient checks. */
class PoolingTest {
    /** Input [n, c, h, w], window kh × kw, strides, paddings. */
    record Geometry(int n, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw) {
        int outH() {
            return (h + 2 * ph - kh) / sh + 1;
        }

        int outW() {
            return (w + 2 * pw - kw) / sw + 1;
        }
    }

    static Stream<Geometry> geometries() {
        return Stream.of(
                new Geometry(1, 1, 4, 4, 2, 2, 2, 2, 0, 0),
                new Geometry(2, 3, 7, 6, 3, 3, 2, 2, 1, 1),
                new Geometry(2, 2, 5, 8, 2, 3, 1, 2, 1, 1),
                new Geometry(3, 1, 6, 6, 3, 3, 3, 3, 0, 0),
                new Geometry(1, 4, 9, 5, 4, 2, 2, 1, 2, 0));
    }

    private enum Kind { MAX, AVG, L2 }

    /** Direct pooling in float64: padding is −∞ for max and 0 otherwise; average divides by kh·kw. */
    private static double[] reference(Kind kind, Geometry g, float[] x) {
        double[] y = new double[g.n() * g.c() * g.outH() * g.outW()];
        int at = 0;
        for (int p = 0; p < g.n() * g.c(); p++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                for (int ow = 0; ow < g.outW(); ow++) {
                    double acc = kind == Kind.MAX ? Double.NEGATIVE_INFINITY : 0;
                    for (int i = 0; i < g.kh(); i++) {
                        for (int j = 0; j < g.kw(); j++) {
                            int ih = oh * g.sh() - g.ph() + i;
                            int iw = ow * g.sw() - g.pw() + j;
                            if (ih < 0 || ih >= g.h() || iw < 0 || iw >= g.w()) {
                                continue;
                            }
                            double v = x[(p * g.h() + ih) * g.w() + iw];
                            acc = kind == Kind.MAX ? Math.max(acc, v) : acc + (kind == Kind.L2 ? v * v : v);
                        }
                    }
                    y[at++] = kind == Kind.AVG ? acc / (g.kh() * g.kw()) : kind == Kind.L2 ? Math.sqrt(acc) : acc;
                }
            }
        }
        return y;
    }

    private static Tensor pool(Kind kind, Geometry g, Tensor x) {
        return switch (kind) {
            case MAX -> Pooling.maxPool2d(x, g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw());
            case AVG -> Pooling.avgPool2d(x, g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw());
            case L2 -> Pooling.l2Pool2d(x, g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw(), 0f);
        };
    }

    /** Distinct values (no ties, gaps of 0.1 ≫ the finite-difference step), negative and positive, shuffled. */
    private static Tensor distinct(Rng rng, int... shape) {
        int n = Shape.numel(shape);
        int[] perm = rng.permutation(n);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.1f * (perm[i] - n / 2);
        }
        return Tensor.of(v, shape);
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void poolingMatchesDirectReferences(Geometry g) {
        // all-negative inputs too: padding must not win a max window
        Tensor x = new Rng(1).uniform(-2f, 1f, g.n(), g.c(), g.h(), g.w());
        for (Kind kind : Kind.values()) {
            Tensor y = pool(kind, g, x);
            assertArrayEquals(new int[] {g.n(), g.c(), g.outH(), g.outW()}, y.shape(), kind.name());
            double[] expected = reference(kind, g, x.toArray());
            float[] actual = y.toArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-5 * (1 + Math.abs(expected[i])), kind + " element " + i);
            }
        }
    }

    @Test
    void smallInputEqualsHandComputedValues() {
        Tensor x = Tensor.of(new float[] {1, -2, 3, 0, -4, 5, 6, -7, 2, 2, 2, 2, 8, 0, 0, -1}, 1, 1, 4, 4);
        assertArrayEquals(new float[] {5, 6, 8, 2}, Pooling.maxPool2d(x, 2).toArray());
        assertArrayEquals(new float[] {0, 0.5f, 3, 0.75f}, Pooling.avgPool2d(x, 2).toArray(), 1e-6f);
        assertArrayEquals(new float[] {(float) Math.sqrt(46), (float) Math.sqrt(94), (float) Math.sqrt(72), 3},
                Pooling.l2Pool2d(x, 2, 2, 2, 2, 0, 0, 0f).toArray(), 1e-5f);
        // 3x3 windows, stride 1, padding 1 on an all-negative corner: max ignores the −∞ padding
        Tensor neg = Tensor.of(new float[] {-1, -2, -3, -4}, 1, 1, 2, 2);
        assertArrayEquals(new float[] {-1, -1, -1, -1}, Pooling.maxPool2d(neg, 3, 1, 1).toArray());
        // average counts the zero padding in the divisor (count_include_pad)
        assertArrayEquals(new float[] {-10f / 9, -10f / 9, -10f / 9, -10f / 9},
                Pooling.avgPool2d(neg, 3, 1, 1).toArray(), 1e-6f);
    }

    @Test
    void gradients() {
        Rng rng = new Rng(2);
        GradCheck.Result max = GradCheck.check(t -> Pooling.maxPool2d(t[0], 3, 2, 1), distinct(rng, 2, 2, 5, 6));
        assertTrue(max.passed(), "maxPool2d: " + max);
        GradCheck.Result avg = GradCheck.check(t -> Pooling.avgPool2d(t[0], 2, 3, 1, 2, 1, 1),
                rng.uniform(-1f, 1f, 2, 2, 5, 6));
        assertTrue(avg.passed(), "avgPool2d: " + avg);
        GradCheck.Result l2 = GradCheck.check(t -> Pooling.l2Pool2d(t[0], 2, 1, 0), rng.uniform(-1f, 1f, 2, 2, 4, 5));
        assertTrue(l2.passed(), "l2Pool2d: " + l2);
        GradCheck.Result l2Second = GradCheck.checkSecondOrder(t -> Pooling.l2Pool2d(t[0], 2, 2, 1).tanh(),
                rng.uniform(0.3f, 1f, 1, 2, 4, 4));
        assertTrue(l2Second.passed(), "l2Pool2d second order: " + l2Second);
    }

    @Test
    void maxGradientGoesToTheArgmaxOfEachWindow() {
        Tensor x = Tensor.of(new float[] {1, -2, 3, 0, -4, 5, 6, -7, 2, 2, 2, 2, 8, 0, 0, -1}, 1, 1, 4, 4)
                .requiresGrad(true);
        Pooling.maxPool2d(x, 2).sum().backward();
        // the tie 2 = 2 in the bottom-right window goes to its first element
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0}, x.grad().toArray());
    }

    @Test
    void l2GradientIsFiniteOnAllZeroWindowsWithEps() {
        Tensor x = Tensor.zeros(1, 1, 4, 4).requiresGrad(true);
        Tensor y = Pooling.l2Pool2d(x, 2);
        assertEquals((float) Math.sqrt(Pooling.L2_EPS), y.get(0, 0, 0, 0), 1e-9f);
        Tensor g = Autodiff.grad(List.of(y), List.of(Tensor.onesLike(y)), List.of(x), false)[0];
        for (float v : g.toArray()) {
            assertEquals(0f, v);
        }
    }

    @Test
    void badSettingsAreRejected() {
        Tensor x = Tensor.zeros(1, 2, 5, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pooling.maxPool2d(x, 2, 2, 2));
        assertTrue(e.getMessage().contains("maxPool2d") && e.getMessage().contains("half"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pooling.avgPool2d(Tensor.zeros(2, 5, 5), 2));
        assertTrue(e.getMessage().contains("avgPool2d") && e.getMessage().contains("[2, 5, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pooling.l2Pool2d(x, 6));
        assertTrue(e.getMessage().contains("l2Pool2d") && e.getMessage().contains("[1, 2, 5, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Pooling.l2Pool2d(x, 2, 2, 2, 2, 0, 0, -1f));
        assertTrue(e.getMessage().contains("eps"), e.getMessage());
    }
}

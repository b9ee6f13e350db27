package org.ebl4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.stream.Stream;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.kernel.Threads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Convolution by unfold/fold + GEMM against direct nested-loop references in float64, hand-computed values,
 * adjointness (⟨unfold x, c⟩ = ⟨x, fold c⟩, ⟨conv x, y⟩ = ⟨x, convT y⟩) and finite-difference gradients.
 */
class ConvolutionTest {
    /** A convolution setting: input [n, c, h, w], o output channels, kernel kh × kw, strides, paddings. */
    record Geometry(int n, int c, int h, int w, int o, int kh, int kw, int sh, int sw, int ph, int pw) {
        int outH() {
            return (h + 2 * ph - kh) / sh + 1;
        }

        int outW() {
            return (w + 2 * pw - kw) / sw + 1;
        }

        /** Output padding that makes convTranspose2d map [outH, outW] back to [h, w]. */
        int oph() {
            return (h + 2 * ph - kh) % sh;
        }

        int opw() {
            return (w + 2 * pw - kw) % sw;
        }
    }

    static Stream<Geometry> geometries() {
        return Stream.of(
                new Geometry(1, 1, 5, 5, 1, 3, 3, 1, 1, 0, 0),
                new Geometry(2, 3, 7, 6, 4, 3, 3, 1, 1, 1, 1),
                new Geometry(3, 2, 9, 8, 5, 3, 2, 2, 1, 1, 0),
                new Geometry(2, 4, 8, 11, 3, 2, 4, 2, 3, 0, 2),
                new Geometry(1, 3, 6, 6, 2, 6, 6, 1, 1, 0, 0),
                new Geometry(2, 5, 4, 5, 3, 1, 1, 1, 1, 0, 0),
                new Geometry(4, 6, 20, 20, 8, 5, 5, 1, 1, 2, 2),
                new Geometry(2, 3, 10, 7, 2, 1, 3, 3, 2, 0, 1));
    }

    /** Direct float64 cross-correlation with zero padding. */
    static double[] conv2dReference(Geometry g, float[] x, float[] wt, float[] b) {
        int ho = g.outH();
        int wo = g.outW();
        double[] y = new double[g.n() * g.o() * ho * wo];
        for (int n = 0; n < g.n(); n++) {
            for (int o = 0; o < g.o(); o++) {
                for (int oh = 0; oh < ho; oh++) {
                    for (int ow = 0; ow < wo; ow++) {
                        double s = b == null ? 0 : b[o];
                        for (int c = 0; c < g.c(); c++) {
                            for (int i = 0; i < g.kh(); i++) {
                                for (int j = 0; j < g.kw(); j++) {
                                    int ih = oh * g.sh() - g.ph() + i;
                                    int iw = ow * g.sw() - g.pw() + j;
                                    if (ih >= 0 && ih < g.h() && iw >= 0 && iw < g.w()) {
                                        s += (double) x[((n * g.c() + c) * g.h() + ih) * g.w() + iw]
                                                * wt[((o * g.c() + c) * g.kh() + i) * g.kw() + j];
                                    }
                                }
                            }
                        }
                        y[((n * g.o() + o) * ho + oh) * wo + ow] = s;
                    }
                }
            }
        }
        return y;
    }

    /** Direct float64 transposed convolution: x [n, o, Ho, Wo], weight [o, c, kh, kw] → [n, c, h, w]. */
    static double[] convTransposeReference(Geometry g, float[] x, float[] wt, float[] b) {
        int ho = g.outH();
        int wo = g.outW();
        double[] y = new double[g.n() * g.c() * g.h() * g.w()];
        for (int n = 0; n < g.n(); n++) {
            for (int c = 0; c < g.c(); c++) {
                for (int p = 0; p < g.h() * g.w(); p++) {
                    y[(n * g.c() + c) * g.h() * g.w() + p] = b == null ? 0 : b[c];
                }
            }
            for (int o = 0; o < g.o(); o++) {
                for (int oh = 0; oh < ho; oh++) {
                    for (int ow = 0; ow < wo; ow++) {
                        double v = x[((n * g.o() + o) * ho + oh) * wo + ow];
                        for (int c = 0; c < g.c(); c++) {
                            for (int i = 0; i < g.kh(); i++) {
                                for (int j = 0; j < g.kw(); j++) {
                                    int ih = oh * g.sh() - g.ph() + i;
                                    int iw = ow * g.sw() - g.pw() + j;
                                    if (ih >= 0 && ih < g.h() && iw >= 0 && iw < g.w()) {
                                        y[((n * g.c() + c) * g.h() + ih) * g.w() + iw] +=
                                                v * wt[((o * g.c() + c) * g.kh() + i) * g.kw() + j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    private static void assertClose(double[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]);
            assertTrue(err <= tol * (1 + Math.abs(expected[i])), what + ": element " + i + " expected " + expected[i]
                    + " got " + actual[i]);
        }
    }

    private static double dot(Tensor a, Tensor b) {
        float[] x = a.toArray();
        float[] y = b.toArray();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (double) x[i] * y[i];
        }
        return s;
    }

    private static Tensor input(Rng rng, Geometry g) {
        return rng.uniform(-1f, 1f, g.n(), g.c(), g.h(), g.w());
    }

    private static Tensor weight(Rng rng, Geometry g) {
        return rng.uniform(-1f, 1f, g.o(), g.c(), g.kh(), g.kw());
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void conv2dMatchesDirectReference(Geometry g) {
        Rng rng = new Rng(1);
        Tensor x = input(rng, g);
        Tensor w = weight(rng, g);
        Tensor b = rng.uniform(-1f, 1f, g.o());
        Tensor y = Convolution.conv2d(x, w, b, g.sh(), g.sw(), g.ph(), g.pw());
        assertArrayEquals(new int[] {g.n(), g.o(), g.outH(), g.outW()}, y.shape());
        assertClose(conv2dReference(g, x.toArray(), w.toArray(), b.toArray()), y.toArray(), 1e-5, "conv2d");
        Tensor noBias = Convolution.conv2d(x, w, null, g.sh(), g.sw(), g.ph(), g.pw());
        assertClose(conv2dReference(g, x.toArray(), w.toArray(), null), noBias.toArray(), 1e-5, "conv2d no bias");
    }

    @Test
    void conv2dOfNonContiguousInputMatchesReference() {
        Geometry g = new Geometry(2, 3, 6, 5, 2, 3, 3, 1, 1, 1, 1);
        Rng rng = new Rng(2);
        Tensor xt = rng.uniform(-1f, 1f, g.n(), g.c(), g.w(), g.h()).transpose(2, 3);
        Tensor w = weight(rng, g);
        float[] x = xt.toArray();
        Tensor y = Convolution.conv2d(xt, w, null, 1, 1);
        assertClose(conv2dReference(g, x, w.toArray(), null), y.toArray(), 1e-5, "conv2d of a transposed view");
    }

    @Test
    void conv2dOfSmallInputEqualsHandComputedValues() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        // 1·1 + 2·2 + 4·3 + 5·4 = 37, then shifted windows
        assertArrayEquals(new float[] {37.5f, 47.5f, 67.5f, 77.5f},
                Convolution.conv2d(x, w, Tensor.vector(0.5f), 1, 0).toArray(), 1e-6f);
        // padding 1, stride 2: windows at (−1,−1), (−1,1), (1,−1), (1,1) of the zero-padded image
        assertArrayEquals(new float[] {4, 2 * 3 + 3 * 4, 4 * 2 + 7 * 4, 77},
                Convolution.conv2d(x, w, null, 2, 1).toArray(), 1e-6f);
    }

    @Test
    void unfoldHasPyTorchLayout() {
        Tensor x = Tensor.arange(2 * 3 * 4).reshape(1, 2, 3, 4);
        Tensor cols = Convolution.unfold(x, 2, 3, 1, 1, 0, 1);
        // Ho = 2, Wo = 4; row (c·kh + i)·kw + j, column oh·Wo + ow reads x[c, oh + i, ow − 1 + j]
        assertArrayEquals(new int[] {1, 2 * 2 * 3, 2 * 4}, cols.shape());
        assertEquals(0f, cols.get(0, 0, 0)); // padding
        assertEquals(x.get(0, 0, 0, 0), cols.get(0, 1, 0));
        assertEquals(x.get(0, 1, 2, 3), cols.get(0, (1 * 2 + 1) * 3 + 1, 1 * 4 + 3));
        assertEquals(x.get(0, 1, 1, 2), cols.get(0, (1 * 2 + 0) * 3 + 2, 1 * 4 + 1));
        assertEquals(0f, cols.get(0, 2, 3)); // column 4 of the padded input is outside x
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void foldIsTheAdjointOfUnfold(Geometry g) {
        Rng rng = new Rng(3);
        Tensor x = input(rng, g);
        Tensor cols = Convolution.unfold(x, g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw());
        Tensor c = rng.uniform(-1f, 1f, cols.shape());
        Tensor back = Convolution.fold(c, g.h(), g.w(), g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw());
        assertArrayEquals(x.shape(), back.shape());
        double lhs = dot(cols, c);
        assertEquals(lhs, dot(x, back), 1e-4 * (1 + Math.abs(lhs)));
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void convTransposeIsTheAdjointOfConv(Geometry g) {
        Rng rng = new Rng(4);
        Tensor x = input(rng, g);
        Tensor w = weight(rng, g);
        Tensor y = rng.uniform(-1f, 1f, g.n(), g.o(), g.outH(), g.outW());
        Tensor back = Convolution.convTranspose2d(y, w, null, g.sh(), g.sw(), g.ph(), g.pw(), g.oph(), g.opw());
        assertArrayEquals(x.shape(), back.shape());
        double lhs = dot(Convolution.conv2d(x, w, null, g.sh(), g.sw(), g.ph(), g.pw()), y);
        assertEquals(lhs, dot(x, back), 1e-4 * (1 + Math.abs(lhs)));
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void convTransposeMatchesDirectReference(Geometry g) {
        Rng rng = new Rng(5);
        Tensor y = rng.uniform(-1f, 1f, g.n(), g.o(), g.outH(), g.outW());
        Tensor w = weight(rng, g);
        Tensor b = rng.uniform(-1f, 1f, g.c());
        Tensor out = Convolution.convTranspose2d(y, w, b, g.sh(), g.sw(), g.ph(), g.pw(), g.oph(), g.opw());
        assertClose(convTransposeReference(g, y.toArray(), w.toArray(), b.toArray()), out.toArray(), 1e-5,
                "convTranspose2d");
    }

    @Test
    void convTransposeOutputSizeFollowsPyTorch() {
        // (H − 1)·s − 2p + k + outputPadding = (4 − 1)·2 − 2 + 3 + 1 = 8
        Tensor y = Convolution.convTranspose2d(Tensor.ones(1, 2, 4, 4), Tensor.ones(2, 3, 3, 3), null, 2, 1, 1);
        assertArrayEquals(new int[] {1, 3, 8, 8}, y.shape());
    }

    @Test
    void resultsDoNotDependOnThreadCount() {
        Geometry g = new Geometry(4, 8, 20, 20, 4, 3, 3, 2, 1, 1, 1);
        Rng rng = new Rng(6);
        Tensor x = input(rng, g);
        Tensor c = rng.uniform(-1f, 1f, 4, 8 * 9, g.outH() * g.outW());
        int saved = Threads.count();
        try {
            Threads.set(1);
            float[] u1 = Convolution.unfold(x, 3, 3, 2, 1, 1, 1).toArray();
            float[] f1 = Convolution.fold(c, 20, 20, 3, 3, 2, 1, 1, 1).toArray();
            Threads.set(3);
            assertArrayEquals(u1, Convolution.unfold(x, 3, 3, 2, 1, 1, 1).toArray());
            assertArrayEquals(f1, Convolution.fold(c, 20, 20, 3, 3, 2, 1, 1, 1).toArray());
        } finally {
            Threads.set(saved);
        }
    }

    // ---------------------------------------------------------------- gradients

    private static void assertGrad(String what, Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Result r = GradCheck.check(f, inputs);
        assertTrue(r.passed(), what + ": " + r);
    }

    @Test
    void unfoldAndFoldGradients() {
        Rng rng = new Rng(7);
        assertGrad("unfold", x -> Convolution.unfold(x[0], 3, 2, 2, 1, 1, 1), rng.uniform(-1f, 1f, 2, 2, 5, 4));
        assertGrad("fold", c -> Convolution.fold(c[0], 5, 4, 3, 2, 2, 1, 1, 1),
                rng.uniform(-1f, 1f, 2, 2 * 6, 3 * 5));
    }

    @Test
    void conv2dGradientsWithRespectToInputWeightAndBias() {
        Rng rng = new Rng(8);
        assertGrad("conv2d stride 2, padding 1, 3x2 kernel",
                t -> Convolution.conv2d(t[0], t[1], t[2], 2, 1, 1, 0),
                rng.uniform(-1f, 1f, 2, 3, 6, 5), rng.uniform(-1f, 1f, 4, 3, 3, 2), rng.uniform(-1f, 1f, 4));
        assertGrad("conv2d 1x1", t -> Convolution.conv2d(t[0], t[1], t[2], 1, 0),
                rng.uniform(-1f, 1f, 2, 3, 3, 3), rng.uniform(-1f, 1f, 2, 3, 1, 1), rng.uniform(-1f, 1f, 2));
    }

    @Test
    void convTransposeGradients() {
        Rng rng = new Rng(9);
        assertGrad("convTranspose2d", t -> Convolution.convTranspose2d(t[0], t[1], t[2], 2, 1, 1),
                rng.uniform(-1f, 1f, 2, 3, 3, 4), rng.uniform(-1f, 1f, 3, 2, 3, 3), rng.uniform(-1f, 1f, 2));
    }

    @Test
    void conv2dSecondDerivatives() {
        Rng rng = new Rng(10);
        GradCheck.Result r = GradCheck.checkSecondOrder(t -> Convolution.conv2d(t[0], t[1], t[2], 2, 1).tanh(),
                rng.uniform(-1f, 1f, 1, 2, 5, 5), rng.uniform(-0.5f, 0.5f, 3, 2, 3, 3), rng.uniform(-1f, 1f, 3));
        assertTrue(r.passed(), "conv2d + tanh, second order: " + r);
    }

    // ---------------------------------------------------------------- errors

    private static void assertRejects(Runnable op, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, op::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should contain '" + f + "'");
        }
    }

    @Test
    void shapeErrorsNameTheOperationAndBothShapes() {
        Tensor x = Tensor.zeros(2, 3, 5, 5);
        assertRejects(() -> Convolution.conv2d(Tensor.zeros(3, 5, 5), Tensor.zeros(4, 3, 3, 3), null, 1, 0),
                "conv2d", "[3, 5, 5]", "[4, 3, 3, 3]");
        assertRejects(() -> Convolution.conv2d(x, Tensor.zeros(4, 3, 3), null, 1, 0),
                "conv2d", "[2, 3, 5, 5]", "[4, 3, 3]");
        assertRejects(() -> Convolution.conv2d(x, Tensor.zeros(4, 2, 3, 3), null, 1, 0),
                "conv2d", "channels", "[2, 3, 5, 5]", "[4, 2, 3, 3]");
        assertRejects(() -> Convolution.conv2d(x, Tensor.zeros(4, 3, 8, 3), null, 1, 1),
                "conv2d", "larger than the padded input", "[2, 3, 5, 5]", "[4, 3, 8, 3]");
        assertRejects(() -> Convolution.conv2d(x, Tensor.zeros(4, 3, 3, 3), Tensor.zeros(3), 1, 0),
                "conv2d", "bias", "[2, 3, 5, 5]", "[4, 3, 3, 3]");
        assertRejects(() -> Convolution.conv2d(x, Tensor.zeros(4, 3, 3, 3), null, 0, 0), "conv2d", "stride");
        assertRejects(() -> Convolution.convTranspose2d(x, Tensor.zeros(4, 2, 3, 3), null, 1, 0, 0),
                "convTranspose2d", "channels", "[2, 3, 5, 5]", "[4, 2, 3, 3]");
        assertRejects(() -> Convolution.convTranspose2d(x, Tensor.zeros(3, 2, 3, 3), null, 2, 0, 2),
                "convTranspose2d", "output padding");
        assertRejects(() -> Convolution.unfold(x, 6, 6, 1, 0), "unfold", "larger", "[2, 3, 5, 5]");
        assertRejects(() -> Convolution.fold(Tensor.zeros(2, 27, 10), 5, 5, 3, 3, 1, 0), "fold", "[2, 27, 10]");
        assertRejects(() -> Convolution.fold(Tensor.zeros(2, 28, 9), 5, 5, 3, 3, 1, 0), "fold", "[2, 28, 9]");
    }
}

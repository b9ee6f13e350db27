package org.ebl4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.tensor.Convolution;
import org.ebl4j.tensor.Pooling;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Convolution and pooling modules: PyTorch names, shapes and init, forward = the tensor op, Jacobian checks. */
class ConvModulesTest {
    record Case(String name, Supplier<Layer> module, int[] inputShape) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> modules() {
        return Stream.of(
                new Case("Conv2d", () -> new Conv2d(2, 3, 3, 2, 1, new Rng(1)), new int[] {2, 2, 5, 5}),
                new Case("Conv2d (rectangular, no bias)", () -> new Conv2d(2, 2, 2, 3, 1, 2, 1, 0, false, new Rng(2)),
                        new int[] {1, 2, 4, 7}),
                new Case("ConvTranspose2d", () -> new ConvTranspose2d(3, 2, 3, 2, 1, 1, new Rng(3)),
                        new int[] {2, 3, 3, 3}),
                new Case("MaxPool2d", () -> new MaxPool2d(2), new int[] {2, 2, 4, 4}),
                new Case("AvgPool2d", () -> new AvgPool2d(3, 2, 1), new int[] {2, 2, 5, 5}),
                new Case("L2Pool2d", () -> new L2Pool2d(2, 1, 0, Pooling.L2_EPS), new int[] {2, 2, 3, 4}),
                new Case("Sequential(Conv2d, Tanh, MaxPool2d)", () -> new Sequential(new Conv2d(1, 2, 3, 1, 1,
                        new Rng(4)), new Tanh(), new MaxPool2d(2)), new int[] {2, 1, 4, 4}));
    }

    /** Distinct values with gaps of 0.05, so that no max-pooling window has a near tie. */
    private static Tensor distinct(Rng rng, int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        int[] perm = rng.permutation(n);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.05f * (perm[i] - n / 2f);
        }
        return Tensor.of(v, shape);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void gradientsWithRespectToInputAndParameters(Case c) {
        Layer m = c.module().get();
        List<Tensor> all = new ArrayList<>(m.parameters());
        all.add(0, distinct(new Rng(7), c.inputShape()));
        GradCheck.Result r = GradCheck.check(xs -> m.forward(xs[0]), all.toArray(new Tensor[0]));
        assertTrue(r.passed(), c.name() + ": " + r);
    }

    @Test
    void conv2dHasPyTorchParametersAndInit() {
        Conv2d conv = new Conv2d(3, 8, 5, 5, 1, 1, 0, 0, true, new Rng(11));
        assertEquals(List.of("weight", "bias"), new ArrayList<>(conv.namedParameters().keySet()));
        assertArrayEquals(new int[] {8, 3, 5, 5}, conv.weight().shape());
        assertArrayEquals(new int[] {8}, conv.bias().shape());
        assertUniform(conv.weight(), 1 / Math.sqrt(3 * 25), 0.9);
        assertUniform(conv.bias(), 1 / Math.sqrt(3 * 25), 0.5);
        assertNull(new Conv2d(3, 8, 3, 3, 1, 1, 0, 0, false, new Rng(1)).bias());
        Sequential net = new Sequential(new Conv2d(1, 2, 3, 1, 0, new Rng(1)), new MaxPool2d(2));
        assertEquals(List.of("0.weight", "0.bias"), new ArrayList<>(net.stateDict().keySet()));
    }

    @Test
    void convTranspose2dHasPyTorchParametersAndInit() {
        ConvTranspose2d deconv = new ConvTranspose2d(6, 4, 3, 2, 1, 1, new Rng(12));
        assertEquals(List.of("weight", "bias"), new ArrayList<>(deconv.namedParameters().keySet()));
        assertArrayEquals(new int[] {6, 4, 3, 3}, deconv.weight().shape());
        assertArrayEquals(new int[] {4}, deconv.bias().shape());
        // PyTorch's fan-in of a transposed convolution is weight.size(1) · kernel area = out · kh · kw
        assertUniform(deconv.weight(), 1 / Math.sqrt(4 * 9), 0.9);
    }

    /** All values within ±bound, and some beyond {@code spread}·bound (not a smaller or a constant init). */
    private static void assertUniform(Tensor t, double bound, double spread) {
        double maxAbs = 0;
        for (float v : t.toArray()) {
            assertTrue(Math.abs(v) <= bound, "value " + v + " outside ±" + bound);
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        assertTrue(maxAbs > spread * bound, "values spread only to " + maxAbs + " of ±" + bound);
    }

    @Test
    void forwardEqualsTheTensorOperations() {
        Rng rng = new Rng(13);
        Tensor x = rng.uniform(-1f, 1f, 2, 3, 9, 8);
        Conv2d conv = new Conv2d(3, 4, 3, 2, 1, new Rng(1));
        assertArrayEquals(Convolution.conv2d(x, conv.weight(), conv.bias(), 2, 1).toArray(),
                conv.forward(x).toArray());
        ConvTranspose2d deconv = new ConvTranspose2d(3, 2, 4, 2, 1, 0, new Rng(2));
        Tensor up = deconv.forward(x);
        assertArrayEquals(new int[] {2, 2, 18, 16}, up.shape());
        assertArrayEquals(Convolution.convTranspose2d(x, deconv.weight(), deconv.bias(), 2, 1, 0).toArray(),
                up.toArray());
        assertArrayEquals(Pooling.maxPool2d(x, 3, 2, 1).toArray(), new MaxPool2d(3, 2, 1).forward(x).toArray());
        assertArrayEquals(Pooling.avgPool2d(x, 2).toArray(), new AvgPool2d(2).forward(x).toArray());
        assertArrayEquals(Pooling.l2Pool2d(x, 2).toArray(), new L2Pool2d(2).forward(x).toArray());
        assertTrue(new MaxPool2d(2).parameters().isEmpty());
    }

    @Test
    void constructorsRejectBadSettings() {
        Rng rng = new Rng(1);
        assertRejects(() -> new Conv2d(0, 2, 3, 1, 0, rng), "Conv2d", "channel");
        assertRejects(() -> new Conv2d(1, 2, 3, 0, 0, rng), "Conv2d", "stride");
        assertRejects(() -> new Conv2d(1, 2, 3, 1, -1, rng), "Conv2d", "padding");
        assertRejects(() -> new ConvTranspose2d(1, 2, 3, 2, 0, 2, rng), "ConvTranspose2d", "output padding");
        assertRejects(() -> new MaxPool2d(2, 2, 2), "MaxPool2d", "half");
        assertRejects(() -> new AvgPool2d(0), "AvgPool2d", "kernel");
        assertRejects(() -> new L2Pool2d(2, 2, 0, Float.NaN), "L2Pool2d", "eps");
        assertRejects(() -> new Conv2d(3, 2, 3, 1, 0, rng).forward(Tensor.zeros(1, 2, 5, 5)), "conv2d", "channels");
    }

    private static void assertRejects(Runnable r, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' should contain '" + f + "'");
        }
    }
}

package org.ebl4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generic Jacobian check (EBLearn's module_tester): for every module, finite differences agree with
 * back-propagation with respect to the input and to every parameter.
 */
class ModuleGradientsTest {
    record Case(String name, Supplier<Layer> module, int[] inputShape) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> modules() {
        return Stream.of(
                new Case("Linear", () -> new Linear(4, 3, new Rng(1)), new int[] {2, 4}),
                new Case("Linear (no bias, rank 3)", () -> new Linear(4, 3, false, new Rng(2)), new int[] {2, 2, 4}),
                new Case("Tanh", Tanh::new, new int[] {2, 3}),
                new Case("Sigmoid", Sigmoid::new, new int[] {2, 3}),
                new Case("ReLU", ReLU::new, new int[] {2, 3}),
                new Case("Softplus", Softplus::new, new int[] {2, 3}),
                new Case("Abs", Abs::new, new int[] {2, 3}),
                new Case("Shrinkage", () -> new Shrinkage(3, 0.1f), new int[] {4, 3}),
                new Case("Sequential", () -> new Sequential(new Linear(3, 5, new Rng(3)), new Tanh(),
                        new Linear(5, 2, new Rng(4))), new int[] {2, 3}));
    }

    /** Inputs and parameters away from the kinks of relu/abs/shrinkage. */
    private static Tensor awayFromKinks(Rng rng, int[] shape) {
        Tensor sign = rng.bernoulli(0.5f, shape).mul(2f).sub(1f);
        return rng.uniform(0.3f, 1.3f, shape).mul(sign).detach();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void gradientsWithRespectToInputAndParameters(Case c) {
        Layer m = c.module().get();
        List<Tensor> params = m.parameters();
        Tensor x = awayFromKinks(new Rng(7), c.inputShape());
        List<Tensor> all = new ArrayList<>(params);
        all.add(0, x);
        GradCheck.Result r = GradCheck.check(xs -> m.forward(xs[0]), all.toArray(new Tensor[0]));
        assertTrue(r.passed(), c.name() + ": " + r);
    }

    @Test
    void distancesHaveCorrectValuesAndGradients() {
        Tensor a = Tensor.matrix(new float[][] {{1, 2, 3}, {0, 1, 0}});
        Tensor b = Tensor.matrix(new float[][] {{1, 0, 4}, {0, 2, 0}});
        assertArrayClose(new float[] {5, 1}, new SquaredL2Distance().between(a, b).toArray());
        assertArrayClose(new float[] {3, 1}, new L1Distance().between(a, b).toArray());
        // cos of (1,2,3) and (1,0,4) = 13 / (√14 √17); of parallel vectors = 1
        double cos = 13 / (Math.sqrt(14) * Math.sqrt(17));
        assertArrayClose(new float[] {(float) (1 - cos), 0f}, new CosineDistance().between(a, b).toArray());
        for (Distance d : List.of(new SquaredL2Distance(), new L1Distance(), new CosineDistance())) {
            Tensor x = awayFromKinks(new Rng(11), new int[] {3, 4});
            Tensor y = awayFromKinks(new Rng(12), new int[] {3, 4});
            GradCheck.Result r = GradCheck.check(xs -> d.between(xs[0], xs[1]), x, y);
            assertTrue(r.passed(), d.getClass().getSimpleName() + ": " + r);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new L1Distance().between(Tensor.zeros(2, 3), Tensor.zeros(2, 4)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 4]"), e.getMessage());
    }

    @Test
    void shrinkageIsSoftThresholding() {
        Shrinkage s = new Shrinkage(4, 0.5f);
        float[] y = s.forward(Tensor.vector(-2f, -0.3f, 0.4f, 1.5f).reshape(1, 4)).toArray();
        assertArrayClose(new float[] {-1.5f, 0f, 0f, 1f}, y);
    }

    @Test
    void parametersUsePyTorchNames() {
        Sequential net = new Sequential(new Linear(3, 4, new Rng(0)), new ReLU(), new Linear(4, 2, new Rng(0)));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), new ArrayList<>(net.stateDict().keySet()));
        assertEquals(4, net.parameters().size());
        assertEquals(List.of(4, 3), List.of(net.stateDict().get("0.weight").shape(0),
                net.stateDict().get("0.weight").shape(1)));
        net.eval();
        assertTrue(!net.isTraining() && !net.layers().get(0).isTraining());
    }

    @Test
    void loadStateDictCopiesValuesAndRejectsMismatches() {
        Linear a = new Linear(3, 2, new Rng(1));
        Linear b = new Linear(3, 2, new Rng(2));
        b.loadStateDict(a.stateDict());
        assertArrayClose(a.weight().toArray(), b.weight().toArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.loadStateDict(new Linear(3, 2, false, new Rng(3)).stateDict()));
        assertTrue(e.getMessage().contains("bias"), e.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> b.loadStateDict(new Linear(4, 2, new Rng(3)).stateDict()));
        assertTrue(shape.getMessage().contains("[2, 4]"), shape.getMessage());
    }

    @Test
    void linearRejectsWrongInputWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Linear(3, 2, new Rng(1)).forward(Tensor.zeros(5, 4)));
        assertTrue(e.getMessage().contains("[5, 4]"), e.getMessage());
    }

    static void assertArrayClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, "element " + i);
        }
    }
}

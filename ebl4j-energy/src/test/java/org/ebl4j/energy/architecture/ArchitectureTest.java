package org.ebl4j.energy.architecture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.ebl4j.autodiff.GradCheck;
import org.ebl4j.nn.L1Distance;
import org.ebl4j.nn.Layer;
import org.ebl4j.nn.Linear;
import org.ebl4j.nn.Sequential;
import org.ebl4j.nn.Tanh;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    /** G(X) = X·[1, −2]ᵀ + 0.5 with the weights set by hand. */
    private static Linear fixedLinear() {
        Linear g = new Linear(2, 1, new Rng(0));
        g.weight().copyFrom(Tensor.of(new float[] {1f, -2f}, 1, 2));
        g.bias().copyFrom(Tensor.vector(0.5f));
        return g;
    }

    private static final Tensor X = Tensor.of(new float[] {1f, 0f, 0.5f, 1f, -1f, -0.25f}, 3, 2);

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void regressionEnergyIsHalfTheSquaredDistanceToThePrediction() {
        Regression model = new Regression(fixedLinear());
        // G(X) = [1.5, −1, 0]
        Tensor y = Tensor.of(new float[] {0.5f, -1f, 2f}, 3, 1);
        assertArrayEquals(new float[] {0.5f, 0f, 2f}, model.energy(X, y).toArray(), 1e-6f);
        assertArrayEquals(new float[] {1.5f, -1f, 0f}, model.predict(X).toArray(), 1e-6f);
        assertTrue(message(() -> model.energy(X, Tensor.zeros(3))).contains("answers of shape [3]"));
        assertEquals(List.of("g.weight", "g.bias"), List.copyOf(model.namedParameters().keySet()));
    }

    @Test
    void regressionSumsOverEveryAnswerAxis() {
        Linear g = new Linear(2, 4, new Rng(1));
        Layer reshaped = new Layer() {
            {
                child("lin", g);
            }

            @Override
            public Tensor forward(Tensor x) {
                return g.forward(x).reshape(x.shape(0), 2, 2);
            }
        };
        Regression model = new Regression(reshaped);
        Tensor y = new Rng(2).normal(0f, 1f, 3, 2, 2);
        Tensor expected = model.predict(X).sub(y).square().reshape(3, 4).sum(1, false).mul(0.5f);
        assertArrayEquals(expected.toArray(), model.energy(X, y).toArray(), 1e-6f);
        GradCheck.Result r = GradCheck.check(in -> model.energy(X, in[0]), y.contiguousCopy());
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void binaryClassifierMapsLabelZeroToMinusOneAndLabelOneToPlusOne() {
        BinaryClassifier model = new BinaryClassifier(fixedLinear());
        // G(X) = [1.5, −1, 0]: E(Y = −1) = G (label 0), E(Y = +1) = −G (label 1)
        assertArrayEquals(new float[] {1.5f, -1.5f, -1f, 1f, 0f, -0f}, model.energies(X).toArray(), 0f);
        assertArrayEquals(new float[] {-1.5f, -1f}, model.energy(X.slice(0, 0, 2), Tensor.vector(1, 0)).toArray(), 0f);
        assertArrayEquals(new float[] {1.5f, -1f, 0f}, model.score(X).toArray(), 1e-6f);
        assertEquals(2, model.answers());
        // G of shape [B] works too
        BinaryClassifier flat = new BinaryClassifier(new Layer() {
            @Override
            public Tensor forward(Tensor x) {
                return x.sum(1, false);
            }
        });
        assertArrayEquals(new float[] {-1f, 1f}, flat.energies(Tensor.of(new float[] {-1f, 0f}, 1, 2)).toArray(), 0f);
        BinaryClassifier wide = new BinaryClassifier(new Linear(2, 2, new Rng(3)));
        assertTrue(message(() -> wide.energies(X)).contains("G(X) must have shape [B, 1] or [B], got [3, 2]"));
    }

    @Test
    void multiclassEnergiesAreTheNetworkOutputs() {
        Linear g = new Linear(2, 3, new Rng(4));
        MulticlassClassifier model = new MulticlassClassifier(g, 3);
        assertArrayEquals(g.forward(X).toArray(), model.energies(X).toArray(), 0f);
        assertArrayEquals(new float[] {model.energies(X).get(0, 2), model.energies(X).get(1, 0)},
                model.energy(X.slice(0, 0, 2), Tensor.vector(2, 0)).toArray(), 0f);
        MulticlassClassifier wrong = new MulticlassClassifier(g, 4);
        assertTrue(message(() -> wrong.energies(X)).contains("G(X) must have shape [B, 4], got [3, 3]"));
        assertTrue(message(() -> new MulticlassClassifier(g, 1)).contains("classes must be >= 2, got 1"));
        assertTrue(message(() -> model.energy(X, Tensor.vector(0, 3, 1))).contains("expected an integer in [0, 3)"));
    }

    @Test
    void implicitRegressionComparesBothEmbeddings() {
        Rng rng = new Rng(5);
        Linear g1 = new Linear(2, 3, rng);
        Sequential g2 = new Sequential(new Linear(1, 3, rng), new Tanh());
        Tensor y = rng.normal(0f, 1f, 3, 1);
        ImplicitRegression squared = new ImplicitRegression(g1, g2);
        Tensor a = g1.forward(X);
        Tensor b = g2.forward(y);
        float[] expected = a.sub(b).square().sum(1, false).toArray();
        assertArrayEquals(expected, squared.energy(X, y).toArray(), 1e-6f);
        ImplicitRegression l1 = new ImplicitRegression(g1, g2, new L1Distance());
        assertArrayEquals(a.sub(b).abs().sum(1, false).toArray(), l1.energy(X, y).toArray(), 1e-6f);
        assertEquals(List.of("g1.weight", "g1.bias", "g2.0.weight", "g2.0.bias"),
                List.copyOf(squared.namedParameters().keySet()));
        // dE/dY through G2 (Tanh) by finite differences, and the energy's own gradientY
        GradCheck.Result r = GradCheck.check(in -> squared.energy(X, in[0]), y.contiguousCopy());
        assertTrue(r.passed(), r.toString());
        Tensor gy = squared.gradientY(X, y);
        assertArrayEquals(new int[] {3, 1}, gy.shape());
        assertTrue(message(() -> new ImplicitRegression(g1, null)).contains("must be non-null"));
    }
}

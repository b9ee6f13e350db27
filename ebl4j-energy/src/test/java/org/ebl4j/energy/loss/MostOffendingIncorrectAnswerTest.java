package org.ebl4j.energy.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ebl4j.energy.DiscreteEnergy;
import org.ebl4j.energy.Domain;
import org.ebl4j.energy.Energy;
import org.ebl4j.energy.inference.GradientDescent;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MostOffendingIncorrectAnswerTest {
    /** Energies given directly as the input: E(y, X) = X[y]. */
    static final DiscreteEnergy TABLE = new DiscreteEnergy() {
        @Override
        public int answers() {
            return 4;
        }

        @Override
        public Tensor energies(Tensor x) {
            return x;
        }
    };

    static Energy oneDimensional(java.util.function.UnaryOperator<Tensor> f) {
        return new Energy() {
            @Override
            public Tensor energy(Tensor x, Tensor y) {
                return f.apply(y).sum(1, false);
            }
        };
    }

    @Test
    void discreteAnswerIsTheLowestEnergyLabelOtherThanTheCorrectOne() {
        Tensor x = Tensor.matrix(new float[][] {{0, 1, 2, 3}, {5, -1, 0, 7}, {2, 2, 2, 1}});
        Tensor y = Tensor.vector(0, 1, 3);
        Tensor bar = MostOffendingIncorrectAnswer.discrete().select(TABLE, x, y);
        assertArrayEquals(new float[] {1, 2, 0}, bar.toArray());
    }

    @Test
    void discreteSelectorNeedsADiscreteEnergy() {
        var e = assertThrows(IllegalArgumentException.class, () -> MostOffendingIncorrectAnswer.discrete()
                .select(oneDimensional(y -> y), null, Tensor.zeros(1, 1)));
        assertEquals(true, e.getMessage().contains("DiscreteEnergy"), e.getMessage());
    }

    @Test
    void continuousAnswerIsOnTheEpsilonSphereOfAConvexEnergy() {
        // E = (Y − 0.2)²: the lowest energy at distance ≥ ε from 0.2 is 0.2 ± ε
        Energy e = oneDimensional(y -> y.sub(0.2f).square());
        GradientDescent search = new GradientDescent(Domain.box(-1, 1, 1), new Rng(7));
        Tensor bar = MostOffendingIncorrectAnswer.continuous(search, 0.1f).select(e, null, Tensor.full(0.2f, 1, 1));
        assertEquals(0.1, Math.abs(bar.item() - 0.2), 1e-4);
    }

    @Test
    void continuousAnswerFindsTheOtherWell() {
        // E = (Y² − 1)²: correct answer 1, ε = 0.5 → the most offending answer is the other minimum, −1
        Energy e = oneDimensional(y -> y.square().sub(1f).square());
        GradientDescent search = new GradientDescent(Domain.box(-2, 2, 1), new Rng(8));
        Tensor bar = MostOffendingIncorrectAnswer.continuous(search, 0.5f).select(e, null, Tensor.full(1f, 1, 1));
        assertEquals(-1, bar.item(), 1e-3);
    }

    @Test
    void continuousAnswerStaysInsideTheBoxNearAFace() {
        // correct answer 0.99 on [−1, 1], E = (Y − 0.99)²: 1.09 is outside the box, so Ȳ = 0.89
        Energy e = oneDimensional(y -> y.sub(0.99f).square());
        GradientDescent search = new GradientDescent(Domain.box(-1, 1, 1), new Rng(9));
        Tensor bar = MostOffendingIncorrectAnswer.continuous(search, 0.1f).select(e, null, Tensor.full(0.99f, 1, 1));
        assertEquals(0.89, bar.item(), 1e-4);
    }

    @Test
    void continuousAnswersAreSelectedPerSampleOfABatch() {
        // E(Y, X) = (Y − X)²; correct answers are far from X, so Ȳ = X whenever |X − Y^i| ≥ ε
        Energy e = new Energy() {
            @Override
            public Tensor energy(Tensor x, Tensor y) {
                return y.sub(x).square().sum(1, false);
            }
        };
        Tensor x = Tensor.of(new float[] {-0.5f, 0f, 0.6f}, 3, 1);
        Tensor y = Tensor.of(new float[] {0.5f, 0.9f, -0.6f}, 3, 1);
        GradientDescent search = new GradientDescent(Domain.box(-1, 1, 1), new Rng(10));
        Tensor bar = MostOffendingIncorrectAnswer.continuous(search, 0.2f).select(e, x, y);
        assertArrayEquals(x.toArray(), bar.toArray(), 1e-3f);
    }

    @Test
    void epsilonMustBePositive() {
        GradientDescent search = new GradientDescent(Domain.box(-1, 1, 1), new Rng(1));
        assertThrows(IllegalArgumentException.class, () -> MostOffendingIncorrectAnswer.continuous(search, 0f));
    }
}

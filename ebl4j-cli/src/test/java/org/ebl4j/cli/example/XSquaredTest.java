package org.ebl4j.cli.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.energy.Energy;
import org.ebl4j.energy.architecture.Regression;
import org.ebl4j.energy.train.Dataset;
import org.ebl4j.nn.Layer;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class XSquaredTest {
    /** E(Y, X) = k |Y − X² − shift|. */
    private static Energy vee(float k, float shift) {
        return new Energy() {
            @Override
            public Tensor energy(Tensor x, Tensor y) {
                return y.sub(x.square()).sub(shift).abs().mul(k).reshape(x.shape(0));
            }
        };
    }

    private static XSquared.Config config() {
        return new XSquared.Config(3, 1, 64, 0.02, 8, 16, 0.02, 1, 0.2, 1);
    }

    @Test
    void gapIsZeroForAFlatEnergyAndAtLeastTheRiseOutsideTheBall() {
        Energy flat = new Energy() {
            @Override
            public Tensor energy(Tensor x, Tensor y) {
                return Tensor.full(3f, x.shape(0));
            }
        };
        assertEquals(0.0, XSquared.gap(flat, 0.2, new Rng(1)), 1e-6);
        // wrong answers are at least 0.2 away, so each costs at least 5 * 0.2 = 1; on average about 5 * 0.5
        double gap = XSquared.gap(vee(5f, 0f), 0.2, new Rng(1));
        assertTrue(gap > 1.0 && gap < 5 * 1.0, "gap " + gap);
        assertEquals(gap, XSquared.gap(vee(5f, 0f), 0.2, new Rng(1)), 0.0, "same seed, same wrong answers");
    }

    @Test
    void argminErrorMeasuresHowFarTheMinimumIsFromXSquared() {
        assertTrue(XSquared.argminError(vee(1f, 0f)) <= 0.0025 + 1e-6, "half the candidate spacing at most");
        // the minimum sits 0.1 above X² (inside the answer box for every test input)
        assertEquals(0.1, XSquared.argminError(vee(1f, 0.1f)), 0.003);
        Layer exact = new Layer() {
            @Override
            public Tensor forward(Tensor x) {
                return x.square();
            }
        };
        assertEquals(0.0, XSquared.argminError(new Regression(exact)), 1e-7, "regression: Y* = G(X) exactly");
    }

    @Test
    void samplesLieOnTheNoisyParabolaInsideTheAnswerBox() {
        Dataset d = XSquared.samples(500, 0.02, new Rng(3));
        float[] x = d.x().toArray();
        float[] y = d.y().toArray();
        double sq = 0;
        for (int i = 0; i < x.length; i++) {
            assertTrue(x[i] >= -1 && x[i] <= 1 && y[i] >= -0.25f && y[i] <= 1.25f);
            sq += Math.pow(y[i] - x[i] * x[i], 2);
        }
        assertEquals(0.02, Math.sqrt(sq / x.length), 0.003);
    }

    @Test
    void everyLossOfTheListIsBuiltAndUnknownOnesAreRejected() {
        for (String name : XSquared.LOSSES) {
            assertEquals(name, XSquared.loss(name, config(), new Rng(1)).name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> XSquared.loss("mce", config(), new Rng(1)));
        assertTrue(e.getMessage().contains("unknown loss 'mce'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new XSquared.Config(3, 1, 64, 0.02, 8, 16, 0.02, 1, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new XSquared.Config(0, 1, 64, 0.02, 8, 16, 0.02, 1, 0.2, 1));
    }
}

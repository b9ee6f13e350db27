package org.ebl4j.energy.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ebl4j.optim.Sgd;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    private static final Dataset TRAIN = Toys.blobs(90, new Rng(1));

    /**
     * Blobs with every other label shifted to the next class: the validation loss first falls (the right half is
     * learnt) and then rises (the wrong half grows linearly with the margin), so its best epoch lies inside the run.
     */
    private static Dataset halfMislabelled() {
        Dataset d = Toys.blobs(60, new Rng(2));
        float[] y = d.y().toArray();
        for (int i = 1; i < y.length; i += 2) {
            y[i] = (y[i] + 1) % 3;
        }
        return new Dataset(d.x(), Tensor.vector(y));
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBestWeights() {
        Toys.LinearClassifier energy = new Toys.LinearClassifier(2, 3, new Rng(3));
        List<float[]> snapshots = new ArrayList<>();
        Trainer trainer = Trainer.builder(energy, new Toys.Nll(), new Sgd(energy.parameters(), 0.005)).epochs(30)
                .batchSize(10).seed(4).validation(halfMislabelled())
                .earlyStopping(EarlyStopping.minimizing("val_loss", 3, 0, true))
                .listener(m -> snapshots.add(Toys.weights(energy))).build();
        TrainingHistory h = trainer.fit(TRAIN);

        double[] val = h.series("val_loss");
        int best = 0;
        for (int i = 1; i < val.length; i++) {
            best = val[i] < val[best] ? i : best;
        }
        assertTrue(h.stoppedEarly());
        assertEquals(best + 1, h.bestEpoch());
        assertTrue(h.bestEpoch() > 3, "the best epoch (" + h.bestEpoch() + ") should follow some improvement");
        assertEquals(val[best], h.bestValue());
        assertEquals(h.bestEpoch() + 3, h.epochs().size(), "stops exactly `patience` epochs after the best");
        assertTrue(h.epochs().size() < 30);
        // The weights put back are those the listener saw at the end of the best epoch, not the last ones.
        assertArrayEquals(snapshots.get(best), Toys.weights(energy));
        assertFalse(Arrays.equals(snapshots.get(snapshots.size() - 1), Toys.weights(energy)));
        assertEquals(val[best], trainer.evaluate(halfMislabelled()).get("loss"), 1e-12);
    }

    @Test
    void minDeltaDecidesWhatCountsAsImprovement() {
        for (double minDelta : new double[] {0, 1e6}) {
            Toys.LinearClassifier energy = new Toys.LinearClassifier(2, 3, new Rng(3));
            TrainingHistory h = Trainer.builder(energy, new Toys.Nll(), new Sgd(energy.parameters(), 0.05))
                    .epochs(6).batchSize(10).seed(4)
                    .earlyStopping(EarlyStopping.minimizing("train_loss", 2, minDelta, false)).build().fit(TRAIN);
            double[] loss = h.series("train_loss");
            for (int i = 1; i < loss.length; i++) {
                assertTrue(loss[i] < loss[i - 1], "the training loss keeps falling");
            }
            if (minDelta == 0) {
                assertFalse(h.stoppedEarly());
                assertEquals(6, h.epochs().size());
                assertEquals(6, h.bestEpoch());
            } else {
                // No fall is bigger than 1e6: epoch 1 stays the best and training ends after epoch 1 + 2.
                assertTrue(h.stoppedEarly());
                assertEquals(3, h.epochs().size());
                assertEquals(1, h.bestEpoch());
            }
        }
    }

    @Test
    void improvementRule() {
        EarlyStopping min = EarlyStopping.minimizing("val_loss", 1, 0.1, false);
        EarlyStopping max = EarlyStopping.maximizing("val_accuracy", 1, 0.1, false);
        assertTrue(min.improves(1.0, Double.NaN));
        assertTrue(min.improves(0.89, 1.0));
        assertFalse(min.improves(0.9, 1.0));
        assertFalse(min.improves(Double.NaN, 1.0));
        assertTrue(max.improves(0.61, 0.5));
        assertFalse(max.improves(0.6, 0.5));
        assertFalse(max.improves(Double.NaN, Double.NaN));
    }

    @Test
    void unknownMetricIsNamedWithTheAvailableOnes() {
        Toys.LinearClassifier energy = new Toys.LinearClassifier(2, 3, new Rng(3));
        Trainer t = Trainer.builder(energy, new Toys.Nll(), new Sgd(energy.parameters(), 0.05)).epochs(2)
                .earlyStopping(EarlyStopping.maximizing("val_accuracy", 2, 0, false)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(TRAIN));
        assertEquals("EarlyStopping: metric 'val_accuracy' is not measured; epoch 1 has [train_loss, "
                + "train_energy_correct, lr]", e.getMessage());
    }

    @Test
    void badSettingsAreRejected() {
        assertEquals("EarlyStopping: patience must be >= 1 epoch, got 0",
                assertThrows(IllegalArgumentException.class, () -> EarlyStopping.minimizing("val_loss", 0, 0, true))
                        .getMessage());
        assertEquals("EarlyStopping: minDelta must be a finite number >= 0, got -0.1",
                assertThrows(IllegalArgumentException.class,
                        () -> EarlyStopping.minimizing("val_loss", 1, -0.1, true)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> EarlyStopping.minimizing("val_loss", 1, Double.NaN, true));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EarlyStopping.minimizing(" ", 1, 0, true))
                .getMessage().contains("metric must name a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EarlyStopping("val_loss", null, 1, 0,
                true)).getMessage().contains("MINIMIZE or MAXIMIZE"));
    }
}

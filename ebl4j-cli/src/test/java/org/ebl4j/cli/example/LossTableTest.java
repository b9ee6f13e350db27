package org.ebl4j.cli.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.ebl4j.data.Digits;
import org.ebl4j.energy.loss.Loss;
import org.ebl4j.tensor.Rng;
import org.junit.jupiter.api.Test;

class LossTableTest {
    @Test
    void theLossesAreTheRowsOfTheTutorialsTable() {
        assertEquals(List.of("energy", "perceptron", "hinge", "log", "lvq2", "mce", "square-square",
                "square-exponential", "nll"), LossTable.losses().stream().map(Loss::name).toList());
    }

    @Test
    void theSplitIsFixedAndEightyTwenty() throws IOException {
        Digits all = Digits.bundled();
        Digits.Split a = LossTable.split(all);
        Digits.Split b = LossTable.split(all);
        assertEquals(1437, a.train().size());
        assertEquals(360, a.test().size());
        assertArrayEquals(a.test().labels().data(), b.test().labels().data());
        assertArrayEquals(a.test().flatImages().toArray(), b.test().flatImages().toArray());
        int[] counts = new int[Digits.CLASSES];
        Arrays.stream(a.test().labels().data()).forEach(l -> counts[l]++);
        Arrays.stream(counts).forEach(c -> assertEquals(36, c, 15)); // shuffled: every class in the test set
    }

    @Test
    void theModelGivesOneEnergyPerLabel() throws IOException {
        Digits some = Digits.bundled().split(5, 0).train();
        assertArrayEquals(new int[] {5, 10}, LossTable.model(8, new Rng(1)).energies(some.flatImages()).shape());
        assertArrayEquals(new float[] {some.labels().get(0), some.labels().get(4)},
                new float[] {LossTable.dataset(some).y().get(0), LossTable.dataset(some).y().get(4)});
    }

    @Test
    void configRejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new LossTable.Config(0, 1, 8, 4, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new LossTable.Config(1, 1, 8, 4, Double.NaN));
    }
}

package org.ebl4j.energy.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.ebl4j.energy.Energy;
import org.ebl4j.energy.loss.Loss;
import org.ebl4j.energy.loss.LossOutput;
import org.ebl4j.io.Json;
import org.ebl4j.optim.Adam;
import org.ebl4j.optim.Lbfgs;
import org.ebl4j.optim.Sgd;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private static final Dataset TRAIN = Toys.blobs(300, new Rng(1));
    private static final Dataset VALIDATION = Toys.blobs(150, new Rng(2));

    @Test
    void learnsSeparableBlobsToHighValidationAccuracy() {
        Toys.LinearClassifier energy = new Toys.LinearClassifier(2, 3, new Rng(3));
        Trainer trainer = Trainer.builder(energy, new Toys.Nll(), new Sgd(energy.parameters(), 0.05, 0.9))
                .epochs(8).batchSize(16).seed(11).validation(VALIDATION).inference(new Toys.Argmin()).build();
        double untrained = trainer.evaluate(VALIDATION).get("accuracy");
        TrainingHistory h = trainer.fit(TRAIN);

        assertEquals(8, h.epochs().size());
        assertEquals(List.of("train_loss", "train_energy_correct", "lr", "val_loss", "val_energy_correct",
                "val_accuracy"), List.copyOf(h.last().values().keySet()));
        double[] loss = h.series("train_loss");
        assertTrue(loss[7] < 0.5 * loss[0], "training loss should fall: " + Arrays.toString(loss));
        assertTrue(untrained < 0.7, "untrained accuracy " + untrained);
        assertTrue(h.last().get("val_accuracy") >= 0.95, "accuracy " + h.last().get("val_accuracy"));
        // The reported validation values are those of evaluate() on the final weights.
        Map<String, Double> eval = trainer.evaluate(VALIDATION);
        assertEquals(eval.get("accuracy"), h.last().get("val_accuracy"));
        assertEquals(eval.get("loss"), h.last().get("val_loss"));
        // Mean accuracy counted by hand from the inferred labels.
        Tensor found = new Toys.Argmin().infer(energy, VALIDATION.x()).y();
        float[] a = found.toArray();
        float[] b = VALIDATION.y().toArray();
        int right = 0;
        for (int i = 0; i < a.length; i++) {
            right += a[i] == b[i] ? 1 : 0;
        }
        assertEquals(right / 150.0, eval.get("accuracy"), 1e-12);
        assertFalse(h.stoppedEarly());
    }

    @Test
    void fullBatchLbfgsTakesItsStepsThroughTheClosure() {
        Toys.LinearClassifier energy = new Toys.LinearClassifier(2, 3, new Rng(3));
        TrainingHistory h = Trainer.builder(energy, new Toys.Nll(), new Lbfgs(energy.parameters())).epochs(2)
                .batchSize(300).validation(VALIDATION).inference(new Toys.Argmin()).build().fit(TRAIN);
        assertTrue(h.last().get("val_accuracy") >= 0.95, h.last().summary());
        assertTrue(h.last().get("train_loss") < 0.05, h.last().summary());
        assertTrue(h.last().summary().startsWith("epoch 2  train_loss "), h.last().summary());
    }

    @Test
    void continuousAnswersReportMeanAbsoluteError() {
        Toys.Quadratic energy = new Toys.Quadratic(new Rng(4));
        Dataset train = Toys.line(200, new Rng(5));
        Dataset validation = Toys.line(100, new Rng(6));
        TrainingHistory h = Trainer.builder(energy, new Toys.MeanEnergy(), new Adam(energy.parameters(), 0.05))
                .epochs(15).batchSize(20).seed(1).validation(validation).inference(new Toys.Grid()).build()
                .fit(train);
        double error = h.last().get("val_error");
        // Noise is N(0, 0.05²): E|noise| = 0.05·√(2/π) ≈ 0.040, plus grid rounding ≤ 0.005.
        assertTrue(error > 0.03 && error < 0.05, "val_error " + error);
        assertTrue(h.series("val_error")[0] > error);
    }

    @Test
    void sameSeedGivesIdenticalWeightsAndHistoryAndOtherSeedDoesNot() {
        long[] seeds = {5, 5, 6};
        double[][] values = new double[3][];
        float[][] weights = new float[3][];
        for (int r = 0; r < 3; r++) {
            Toys.LinearClassifier energy = new Toys.LinearClassifier(2, 3, new Rng(3));
            TrainingHistory h = Trainer.builder(energy, new Toys.Nll(), new Adam(energy.parameters(), 0.05))
                    .epochs(3).batchSize(7).seed(seeds[r]).clipGradientNorm(1.0).validation(VALIDATION)
                    .inference(new Toys.Argmin()).build().fit(TRAIN);
            values[r] = h.epochs().stream().flatMap(m -> m.values().values().stream()).mapToDouble(d -> d)
                    .toArray();
            weights[r] = Toys.weights(energy);
        }
        assertEquals(3 * 7, values[0].length);
        assertArrayEquals(values[0], values[1]);
        assertArrayEquals(weights[0], weights[1]);
        assertFalse(Arrays.equals(weights[0], weights[2]), "another seed shuffles differently");
    }

    @Test
    void scheduleIsAppliedPerEpochOrPerStep() {
        // 40 samples in batches of 10: 4 updates per epoch, 3 epochs.
        Dataset train = Toys.blobs(40, new Rng(7));
        for (ScheduleUnit unit : ScheduleUnit.values()) {
            List<Integer> calls = new ArrayList<>();
            Toys.LinearClassifier energy = new Toys.LinearClassifier(2, 3, new Rng(3));
            Trainer t = Trainer.builder(energy, new Toys.Nll(), new Sgd(energy.parameters(), 1.0))
                    .epochs(3).batchSize(10).schedule(step -> {
                        calls.add(step);
                        return 0.01 * (step + 1);
                    }, unit).build();
            TrainingHistory h = t.fit(train);
            if (unit == ScheduleUnit.EPOCH) {
                assertEquals(List.of(0, 1, 2), calls);
                assertArrayEquals(new double[] {0.01, 0.02, 0.03}, h.series("lr"), 1e-15);
            } else {
                assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), calls);
                assertArrayEquals(new double[] {0.04, 0.08, 0.12}, h.series("lr"), 1e-15);
            }
        }
        // The rate really reaches the optimiser: η ≡ 0 leaves the weights where they started.
        Toys.LinearClassifier energy = new Toys.LinearClassifier(2, 3, new Rng(3));
        float[] before = Toys.weights(energy);
        Trainer.builder(energy, new Toys.Nll(), new Sgd(energy.parameters(), 1.0)).epochs(2).batchSize(10)
                .schedule(step -> 0, ScheduleUnit.STEP).build().fit(train);
        assertArrayEquals(before, Toys.weights(energy));
    }

    @Test
    void gradientClippingBoundsTheUpdateAndReportsTheNorm() {
        Toys.LinearClassifier energy = new Toys.LinearClassifier(2, 3, new Rng(3));
        float[] before = Toys.weights(energy);
        // Unclipped gradient norm at the initial weights, one full batch.
        energy.zeroGrad();
        new Toys.Nll().compute(energy, TRAIN.x(), TRAIN.y()).loss().backward();
        double sq = 0;
        for (Tensor p : energy.parameters()) {
            for (float g : p.grad().toArray()) {
                sq += (double) g * g;
            }
        }
        energy.zeroGrad();
        TrainingHistory h = Trainer.builder(energy, new Toys.Nll(), new Sgd(energy.parameters(), 1.0))
                .epochs(1).batchSize(300).clipGradientNorm(1e-3).build().fit(TRAIN);
        assertEquals(Math.sqrt(sq), h.last().get("train_grad_norm"), 1e-5 * Math.sqrt(sq));
        assertTrue(Math.sqrt(sq) > 0.1, "the clip must be active");
        float[] after = Toys.weights(energy);
        double step = 0;
        for (int i = 0; i < after.length; i++) {
            step += Math.pow((double) after[i] - before[i], 2);
        }
        // SGD with η = 1: ‖ΔW‖ = ‖clipped g‖ = 1e-3 (up to the 1e-6 in the denominator and float rounding).
        assertEquals(1e-3, Math.sqrt(step), 1e-6);
    }

    @Test
    void nonFiniteLossStopsTrainingNamingEpochAndBatch() {
        Toys.Nll nll = new Toys.Nll();
        int[] calls = {0};
        Loss poisoned = new Loss() {
            @Override
            public LossOutput compute(Energy energy, Tensor x, Tensor y) {
                LossOutput out = nll.compute(energy, x, y);
                // 40 samples, batches of 10 → 4 per epoch; the 7th call is epoch 2, batch 3.
                return ++calls[0] == 7 ? new LossOutput(out.loss().mul(Float.NaN), null, Map.of()) : out;
            }

            @Override
            public String name() {
                return "poisoned";
            }
        };
        Toys.LinearClassifier energy = new Toys.LinearClassifier(2, 3, new Rng(3));
        Trainer t = Trainer.builder(energy, poisoned, new Sgd(energy.parameters(), 0.1)).epochs(3).batchSize(10)
                .build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.fit(Toys.blobs(40, new Rng(7))));
        assertTrue(e.getMessage().contains("poisoned loss is NaN at epoch 2, batch 3 of 4"), e.getMessage());
        assertEquals(1, t.history().epochs().size());

        calls[0] = 0;
        Loss infinite = new Loss() {
            @Override
            public LossOutput compute(Energy energy, Tensor x, Tensor y) {
                LossOutput out = nll.compute(energy, x, y);
                return new LossOutput(out.loss().div(0f), null, Map.of());
            }

            @Override
            public String name() {
                return "infinite";
            }
        };
        Toys.LinearClassifier other = new Toys.LinearClassifier(2, 3, new Rng(3));
        IllegalStateException inf = assertThrows(IllegalStateException.class, () -> Trainer.builder(other,
                infinite, new Sgd(other.parameters(), 0.1)).batchSize(10).build().fit(Toys.blobs(40, new Rng(7))));
        assertTrue(inf.getMessage().contains("infinite loss is Infinity at epoch 1, batch 1 of 4"), inf.getMessage());
    }

    @Test
    void historyBecomesJson() {
        Toys.LinearClassifier energy = new Toys.LinearClassifier(2, 3, new Rng(3));
        TrainingHistory h = Trainer.builder(energy, new Toys.Nll(), new Sgd(energy.parameters(), 0.05)).epochs(2)
                .batchSize(50).earlyStopping(EarlyStopping.minimizing("train_loss", 3, 0, false)).build().fit(TRAIN);
        String json = Json.write(h.toMap());
        assertTrue(json.startsWith("{\"epochs\":[{\"epoch\":1,\"train_loss\":"), json);
        assertTrue(json.contains("\"monitor\":\"train_loss\",\"best_epoch\":2,\"best_value\":"), json);
        assertTrue(json.endsWith("\"stopped_early\":false}"), json);
        assertEquals(h.epochs().get(1).get("train_loss"), h.bestValue());
    }
}

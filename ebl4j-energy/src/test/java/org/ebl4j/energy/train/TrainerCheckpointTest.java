package org.ebl4j.energy.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.ebl4j.energy.Energy;
import org.ebl4j.energy.loss.Loss;
import org.ebl4j.energy.loss.LossOutput;
import org.ebl4j.io.Checkpoint;
import org.ebl4j.optim.Adam;
import org.ebl4j.optim.CosineAnnealing;
import org.ebl4j.optim.OptimizerState;
import org.ebl4j.optim.Sgd;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerCheckpointTest {
    private static final Dataset TRAIN = Toys.blobs(90, new Rng(1));
    private static final Dataset VALIDATION = Toys.blobs(30, new Rng(2));

    @TempDir
    Path dir;

    /** A run with every piece of state: Adam moments, a per-step schedule, clipping, early-stopping counters. */
    private record Run(Toys.LinearClassifier energy, Adam adam, Trainer trainer) {
    }

    private static Run run(long initSeed, Path file, Consumer<EpochMetrics> listener) {
        Toys.LinearClassifier energy = new Toys.LinearClassifier(2, 3, new Rng(initSeed));
        Adam adam = new Adam(energy.parameters(), 0.05);
        Trainer trainer = Trainer.builder(energy, new Toys.Nll(), adam).epochs(5).batchSize(8).seed(21)
                .schedule(new CosineAnnealing(0.05, 0.001, 40), ScheduleUnit.STEP).clipGradientNorm(0.5)
                .validation(VALIDATION).inference(new Toys.Argmin())
                .earlyStopping(EarlyStopping.minimizing("val_loss", 10, 0, true))
                .checkpoints(file, 2).listener(listener).build();
        return new Run(energy, adam, trainer);
    }

    private static double[] values(TrainingHistory h) {
        return h.epochs().stream().flatMap(m -> m.values().values().stream()).mapToDouble(d -> d).toArray();
    }

    private static void assertSameState(OptimizerState expected, OptimizerState actual) {
        assertEquals(expected.values(), actual.values());
        assertEquals(expected.tensors().keySet(), actual.tensors().keySet());
        expected.tensors().forEach((k, t) -> assertArrayEquals(t.toArray(), actual.tensors().get(k).toArray(), k));
    }

    @Test
    void resumingAfterACrashIsBitIdenticalToAnUninterruptedRun() throws IOException {
        Run straight = run(3, dir.resolve("straight.safetensors"), m -> { });
        TrainingHistory expected = straight.trainer().fit(TRAIN);

        // The second run "crashes" in epoch 3's listener, after the checkpoint of epoch 2 (interval 2).
        Path file = dir.resolve("crashed.safetensors");
        Run crashed = run(3, file, m -> {
            if (m.epoch() == 3) {
                throw new IllegalStateException("power cut");
            }
        });
        assertThrows(IllegalStateException.class, () -> crashed.trainer().fit(TRAIN));
        assertEquals("2", Checkpoint.load(file).extra().get("trainer.epoch"));

        // Fresh objects (even other initial weights), resumed from the file.
        Run resumed = run(99, file, m -> { });
        assertFalse(Arrays.equals(Toys.weights(straight.energy()), Toys.weights(resumed.energy())));
        resumed.trainer().resume(file);
        assertEquals(2, resumed.trainer().history().epochs().size());
        TrainingHistory h = resumed.trainer().fit(TRAIN);

        assertArrayEquals(values(expected), values(h));
        assertEquals(expected.bestEpoch(), h.bestEpoch());
        assertEquals(expected.bestValue(), h.bestValue());
        assertArrayEquals(Toys.weights(straight.energy()), Toys.weights(resumed.energy()));
        assertSameState(straight.adam().state(), resumed.adam().state());
        // The final checkpoints agree too (the last epoch's weights, Adam moments, generator, best weights).
        Checkpoint a = Checkpoint.load(dir.resolve("straight.safetensors"));
        Checkpoint b = Checkpoint.load(file);
        assertEquals(a.rng().counter(), b.rng().counter());
        assertSameState(a.optimizer(), b.optimizer());
        a.model().forEach((k, t) -> assertArrayEquals(t.toArray(), b.model().get(k).toArray(), k));
    }

    /** The Run of {@link #run} with checkpoints every {@code every} updates and a loss that fails at call {@code failAt}. */
    private static Run stepRun(long initSeed, Path file, int every, int failAt) {
        Toys.LinearClassifier energy = new Toys.LinearClassifier(2, 3, new Rng(initSeed));
        Adam adam = new Adam(energy.parameters(), 0.05);
        int[] calls = {0};
        Toys.Nll nll = new Toys.Nll();
        Loss failing = new Loss() {
            @Override
            public LossOutput compute(Energy e, Tensor x, Tensor y) {
                if (++calls[0] == failAt) {
                    throw new IllegalStateException("power cut");
                }
                return nll.compute(e, x, y);
            }

            @Override
            public String name() {
                return nll.name();
            }
        };
        Trainer trainer = Trainer.builder(energy, failing, adam).epochs(5).batchSize(8).seed(21)
                .schedule(new CosineAnnealing(0.05, 0.001, 40), ScheduleUnit.STEP).clipGradientNorm(0.5)
                .validation(VALIDATION).inference(new Toys.Argmin())
                .earlyStopping(EarlyStopping.minimizing("val_loss", 10, 0, true))
                .checkpoints(file, every, ScheduleUnit.STEP).build();
        return new Run(energy, adam, trainer);
    }

    @Test
    void updateCheckpointsResumeInsideAnEpochBitIdentically() throws IOException {
        Run straight = stepRun(3, dir.resolve("straight.safetensors"), 5, -1);
        TrainingHistory expected = straight.trainer().fit(TRAIN);

        // 12 updates per epoch; the loss fails in epoch 3, after the checkpoint of update 30 (epoch 3, batch 6)
        Path file = dir.resolve("crashed.safetensors");
        Run crashed = stepRun(3, file, 5, 39);
        assertThrows(IllegalStateException.class, () -> crashed.trainer().fit(TRAIN));
        Map<String, String> saved = Checkpoint.load(file).extra();
        assertEquals("30", saved.get("trainer.step"));
        assertEquals("6", saved.get("trainer.batches_done"));
        assertEquals("2", saved.get("trainer.epoch"));

        Run resumed = stepRun(99, file, 5, -1);
        resumed.trainer().resume(file);
        TrainingHistory h = resumed.trainer().fit(TRAIN);
        assertArrayEquals(values(expected), values(h));
        assertEquals(expected.bestEpoch(), h.bestEpoch());
        assertArrayEquals(Toys.weights(straight.energy()), Toys.weights(resumed.energy()));
        assertSameState(straight.adam().state(), resumed.adam().state());

        // a checkpoint taken inside an epoch does not fit another batch size
        Toys.LinearClassifier other = new Toys.LinearClassifier(2, 3, new Rng(3));
        Trainer wrongBatch = Trainer.builder(other, new Toys.Nll(), new Adam(other.parameters(), 0.05)).epochs(5)
                .batchSize(16).seed(21).validation(VALIDATION).inference(new Toys.Argmin())
                .earlyStopping(EarlyStopping.minimizing("val_loss", 10, 0, true)).build();
        Path mid = dir.resolve("mid.safetensors");
        stepRunUntil(mid);
        wrongBatch.resume(mid);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wrongBatch.fit(TRAIN));
        assertTrue(e.getMessage().contains("batches of 8"), e.getMessage());
    }

    /** A checkpoint written inside epoch 1 (update 5 of 12). */
    private static void stepRunUntil(Path file) {
        Run r = stepRun(3, file, 5, 7);
        assertThrows(IllegalStateException.class, () -> r.trainer().fit(TRAIN));
    }

    @Test
    void checkpointsAreWrittenEveryIntervalAndAtTheEnd() throws IOException {
        Path file = dir.resolve("sub/dir/ckpt.safetensors");
        List<String> seen = new ArrayList<>();
        Run r = run(3, file, m -> {
            try {
                seen.add(Files.exists(file) ? Checkpoint.load(file).extra().get("trainer.epoch") : "none");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        r.trainer().fit(TRAIN);
        assertEquals(List.of("none", "2", "2", "4", "5"), seen);
        Map<String, String> extra = Checkpoint.load(file).extra();
        assertEquals("60", extra.get("trainer.step"), "5 epochs of ceil(90 / 8) = 12 updates");
        assertEquals("5", extra.get("trainer.history.count"));
    }

    @Test
    void resumeOfAFinishedRunTrainsNoFurtherAndRestoresTheBestWeights() throws IOException {
        Path file = dir.resolve("done.safetensors");
        Run first = run(3, file, m -> { });
        TrainingHistory done = first.trainer().fit(TRAIN);
        int[] calls = {0};
        Run again = run(99, file, m -> calls[0]++);
        TrainingHistory h = again.trainer().resume(file).fit(TRAIN);
        assertEquals(0, calls[0]);
        assertArrayEquals(values(done), values(h));
        assertArrayEquals(Toys.weights(first.energy()), Toys.weights(again.energy()));
    }

    @Test
    void resumeRejectsCheckpointsThatDoNotFit() throws IOException {
        Path file = dir.resolve("ok.safetensors");
        run(3, file, m -> { }).trainer().fit(TRAIN);

        Toys.LinearClassifier energy = new Toys.LinearClassifier(2, 3, new Rng(3));
        Adam adam = new Adam(energy.parameters(), 0.05);
        Trainer otherSeed = Trainer.builder(energy, new Toys.Nll(), adam).seed(22)
                .earlyStopping(EarlyStopping.minimizing("val_loss", 10, 0, true)).build();
        IllegalArgumentException seed = assertThrows(IllegalArgumentException.class, () -> otherSeed.resume(file));
        assertTrue(seed.getMessage().contains("written with seed 21, this trainer has seed 22"), seed.getMessage());

        Trainer noMonitor = Trainer.builder(energy, new Toys.Nll(), adam).seed(21)
                .build();
        IllegalArgumentException monitor = assertThrows(IllegalArgumentException.class,
                () -> noMonitor.resume(file));
        assertTrue(monitor.getMessage().contains("monitors val_loss, this trainer's monitors null"),
                monitor.getMessage());

        Trainer sgd = Trainer.builder(energy, new Toys.Nll(), new Sgd(energy.parameters(), 0.05)).seed(21)
                .earlyStopping(EarlyStopping.minimizing("val_loss", 10, 0, true)).build();
        IllegalArgumentException opt = assertThrows(IllegalArgumentException.class, () -> sgd.resume(file));
        assertTrue(opt.getMessage().contains("does not fit this trainer") && opt.getMessage().contains("Adam"),
                opt.getMessage());

        Toys.LinearClassifier wider = new Toys.LinearClassifier(2, 4, new Rng(3));
        Trainer shape = Trainer.builder(wider, new Toys.Nll(), new Adam(wider.parameters(), 0.05)).seed(21)
                .earlyStopping(EarlyStopping.minimizing("val_loss", 10, 0, true)).build();
        IllegalArgumentException sh = assertThrows(IllegalArgumentException.class, () -> shape.resume(file));
        assertTrue(sh.getMessage().contains("does not fit this trainer") && sh.getMessage().contains("[4, 2]"),
                sh.getMessage());

        Path plain = dir.resolve("plain.safetensors");
        Checkpoint.save(plain, energy, new Adam(energy.parameters(), 0.05).state(), new Rng(21), Map.of());
        IllegalArgumentException notTrainer = assertThrows(IllegalArgumentException.class,
                () -> otherSeed.resume(plain));
        assertTrue(notTrainer.getMessage().contains("not a Trainer checkpoint"), notTrainer.getMessage());
        // Nothing was changed by the failed attempts.
        assertArrayEquals(Toys.weights(new Toys.LinearClassifier(2, 3, new Rng(3))), Toys.weights(energy));
        assertSameState(new Adam(energy.parameters(), 0.05).state(), adam.state());
    }
}

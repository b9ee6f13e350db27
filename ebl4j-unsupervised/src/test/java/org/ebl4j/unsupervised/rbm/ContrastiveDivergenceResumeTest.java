package org.ebl4j.unsupervised.rbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.ebl4j.energy.train.EpochMetrics;
import org.ebl4j.energy.train.ScheduleUnit;
import org.ebl4j.energy.train.TrainingHistory;
import org.ebl4j.optim.WarmupLinear;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints of contrastive divergence: a run stopped mid-epoch and resumed ends bit-identical to one never stopped. */
class ContrastiveDivergenceResumeTest {
    private static final Tensor DATA = RbmFixtures.prototypeData(100, 10, 7);

    @TempDir
    Path dir;

    /** A crash: thrown by the progress callback at a chosen update. */
    private static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static void assertResumesExactly(Supplier<ContrastiveDivergence> settings, Path file) throws IOException {
        // 5 batches per epoch; checkpoints after updates 3, 6, 9 and each epoch's end; the crash comes at update 10,
        // the last of epoch 2, so the run resumes from update 9 in the middle of epoch 2
        BinaryRbm reference = new BinaryRbm(10, 6, new Rng(3));
        TrainingHistory expected = settings.get().train(reference, DATA);

        BinaryRbm crashed = new BinaryRbm(10, 6, new Rng(3));
        int[] updates = {0};
        ContrastiveDivergence first = settings.get().checkpoints(file, 3).progress((epoch, batch, batches) -> {
            if (++updates[0] == 10) {
                throw new Crash();
            }
        });
        assertThrows(Crash.class, () -> first.train(crashed, DATA));

        BinaryRbm resumed = new BinaryRbm(10, 6, new Rng(99)); // other initial weights: all must come from the file
        ContrastiveDivergence second = settings.get().checkpoints(file, 3);
        List<int[]> seen = new ArrayList<>();
        second.progress((epoch, batch, batches) -> seen.add(new int[] {epoch, batch, batches}));
        TrainingHistory restored = second.resume(file);
        assertEquals(1, restored.epochs().size(), "epoch 1 was complete at the checkpoint");
        TrainingHistory actual = second.train(resumed, DATA);

        assertArrayEquals(new int[] {2, 5, 5}, seen.get(0), "continues with the last batch of epoch 2");
        assertEquals(1 + 5 * 2, seen.size(), "one update left in epoch 2, then epochs 3 and 4");
        assertEquals(expected.epochs().size(), actual.epochs().size());
        for (int e = 0; e < expected.epochs().size(); e++) {
            EpochMetrics a = expected.epochs().get(e);
            EpochMetrics b = actual.epochs().get(e);
            assertEquals(a.values(), b.values(), "epoch " + (e + 1));
        }
        assertArrayEquals(reference.weight().toArray(), resumed.weight().toArray());
        assertArrayEquals(reference.visibleBias().toArray(), resumed.visibleBias().toArray());
        assertArrayEquals(reference.hiddenBias().toArray(), resumed.hiddenBias().toArray());
    }

    @Test
    void cdResumedMidEpochMatchesAnUninterruptedRun() throws IOException {
        assertResumesExactly(() -> new ContrastiveDivergence().k(2).epochs(4).batchSize(20).learningRate(0.05)
                .momentum(0.5).weightDecay(1e-3).seed(11), dir.resolve("cd.safetensors"));
    }

    @Test
    void pcdWithAScheduleResumedMidEpochMatchesAnUninterruptedRun() throws IOException {
        assertResumesExactly(() -> new ContrastiveDivergence().persistent(true).epochs(4).batchSize(20)
                .learningRate(0.05).momentum(0.9).seed(12)
                .schedule(new WarmupLinear(0.05, 0, 20), ScheduleUnit.STEP), dir.resolve("ckpt/pcd.safetensors"));
    }

    @Test
    void resumeRejectsOtherSettings() throws IOException {
        Path file = dir.resolve("c.safetensors");
        new ContrastiveDivergence().epochs(1).batchSize(20).seed(1).checkpoints(file, 100)
                .train(new BinaryRbm(10, 6, new Rng(3)), DATA);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ContrastiveDivergence().epochs(2).batchSize(20).seed(2).resume(file));
        assertTrue(e.getMessage().contains("written by CD-1, batch size 20, seed 1, this run is CD-1, batch size 20, "
                + "seed 2"), e.getMessage());
        ContrastiveDivergence other = new ContrastiveDivergence().epochs(2).batchSize(20).seed(1);
        other.resume(file);
        e = assertThrows(IllegalArgumentException.class, () -> other.train(new BinaryRbm(10, 7, new Rng(3)), DATA));
        assertTrue(e.getMessage().startsWith(file + ": checkpoint does not fit BinaryRbm(10 visible, 7 hidden)"),
                e.getMessage());
    }
}

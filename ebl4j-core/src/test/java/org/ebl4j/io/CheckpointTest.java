package org.ebl4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ebl4j.nn.Linear;
import org.ebl4j.nn.Layer;
import org.ebl4j.nn.Sequential;
import org.ebl4j.optim.Adam;
import org.ebl4j.optim.Optimizer;
import org.ebl4j.optim.OptimizerState;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    private static Layer model(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(new Linear(3, 4, rng), new Linear(4, 2, rng));
    }

    private static OptimizerState adamLike(Rng rng) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("param.0.exp_avg", rng.normal(0, 1, 4, 3));
        tensors.put("param.0.exp_avg_sq", rng.uniform(0, 1, 4, 3));
        tensors.put("param.1.exp_avg", rng.normal(0, 1, 4));
        return new OptimizerState(tensors, Map.of("step", "17", "lr", "0.001", "betas", "0.9,0.999"));
    }

    private static void assertSameValues(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, t) -> {
            assertArrayEquals(t.shape(), actual.get(k).shape(), k);
            assertArrayEquals(t.toArray(), actual.get(k).toArray(), k);
        });
    }

    @Test
    void roundTripRestoresParametersOptimizerAndRandomStream() throws IOException {
        Layer trained = model(42);
        Rng rng = new Rng(2024);
        OptimizerState optimizer = adamLike(rng);
        rng.nextGaussian();
        rng.uniform(0, 1, 5);
        Path file = dir.resolve("ckpt.safetensors");
        Checkpoint.save(file, trained, optimizer, rng, Map.of("epoch", "3", "step", "120"));

        Layer fresh = model(7);
        Tensor x = new Rng(5).normal(0, 1, 6, 3);
        assertFalse(Arrays.equals(trained.forward(x).toArray(), fresh.forward(x).toArray()));
        Checkpoint restored = Checkpoint.restore(file, fresh);

        assertSameValues(trained.stateDict(), fresh.stateDict());
        assertArrayEquals(trained.forward(x).toArray(), fresh.forward(x).toArray());
        assertSameValues(optimizer.tensors(), restored.optimizer().tensors());
        assertEquals(optimizer.values(), restored.optimizer().values());
        assertEquals(Map.of("epoch", "3", "step", "120"), restored.extra());
        Rng resumed = restored.rng();
        assertEquals(rng.seed(), resumed.seed());
        assertEquals(rng.counter(), resumed.counter());
        assertEquals(rng.nextLong(), resumed.nextLong());
        assertArrayEquals(rng.normal(0, 1, 10).toArray(), resumed.normal(0, 1, 10).toArray());
        assertArrayEquals(rng.permutation(20), resumed.permutation(20));
    }

    /** Three Adam steps on mini-batches drawn from {@code rng} (least squares towards a fixed linear map). */
    private static void train(Layer model, Optimizer optimizer, Rng rng) {
        Tensor map = Tensor.of(new float[] {1, -2, 0.5f, 3, 0, -1}, 3, 2);
        for (int step = 0; step < 3; step++) {
            Tensor x = rng.normal(0, 1, 8, 3);
            optimizer.zeroGrad();
            model.forward(x).sub(x.matmul(map)).square().mean().backward();
            optimizer.step();
        }
    }

    @Test
    void resumedTrainingIsBitIdenticalToUninterruptedTraining() throws IOException {
        Layer model = model(11);
        Optimizer adam = new Adam(model.parameters(), 0.01);
        Rng rng = new Rng(99);
        train(model, adam, rng);
        Path file = dir.resolve("epoch1.safetensors");
        Checkpoint.save(file, model, adam.state(), rng, Map.of("epoch", "1"));
        train(model, adam, rng);

        Layer resumed = model(12);
        Optimizer resumedAdam = new Adam(resumed.parameters(), 0.5);
        Checkpoint checkpoint = Checkpoint.restore(file, resumed);
        resumedAdam.loadState(checkpoint.optimizer());
        train(resumed, resumedAdam, checkpoint.rng());

        assertEquals(model.stateDict().keySet(), resumed.stateDict().keySet());
        model.stateDict().forEach((k, t) -> assertArrayEquals(t.toArray(), resumed.stateDict().get(k).toArray(), k));
        assertEquals(adam.state().values(), resumedAdam.state().values());
        assertEquals(rng.nextLong(), checkpoint.rng().nextLong());
    }

    @Test
    void fileIsPlainSafetensorsWithPrefixedNames() throws IOException {
        Path file = dir.resolve("ckpt.safetensors");
        Checkpoint.save(file, model(1), adamLike(new Rng(3)), new Rng(-9, 1234), Map.of("epoch", "4"));
        SafeTensors.Loaded raw = SafeTensors.load(file);
        assertEquals(List.of("model.0.bias", "model.0.weight", "model.1.bias", "model.1.weight",
                "optimizer.param.0.exp_avg", "optimizer.param.0.exp_avg_sq", "optimizer.param.1.exp_avg"),
                List.copyOf(raw.tensors().keySet()));
        assertEquals(Map.of("epoch", "4", "ebl4j.checkpoint", "1", "rng.seed", "-9", "rng.counter", "1234",
                "optimizer.step", "17", "optimizer.lr", "0.001", "optimizer.betas", "0.9,0.999"), raw.metadata());
    }

    @Test
    void extremeRngStateSurvives() throws IOException {
        Path file = dir.resolve("ckpt.safetensors");
        Rng rng = new Rng(Long.MIN_VALUE, Long.MAX_VALUE - 3);
        Checkpoint.save(file, model(1), new OptimizerState(Map.of(), Map.of()), rng, Map.of());
        Checkpoint loaded = Checkpoint.load(file);
        assertEquals(Long.MIN_VALUE, loaded.rng().seed());
        assertEquals(Long.MAX_VALUE - 3, loaded.rng().counter());
        assertEquals(rng.nextDouble(), loaded.rng().nextDouble());
        assertEquals(Map.of(), loaded.optimizer().tensors());
        assertEquals(Map.of(), loaded.extra());
    }

    @Test
    void reservedMetadataKeysAreRejectedBeforeWriting() {
        Path file = dir.resolve("ckpt.safetensors");
        for (String key : List.of("rng.seed", "optimizer.step", "ebl4j.checkpoint", "rng.other")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(file,
                    model(1), new OptimizerState(Map.of(), Map.of()), new Rng(1), Map.of(key, "x")));
            assertTrue(e.getMessage().contains("'" + key + "' uses a reserved prefix"), e.getMessage());
        }
        assertFalse(Files.exists(file));
    }

    @Test
    void restoreIntoAModelItDoesNotFitChangesNothing() throws IOException {
        Path file = dir.resolve("ckpt.safetensors");
        Checkpoint.save(file, model(1), new OptimizerState(Map.of(), Map.of()), new Rng(1), Map.of());

        Rng rng = new Rng(8);
        Layer wider = new Sequential(new Linear(3, 5, rng), new Linear(5, 2, rng));
        Map<String, Tensor> before = copy(wider.stateDict());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.restore(file, wider));
        assertTrue(e.getMessage().startsWith(file + ": tensor '0.bias' has shape [4] but Sequential(Linear(3->5), "
                + "Linear(5->2)) expects [5]"), e.getMessage());
        assertSameValues(before, wider.stateDict());

        Layer deeper = new Sequential(new Linear(3, 4, rng), new Linear(4, 2, rng), new Linear(2, 2, rng));
        Map<String, Tensor> deeperBefore = copy(deeper.stateDict());
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.restore(file, deeper));
        assertTrue(e.getMessage().startsWith(file + ": checkpoint does not fit Sequential("), e.getMessage());
        assertTrue(e.getMessage().contains("missing tensor '2.weight'"), e.getMessage());
        assertSameValues(deeperBefore, deeper.stateDict());
    }

    private static Map<String, Tensor> copy(Map<String, Tensor> state) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        state.forEach((k, t) -> out.put(k, Tensor.of(t.toArray(), t.shape())));
        return out;
    }

    private SafeTensorsException loadFailure(Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        Path file = dir.resolve("other.safetensors");
        SafeTensors.save(file, tensors, metadata);
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> Checkpoint.load(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        return e;
    }

    @Test
    void extraTensorsRoundTripApartFromTheModel() throws IOException {
        Path file = dir.resolve("extra.safetensors");
        Tensor best = Tensor.vector(1f, 2f, 3f);
        new Checkpoint(Map.of("w", Tensor.scalar(4)), new OptimizerState(Map.of(), Map.of()), new Rng(3, 5),
                Map.of("epoch", "2"), Map.of("best.w", best)).save(file);
        Checkpoint back = Checkpoint.load(file);
        assertEquals(java.util.Set.of("w"), back.model().keySet());
        assertArrayEquals(best.toArray(), back.extraTensors().get("best.w").toArray());
        assertEquals("2", back.extra().get("epoch"));
    }

    @Test
    void loadRejectsFilesThatAreNotCheckpoints() throws IOException {
        Map<String, Tensor> ok = Map.of("model.w", Tensor.scalar(1));
        Map<String, String> meta = new LinkedHashMap<>(Map.of("ebl4j.checkpoint", "1", "rng.seed", "1",
                "rng.counter", "0"));
        assertTrue(loadFailure(Map.of("w", Tensor.scalar(1)), meta).getMessage()
                .contains("not an ebl4j checkpoint: tensor names must start with 'model.', 'optimizer.' or 'extra.', "
                        + "got [w]"));
        assertTrue(loadFailure(ok, Map.of()).getMessage()
                .endsWith("not an ebl4j checkpoint: no 'ebl4j.checkpoint' metadata"));
        assertTrue(loadFailure(ok, Map.of("ebl4j.checkpoint", "2")).getMessage()
                .endsWith("unsupported checkpoint version '2' (this reader knows 1)"));
        assertTrue(loadFailure(ok, Map.of("ebl4j.checkpoint", "1", "rng.counter", "0")).getMessage()
                .endsWith("not an ebl4j checkpoint: no 'rng.seed' metadata"));
        Map<String, String> badSeed = new LinkedHashMap<>(meta);
        badSeed.put("rng.seed", "12x");
        assertTrue(loadFailure(ok, badSeed).getMessage().endsWith("metadata 'rng.seed' must be a 64-bit integer, "
                + "got '12x'"));
        Map<String, String> unknown = new LinkedHashMap<>(meta);
        unknown.put("rng.state", "?");
        assertTrue(loadFailure(ok, unknown).getMessage().endsWith("unknown reserved metadata key 'rng.state'"));
    }
}

package org.ebl4j.structured.crf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.ebl4j.io.SafeTensors;
import org.ebl4j.structured.chain.ChainDynamicProgram;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tagging with marginals and n-best, and the save / load round trip. */
class LinearChainCrfTest {
    private static final List<Sequence> TRAIN = SyntheticTagging.sentences(150, 10, 31);
    private static final LinearChainCrf MODEL = new LikelihoodTrainer(0.5, 50, 1e-5, 10, 6, 1)
            .train(FeatureTemplates.parse(SyntheticTagging.TEMPLATE + "B01:%x[0,1]\n", "t"), TRAIN);

    @Test
    void tagWithMarginalsAgreesWithViterbiAndNBest() {
        Sequence s = Sequence.unlabeled(SyntheticTagging.sentences(1, 8, 32).get(0).tokens());
        Tagging tagging = MODEL.tagWithMarginals(s);
        assertArrayEquals(MODEL.tag(s), tagging.labels());
        for (double[] row : tagging.marginals()) {
            assertEquals(1, java.util.Arrays.stream(row).sum(), 1e-12);
        }
        List<Tagged> best = MODEL.nBest(s, 5);
        assertEquals(5, best.size());
        assertArrayEquals(tagging.labels(), best.get(0).labels());
        assertEquals(tagging.probability(), best.get(0).probability(), 1e-12);
        for (int r = 1; r < best.size(); r++) {
            assertTrue(best.get(r).energy() >= best.get(r - 1).energy());
            assertTrue(best.get(r).probability() <= best.get(r - 1).probability());
        }
        // the confidence of each chosen label is its marginal
        List<String> labels = MODEL.labels();
        for (int t = 0; t < s.length(); t++) {
            assertEquals(tagging.marginals()[t][labels.indexOf(tagging.labels()[t])], tagging.confidence()[t], 0);
        }
        // p(Y*|X) = exp(F − E(Y*))
        assertEquals(Math.exp(ChainDynamicProgram.freeEnergy(MODEL.chain(s))
                - MODEL.energy(new Sequence(s.tokens(), tagging.labels()))), tagging.probability(), 1e-12);
    }

    @Test
    void saveLoadRoundTrip(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("chunker.safetensors");
        MODEL.save(file);
        LinearChainCrf back = LinearChainCrf.load(file);
        assertArrayEquals(MODEL.weights(), back.weights());
        assertEquals(MODEL.labels(), back.labels());
        assertEquals(MODEL.features().size(), back.features().size());
        assertEquals(MODEL.features().templates().text(), back.features().templates().text());
        for (Sequence s : SyntheticTagging.sentences(20, 10, 33)) {
            assertArrayEquals(MODEL.tag(Sequence.unlabeled(s.tokens())), back.tag(Sequence.unlabeled(s.tokens())));
            assertEquals(MODEL.energy(s), back.energy(s), 0);
        }
    }

    @Test
    void loadRejectsOtherFilesNamingThem(@TempDir Path dir) throws IOException {
        Path other = dir.resolve("other.safetensors");
        SafeTensors.save(other, java.util.Map.of("w", Tensor.zeros(2)), java.util.Map.of());
        IOException e = assertThrows(IOException.class, () -> LinearChainCrf.load(other));
        assertTrue(e.getMessage().startsWith(other + ": not an ebl4j linear-chain CRF"), e.getMessage());
        Path file = dir.resolve("m.safetensors");
        MODEL.save(file);
        SafeTensors.Loaded l = SafeTensors.load(file);
        java.util.Map<String, Tensor> cut = new java.util.LinkedHashMap<>(l.tensors());
        cut.put("theta", Tensor.zeros(3));
        Path broken = dir.resolve("broken.safetensors");
        SafeTensors.save(broken, cut, l.metadata());
        e = assertThrows(IOException.class, () -> LinearChainCrf.load(broken));
        assertEquals(broken + ": 'theta' has 3 weights, the dictionaries need " + MODEL.features().size(),
                e.getMessage());
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void sentencesWithOtherColumnCountsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MODEL.tag(Sequence.unlabeled(new String[][] {{"a"}})));
        assertEquals("sentence has 1 observation columns, the model was trained on 2", e.getMessage());
    }
}

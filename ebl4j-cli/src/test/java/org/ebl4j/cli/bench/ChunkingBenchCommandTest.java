package org.ebl4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ebl4j.cli.Run;
import org.ebl4j.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chunking bench on a small generated CoNLL directory (never the shared data). */
class ChunkingBenchCommandTest {
    private static final String[] TYPES = {"NP", "VP", "PP"};

    /** Sentences of chunks: each chunk a B- token then I- tokens, words and tags tied to the chunk type. */
    private static String conll(int sentences, long seed) {
        Rng rng = new Rng(seed);
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < sentences; s++) {
            int chunks = 1 + rng.nextInt(4);
            for (int c = 0; c < chunks; c++) {
                int type = rng.nextInt(3);
                int len = 1 + rng.nextInt(3);
                for (int t = 0; t < len; t++) {
                    String word = (t == 0 ? "first" : "next") + TYPES[type] + rng.nextInt(3);
                    b.append(word).append(' ').append("T").append(type).append(' ')
                            .append(t == 0 ? "B-" : "I-").append(TYPES[type]).append('\n');
                }
                if (rng.nextDouble() < 0.3) {
                    b.append(". . O\n");
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static Path dataDir(Path dir) throws IOException {
        Files.writeString(dir.resolve("test.data"), conll(60, 1));
        Files.writeString(dir.resolve("train.data"), conll(20, 2));
        Files.writeString(dir.resolve("template"),
                "U00:%x[0,0]\nU01:%x[-1,0]\nU10:%x[0,1]\nU11:%x[-1,1]/%x[0,1]\n\nB\n");
        return dir;
    }

    private static double number(String json, String object, String key) {
        Matcher m = Pattern.compile("\"" + object + "\":\\{[^}]*\"" + key + "\":(-?[0-9.Ee+-]+)[,}]").matcher(json);
        assertTrue(m.find(), object + "." + key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void jsonHasTheThreeTrainersFigures(@TempDir Path dir) throws IOException {
        Run r = Run.of("bench", "chunking", "--data", dataDir(dir).toString(), "--threads", "2", "--crf-iterations",
                "30", "--perceptron-epochs", "5", "--m3n-epochs", "5", "--json");
        assertEquals(0, r.exitCode(), r.err());
        String json = r.lastLine();
        for (String name : List.of("crf", "perceptron", "m3n")) {
            double f1 = number(json, name, "f1");
            // few epochs, and unigram features exist only for (attribute, label) pairs seen in training
            assertTrue(f1 > 0.75 && f1 <= 1, name + " learns the generated chunks: " + json);
            assertTrue(number(json, name, "train_seconds") > 0, json);
            assertTrue(number(json, name, "token_accuracy") > 0.85, json);
        }
        assertTrue(json.contains("\"train_sentences\":60,\"test_sentences\":20,"), json);
        assertTrue(r.out().contains("CRFsuite 0.12"), "the reference rows are printed beside ours: " + r.out());
    }

    @Test
    void missingFilesAndBadSettingsAreReported(@TempDir Path dir) throws IOException {
        Run r = Run.of("bench", "chunking", "--data", dir.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains(dir.resolve("test.data").toString()), r.err());
        r = Run.of("bench", "chunking", "--data", dataDir(dir).toString(), "--perceptron-epochs", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("perceptronEpochs=0"), r.err());
    }
}

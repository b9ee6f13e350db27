package org.ebl4j.cli.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.ebl4j.cli.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossTableCommandTest {
    private static final List<String> LOSSES = List.of("energy", "perceptron", "hinge", "log", "lvq2", "mce",
            "square-square", "square-exponential", "nll");

    @TempDir
    Path dir;

    @Test
    void everyLossButTheEnergyLossReachesNinetyPercentOnTheBundledDigits() {
        Run r = Run.of("example", "loss-table", "--json");
        assertEquals(0, r.exitCode(), r.err());
        String json = r.lastLine();
        assertTrue(json.startsWith("{\"example\":\"loss-table\",") && json.endsWith("}"), json);
        String accuracy = JsonFields.object(json, "accuracy");
        assertEquals(LOSSES, JsonFields.keys(accuracy));
        for (String loss : LOSSES) {
            double a = JsonFields.number(accuracy, loss);
            if (loss.equals("energy")) {
                assertTrue(a < 0.5, "the energy loss collapses on this architecture: " + json);
            } else {
                assertTrue(a >= 0.90, loss + ": " + json);
            }
        }
        assertEquals(1437, JsonFields.number(json, "train_size"));
        assertEquals(360, JsonFields.number(json, "test_size"));
        assertTrue(json.contains("\"data\":\"bundled\"") && json.contains("\"expected_to_fail\":[\"energy\"]"), json);
        // the human-readable table precedes the JSON
        assertTrue(r.out().contains("loss                test accuracy"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("nll") && l.trim().endsWith("%")), r.out());
    }

    @Test
    void readsADataDirectoryAndNamesTheBadLine() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            for (int p = 0; p < 64; p++) {
                csv.append((p + i) % 17).append(',');
            }
            csv.append(i % 10).append('\n');
        }
        Files.writeString(dir.resolve("digits.csv"), csv);
        Run r = Run.of("example", "loss-table", "--data", dir.toString(), "--epochs", "1", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(16, JsonFields.number(r.lastLine(), "train_size"));
        assertEquals(4, JsonFields.number(r.lastLine(), "test_size"));
        Files.writeString(dir.resolve("digits.csv"), csv + "1,2,3\n");
        r = Run.of("example", "loss-table", "--data", dir.toString(), "--epochs", "1");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains(dir.resolve("digits.csv") + ": line 21: expected 65 comma-separated values"),
                r.err());
    }

    @Test
    void rejectsSettingsOutOfRange() {
        Run r = Run.of("example", "loss-table", "--lr", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("loss-table: need a finite lr > 0, got 0.0"), r.err());
    }
}

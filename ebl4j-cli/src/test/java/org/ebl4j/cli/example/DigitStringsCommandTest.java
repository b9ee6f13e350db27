package org.ebl4j.cli.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.ebl4j.cli.Run;
import org.ebl4j.data.Digits;
import org.ebl4j.data.Mnist;
import org.ebl4j.tensor.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digit-strings example on the bundled 8x8 digits upscaled to 16x16, written as MNIST files. */
class DigitStringsCommandTest {
    @TempDir
    static Path data;

    @TempDir
    Path out;

    /** Each 8x8 digit's pixels doubled along both axes (nearest neighbour): 1,797 digits of 16x16. */
    @BeforeAll
    static void writeData() throws IOException {
        Digits d = Digits.bundled();
        int n = d.size();
        float[] v = d.images().toArray();
        byte[] pixels = new byte[n * 256];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) d.labels().get(i);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    pixels[i * 256 + y * 16 + x] = (byte) Math.round(255 * v[i * 64 + (y / 2) * 8 + x / 2]);
                }
            }
        }
        idx(data.resolve(Mnist.IMAGES), new int[] {n, 16, 16}, pixels);
        idx(data.resolve(Mnist.LABELS), new int[] {n}, labels);
    }

    private static void idx(Path file, int[] dims, byte[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes); DataOutputStream o = new DataOutputStream(gz)) {
            o.write(new byte[] {0, 0, 8, (byte) dims.length});
            for (int dim : dims) {
                o.writeInt(dim);
            }
            o.write(values);
        }
        Files.write(file, bytes.toByteArray());
    }

    @Test
    void globalTrainingReadsMoreStringsThanThePretrainedRecogniser() {
        Run r = Run.of("example", "digit-strings", "--data", data.toString(), "--train-size", "1400",
                "--train-strings", "120", "--test-strings", "60", "--pretrain-epochs", "6", "--pretrain-lr", "0.005",
                "--epochs", "2",
                "--out", out.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        String json = r.lastLine();
        assertTrue(json.startsWith("{\"example\":\"digit-strings\",") && json.endsWith("}"), json);
        assertEquals(120, JsonFields.number(json, "train_strings"));
        assertEquals(60, JsonFields.number(json, "test_strings"));
        double before = JsonFields.number(json, "string_accuracy_pretrained");
        double after = JsonFields.number(json, "string_accuracy");
        // measured: string accuracy 0.62 -> 0.75, isolated digits 0.91 -> 0.94
        assertTrue(after > before + 0.05, before + " -> " + after + ": " + json);
        assertTrue(JsonFields.number(json, "digit_accuracy_isolated") > 0.85, json);
        assertEquals(1, JsonFields.number(json, "segmentation_recall"), json);
        assertTrue(JsonFields.number(json, "seconds") > 0, json);
        assertTrue(Files.isRegularFile(out.resolve("digit-strings.png")));
    }

    @Test
    void composedStringsHoldTheirDigitsSideBySide() throws IOException {
        Mnist digits = Mnist.load(data).slice(0, 50);
        for (DigitStrings.DigitString s : DigitStrings.compose(digits, 20, 3, 6, 4, new Rng(3))) {
            int n = s.labels().length;
            assertTrue(n >= 3 && n <= 6, "length " + n);
            assertEquals(DigitStrings.MARGIN, s.starts()[0]);
            assertEquals(s.width() - DigitStrings.MARGIN, s.ends()[n - 1]);
            for (int k = 0; k + 1 < n; k++) {
                int gap = s.starts()[k + 1] - s.ends()[k];
                assertTrue(gap >= 0 && gap <= 4, "gap " + gap);
            }
        }
    }

    @Test
    void rejectsBadSettingsAsUsageErrors() {
        String dir = data.toString();
        assertEquals(2, Run.of("example", "digit-strings", "--data", dir, "--criterion", "hinge").exitCode());
        assertEquals(2, Run.of("example", "digit-strings", "--data", dir, "--min-length", "4", "--max-length", "3")
                .exitCode());
        assertEquals(2, Run.of("example", "digit-strings", "--data", dir, "--train-size", "1797").exitCode());
    }
}

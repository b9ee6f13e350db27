package org.ebl4j.cli.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ebl4j.cli.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistMlpCommandTest {
    @TempDir
    static Path dir;

    /** {@link SyntheticDigits}: 240 train, 60 test. */
    @BeforeAll
    static void writeData() throws IOException {
        SyntheticDigits.write(dir, 42, 160, 96, 96);
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.Ee+-]+)[,}]").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void jsonIsTheLastLineAndHoldsTheFigures() {
        Run r = Run.of("example", "mnist-mlp", "--data", dir.toString(), "--epochs", "1", "--json");
        assertEquals(0, r.exitCode(), r.err());
        String json = r.lastLine();
        assertTrue(json.startsWith("{\"example\":\"mnist-mlp\",") && json.endsWith("}"), json);
        assertEquals(1, json.chars().filter(ch -> ch == '{').count(), "one flat object: " + json);
        assertTrue(r.outLines().size() > 1 && r.outLines().get(1).startsWith("epoch 1/1"), "progress before JSON");
        double acc = number(json, "test_accuracy");
        assertTrue(acc >= 0 && acc <= 1, json);
        assertEquals(1, number(json, "epochs"));
        assertEquals(240, number(json, "train_size"));
        assertEquals(60, number(json, "test_size"));
        assertTrue(number(json, "train_loss") > 0 && number(json, "train_seconds") > 0, json);
    }

    @Test
    void withoutJsonTheOutputEndsWithTheSummary() {
        Run r = Run.of("example", "mnist-mlp", "--data", dir.toString(), "--epochs", "1", "--train-size", "200");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.lastLine().startsWith("test accuracy "), r.out());
        assertTrue(r.out().contains("200 training and 100 test digits"), r.out());
    }

    @Test
    void learnsSeparableDigits() {
        Run r = Run.of("example", "mnist-mlp", "--data", dir.toString(), "--epochs", "4", "--batch", "16",
                "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(number(r.lastLine(), "test_accuracy") >= 0.95, r.out());
    }

    @Test
    void sameSeedSameRunOtherSeedOtherRun() {
        String[] args = {"example", "mnist-mlp", "--data", dir.toString(), "--epochs", "2", "--json", "--seed", "5"};
        String a = Run.of(args).lastLine().replaceAll("\"train_seconds\":[^,]*,", "");
        String b = Run.of(args).lastLine().replaceAll("\"train_seconds\":[^,]*,", "");
        assertEquals(a, b);
        args[args.length - 1] = "6";
        assertTrue(number(a, "train_loss") != number(Run.of(args).lastLine(), "train_loss"));
    }

    @Test
    void trainSizeMustLeaveATestSet() {
        Run r = Run.of("example", "mnist-mlp", "--data", dir.toString(), "--train-size", "300");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--train-size: Mnist.split: 300 training digits out of 300"), r.err());
    }
}

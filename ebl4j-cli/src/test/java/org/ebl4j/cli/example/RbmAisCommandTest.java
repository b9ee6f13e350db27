package org.ebl4j.cli.example;

import static org.ebl4j.cli.example.JsonFields.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.ebl4j.cli.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RbmAisCommandTest {
    @TempDir
    static Path dir;

    /** {@link SyntheticDigits}: 240 train, 60 test. */
    @BeforeAll
    static void writeData() throws IOException {
        SyntheticDigits.write(dir, 7, 200, 56, 40);
    }

    private static Run run(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("example", "rbm-ais", "--data", dir.toString(),
                "--hidden", "16", "--batch", "10", "--ais-runs", "50", "--ais-temperatures", "300"));
        args.addAll(List.of(extra));
        return Run.of(args.toArray(String[]::new));
    }

    @Test
    void jsonHoldsTheLikelihoodsAndTheEstimate() {
        Run r = run("--epochs", "20", "--momentum", "0.9", "--json");
        assertEquals(0, r.exitCode(), r.err());
        String json = r.lastLine();
        assertTrue(json.startsWith("{\"example\":\"rbm-ais\",") && json.endsWith("}"), json);
        assertTrue(r.outLines().get(1).startsWith("epoch 1/20"), "progress before JSON: " + r.out());
        double test = number(json, "test_log_likelihood");
        double train = number(json, "train_log_likelihood");
        // the base-rate (factorial) model of these digits scores about -30 nats (one epoch stays there); a model of
        // the lit rows and columns approaches the binarisation noise's entropy, about -21
        assertTrue(test > -27 && train > -27 && train < -19 && test < train + 1, json);
        double logZ = number(json, "log_z");
        double spread = number(json, "log_z_spread");
        assertTrue(spread > 0 && spread < 1, json);
        assertTrue(number(json, "log_z_low") < logZ && logZ < number(json, "log_z_high"), json);
        double ess = number(json, "ais_effective_runs");
        assertTrue(ess >= 1 && ess <= 50, json);
        assertTrue(number(json, "train_seconds") > 0 && number(json, "ais_seconds") > 0, json);
        assertEquals(240, number(json, "train_size"));
        assertEquals(60, number(json, "test_size"));
        assertEquals(20, number(json, "epochs"));
        assertTrue(json.contains("\"method\":\"CD-1\"") && json.contains("\"binarise\":\"stochastic\"")
                && json.contains("\"schedule\":\"linear\""), json);
        assertTrue(json.contains("\"epoch_reconstruction_error\":["), json);
    }

    @Test
    void persistentAndThresholdRunsSayWhatTheyDid() {
        Run r = run("--epochs", "2", "--persistent", "--cd", "2", "--binarise", "threshold", "--schedule",
                "constant");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("PCD-2") && r.out().contains("binarised (threshold)"), r.out());
        assertTrue(r.lastLine().startsWith("PCD-2: average log-likelihood "), r.out());
    }

    @Test
    void sameSeedSameNumbers() {
        String a = run("--epochs", "1", "--json", "--seed", "3").lastLine();
        String b = run("--epochs", "1", "--json", "--seed", "3").lastLine();
        assertEquals(number(a, "test_log_likelihood"), number(b, "test_log_likelihood"));
        assertEquals(number(a, "log_z"), number(b, "log_z"));
    }

    @Test
    void rejectsBadSettings() {
        Run r = run("--binarise", "otsu");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("binarise must be one of [stochastic, threshold]"), r.err());
        r = Run.of("example", "rbm-ais", "--data", dir.toString(), "--ais-temperatures", "2");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("ais-temperatures >= 3"), r.err());
        r = run("--schedule", "cosine");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("schedule must be one of [linear, constant]"), r.err());
        r = run("--persistent", "--momentum", "1");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("momentum must be in [0, 1)"), r.err());
    }
}

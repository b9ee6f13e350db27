package org.ebl4j.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.ebl4j.cli.Run;
import org.ebl4j.io.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ebl4j train, eval, sample and data on the bundled 8x8 digits. */
class TrainCommandTest {
    /** A PCD RBM on the digits: 72 updates per epoch, a checkpoint every 5. */
    private static final String RBM = """
            name: t
            model: {type: rbm, hidden: 24}
            data: {source: digits, binarize: threshold}
            training: {epochs: %d, batch_size: 20, seed: 5, learning_rate: 0.05, persistent: true,
                       checkpoint_every: 5, schedule: linear}
            """;

    @TempDir
    Path dir;

    private Path config(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static String file(Path p) throws IOException {
        return Files.readString(p);
    }

    /** The lines of metrics.jsonl without the (wall-clock) seconds. */
    private static List<String> metrics(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
                .map(l -> l.replaceAll(",\"seconds\":[^,}]*", "")).toList();
    }

    /** summary.json without the run folder. */
    private static String summary(Path run) throws IOException {
        return file(run.resolve("summary.json")).replaceAll("\"run\":\"[^\"]*\",", "");
    }

    @Test
    void configurationErrorsExitWith2AndNameTheKey() throws IOException {
        Path bad = config("bad.yaml", RBM.formatted(2).replace("checkpoint_every: 5", "checkpoint_every: 5, epoch: 3"));
        Run r = Run.of("train", bad.toString(), "--out", dir.resolve("r").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith(bad + ": training.epoch: unknown key for model type 'rbm'; valid keys of "
                + "training: epochs, batch_size"), r.err());
        assertFalse(Files.exists(dir.resolve("r")), "no run folder for a bad configuration");
        Path good = config("good.yaml", RBM.formatted(2));
        r = Run.of("train", good.toString(), "--set", "training.batch_size=0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith(good + ": training.batch_size: must be an integer >= 1, got 0"), r.err());
        assertEquals(2, Run.of("train").exitCode(), "neither CONFIG nor --resume");
        r = Run.of("train", dir.resolve("none.yaml").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith(dir.resolve("none.yaml") + ": configuration file does not exist"), r.err());
        assertEquals(2, Run.of("train", good.toString(), "--resume", dir.toString()).exitCode());
        assertEquals(2, Run.of("train", good.toString(), "--progress", "fancy").exitCode());
        r = Run.of("train", "--resume", dir.resolve("nothing").toString());
        assertEquals(1, r.exitCode(), "a missing run folder is a run-time failure");
        assertTrue(r.err().contains("run folder does not exist"), r.err());
    }

    @Test
    void aRunWritesItsFolderAndTheOtherCommandsReadIt() throws IOException {
        Path run = dir.resolve("rbm");
        Run r = Run.of("train", config("rbm.yaml", RBM.formatted(2)).toString(), "--out", run.toString(), "--json",
                "--progress", "lines");
        assertEquals(0, r.exitCode(), r.err());
        for (String f : new String[] {"config.json", "metrics.jsonl", "metrics.csv", "model.safetensors",
            "summary.json", "figures/filters.png", "figures/learning-curves.png", "checkpoints/last.safetensors",
            "checkpoints/epoch-0001.safetensors", "checkpoints/epoch-0002.safetensors"}) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        assertEquals(2, metrics(run).size());
        assertTrue(file(run.resolve("metrics.csv")).startsWith("epoch,reconstruction_error,lr,seconds\n1,"));
        assertTrue(r.lastLine().startsWith("{\"run\":") && r.lastLine().contains("\"test_pseudo_log_likelihood\":"),
                r.lastLine());
        assertTrue(r.err().contains("epoch 2  reconstruction_error "), "epoch lines on stderr: " + r.err());
        Run again = Run.of("train", config("again.yaml", RBM.formatted(2)).toString(), "--out", run.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().startsWith(run + ": run folder is not empty (continue it with --resume"), again.err());

        Run e = Run.of("eval", run.toString(), "--json");
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.lastLine().contains("\"test_size\":359,\"reconstruction_error\":"), e.lastLine());
        assertTrue(summary(run).contains(e.lastLine().replaceAll(".*\"reconstruction_error\":([^,]*),.*", "$1")),
                "eval repeats the run's test figures");
        Run s = Run.of("sample", run.toString(), "--count", "9", "--steps", "20", "--json");
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(Files.isRegularFile(run.resolve("figures/samples.png")));
        assertEquals(2, Run.of("sample", run.toString(), "--count", "0").exitCode());
        assertEquals(1, Run.of("eval", dir.resolve("nope").toString()).exitCode());
        Run d = Run.of("data", "info", "digits", "--json");
        assertEquals(0, d.exitCode(), d.err());
        assertTrue(d.lastLine().contains("\"examples\":1797,\"shape\":[1797,8,8],\"min\":0,\"max\":1"), d.lastLine());
        assertTrue(d.lastLine().contains("\"label_counts\":[178,182,177,183,181,182,181,179,174,180]"));
        assertEquals(0, Run.of("data", "show", "digits", "--count", "4", "--out", dir.resolve("d.png").toString())
                .exitCode());
        assertTrue(Files.isRegularFile(dir.resolve("d.png")));
    }

    /**
     * kill -9 in the middle of an epoch, then --resume: the run ends with the metrics, weights and test figures of
     * a run never interrupted.
     */
    @Test
    void resumeAfterKillMatchesAnUninterruptedRun() throws Exception {
        Path cfg = config("rbm.yaml", RBM.formatted(12));
        Path whole = dir.resolve("whole");
        assertEquals(0, Run.of("train", cfg.toString(), "--out", whole.toString()).exitCode());

        Path crashed = dir.resolve("crashed");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xss4m",
                "-XX:MaxDirectMemorySize=1g", "-cp", System.getProperty("java.class.path"), "org.ebl4j.cli.Main",
                "train", cfg.toString(), "--out", crashed.toString(), "--progress", "off"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile())
                .start();
        Path last = crashed.resolve("checkpoints/last.safetensors");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(crashed.resolve("checkpoints/epoch-0001.safetensors")) && p.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
        assertFalse(Files.exists(crashed.resolve("summary.json")), "killed before the end: " + file(dir.resolve("log")));
        int done = Integer.parseInt(Checkpoint.load(last).extra().get("cd.epochs_done"));
        assertTrue(done < 12, "checkpoint of epoch " + done);

        Run r = Run.of("train", "--resume", crashed.toString(), "--progress", "off");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("resuming from " + last + " (" + done + " epochs complete)"), r.out());
        assertEquals(metrics(whole), metrics(crashed));
        assertEquals(summary(whole), summary(crashed));
        assertEquals(Files.mismatch(whole.resolve("model.safetensors"), crashed.resolve("model.safetensors")), -1L,
                "bit-identical final weights");
        BufferedImage curves = ImageIO.read(crashed.resolve("figures/learning-curves.png").toFile());
        assertEquals(640, curves.getWidth(), "learning curves of the resumed run");
    }

    /** A denoising auto-encoder resumed from its epoch-1 checkpoint ends as the run that went on. */
    @Test
    void trainerRunsResumeFromAnEpochCheckpoint() throws IOException {
        Path cfg = config("dae.yaml", """
                model: {type: denoising-autoencoder, hidden: [16, 6], noise: 0.3}
                data: {source: digits, limit: 600}
                training: {epochs: 3, batch_size: 50, seed: 2, learning_rate: 0.01}
                """);
        Path whole = dir.resolve("whole");
        assertEquals(0, Run.of("train", cfg.toString(), "--out", whole.toString()).exitCode());
        Path cut = dir.resolve("cut");
        try (Stream<Path> files = Files.walk(whole)) {
            for (Path f : files.toList()) {
                Files.copy(f, cut.resolve(whole.relativize(f).toString()));
            }
        }
        // as if killed during epoch 2: the last checkpoint is epoch 1's, and nothing later was written
        Files.copy(cut.resolve("checkpoints/epoch-0001.safetensors"), cut.resolve("checkpoints/last.safetensors"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.delete(cut.resolve("summary.json"));
        Files.delete(cut.resolve("model.safetensors"));
        Files.writeString(cut.resolve("metrics.jsonl"), Files.readAllLines(cut.resolve("metrics.jsonl")).get(0));
        Run r = Run.of("train", "--resume", cut.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("(1 epochs complete)"), r.out());
        assertEquals(metrics(whole), metrics(cut));
        assertEquals(summary(whole), summary(cut));
        assertEquals(2, Run.of("sample", whole.toString()).exitCode(), "sampling needs an RBM");
    }
}

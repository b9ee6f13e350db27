package org.ebl4j.cli;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    @Test
    void helpListsCommandsWithExamples() {
        Run r = Run.of("--help");
        assertEquals(0, r.exitCode(), r.err());
        for (String s : new String[] {"example", "bench", "Examples:", "ebl4j example mnist-mlp --data"}) {
            assertTrue(r.out().contains(s), s + " in:\n" + r.out());
        }
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        List<List<String>> commands = new ArrayList<>();
        collect(Main.commandLine(), new ArrayList<>(), commands);
        assertTrue(commands.size() >= 9, "commands found: " + commands);
        for (List<String> cmd : commands) {
            List<String> args = new ArrayList<>(cmd);
            args.add("--help");
            Run r = Run.of(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().contains("Usage: ebl4j " + String.join(" ", cmd)), r.out());
            assertTrue(r.out().contains("Examples:\n  ebl4j " + cmd.get(0)), r.out());
            if (cmd.size() == 2) {
                assertTrue(r.out().contains("--json"), "every example and bench takes --json: " + r.out());
                assertTrue(Run.of(cmd.get(0), "--help").out().contains("  " + cmd.get(1) + " "),
                        cmd + " listed by its group");
            }
        }
    }

    /** Every command below {@code cl} (not help), as its path of names. */
    private static void collect(picocli.CommandLine cl, List<String> path, List<List<String>> out) {
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> p = new ArrayList<>(path);
                p.add(name);
                out.add(p);
                collect(sub, p, out);
            }
        });
    }

    @Test
    void missingSubcommandIsAUsageError() {
        Run r = Run.of();
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Missing required subcommand"), r.err());
        assertEquals(2, Run.of("example").exitCode());
        assertEquals(2, Run.of("bench").exitCode());
    }

    @Test
    void unknownOptionsAndBadValuesAreUsageErrors() {
        Run r = Run.of("example", "mnist-mlp", "--data", dir.toString(), "--bogus");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Unknown option: '--bogus'"), r.err());
        r = Run.of("example", "mnist-mlp", "--data", dir.toString(), "--epochs", "many");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Invalid value for option '--epochs'"), r.err());
        r = Run.of("example", "mnist-mlp", "--data", dir.toString(), "--epochs", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("epochs, hidden and batch must be >= 1, got epochs=0"), r.err());
        r = Run.of("bench", "mlp", "--threads", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("got threads=0"), r.err());
    }

    @Test
    void missingDataOptionNamesIt() {
        Run r = Run.of("example", "mnist-mlp");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("Missing required option: '--data=DIR'"), r.err());
    }

    @Test
    void missingDataDirectoryFailsWithOneLine() {
        Path none = dir.resolve("no-such-dir");
        Run r = Run.of("example", "mnist-mlp", "--data", none.toString(), "--json");
        assertEquals(1, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("ebl4j example mnist-mlp: error: " + none
                + ": MNIST data directory does not exist"), r.err());
        assertFalse(r.out().contains("{"), "no JSON on failure: " + r.out());
    }

    @Test
    void verboseAddsTheStackTrace() {
        Run r = Run.of("--verbose", "example", "mnist-mlp", "--data", dir.resolve("none").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("java.nio.file.NoSuchFileException"), r.err());
        assertTrue(r.err().contains("\tat org.ebl4j.data.Mnist.load"), r.err());
        r = Run.of("example", "mnist-mlp", "--data", dir.resolve("none").toString(), "--verbose");
        assertTrue(r.err().contains("\tat org.ebl4j.data.Mnist.load"), "--verbose after the command: " + r.err());
    }

    @Test
    void corruptFileIsNamed() throws IOException {
        Files.write(dir.resolve("images-idx3-ubyte.gz"), new byte[] {0, 0, 8, 3, 0, 0});
        Files.write(dir.resolve("labels-idx1-ubyte.gz"), new byte[] {0, 0, 8, 1, 0, 0, 0, 0});
        Run r = Run.of("example", "mnist-mlp", "--data", dir.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains(dir.resolve("images-idx3-ubyte.gz") + ": truncated IDX file"), r.err());
    }

    @Test
    void describeTakesTheFirstMessageOnOneLine() {
        assertEquals("outer problem: details", Main.describe(new RuntimeException("outer problem:\n   details")));
        assertEquals("inner", Main.describe(new RuntimeException(new IllegalStateException("inner"))));
        assertEquals("java.lang.NullPointerException", Main.describe(new NullPointerException()));
    }
}

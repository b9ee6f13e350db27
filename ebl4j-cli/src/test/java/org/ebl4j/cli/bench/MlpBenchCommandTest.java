package org.ebl4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.bench.MlpBench;
import org.ebl4j.cli.Run;
import org.junit.jupiter.api.Test;

/** What can be checked without PyTorch: settings, the failure path, and the ebl4j-side profile. */
class MlpBenchCommandTest {
    @Test
    void missingPythonFailsWithOneLineNamingIt() {
        Run r = Run.of("bench", "mlp", "--threads", "1", "--python", "/nonexistent/python3", "--json");
        assertEquals(1, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("ebl4j bench mlp: error: bench mlp: cannot run /nonexistent/python3"), r.err());
    }

    @Test
    void flopsOfTheStandardStep() {
        // forward 128x784x256 + 128x256x10, backward dW1 256x784x128, dW2 and dx2 10x256x128 each; 2 flops per FMA
        assertEquals(2.0 * (2 * 128 * 784 * 256 + 3 * 128 * 256 * 10), MlpBench.Config.standard(1).flopsPerStep());
    }

    @Test
    void profileSplitsASmallStep() {
        MlpBench.Config c = new MlpBench.Config(1, 16, 32, 24, 4, 0.1, 0.9, 5, 1, 0.1, "python3", 1);
        MlpBench.Profile p = MlpBench.profile(c, 20);
        assertTrue(p.forwardMs() > 0 && p.backwardMs() > 0 && p.updateMs() > 0 && p.gemmMs() > 0, p.toString());
        // every step allocates its activations and gradients afresh: at least the two weight gradients
        assertTrue(p.directBytesPerStep() >= 4L * (32 * 24 + 24 * 4), p.toString());
    }

    @Test
    void rejectsBadSettings() {
        Run r = Run.of("bench", "mlp", "--rounds", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("rounds=0"), r.err());
    }
}

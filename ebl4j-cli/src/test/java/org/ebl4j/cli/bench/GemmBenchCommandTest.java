package org.ebl4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.cli.Run;
import org.junit.jupiter.api.Test;

class GemmBenchCommandTest {
    @Test
    void jsonLastLineHoldsTheTable() {
        Run r = Run.of("bench", "gemm", "--quick", "--kernels", "scalar", "--threads", "1", "--sizes", "32,8x16x4",
                "--json");
        assertEquals(0, r.exitCode(), r.err());
        String json = r.lastLine();
        assertTrue(json.startsWith("{\"bench\":\"gemm\",\"peak_fraction\":null,"), "no 1024^3 row, no headline: "
                + json);
        assertTrue(json.contains("\"size\":\"32x32x32\"") && json.contains("\"size\":\"8x16x4\""), json);
        assertTrue(json.endsWith("}"), json);
        assertTrue(r.out().contains("scalar"), "the table comes before the JSON: " + r.out());
    }

    @Test
    void badSizeIsAUsageError() {
        Run r = Run.of("bench", "gemm", "--sizes", "12x3");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("size '12x3' is not MxKxN or N"), r.err());
    }
}

package org.ebl4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ebl4j.cli.Run;
import org.junit.jupiter.api.Test;

class CtcBenchCommandTest {
    @Test
    void jsonLastLineHoldsTheFiguresAndBothLossesAgree() {
        Run r = Run.of("bench", "ctc", "--frames", "30", "--target-length", "6", "--labels", "5", "--warmup", "1",
                "--repeats", "3", "--json");
        assertEquals(0, r.exitCode(), r.err());
        String json = r.lastLine();
        for (String key : new String[] {"graph_forward_ms", "graph_backward_ms", "direct_forward_ms",
            "gtn_forward_ms\":131.6", "speedup_vs_gtn"}) {
            assertTrue(json.contains("\"" + key), key + " missing: " + json);
        }
        double graph = number(json, "graph_loss");
        double direct = number(json, "direct_loss");
        assertEquals(direct, graph, 1e-4 * Math.abs(direct));
        assertTrue(r.out().contains("gtn (CPU)"), "the table comes before the JSON: " + r.out());
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([-0-9.eE]+)").matcher(json);
        assertTrue(m.find(), key + " missing: " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void targetLongerThanFramesIsAUsageError() {
        Run r = Run.of("bench", "ctc", "--frames", "3", "--target-length", "5");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("target length"), r.err());
    }
}

package org.ebl4j.cli.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.cli.Run;
import org.junit.jupiter.api.Test;

class ExampleHelpTest {
    @Test
    void theEnergyExamplesAreListedAndHaveHelpWithExamples() {
        Run group = Run.of("example", "--help");
        for (String name : new String[] {"collapse", "x-squared", "loss-table"}) {
            assertTrue(group.out().contains("  " + name + " "), name + " in:\n" + group.out());
            Run r = Run.of("example", name, "--help");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("Usage: ebl4j example " + name), r.out());
            assertTrue(r.out().contains("Examples:\n  ebl4j example " + name), r.out());
            assertTrue(r.out().contains("--json"), r.out());
        }
    }
}

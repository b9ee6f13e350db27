package org.ebl4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ebl4j.cli.Run;
import org.junit.jupiter.api.Test;

/** What can be checked without scikit-learn: settings, the failure path, and an ebl4j-only run. */
class UnsupervisedBenchCommandTest {
    @Test
    void ebl4jOnlyRunReportsEveryModel() {
        Run r = Run.of("bench", "unsupervised", "--vs", "none", "--rows", "200", "--repeats", "1", "--threads", "1",
                "--json");
        assertEquals(0, r.exitCode(), r.err());
        String json = r.lastLine();
        assertTrue(json.startsWith("{\"bench\":\"unsupervised\",\"vs\":\"none\",\"speedup_vs_sklearn\":{\"pca\":null,"
                + "\"kmeans\":null,\"gmm\":null,\"rbm\":null,\"dictionary\":null},"), json);
        for (String model : new String[] {"pca", "kmeans", "gmm", "rbm", "dictionary"}) {
            assertTrue(json.contains("\"" + model + "\":{\"ebl4j_seconds\":"), model + " details: " + json);
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(model + " ")), model + " row: " + r.out());
        }
        assertTrue(json.contains("\"objective\":\"inertia\""), json);
        assertTrue(!json.contains("\"ebl4j_objective\":null"), "every ebl4j objective is finite: " + json);
    }

    @Test
    void unknownLibraryIsAUsageError() {
        Run r = Run.of("bench", "unsupervised", "--vs", "torch");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--vs must be sklearn or none, got 'torch'"), r.err());
    }

    @Test
    void tooFewRowsIsAUsageError() {
        Run r = Run.of("bench", "unsupervised", "--vs", "none", "--rows", "50");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("rows >= 100") && r.err().contains("rows=50"), r.err());
    }

    @Test
    void missingPythonFailsWithOneLineNamingIt() {
        Run r = Run.of("bench", "unsupervised", "--threads", "1", "--python", "/nonexistent/python3", "--json");
        assertEquals(1, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("ebl4j bench unsupervised: error: bench unsupervised: cannot run "
                + "/nonexistent/python3"), r.err());
    }
}

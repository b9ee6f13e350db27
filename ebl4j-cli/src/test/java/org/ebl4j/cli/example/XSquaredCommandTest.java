package org.ebl4j.cli.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.ebl4j.cli.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XSquaredCommandTest {
    @TempDir
    Path dir;

    @Test
    void squareSquareLearnsXSquaredAndTheEnergyLossCollapses() throws IOException {
        Run r = Run.of("example", "x-squared", "--out", dir.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        String json = r.lastLine();
        assertTrue(json.startsWith("{\"example\":\"x-squared\",") && json.endsWith("}"), json);
        double margin = JsonFields.number(json, "margin");
        String error = JsonFields.object(json, "mean_error");
        String gap = JsonFields.object(json, "gap");
        assertTrue(JsonFields.number(error, "square-square") < 0.05, json);
        assertTrue(JsonFields.number(gap, "square-square") >= margin, json);
        assertTrue(Math.abs(JsonFields.number(gap, "energy")) < 0.01 * margin, json);
        // regression with the energy loss works: its only zero-energy answer is G(X)
        assertTrue(JsonFields.number(JsonFields.object(json, "regression"), "mean_error") < 0.05, json);
        for (String name : new String[] {"regression-energy", "implicit-square-square", "implicit-energy"}) {
            assertEquals(121 * 4, ImageIO.read(dir.resolve(name + ".png").toFile()).getWidth(), name);
        }
    }
}

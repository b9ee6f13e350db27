package org.ebl4j.cli.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.ebl4j.cli.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplingCommandTest {
    @TempDir
    Path dir;

    /** {@code key} of the object under {@code sampler} in the figures' JSON line. */
    private static double figure(String json, String sampler, String key) {
        Matcher m = Pattern.compile("\"" + sampler + "\":\\{[^}]*\"" + key + "\":(-?[0-9.Ee+-]+)[,}]").matcher(json);
        assertTrue(m.find(), sampler + "." + key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void hmcAndLangevinMatchTheMixtureMomentsWithinFivePercent() throws Exception {
        Run r = Run.of("example", "sampling", "--chains", "600", "--steps", "250", "--keep", "80", "--out",
                dir.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        String json = r.lastLine();
        for (String sampler : new String[] {"hmc", "langevin"}) {
            assertTrue(figure(json, sampler, "error") <= 0.05, json);
            double acceptance = figure(json, sampler, "acceptance_rate");
            assertTrue(acceptance > 0.4 && acceptance < 0.99, json);
            BufferedImage png = ImageIO.read(dir.resolve(sampler + ".png").toFile());
            assertEquals(480, png.getWidth());
        }
    }

    @Test
    void keepMustLeaveABurnIn() {
        Run r = Run.of("example", "sampling", "--steps", "50", "--keep", "50");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("steps > keep"), r.err());
    }
}

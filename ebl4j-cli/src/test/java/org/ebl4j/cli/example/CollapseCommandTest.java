package org.ebl4j.cli.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.ebl4j.cli.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollapseCommandTest {
    @TempDir
    Path dir;

    private static double lightness(int rgb) {
        return 0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff);
    }

    @Test
    void energyLossCollapsesWhileMarginLossesKeepTheMargin() throws IOException {
        Run r = Run.of("example", "collapse", "--losses", "energy,hinge,square-square,nll", "--out", dir.toString(),
                "--json");
        assertEquals(0, r.exitCode(), r.err());
        String json = r.lastLine();
        assertTrue(json.startsWith("{\"example\":\"collapse\",") && json.endsWith("}"), json);
        double margin = JsonFields.number(json, "margin");
        assertEquals(1.0, margin);
        String gap = JsonFields.object(json, "gap");
        assertEquals(List.of("energy", "hinge", "square-square", "nll"), JsonFields.keys(gap));
        // collapse: the surface is flat to within 1 % of the margin
        double energy = JsonFields.number(gap, "energy");
        assertTrue(Math.abs(energy) < 0.01 * margin, json);
        for (String loss : new String[] {"hinge", "square-square", "nll"}) {
            assertTrue(JsonFields.number(gap, loss) >= margin, loss + ": " + json);
        }
        // the figures: the collapsed surface is dark at the corner where the hinge one is bright (Y far from X²)
        BufferedImage flat = ImageIO.read(dir.resolve("energy.png").toFile());
        BufferedImage hinge = ImageIO.read(dir.resolve("hinge.png").toFile());
        assertEquals(121 * 4, flat.getWidth());
        assertEquals(91 * 4, flat.getHeight());
        int cornerFlat = flat.getRGB(flat.getWidth() / 2, 2); // X = 0, Y = 1.25
        int cornerHinge = hinge.getRGB(hinge.getWidth() / 2, 2);
        assertTrue(lightness(cornerFlat) < 60 && lightness(cornerHinge) > 150,
                Integer.toHexString(cornerFlat) + " vs " + Integer.toHexString(cornerHinge));
        assertTrue(r.out().contains("gap >= margin 1.0: hinge"), r.out());
    }

    @Test
    void rejectsUnknownLossesAndSettingsOutOfRange() {
        Run r = Run.of("example", "collapse", "--losses", "energy,squared", "--out", dir.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--losses: unknown loss 'squared'"), r.err());
        r = Run.of("example", "collapse", "--epsilon", "0.6", "--out", dir.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("need epsilon in (0, 0.5)"), r.err());
    }
}

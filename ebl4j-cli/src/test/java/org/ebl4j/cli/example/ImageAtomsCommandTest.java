package org.ebl4j.cli.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.ebl4j.cli.Run;
import org.ebl4j.data.image.ImageFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageAtomsCommandTest {
    @TempDir
    Path dir;

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.Ee+-]+)[,}]").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    /** The bundled 256 x 256 crop of the camera photograph, copied into a folder of its own. */
    private Path cameraFolder() throws Exception {
        Path images = Files.createDirectory(dir.resolve("images"));
        try (InputStream in = ImageFile.class.getResourceAsStream("/org/ebl4j/data/images/" + ImageFile.BUNDLED)) {
            Files.copy(in, images.resolve(ImageFile.BUNDLED));
        }
        return images;
    }

    @Test
    void learnsLocalisedOrientedAtomsOnAPhotographAndDrawsThem() throws Exception {
        Path images = cameraFolder();
        Path out = dir.resolve("out");
        Run r = Run.of("example", "image-atoms", "--data", images.toString(), "--out", out.toString(),
                "--atoms", "32", "--patches", "3000", "--epochs", "3", "--held-out", "300", "--json");
        assertEquals(0, r.exitCode(), r.err());
        String json = r.lastLine();
        assertEquals(32, number(json, "atoms"));
        assertEquals(12, number(json, "patch_size"));
        assertEquals(3000, number(json, "patches"));
        assertTrue(number(json, "objective") > 0);
        double nonzeros = number(json, "mean_nonzeros");
        assertTrue(nonzeros > 0 && nonzeros < 32, json);
        for (String key : new String[] {"localised_fraction", "oriented_fraction", "gabor_like_fraction",
            "pca_gabor_like_fraction"}) {
            double f = number(json, key);
            assertTrue(f >= 0 && f <= 1, key + ": " + json);
        }
        assertEquals(0, number(json, "random_gabor_like_fraction"), json);
        // measured 0.72 localised-and-oriented atoms against 0 for the PCA components
        assertTrue(number(json, "gabor_like_fraction") > 0.5, json);
        assertTrue(number(json, "pca_gabor_like_fraction") < 0.1, json);
        BufferedImage atoms = ImageIO.read(out.resolve("atoms.png").toFile());
        assertEquals(16 * 48 + 17 * 2, atoms.getWidth()); // 16 atoms of 12 x 12 pixels x 4 to a line, 2-pixel gaps
        assertEquals(2 * 48 + 3 * 2, atoms.getHeight());
        assertTrue(Files.isRegularFile(out.resolve("pca.png")));
    }

    @Test
    void psdLearnsAnEncoderWhoseFeedForwardCodesAreCheapAndNearlyOptimal() throws Exception {
        Path out = dir.resolve("psd");
        Run r = Run.of("example", "image-atoms", "--bundled", "--psd", "1", "--out", out.toString(), "--atoms", "32",
                "--patches", "3000", "--epochs", "3", "--held-out", "300", "--batch", "32", "--json");
        assertEquals(0, r.exitCode(), r.err());
        String json = r.lastLine();
        assertEquals(1, number(json, "psd_alpha"));
        double optimal = number(json, "objective");
        double encoder = number(json, "encoder_objective");
        // the encoder's code is worse than the optimal one, but not by much (measured: objective 12.62 vs 12.08; atoms
        // 0.72 and encoder filters 0.53 Gabor-like)
        assertTrue(encoder > optimal && encoder < 1.2 * optimal, json);
        assertTrue(number(json, "encoder_prediction_error") > 0, json);
        assertTrue(number(json, "encoder_speedup_vs_fista") > 0, json); // a timing: reported, not tested
        assertTrue(number(json, "gabor_like_fraction") > 0.5, json);
        assertTrue(number(json, "encoder_gabor_like_fraction") > 0.3, json);
        assertTrue(number(json, "encoder_prediction_error") < 1, json);
        BufferedImage filters = ImageIO.read(out.resolve("encoder.png").toFile());
        assertEquals(16 * 48 + 17 * 2, filters.getWidth());
        Run bad = Run.of("example", "image-atoms", "--psd", "0");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--psd: ALPHA must be > 0"), bad.err());
    }

    @Test
    void badSettingsAndEmptyFoldersAreUsageErrors() throws Exception {
        Run r = Run.of("example", "image-atoms", "--data", dir.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--data: no .png / .jpg / .jpeg images in " + dir), r.err());
        Run bad = Run.of("example", "image-atoms", "--patch-size", "1");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("need patch size >= 2"), bad.err());
    }
}

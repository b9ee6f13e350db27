package org.ebl4j.cli.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.ebl4j.cli.Run;
import org.ebl4j.cli.plot.Mosaic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpokenWordsCommandTest {
    @TempDir
    Path dir;

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.Ee+-]+)[,}]").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void lvq2TrainedTemplatesBeatTheExampleTemplatesAndTheFigureHasFourPanels() throws Exception {
        // measured: 8 words, 15 training and 25 test utterances each, 8 epochs: 0.78 -> 0.86
        Run r = Run.of("example", "spoken-words", "--classes", "8", "--train", "15", "--test", "25", "--epochs", "8",
                "--out", dir.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        String json = r.lastLine();
        assertEquals(8, number(json, "classes"));
        assertEquals(120, number(json, "train_size"));
        assertEquals(200, number(json, "test_size"));
        double initial = number(json, "accuracy_initial");
        double trained = number(json, "accuracy_trained");
        assertTrue(trained > initial + 0.05, initial + " -> " + trained + ": " + json);
        BufferedImage png = ImageIO.read(dir.resolve("spoken-words.png").toFile());
        assertEquals(2 * SpokenWords.PANEL + 3 * 6, png.getWidth());
        assertEquals(2 * SpokenWords.PANEL + 3 * 6 + (Mosaic.fontAvailable() ? 2 * Mosaic.TITLE_HEIGHT : 0),
                png.getHeight());
    }

    @Test
    void rejectsBadSettingsAsUsageErrors() {
        assertEquals(2, Run.of("example", "spoken-words", "--pattern", "itakura").exitCode());
        assertEquals(2, Run.of("example", "spoken-words", "--templates", "3", "--train", "2").exitCode());
        assertEquals(2, Run.of("example", "spoken-words", "--band", "-1").exitCode());
    }
}

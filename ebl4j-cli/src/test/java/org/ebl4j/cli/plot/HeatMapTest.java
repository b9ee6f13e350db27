package org.ebl4j.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;

import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

class HeatMapTest {
    @TempDir
    Path dir;

    /** E(Y, X) = |Y − X²| + |X − 0.3|: lowest at X = 0.3, Y = 0.09, rising steeply around it. */
    private static final Energy CONE = new Energy() {
        @Override
        public Tensor energy(Tensor x, Tensor y) {
            return y.sub(x.square()).abs().add(x.sub(0.3f).abs()).reshape(x.shape(0));
        }
    };

    private static double luminance(int rgb) {
        return 0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff);
    }

    private static Map<String, String> textEntries(Path png) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            IIOMetadata meta = reader.getImageMetadata(0);
            Node root = meta.getAsTree("javax_imageio_png_1.0");
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeName().equals("tEXt")) {
                    for (Node e = n.getFirstChild(); e != null; e = e.getNextSibling()) {
                        out.put(e.getAttributes().getNamedItem("keyword").getNodeValue(),
                                e.getAttributes().getNamedItem("value").getNodeValue());
                    }
                }
            }
            reader.dispose();
        }
        return out;
    }

    private static int argmin(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] < v[best] ? i : best;
        }
        return best;
    }

    @Test
    void writesAReadablePngWhoseDarkestPixelIsTheMinimum() throws IOException {
        Grid g = Grid.ofEnergy(CONE, -1, 1, 21, -0.5, 1.5, 9);
        Path file = dir.resolve("sub/cone.png");
        new HeatMap(g, 3).title("cone").write(file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(21 * 3, image.getWidth());
        assertEquals(9 * 3, image.getHeight());
        int darkX = 0;
        int darkY = 0;
        for (int py = 0; py < image.getHeight(); py++) {
            for (int px = 0; px < image.getWidth(); px++) {
                if (luminance(image.getRGB(px, py)) < luminance(image.getRGB(darkX, darkY))) {
                    darkX = px;
                    darkY = py;
                }
            }
        }
        // the lowest cell: x = 0.3 is column 13, y = 0.09 is nearest to row 2 (y = 0), drawn at image row 9 - 1 - 2
        assertEquals(13 + 2 * 21, argmin(g.values()));
        assertEquals(13, darkX / 3);
        assertEquals(6, darkY / 3);
        assertEquals(0x440154, image.getRGB(darkX, darkY) & 0xffffff, "the minimum gets the darkest colour");
        Map<String, String> text = textEntries(file);
        assertEquals("-1.0 1.0", text.get("x-range"));
        assertEquals("-0.5 1.5", text.get("y-range"));
        assertEquals("cone", text.get("title"));
        float[] expected = g.range();
        for (String key : new String[] {"value-range", "grid-range"}) {
            String[] range = text.get(key).split(" ");
            assertEquals(expected[0], Float.parseFloat(range[0]), key);
            assertEquals(expected[1], Float.parseFloat(range[1]), key);
        }
    }

    @Test
    void aFixedValueRangeSharesOneScaleAndClamps() {
        Grid g = new Grid(new float[] {2f, 2f, -5f, 20f}, 2, 2, 0, 1, 0, 1); // row 0 (bottom): 2, 2; row 1: -5, 20
        HeatMap map = new HeatMap(g, 1).valueRange(0, 10);
        BufferedImage image = map.render();
        assertEquals(HeatMap.viridis(0.2), image.getRGB(0, 1) & 0xffffff);
        assertEquals(HeatMap.viridis(0.0), image.getRGB(0, 0) & 0xffffff, "below the range: darkest");
        assertEquals(HeatMap.viridis(1.0), image.getRGB(1, 0) & 0xffffff, "above the range: brightest");
        assertEquals("0.0 10.0", map.metadata().get("value-range"));
        assertEquals("-5.0 20.0", map.metadata().get("grid-range"));
        assertThrows(IllegalArgumentException.class, () -> map.valueRange(1, 1));
    }

    @Test
    void viridisGetsLighterAndAFlatSurfaceIsUniformlyDark() {
        for (int i = 1; i <= 100; i++) {
            assertTrue(luminance(HeatMap.viridis(i / 100.0)) > luminance(HeatMap.viridis((i - 1) / 100.0)), "at " + i);
        }
        assertEquals(0xfde725, HeatMap.viridis(1.0));
        assertEquals(0x440154, HeatMap.viridis(-3));
        Grid flat = new Grid(new float[] {2f, 2f, 2f, 2f}, 2, 2, 0, 1, 0, 1);
        BufferedImage image = new HeatMap(flat, 2).render();
        for (int py = 0; py < 4; py++) {
            for (int px = 0; px < 4; px++) {
                assertEquals(0x440154, image.getRGB(px, py) & 0xffffff);
            }
        }
    }

    @Test
    void overlaysLandOnTheirCells() {
        Grid g = new Grid(new float[25], 5, 5, 0, 4, 10, 14); // cell (r, c) at x = c, y = 10 + r
        HeatMap map = new HeatMap(g, 10).points(new double[] {1}, new double[] {13}).curve(new double[] {0, 4},
                new double[] {10, 10});
        BufferedImage image = map.render();
        assertEquals(0xffffff, image.getRGB(15, 15) & 0xffffff, "point at x = 1, y = 13: column 1, image row 1");
        int onCurve = image.getRGB(25, 45) & 0xffffff; // y = 10 is the bottom row, centre line at pixel row 45
        assertTrue(((onCurve >> 16) & 0xff) > 200 && ((onCurve >> 8) & 0xff) < 100, Integer.toHexString(onCurve));
        assertEquals(0x440154, image.getRGB(45, 5) & 0xffffff, "untouched cell");
        assertEquals(15.0, map.px(1), 1e-12);
        assertEquals(45.0, map.py(10), 1e-12);
    }

    @Test
    void rejectsBadSettings() {
        Grid g = new Grid(new float[4], 2, 2, 0, 1, 0, 1);
        assertThrows(IllegalArgumentException.class, () -> new HeatMap(g, 0));
        assertThrows(IllegalArgumentException.class, () -> new HeatMap(g, 1).points(new double[2], new double[1]));
    }
}

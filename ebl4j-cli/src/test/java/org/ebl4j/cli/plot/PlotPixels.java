package org.ebl4j.cli.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;

/** Pixel counts and positions of one exact colour in a rendered figure. */
final class PlotPixels {
    private PlotPixels() {
    }

    static boolean is(BufferedImage image, int x, int y, Color colour) {
        return (image.getRGB(x, y) & 0xffffff) == (colour.getRGB() & 0xffffff);
    }

    static int count(BufferedImage image, Color colour) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += is(image, x, y, colour) ? 1 : 0;
            }
        }
        return n;
    }

    /** The leftmost column holding the colour, or -1. */
    static int leftmost(BufferedImage image, Color colour) {
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if (is(image, x, y, colour)) {
                    return x;
                }
            }
        }
        return -1;
    }

    /** The mean row of the colour in column {@code x}, or NaN where it is absent. */
    static double meanRow(BufferedImage image, int x, Color colour) {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            if (is(image, x, y, colour)) {
                sum += y;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}

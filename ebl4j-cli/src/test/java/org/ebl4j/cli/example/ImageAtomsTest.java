package org.ebl4j.cli.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ImageAtomsTest {
    private static final int P = 12;

    /** A p x p picture of f(y, x). */
    private interface Pixel {
        double at(double y, double x);
    }

    private static float[] atom(Pixel f) {
        float[] a = new float[P * P];
        for (int y = 0; y < P; y++) {
            for (int x = 0; x < P; x++) {
                a[y * P + x] = (float) f.at(y, x);
            }
        }
        return a;
    }

    /** R by the textbook DFT, in complex arithmetic with fresh trigonometry for every term. */
    private static double orientationOracle(float[] a) {
        double total = 0;
        double re = 0;
        double im = 0;
        for (int fy = -P / 2; fy < P / 2; fy++) {
            for (int fx = -P / 2; fx < P / 2; fx++) {
                if (fx == 0 && fy == 0) {
                    continue;
                }
                double sr = 0;
                double si = 0;
                for (int y = 0; y < P; y++) {
                    for (int x = 0; x < P; x++) {
                        double phase = -2 * Math.PI * (fy * y + fx * x) / P;
                        sr += a[y * P + x] * Math.cos(phase);
                        si += a[y * P + x] * Math.sin(phase);
                    }
                }
                double power = sr * sr + si * si;
                total += power;
                re += power * Math.cos(2 * Math.atan2(fy, fx));
                im += power * Math.sin(2 * Math.atan2(fy, fx));
            }
        }
        return Math.hypot(re, im) / total;
    }

    @Test
    void aGaborIsLocalisedAndOriented() {
        double theta = Math.toRadians(30);
        float[] gabor = atom((y, x) -> {
            double u = (x - 5.5) * Math.cos(theta) + (y - 5.5) * Math.sin(theta);
            double r2 = (x - 5.5) * (x - 5.5) + (y - 5.5) * (y - 5.5);
            return Math.exp(-r2 / (2 * 1.8 * 1.8)) * Math.cos(2 * Math.PI * 0.25 * u);
        });
        assertTrue(ImageAtoms.localisation(gabor, P) > 0.9, "localisation " + ImageAtoms.localisation(gabor, P));
        assertTrue(ImageAtoms.orientation(gabor, P) > 0.7, "orientation " + ImageAtoms.orientation(gabor, P));
    }

    @Test
    void aPlaneWaveIsPerfectlyOrientedButNotLocalised() {
        float[] wave = atom((y, x) -> Math.cos(2 * Math.PI * 3 * x / P)); // power only at (0, ±3): θ = 0, π
        assertEquals(1, ImageAtoms.orientation(wave, P), 1e-9);
        float[] diagonal = atom((y, x) -> Math.cos(2 * Math.PI * 2 * (x + y) / P)); // θ = ±45°
        assertEquals(1, ImageAtoms.orientation(diagonal, P), 1e-9);
        assertTrue(ImageAtoms.localisation(wave, P) < 0.35, "localisation " + ImageAtoms.localisation(wave, P));
    }

    @Test
    void evenEnergyPutsTheDiscsPixelShareInsideAndADotAllOfIt() {
        // the disc of area 144/4 around the centre (5.5, 5.5) holds 32 pixel centres: 8 per quadrant
        assertEquals(32 / 144.0, ImageAtoms.localisation(atom((y, x) -> 1), P), 1e-12);
        assertEquals(32 / 144.0, ImageAtoms.localisation(atom((y, x) -> (x + y) % 2 == 0 ? 1 : -1), P), 1e-12);
        float[] dot = atom((y, x) -> y == 2 && x == 9 ? -3 : 0);
        assertEquals(1, ImageAtoms.localisation(dot, P), 0);
        assertTrue(ImageAtoms.orientation(dot, P) < 0.05, "a dot has a flat spectrum");
        assertEquals(0, ImageAtoms.localisation(new float[P * P], P), 0);
        assertEquals(0, ImageAtoms.orientation(new float[P * P], P), 0);
    }

    @Test
    void orientationMatchesTheTextbookDftAndRandomAtomsAreNeitherLocalisedNorOriented() {
        Tensor random = new Rng(8).normal(0, 1, 64, P * P);
        float[] v = random.toArray();
        for (int i = 0; i < 5; i++) {
            float[] a = java.util.Arrays.copyOfRange(v, i * P * P, (i + 1) * P * P);
            assertEquals(orientationOracle(a), ImageAtoms.orientation(a, P), 1e-9);
        }
        ImageAtoms.Measures m = ImageAtoms.measures(random, P);
        assertEquals(0, m.gaborLikeFraction(), 0);
        assertTrue(m.localisedFraction() < 0.1 && m.orientedFraction() < 0.1,
                m.localisedFraction() + " " + m.orientedFraction());
    }

    @Test
    void picturesSpanBlackToWhite() {
        float[] a = atom((y, x) -> x - 0.5 * y);
        BufferedImage image = ImageAtoms.picture(a, P, 3);
        assertEquals(36, image.getWidth());
        assertEquals(36, image.getHeight());
        assertEquals(255, image.getRaster().getSample(3 * 11, 0, 0)); // x = 11, y = 0: the maximum
        assertEquals(0, image.getRaster().getSample(0, 3 * 11 + 2, 0)); // x = 0, y = 11: the minimum
    }
}

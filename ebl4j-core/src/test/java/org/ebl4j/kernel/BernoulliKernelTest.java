package org.ebl4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.ebl4j.tensor.Rng;
import org.junit.jupiter.api.Test;

/**
 * The Bernoulli draws: the same outcomes on the vector and the scalar path for every length and start (odd starts
 * included), outcomes that depend only on (seed, element) however a tensor is cut into chunks, the documented
 * stream (halves of {@link Rng#bitsAt}), and the right frequencies.
 */
class BernoulliKernelTest {
    private static float[] probabilities(int n, long seed) {
        Random r = new Random(seed);
        float[] p = new float[n];
        for (int i = 0; i < n; i++) {
            p[i] = r.nextFloat();
        }
        return p;
    }

    @Test
    void vectorAndScalarPathsDrawTheSameOutcomes() {
        float[] p = probabilities(300, 1);
        for (long first = 0; first < 5; first++) {
            for (int n = 0; n <= 300; n += n < 40 ? 1 : 29) {
                float[] fast = Arrays.copyOf(p, n);
                float[] scalar = fast.clone();
                ArrayMath.fastest().bernoulli(fast, n, 42, first);
                ArrayMath.SCALAR.bernoulli(scalar, n, 42, first);
                assertEquals(Arrays.toString(scalar), Arrays.toString(fast), "n=" + n + ", first=" + first);
            }
        }
    }

    @Test
    void outcomesDoNotDependOnHowTheElementsAreChunked() {
        float[] p = probabilities(1000, 2);
        float[] whole = p.clone();
        BernoulliKernel.sample(whole, whole.length, 9, 0);
        float[] pieces = new float[p.length];
        int[] cuts = {0, 1, 18, 19, 500, 733, 1000};
        for (int c = 0; c + 1 < cuts.length; c++) {
            float[] chunk = Arrays.copyOfRange(p, cuts[c], cuts[c + 1]);
            BernoulliKernel.sample(chunk, chunk.length, 9, cuts[c]);
            System.arraycopy(chunk, 0, pieces, cuts[c], chunk.length);
        }
        assertEquals(Arrays.toString(whole), Arrays.toString(pieces));
    }

    @Test
    void elementsUseTheHalvesOfTheGeneratorsDraws() {
        float[] p = probabilities(64, 3);
        float[] v = p.clone();
        BernoulliKernel.sample(v, v.length, 7, 10);
        Rng rng = new Rng(7);
        for (int i = 0; i < v.length; i++) {
            long e = 10 + i;
            long bits = rng.bitsAt(e >>> 1);
            float u = ((e & 1) == 0 ? bits >>> 40 : (bits >>> 16) & 0xFFFFFF) * 0x1.0p-24f;
            assertEquals(u < p[i] ? 1f : 0f, v[i], "element " + e);
        }
    }

    @Test
    void frequenciesMatchTheProbabilitiesAndEdgesAreExact() {
        int n = 200_000;
        for (float prob : new float[] {0.1f, 0.5f, 0.93f}) {
            float[] v = new float[n];
            Arrays.fill(v, prob);
            BernoulliKernel.sample(v, n, 11, 3);
            double on = 0;
            for (float x : v) {
                on += x;
            }
            double sd = Math.sqrt(prob * (1 - prob) / n);
            assertTrue(Math.abs(on / n - prob) < 5 * sd, "p=" + prob + ": frequency " + on / n);
        }
        float[] edges = {0f, 1f, Float.NaN, -0.5f, 1.5f, 0f, 1f, Float.NaN, 0f, 1f, 0f, 1f, 0f, 1f, 0f, 1f, 0f, 1f};
        BernoulliKernel.sample(edges, edges.length, 5, 0);
        assertEquals("[0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0]",
                Arrays.toString(edges));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> BernoulliKernel.sample(new float[3], 4, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> BernoulliKernel.sample(new float[3], 3, 1, -1));
    }
}

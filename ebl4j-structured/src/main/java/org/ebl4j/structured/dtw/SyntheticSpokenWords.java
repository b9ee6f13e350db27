package org.ebl4j.structured.dtw;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.ebl4j.energy.train.Dataset;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * Generated "spoken words" for elastic matching: K words, each a smooth prototype curve of 2-D "acoustic" frames,
 * uttered at a random speed and rhythm (a random monotone time warp) with noise on every frame.
 *
 * <p>Prototype of word c (drawn from {@code seed}): p_c(u) = Σ_{h=1}^{3} a_{c,h} sin(π h u + φ_{c,h}) per coordinate,
 * u ∈ [0, 1], a ~ N(0, 1)/h, φ ~ U[0, 2π). An utterance of n ~ U{⌈0.6 L⌉..⌊1.5 L⌋} frames (L = {@link #frames})
 * has frame i = s · p_c(τ(i/(n−1))) + N(0, σ²) per coordinate, with the time warp
 * τ(u) = u + (a₁/π) sin(πu) + (a₂/2π) sin(2πu), |a₁| + |a₂| ≤ {@link #warp} &lt; 1 (so τ is increasing from 0 to 1),
 * and a loudness s ~ U[0.85, 1.15].
 *
 * @param classes K ≥ 2 words
 * @param frames  L, the nominal length of an utterance
 * @param noise   σ ≥ 0
 * @param warp    the strength of the time warp, in [0, 1)
 * @param seed    seed of the prototypes
 */
public record SyntheticSpokenWords(int classes, int frames, double noise, double warp, long seed) {
    /** Coordinates per frame. */
    public static final int DIM = 2;

    private static final int HARMONICS = 3;

    public SyntheticSpokenWords {
        if (classes < 2 || frames < 4) {
            throw new IllegalArgumentException("SyntheticSpokenWords: need classes >= 2 and frames >= 4, got classes="
                    + classes + ", frames=" + frames);
        }
        if (!(noise >= 0) || Double.isInfinite(noise) || !(warp >= 0 && warp < 1)) {
            throw new IllegalArgumentException("SyntheticSpokenWords: need a finite noise >= 0 and warp in [0, 1), "
                    + "got noise=" + noise + ", warp=" + warp);
        }
    }

    /** p_c at u ∈ [0, 1]: {@link #DIM} values. */
    public double[] prototype(int c, double u) {
        Rng rng = new Rng(seed * 1_000_003L + c);
        double[] out = new double[DIM];
        for (int k = 0; k < DIM; k++) {
            for (int h = 1; h <= HARMONICS; h++) {
                double a = rng.nextGaussian() / h;
                double phase = 2 * Math.PI * rng.nextDouble();
                out[k] += a * Math.sin(Math.PI * h * u + phase);
            }
        }
        return out;
    }

    /** p_c sampled at L evenly spaced points, [L, DIM]: the noiseless, unwarped word. */
    public Tensor prototype(int c) {
        return frames(c, frames, u -> u, 1, 0, null);
    }

    /** {@code perClass} utterances of every word, classes interleaved (0, 1, .., K−1, 0, ..): padded x, labels y. */
    public Dataset sample(int perClass, Rng rng) {
        if (perClass < 1) {
            throw new IllegalArgumentException("SyntheticSpokenWords.sample: perClass must be >= 1, got " + perClass);
        }
        List<Tensor> sequences = new ArrayList<>();
        float[] labels = new float[perClass * classes];
        int lo = (int) Math.ceil(0.6 * frames);
        int hi = (int) Math.floor(1.5 * frames);
        for (int r = 0; r < perClass; r++) {
            for (int c = 0; c < classes; c++) {
                int n = lo + rng.nextInt(hi - lo + 1);
                double a1 = warp * (2 * rng.nextDouble() - 1);
                double a2 = (warp - Math.abs(a1)) * (2 * rng.nextDouble() - 1);
                double loud = 0.85 + 0.3 * rng.nextDouble();
                sequences.add(frames(c, n, u -> u + a1 / Math.PI * Math.sin(Math.PI * u)
                        + a2 / (2 * Math.PI) * Math.sin(2 * Math.PI * u), loud, noise, rng));
                labels[r * classes + c] = c;
            }
        }
        return new Dataset(PaddedSequences.pad(sequences), Tensor.of(labels, labels.length));
    }

    private Tensor frames(int c, int n, DoubleUnaryOperator tau, double loud, double sigma,
            Rng rng) {
        float[] v = new float[n * DIM];
        for (int i = 0; i < n; i++) {
            double[] p = prototype(c, tau.applyAsDouble(n == 1 ? 0 : (double) i / (n - 1)));
            for (int k = 0; k < DIM; k++) {
                v[i * DIM + k] = (float) (loud * p[k] + (sigma > 0 ? sigma * rng.nextGaussian() : 0));
            }
        }
        return Tensor.of(v, n, DIM);
    }
}

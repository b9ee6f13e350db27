package org.ebl4j.tensor;

import java.nio.FloatBuffer;

import org.ebl4j.kernel.SplitMix64;

/**
 * Seeded, counter-based random numbers: draw number {@code i} is {@link SplitMix64#draw SplitMix64.draw(seed, i)}
 * (Steele, Lea &amp; Flood 2014). Element {@code j} of a tensor drawn at counter {@code c} depends only on
 * {@code seed} and {@code c + j}, so the numbers are the same whatever the thread count, and the whole state is two
 * longs ({@link #seed()}, {@link #counter()}) that a checkpoint can store.
 */
public final class Rng {
    private static final double TWO_PI = 2 * Math.PI;

    private final long seed;
    private long counter;

    public Rng(long seed) {
        this(seed, 0);
    }

    /** Restores a generator from its saved state. */
    public Rng(long seed, long counter) {
        this.seed = seed;
        this.counter = counter;
    }

    public long seed() {
        return seed;
    }

    public long counter() {
        return counter;
    }

    private long bits(long index) {
        return SplitMix64.draw(seed, index);
    }

    /**
     * The 64 random bits of draw number {@code index} (counter-based: any draw, in any order, on any thread),
     * without moving this generator's counter.
     */
    public long bitsAt(long index) {
        return bits(index);
    }

    /** Uniform in [0, 1) from the draw at {@code index}, 53 random bits. */
    private double unit(long index) {
        return (bits(index) >>> 11) * 0x1.0p-53;
    }

    public long nextLong() {
        return bits(counter++);
    }

    /** Uniform double in [0, 1). */
    public double nextDouble() {
        return unit(counter++);
    }

    /** Uniform int in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
        }
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    /** Standard normal (Box-Muller on two draws). */
    public double nextGaussian() {
        double g = gaussian(counter);
        counter += 2;
        return g;
    }

    private double gaussian(long index) {
        double u1 = 1.0 - unit(index); // (0, 1]
        double u2 = unit(index + 1);
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(TWO_PI * u2);
    }

    /** Uniform in [lo, hi). */
    public Tensor uniform(float lo, float hi, int... shape) {
        Tensor t = Tensor.zeros(shape);
        FloatBuffer d = t.storage().buffer();
        int n = t.numel();
        double w = (double) hi - lo;
        for (int i = 0; i < n; i++) {
            d.put(i, (float) (lo + w * unit(counter + i)));
        }
        counter += n;
        return t;
    }

    /** Normal with the given mean and standard deviation. */
    public Tensor normal(float mean, float std, int... shape) {
        Tensor t = Tensor.zeros(shape);
        FloatBuffer d = t.storage().buffer();
        int n = t.numel();
        for (int i = 0; i < n; i++) {
            d.put(i, (float) (mean + std * gaussian(counter + 2L * i)));
        }
        counter += 2L * n;
        return t;
    }

    /** 1 with probability {@code p}, else 0. */
    public Tensor bernoulli(float p, int... shape) {
        return bernoulli(Tensor.full(p, shape));
    }

    /** Element-wise Bernoulli draws with probabilities {@code probs} (not differentiable). */
    public Tensor bernoulli(Tensor probs) {
        Tensor p = probs.contiguous();
        Tensor t = Tensor.zeros(p.shape());
        FloatBuffer src = p.storage().buffer();
        FloatBuffer d = t.storage().buffer();
        int off = p.offset();
        int n = t.numel();
        for (int i = 0; i < n; i++) {
            d.put(i, unit(counter + i) < src.get(off + i) ? 1f : 0f);
        }
        counter += n;
        return t;
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}

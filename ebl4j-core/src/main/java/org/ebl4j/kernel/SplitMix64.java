package org.ebl4j.kernel;

/**
 * SplitMix64 used as a counter-based generator (Steele, Lea &amp; Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014): draw number i of seed s is mix64(s + i·γ), so any draw can be computed on any thread
 * in any order. {@link org.ebl4j.tensor.Rng} and the {@link BernoulliKernel} share this definition.
 */
public final class SplitMix64 {
    /** γ, the golden-ratio increment. */
    public static final long GAMMA = 0x9E3779B97F4A7C15L;
    /** The finaliser's multipliers (Stafford's "Mix13"). */
    static final long M1 = 0xBF58476D1CE4E5B9L;
    static final long M2 = 0x94D049BB133111EBL;

    private SplitMix64() {
    }

    /** The 64 bits of draw {@code index} of {@code seed}. */
    public static long draw(long seed, long index) {
        return mix64(seed + index * GAMMA);
    }

    /** The finaliser: z ← (z ⊕ z≫30)·M1, z ← (z ⊕ z≫27)·M2, z ⊕ z≫31. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * M1;
        z = (z ^ (z >>> 27)) * M2;
        return z ^ (z >>> 31);
    }
}

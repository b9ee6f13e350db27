package org.ebl4j.unsupervised.rbm;

import java.nio.FloatBuffer;
import java.util.Arrays;

import org.ebl4j.kernel.BernoulliKernel;
import org.ebl4j.kernel.Threads;
import org.ebl4j.kernel.UnaryKernel;
import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;

/**
 * The random draws of the RBM's units, done in place on contiguous tensors and split over the library's threads
 * (unlike {@link Rng#bernoulli(Tensor)}, which fills a new tensor on one thread): Bernoulli draws 1[u &lt; p] and
 * Gaussian draws μ + σε; also column sums of a batch, in double.
 *
 * <p>Random draws stay the same whatever the thread count: one call takes one seed s from the caller's
 * {@link Rng} and element i uses the counter-based draw(s) number i / 2 (half of it, see {@link BernoulliKernel};
 * 2i, 2i + 1 for a Gaussian) of {@code Rng(s)}, so the split over threads only decides who computes which element.
 */
final class Units {
    /** Elements per task below which one thread does all the work. */
    private static final int GRAIN = 16_384;
    /** Elements moved between off-heap storage and a heap array at a time. */
    private static final int CHUNK = 2048;
    /** Rows added in float before their sums join the double totals ({@link #columnSums}). */
    private static final int SUM_BLOCK = 64;

    private Units() {
    }

    /** Element-wise work on {@code values[0, n)}, elements {@code first ..} of the tensor, in a heap array. */
    @FunctionalInterface
    private interface ChunkMap {
        void apply(float[] values, int n, long first);
    }

    /** Runs {@code map} over the elements of contiguous {@code t} in place, in chunks, over the threads. */
    private static void inPlace(Tensor t, ChunkMap map) {
        if (!t.isContiguous()) {
            throw new IllegalArgumentException("Units: needs a contiguous tensor");
        }
        FloatBuffer buf = t.storage().buffer();
        int offset = t.offset();
        int n = t.numel();
        int tasks = Math.max(1, Math.min(Threads.count(), n / GRAIN));
        Threads.parallelFor(tasks, task -> {
            int from = (int) ((long) n * task / tasks);
            int to = (int) ((long) n * (task + 1) / tasks);
            float[] chunk = new float[Math.min(CHUNK, Math.max(1, to - from))];
            for (int i = from; i < to; i += CHUNK) {
                int len = Math.min(CHUNK, to - i);
                buf.get(offset + i, chunk, 0, len);
                map.apply(chunk, len, i);
                buf.put(offset + i, chunk, 0, len);
            }
        });
    }

    /**
     * t ← 1[u &lt; t] with u uniform on [0, 1): Bernoulli draws with the probabilities in t (the
     * {@link BernoulliKernel}'s stream of one seed taken from {@code rng}).
     */
    static Tensor bernoulli(Tensor t, Rng rng) {
        long seed = rng.nextLong();
        inPlace(t, (v, n, first) -> BernoulliKernel.sample(v, n, seed, first));
        return t;
    }

    /**
     * 1[u &lt; p] as 0f or 1f in double, without a branch: the sign bit of u − p (an unpredictable branch is
     * mispredicted half the time).
     */
    static float below(double u, double p) {
        return Double.doubleToRawLongBits(u - p) >>> 63;
    }

    /** t ← σ(t), in place. */
    static Tensor sigmoid(Tensor t) {
        inPlace(t, (v, n, first) -> UnaryKernel.SIGMOID.map(v, n));
        return t;
    }

    /** t ← 1[u &lt; σ(t)]: {@link #sigmoid} then {@link #bernoulli} in one pass over each chunk. */
    static Tensor sigmoidBernoulli(Tensor t, Rng rng) {
        long seed = rng.nextLong();
        inPlace(t, (v, n, first) -> {
            UnaryKernel.SIGMOID.map(v, n);
            BernoulliKernel.sample(v, n, seed, first);
        });
        return t;
    }

    /** t ← t + σ_j ε with ε standard normal and σ_j = {@code std[j % std.length]} (one per column of [N, D]). */
    static Tensor gaussian(Tensor t, float[] std, Rng rng) {
        long seed = rng.nextLong();
        int d = std.length;
        inPlace(t, (v, n, first) -> {
            Rng r = new Rng(seed, 2 * first);
            for (int i = 0; i < n; i++) {
                v[i] += std[(int) ((first + i) % d)] * (float) r.nextGaussian();
            }
        });
        return t;
    }

    /**
     * The column sums of contiguous [N, D] {@code t}, in double: rows are added in float over blocks of
     * {@link #SUM_BLOCK} (a loop the JIT vectorises; float → double per element was 5x slower), each block's sums
     * then in double.
     */
    static double[] columnSums(Tensor t) {
        int rows = t.shape(0);
        int cols = t.shape(1);
        FloatBuffer buf = t.storage().buffer();
        float[] row = new float[cols];
        float[] block = new float[cols];
        double[] sums = new double[cols];
        for (int r0 = 0; r0 < rows; r0 += SUM_BLOCK) {
            Arrays.fill(block, 0f);
            for (int r = r0; r < Math.min(rows, r0 + SUM_BLOCK); r++) {
                buf.get(t.offset() + r * cols, row, 0, cols);
                for (int c = 0; c < cols; c++) {
                    block[c] += row[c];
                }
            }
            for (int c = 0; c < cols; c++) {
                sums[c] += block[c];
            }
        }
        return sums;
    }

    /** g ← (overwrite ? 0 : g) + scale · sums, for a contiguous gradient vector g. */
    static void addTo(Tensor g, double[] sums, float scale, boolean overwrite) {
        FloatBuffer buf = g.storage().buffer();
        int o = g.offset();
        for (int i = 0; i < sums.length; i++) {
            float old = overwrite ? 0f : buf.get(o + i);
            buf.put(o + i, old + scale * (float) sums[i]);
        }
    }
}

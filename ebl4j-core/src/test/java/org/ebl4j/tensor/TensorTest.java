package org.ebl4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TensorTest {
    private static final float EPS = 1e-5f;

    private static Tensor range(int... shape) {
        return Tensor.arange(Shape.numel(shape)).reshape(shape);
    }

    @Test
    void viewsShareStorageAndCopyOnlyWhenNeeded() {
        Tensor x = range(2, 3, 4);
        assertSame(x.storage(), x.reshape(6, 4).storage());
        Tensor t = x.transpose(0, 2);
        assertSame(x.storage(), t.storage());
        assertArrayEquals(new int[] {4, 3, 2}, t.shape());
        assertEquals(x.get(1, 2, 3), t.get(3, 2, 1));
        assertTrue(!t.isContiguous() && t.contiguous().isContiguous());
        Tensor s = x.slice(2, 1, 4, 2);
        assertArrayEquals(new float[] {1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23}, s.toArray());
        assertSame(x.storage(), s.storage());
        Tensor e = Tensor.vector(1, 2, 3).expand(2, 3);
        assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3}, e.toArray());
        assertEquals(0, e.strides()[0]);
        // reshape of a non-contiguous view copies and keeps row-major order of the view
        assertArrayEquals(t.contiguous().toArray(), t.reshape(24).toArray());
        assertArrayEquals(new int[] {2, 12}, x.reshape(2, -1).shape());
        assertArrayEquals(new float[] {7, 19}, x.slice(-1, -1, 4).slice(1, -2, -1).squeeze(2).squeeze(1)
                .toArray(), EPS);
    }

    @Test
    void broadcastingFollowsNumPyRules() {
        Tensor a = Tensor.vector(1, 2, 3).reshape(3, 1);
        Tensor b = Tensor.vector(10, 20);
        assertArrayEquals(new float[] {11, 21, 12, 22, 13, 23}, a.add(b).toArray());
        assertArrayEquals(new float[] {-9, -19, -8, -18, -7, -17}, a.sub(b).toArray());
        assertArrayEquals(new float[] {2, 4, 6}, a.mul(2f).toArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(3, 4).add(Tensor.zeros(5)));
        assertTrue(e.getMessage().startsWith("add:") && e.getMessage().contains("[3, 4]")
                && e.getMessage().contains("[5]"), e.getMessage());
    }

    @Test
    void elementwiseFunctionsMatchJavaMath() {
        float[] v = {-3f, -0.5f, 0f, 0.7f, 2f, 40f};
        Tensor x = Tensor.vector(v);
        float[] sig = x.sigmoid().toArray();
        float[] sp = x.softplus().toArray();
        for (int i = 0; i < v.length; i++) {
            assertEquals(1 / (1 + Math.exp(-v[i])), sig[i], 1e-6);
            assertEquals(Math.log1p(Math.exp(v[i])), sp[i], 1e-5 * Math.max(1, v[i]));
            assertEquals(Math.max(v[i], 0), x.relu().toArray()[i], 0);
            assertEquals(Math.tanh(v[i]), x.tanh().toArray()[i], 1e-6);
        }
        assertEquals(0f, Tensor.vector(-1000f).sigmoid().item(), 0f);
        assertEquals(1000f, Tensor.vector(1000f).softplus().item(), 1e-3f);
    }

    @Test
    void reductionsAlongAxes() {
        Tensor x = range(2, 3, 4);
        assertEquals(276f, x.sum().item(), EPS);
        assertArrayEquals(new float[] {60, 92, 124}, x.sum(new int[] {0, 2}, false).toArray(), EPS);
        assertArrayEquals(new int[] {1, 3, 1}, x.sum(new int[] {0, 2}, true).shape());
        assertArrayEquals(new float[] {1.5f, 5.5f, 9.5f, 13.5f, 17.5f, 21.5f}, x.mean(2, false).toArray(), EPS);
        Tensor m = Tensor.matrix(new float[][] {{1, 7, 3}, {9, 2, 9}});
        assertArrayEquals(new float[] {7, 9}, m.max(1, false).toArray());
        assertArrayEquals(new int[] {1, 0}, m.argmax(1).data());
        assertArrayEquals(new float[] {1, 2, 3}, m.min(0, false).toArray());
        // log-sum-exp is stable for large values
        Tensor big = Tensor.vector(1000f, 1000f);
        assertEquals(1000 + Math.log(2), big.logSumExp(0, false).item(), 1e-3);
        Tensor neg = Tensor.vector(Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY);
        assertEquals(Float.NEGATIVE_INFINITY, neg.logSumExp(0, false).item());
        float[] p = m.softmax(1).toArray();
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-6);
        // sums of many small values keep precision (float64 accumulation)
        assertEquals(1e6 * 0.1, Tensor.full(0.1f, 1_000_000).sum().item(), 1e-1);
    }

    @Test
    void matmulMatchesNaiveProductInAllLayouts() {
        Rng rng = new Rng(3);
        Tensor a = rng.normal(0, 1, 5, 7);
        Tensor b = rng.normal(0, 1, 7, 3);
        float[] expected = naive(a.toArray(), b.toArray(), 5, 7, 3);
        assertArrayEquals(expected, a.matmul(b).toArray(), 1e-4f);
        assertArrayEquals(expected, a.t().contiguous().t().matmul(b.t().contiguous().t()).toArray(), 1e-4f);
        // batched with broadcasting of the batch axis
        Tensor batch = Tensor.stack(List.of(a, a.mul(2f)), 0);
        Tensor out = batch.matmul(b);
        assertArrayEquals(new int[] {2, 5, 3}, out.shape());
        assertArrayEquals(expected, out.slice(0, 0, 1).reshape(5, 3).toArray(), 1e-4f);
        float[] twice = out.slice(0, 1, 2).reshape(5, 3).toArray();
        for (int i = 0; i < twice.length; i++) {
            assertEquals(2 * expected[i], twice[i], 1e-4f);
        }
        // a strided (sliced every other column) operand is copied, not misread
        Tensor wide = rng.normal(0, 1, 5, 14);
        Tensor strided = wide.slice(1, 0, 14, 2);
        assertArrayEquals(naive(strided.toArray(), b.toArray(), 5, 7, 3), strided.matmul(b).toArray(), 1e-4f);
        assertArrayEquals(new int[] {3}, Tensor.ones(7).matmul(b).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.matmul(a));
        assertTrue(e.getMessage().contains("matmul") && e.getMessage().contains("[5, 7]"), e.getMessage());
    }

    private static float[] naive(float[] a, float[] b, int m, int k, int n) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = (float) s;
            }
        }
        return c;
    }

    @Test
    void gatherSelectAndOneHot() {
        Tensor x = range(3, 4);
        assertArrayEquals(new float[] {1, 7, 8}, x.gather(1, new Indices(new int[] {3, 1}, new int[] {1, 3, 0}))
                .toArray());
        assertArrayEquals(new float[] {8, 9, 10, 11, 0, 1, 2, 3}, x.indexSelect(Indices.of(2, 0)).toArray());
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0}, Tensor.oneHot(Indices.of(1, 0), 3).toArray());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> Tensor.oneHot(Indices.of(1, 5), 3));
        assertTrue(e.getMessage().contains("label 5"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> x.indexSelect(Indices.of(3)));
    }

    @Test
    void concatenationAndStacking() {
        Tensor a = range(2, 2);
        Tensor b = Tensor.full(9f, 2, 1);
        assertArrayEquals(new float[] {0, 1, 9, 2, 3, 9}, Tensor.cat(List.of(a, b), 1).toArray());
        assertArrayEquals(new int[] {2, 2, 2}, Tensor.stack(List.of(a, a), 1).shape());
        assertThrows(IllegalArgumentException.class, () -> Tensor.cat(List.of(a, b), 0));
    }

    @Test
    void inPlaceHelpersRespectViews() {
        Tensor x = Tensor.zeros(3, 3);
        x.t().slice(0, 1, 2).fill(5f);
        assertArrayEquals(new float[] {0, 5, 0, 0, 5, 0, 0, 5, 0}, x.toArray());
        x.slice(0, 0, 1).copyFrom(Tensor.vector(1, 2, 3).reshape(1, 3));
        assertArrayEquals(new float[] {1, 2, 3}, x.slice(0, 0, 1).toArray());
        assertThrows(IllegalArgumentException.class, () -> x.copyFrom(Tensor.zeros(9)));
        assertThrows(IllegalArgumentException.class, () -> x.reshape(4, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> x.get(3, 0));
    }

    @Test
    void randomNumbersAreSeededAndWellDistributed() {
        Rng r1 = new Rng(42);
        Rng r2 = new Rng(42);
        assertArrayEquals(r1.normal(0, 1, 100).toArray(), r2.normal(0, 1, 100).toArray());
        assertNotEquals(new Rng(43).uniform(0, 1, 4).toArray()[0], new Rng(42).uniform(0, 1, 4).toArray()[0]);
        float[] n = new Rng(5).normal(2f, 3f, 200_000).toArray();
        double mean = 0;
        double var = 0;
        for (float v : n) {
            mean += v;
        }
        mean /= n.length;
        for (float v : n) {
            var += (v - mean) * (v - mean);
        }
        var /= n.length;
        assertEquals(2.0, mean, 0.03);
        assertEquals(9.0, var, 0.1);
        float[] bern = new Rng(6).bernoulli(0.3f, 100_000).toArray();
        double ones = 0;
        for (float v : bern) {
            ones += v;
        }
        assertEquals(0.3, ones / bern.length, 0.01);
        // the state (seed, counter) restores the stream exactly
        Rng a = new Rng(9);
        a.uniform(0, 1, 17);
        Rng b = new Rng(a.seed(), a.counter());
        assertArrayEquals(a.normal(0, 1, 10).toArray(), b.normal(0, 1, 10).toArray());
        int[] perm = new Rng(1).permutation(50);
        assertEquals(50 * 49 / 2, java.util.Arrays.stream(perm).sum());
    }
}

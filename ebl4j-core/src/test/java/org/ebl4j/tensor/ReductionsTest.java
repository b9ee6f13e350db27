package org.ebl4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;

import org.ebl4j.autodiff.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * Sums over trailing axes, the fused log-sum-exp and softmax (one pass per row, short rows many to a chunk, long
 * rows streamed), checked against float64 references along every axis, on non-contiguous inputs, on rows longer
 * than a chunk, on rows holding ±∞ and NaN, and by first- and second-order finite differences.
 */
class ReductionsTest {
    /** Reference values: x of shape [outer, len, inner] reduced along the middle axis, in float64. */
    private interface RowOp {
        double[] apply(double[] row);
    }

    private static double[] lse(double[] row) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            m = Math.max(m, v);
        }
        double shift = Double.isInfinite(m) ? 0 : m;
        double s = 0;
        for (double v : row) {
            s += Math.exp(v - shift);
        }
        return new double[] {shift + Math.log(s)};
    }

    private static double[] softmax(double[] row) {
        double l = lse(row)[0];
        double[] out = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = Math.exp(row[i] - l);
        }
        return out;
    }

    private static double[] sum(double[] row) {
        double s = 0;
        for (double v : row) {
            s += v;
        }
        return new double[] {s};
    }

    /** Applies op along {@code axis} of x in float64; the result has the op's length on that axis. */
    private static float[] reference(Tensor x, int axis, RowOp op) {
        int[] shape = x.shape();
        int outer = 1;
        int inner = 1;
        for (int i = 0; i < axis; i++) {
            outer *= shape[i];
        }
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        int len = shape[axis];
        float[] v = x.toArray();
        int outLen = op.apply(new double[len]).length;
        float[] out = new float[outer * outLen * inner];
        double[] row = new double[len];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                for (int i = 0; i < len; i++) {
                    row[i] = v[(o * len + i) * inner + in];
                }
                double[] r = op.apply(row);
                for (int i = 0; i < outLen; i++) {
                    out[(o * outLen + i) * inner + in] = (float) r[i];
                }
            }
        }
        return out;
    }

    private static void assertClose(float[] expected, float[] actual, double rel, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            boolean same = Float.compare(e, a) == 0 || Math.abs(e - a) <= rel * Math.max(Math.abs(e), 1e-30)
                    + Math.ulp(e);
            assertTrue(same, what + " [" + i + "]: expected " + e + ", got " + a);
        }
    }

    @Test
    void sumsOverTrailingAndOtherAxesMatchFloat64() {
        Rng rng = new Rng(11);
        Tensor narrow = rng.normal(0, 1, 2000, 3);
        assertClose(reference(narrow, 1, ReductionsTest::sum), narrow.sum(1, false).toArray(), 0, "sum [2000,3]");
        Tensor cube = rng.normal(0, 1, 4, 5, 6);
        float[] byHand = new float[4];
        float[] v = cube.toArray();
        for (int i = 0; i < 4; i++) {
            double s = 0;
            for (int j = 0; j < 30; j++) {
                s += v[i * 30 + j];
            }
            byHand[i] = (float) s;
        }
        assertClose(byHand, cube.sum(new int[] {1, 2}, false).toArray(), 0, "sum of two trailing axes");
        assertArrayEquals(new int[] {4, 1, 1}, cube.sum(new int[] {2, 1}, true).shape());
        Tensor gap = rng.normal(0, 1, 3, 1, 7);
        assertClose(reference(gap.reshape(3, 7), 1, ReductionsTest::sum), gap.sum(2, false).reshape(3).toArray(),
                0, "size-1 axis before the reduced one");
        // a leading axis, and a non-contiguous view, go through the strided path
        assertClose(reference(cube, 0, ReductionsTest::sum), cube.sum(0, false).toArray(), 0, "sum along axis 0");
        Tensor view = narrow.t();
        assertClose(reference(narrow, 0, ReductionsTest::sum), view.sum(1, false).toArray(), 0, "transposed view");
        Tensor longRows = rng.normal(0, 1, 3, 2500);
        assertClose(reference(longRows, 1, ReductionsTest::sum), longRows.sum(1, false).toArray(), 0, "long rows");
        assertArrayEquals(new float[] {0, 0, 0}, Tensor.zeros(3, 0).sum(1, false).toArray());
        assertArrayEquals(new int[] {0}, Tensor.zeros(0, 3).sum(1, false).shape());
    }

    @Test
    void logSumExpAlongEveryAxisMatchesFloat64() {
        Rng rng = new Rng(12);
        Tensor x = rng.normal(0, 3, 7, 9, 11);
        for (int axis = 0; axis < 3; axis++) {
            Tensor keep = x.logSumExp(axis, true);
            int[] kept = x.shape();
            kept[axis] = 1;
            assertArrayEquals(kept, keep.shape());
            assertClose(reference(x, axis, ReductionsTest::lse), keep.toArray(), 1e-6, "axis " + axis);
            assertArrayEquals(keep.toArray(), x.logSumExp(axis, false).toArray());
        }
        Tensor narrow = rng.normal(0, 3, 2000, 3);
        assertClose(reference(narrow, 1, ReductionsTest::lse), narrow.logSumExp(1, false).toArray(), 1e-6,
                "rows of 3");
        assertClose(reference(narrow, 0, ReductionsTest::lse), narrow.t().logSumExp(1, false).toArray(), 1e-6,
                "transposed view");
        Tensor longRows = rng.normal(0, 3, 3, 3000);
        assertClose(reference(longRows, 1, ReductionsTest::lse), longRows.logSumExp(-1, false).toArray(), 1e-6,
                "rows longer than a chunk");
    }

    @Test
    void logSumExpHandlesInfiniteAndNaNRowsIndependently() {
        float inf = Float.POSITIVE_INFINITY;
        // rows of 2 share one chunk: each row keeps its own shift
        Tensor x = Tensor.matrix(new float[][] {{-inf, -inf}, {1000f, 1000f}, {inf, 1f}, {-inf, 0f}, {Float.NaN, 1f},
                {-1000f, -1000f}, {3f, -inf}});
        float[] l = x.logSumExp(1, false).toArray();
        assertEquals(-inf, l[0]);
        assertEquals(1000 + Math.log(2), l[1], 1e-4);
        assertEquals(inf, l[2]);
        assertEquals(0f, l[3]);
        assertTrue(Float.isNaN(l[4]));
        assertEquals(-1000 + Math.log(2), l[5], 1e-4);
        assertEquals(3f, l[6]);
        Tensor longRow = Tensor.full(-inf, 1, 3000);
        assertEquals(-inf, longRow.logSumExp(1, false).item());
        longRow.set(5f, 0, 2999);
        assertEquals(5f, longRow.logSumExp(1, false).item());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(3, 0).logSumExp(1, false));
        assertTrue(e.getMessage().contains("logSumExp") && e.getMessage().contains("[3, 0]"), e.getMessage());
    }

    @Test
    void softmaxAlongEveryAxisMatchesFloat64AndSumsToOne() {
        Rng rng = new Rng(13);
        Tensor x = rng.normal(0, 3, 5, 6, 7);
        for (int axis = 0; axis < 3; axis++) {
            Tensor p = x.softmax(axis);
            assertArrayEquals(x.shape(), p.shape());
            assertTrue(p.isContiguous());
            assertClose(reference(x, axis, ReductionsTest::softmax), p.toArray(), 2e-6, "axis " + axis);
            float[] total = p.sum(axis, false).toArray();
            for (float t : total) {
                assertEquals(1f, t, 1e-6f);
            }
            assertClose(x.logSoftmax(axis).exp().toArray(), p.toArray(), 2e-6, "exp(logSoftmax) axis " + axis);
        }
        Tensor narrow = rng.normal(0, 3, 2000, 3);
        assertClose(reference(narrow, 1, ReductionsTest::softmax), narrow.softmax(1).toArray(), 2e-6, "rows of 3");
        Tensor longRows = rng.normal(0, 3, 2, 3000);
        assertClose(reference(longRows, 1, ReductionsTest::softmax), longRows.softmax(1).toArray(), 2e-6,
                "rows longer than a chunk");
        assertClose(reference(longRows, 1, ReductionsTest::softmax), longRows.t().softmax(0).t().toArray(), 2e-6,
                "transposed view along axis 0");
        float inf = Float.POSITIVE_INFINITY;
        Tensor edge = Tensor.matrix(new float[][] {{-inf, 0f}, {1000f, 1000f}, {-1000f, -1001f}});
        assertClose(new float[] {0f, 1f, 0.5f, 0.5f, (float) (1 / (1 + Math.exp(-1))), (float) (1 / (1 + Math.E))},
                edge.softmax(1).toArray(), 1e-6, "edge rows");
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0, 2).softmax(0));
    }

    private static void assertGradients(String what, Function<Tensor[], Tensor> f, Tensor x) {
        GradCheck.Result first = GradCheck.check(f, x);
        assertTrue(first.passed(), what + " first order: " + first);
        GradCheck.Result second = GradCheck.checkSecondOrder(t -> f.apply(t).tanh(), x);
        assertTrue(second.passed(), what + " second order: " + second);
    }

    @Test
    void logSumExpAndSoftmaxGradientsAlongOtherAxesAndViews() {
        Rng rng = new Rng(14);
        Tensor x = rng.normal(0, 1, 3, 2, 4).detach();
        assertGradients("logSumExp axis 0 keepDim", t -> t[0].logSumExp(0, true), x);
        assertGradients("logSumExp axis 1", t -> t[0].logSumExp(1, false), x);
        assertGradients("logSumExp of a transposed view", t -> t[0].transpose(0, 2).logSumExp(2, false), x);
        assertGradients("softmax axis 0", t -> t[0].softmax(0), x);
        assertGradients("softmax axis 1", t -> t[0].softmax(1), x);
        assertGradients("softmax of a transposed view", t -> t[0].transpose(1, 2).softmax(2), x);
        Tensor narrow = rng.normal(0, 1, 40, 3).detach();
        assertGradients("logSumExp rows of 3", t -> t[0].logSumExp(1, false), narrow);
        assertGradients("softmax rows of 3", t -> t[0].softmax(1), narrow);
    }
}

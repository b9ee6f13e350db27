package org.ebl4j.energy;

import java.util.Arrays;

import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Tensor;

/** Per-sample helpers for batches whose row b is one sample (or one chain) of shape [B, ...]. */
public final class Rows {
    private Rows() {
    }

    /** Row indices 0,0,..,0 (n times), 1,1,..: select with it to give each sample n contiguous copies. */
    public static Indices repeat(int batch, int n) {
        int[] rows = new int[batch * n];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i / n;
        }
        return new Indices(new int[] {rows.length}, rows);
    }

    /** [values.length, 1, 1, ...] of rank {@code rank}: one value per row, broadcast over the row's entries. */
    public static Tensor perRow(float[] values, int rank) {
        int[] s = new int[rank];
        Arrays.fill(s, 1);
        s[0] = values.length;
        return Tensor.of(values, s);
    }

    /** Euclidean norm of each row, [B]. */
    public static Tensor norms(Tensor t) {
        int rows = t.shape(0);
        return t.contiguous().reshape(rows, t.numel() / rows).square().sum(1, false).sqrt();
    }

    /** Of n contiguous rows per sample, the index of the one with the lowest value, per sample. */
    public static Indices argminPerGroup(float[] values, int n) {
        int batch = values.length / n;
        int[] best = new int[batch];
        for (int b = 0; b < batch; b++) {
            best[b] = b * n;
            for (int r = 1; r < n; r++) {
                if (values[b * n + r] < values[best[b]]) {
                    best[b] = b * n + r;
                }
            }
        }
        return new Indices(new int[] {batch}, best);
    }
}

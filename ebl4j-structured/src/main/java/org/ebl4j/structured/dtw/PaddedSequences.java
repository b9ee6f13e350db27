package org.ebl4j.structured.dtw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * A batch of variable-length sequences of D-dimensional frames as one tensor [B, T_max, D], padded at the end with
 * NaN frames (the convention of tslearn's {@code to_time_series_dataset}): sequence b has the frames before its
 * first NaN frame.
 *
 * <p>Why this layout: the framework moves inputs as one tensor whose row b is sample b — {@code Dataset.rows} cuts
 * mini-batches with {@code indexSelect}, {@code Loss.compute} and the {@code Trainer} take one x — so a list of
 * [T_b, D] tensors could not go through them, and lengths kept in a second tensor would be lost when rows are
 * selected. NaN padding keeps each length inside its own row; consumers read only the frames before the padding,
 * so NaN never enters arithmetic (nor gradients, which are 0 on padding frames).
 */
public final class PaddedSequences {
    private PaddedSequences() {
    }

    /** The sequences ([T_b, D] each, T_b ≥ 1, same D, finite values) as one NaN-padded [B, T_max, D] tensor. */
    public static Tensor pad(List<Tensor> sequences) {
        if (sequences == null || sequences.isEmpty()) {
            throw new IllegalArgumentException("PaddedSequences.pad: no sequences");
        }
        int dim = -1;
        int longest = 0;
        for (int b = 0; b < sequences.size(); b++) {
            Tensor s = sequences.get(b);
            if (s.dim() != 2 || s.shape(0) < 1 || (dim >= 0 && s.shape(1) != dim)) {
                throw new IllegalArgumentException("PaddedSequences.pad: sequence " + b + " has shape "
                        + Shape.str(s.shape()) + ", expected [T >= 1, " + (dim >= 0 ? dim : "D") + "]");
            }
            dim = s.shape(1);
            longest = Math.max(longest, s.shape(0));
        }
        float[] out = new float[sequences.size() * longest * dim];
        Arrays.fill(out, Float.NaN);
        for (int b = 0; b < sequences.size(); b++) {
            float[] v = sequences.get(b).toArray();
            for (int k = 0; k < v.length; k++) {
                if (!Float.isFinite(v[k])) {
                    throw new IllegalArgumentException("PaddedSequences.pad: sequence " + b + " frame " + k / dim
                            + " holds " + v[k] + "; frames must be finite (NaN marks padding)");
                }
            }
            System.arraycopy(v, 0, out, b * longest * dim, v.length);
        }
        return Tensor.of(out, sequences.size(), longest, dim);
    }

    /** The length of each sequence of a padded batch: the frames before the first frame holding a NaN. */
    public static int[] lengths(Tensor padded) {
        check(padded);
        int batch = padded.shape(0);
        int longest = padded.shape(1);
        int dim = padded.shape(2);
        float[] v = padded.toArray();
        int[] out = new int[batch];
        for (int b = 0; b < batch; b++) {
            int t = 0;
            while (t < longest && !hasNaN(v, (b * longest + t) * dim, dim)) {
                t++;
            }
            if (t == 0) {
                throw new IllegalArgumentException("PaddedSequences: sequence " + b + " is empty (its first frame is "
                        + "padding)");
            }
            out[b] = t;
        }
        return out;
    }

    /** The sequences of a padded batch, [T_b, D] each. */
    public static List<Tensor> unpad(Tensor padded) {
        int[] lengths = lengths(padded);
        List<Tensor> out = new ArrayList<>();
        for (int b = 0; b < lengths.length; b++) {
            out.add(padded.slice(0, b, b + 1).slice(1, 0, lengths[b]).reshape(lengths[b], padded.shape(2))
                    .contiguousCopy());
        }
        return out;
    }

    /** Checks that {@code padded} is a [B, T, D] batch. */
    static void check(Tensor padded) {
        if (padded == null || padded.dim() != 3 || padded.shape(0) < 1 || padded.shape(1) < 1 || padded.shape(2) < 1) {
            throw new IllegalArgumentException("PaddedSequences: expected a NaN-padded batch of shape [B, T, D], got "
                    + (padded == null ? "null" : Shape.str(padded.shape())));
        }
    }

    private static boolean hasNaN(float[] v, int at, int n) {
        for (int k = 0; k < n; k++) {
            if (Float.isNaN(v[at + k])) {
                return true;
            }
        }
        return false;
    }
}

package org.ebl4j.unsupervised.estimation;

import org.ebl4j.energy.Energy;
import org.ebl4j.energy.Rows;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * The single-bit-flip neighbourhood of binary data, shared by {@link RatioMatching} and
 * {@link MinimumProbabilityFlow}: for each row Y^i ∈ {0, 1}^D the D states Ȳ^{ij} that differ from it in bit j
 * alone, and their energies. Both estimators compare p(Y^i) with p(Ȳ^{ij}) through the energy gap
 * E(Y^i) − E(Ȳ^{ij}), in which the partition function cancels.
 *
 * @param energy          E(W, Y^i), [B]
 * @param neighbourEnergy E(W, Ȳ^{ij}), [B, D]
 * @param neighbours      the flipped states Ȳ^{ij}, [B, D, row shape...]
 */
record BitFlips(Tensor energy, Tensor neighbourEnergy, Tensor neighbours) {
    /** The energies of {@code y} ([B, ...], entries 0 or 1) and of its B·D single-bit flips. */
    static BitFlips of(String who, Energy model, Tensor x, Tensor y) {
        requireBinary(who, y);
        int batch = y.shape(0);
        int bits = y.numel() / batch;
        Tensor rows = y.detach().contiguous().reshape(batch, 1, bits);
        float[] eye = new float[bits * bits];
        for (int j = 0; j < bits; j++) {
            eye[j * bits + j] = 1;
        }
        // flipping bit j: y_j ↦ y_j + (1 − 2y_j)
        Tensor flipped = rows.add(rows.mul(-2f).add(1f).mul(Tensor.of(eye, bits, bits)));
        int[] shape = y.shape().clone();
        shape[0] = batch * bits;
        Tensor flat = flipped.contiguous().reshape(shape);
        Tensor xs = x == null ? null : x.indexSelect(Rows.repeat(batch, bits));
        Tensor energies = model.energy(xs, flat).reshape(batch, bits);
        int[] grouped = new int[y.dim() + 1];
        grouped[0] = batch;
        grouped[1] = bits;
        System.arraycopy(y.shape(), 1, grouped, 2, y.dim() - 1);
        return new BitFlips(model.energy(x, y), energies, flat.reshape(grouped));
    }

    /** E(Y^i) − E(Ȳ^{ij}), [B, D]. */
    Tensor gaps() {
        return energy.unsqueeze(1).sub(neighbourEnergy);
    }

    /** Rejects data that is not [N, ...] with every entry 0 or 1. */
    static void requireBinary(String who, Tensor y) {
        if (y == null || y.dim() < 2 || y.shape(0) == 0) {
            throw new IllegalArgumentException(who + ": y must have shape [N, ...] with N >= 1, got "
                    + (y == null ? "null" : Shape.str(y.shape())));
        }
        float[] v = y.toArray();
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0f && v[i] != 1f) {
                throw new IllegalArgumentException(who + ": needs binary data (entries 0 or 1), entry " + i
                        + " is " + v[i]);
            }
        }
    }
}

package org.ebl4j.optim;

/**
 * Each column of a 2-D parameter W [rows, cols] projected to unit L2 norm: W[:,j] ← W[:,j] / ‖W[:,j]‖₂
 * ({@link #exactly()}), or into the unit ball ({@link #atMost()}). This is the dictionary constraint of sparse
 * coding (Olshausen &amp; Field 1996; the decoder of PSD, Kavukcuoglu, Ranzato &amp; LeCun 2008): with a dictionary
 * W_d [inputDim, codeDim], each atom is a column, and bounding its norm stops the code shrinking while the
 * dictionary grows to keep the reconstruction energy ‖Y − W_d Z‖² + λ|Z|₁ low.
 */
public final class UnitNormColumns extends UnitNorm {
    private UnitNormColumns(boolean ball) {
        super(ball ? "UnitNormColumns.atMost" : "UnitNormColumns.exactly", 1, ball);
    }

    /** ‖W[:,j]‖₂ = 1 for every non-zero column. */
    public static UnitNormColumns exactly() {
        return new UnitNormColumns(false);
    }

    /** ‖W[:,j]‖₂ ≤ 1: columns longer than 1 are scaled back to 1, shorter ones are left alone. */
    public static UnitNormColumns atMost() {
        return new UnitNormColumns(true);
    }
}

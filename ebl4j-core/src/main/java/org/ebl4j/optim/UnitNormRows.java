package org.ebl4j.optim;

/**
 * Each row of a 2-D parameter W [rows, cols] projected to unit L2 norm: W[i,:] ← W[i,:] / ‖W[i,:]‖₂
 * ({@link #exactly()}), or into the unit ball, W[i,:] ← W[i,:] / max(1, ‖W[i,:]‖₂) ({@link #atMost()}, the
 * max-norm constraint used with dropout, Srivastava et al. 2014). For a {@code Linear}
 * weight [out, in] a row holds the incoming weights of one output unit.
 */
public final class UnitNormRows extends UnitNorm {
    private UnitNormRows(boolean ball) {
        super(ball ? "UnitNormRows.atMost" : "UnitNormRows.exactly", 0, ball);
    }

    /** ‖W[i,:]‖₂ = 1 for every non-zero row. */
    public static UnitNormRows exactly() {
        return new UnitNormRows(false);
    }

    /** ‖W[i,:]‖₂ ≤ 1: rows longer than 1 are scaled back to 1, shorter ones are left alone. */
    public static UnitNormRows atMost() {
        return new UnitNormRows(true);
    }
}

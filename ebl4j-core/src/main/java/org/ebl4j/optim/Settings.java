package org.ebl4j.optim;

/** Checks of optimiser settings; each message names the owner, the setting, the accepted range and the value. */
final class Settings {
    private Settings() {
    }

    /** {@code value} ≥ 0 and finite. */
    static double nonNegative(String owner, String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be a finite number >= 0, got " + value);
        }
        return value;
    }

    /** {@code value} &gt; 0 and finite. */
    static double positive(String owner, String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    /** {@code value} in [0, 1), e.g. a momentum or an Adam beta. */
    static double unitInterval(String owner, String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /** {@code value} in [0, 1], e.g. a dampening. */
    static double closedUnitInterval(String owner, String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be in [0, 1], got " + value);
        }
        return value;
    }

    /** {@code value} ≥ {@code min}. */
    static int atLeast(String owner, String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(owner + ": " + name + " must be >= " + min + ", got " + value);
        }
        return value;
    }
}

package org.ebl4j.structured.factor;

/** One value per variable of a {@link FactorGraph} and its energy E(x). */
public record Assignment(int[] values, double energy) {
    public Assignment {
        values = values.clone();
    }

    @Override
    public int[] values() {
        return values.clone();
    }

    /** The value of variable v. */
    public int value(int v) {
        return values[v];
    }
}

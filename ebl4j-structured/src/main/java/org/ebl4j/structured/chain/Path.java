package org.ebl4j.structured.chain;

/** A label sequence Y through a chain and its energy E(Y). */
public record Path(int[] labels, double energy) {
    public Path {
        labels = labels.clone();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }
}

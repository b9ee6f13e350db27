package org.ebl4j.cli.run;

import java.util.List;

import org.ebl4j.energy.train.EpochMetrics;

/** What a {@link RunModel} reports while it trains. */
public interface RunListener {
    /** Training continues from a checkpoint that holds these completed epochs (called before any other). */
    void restored(List<EpochMetrics> epochs);

    /** Batch {@code batch} (1-based) of {@code batches} in {@code epoch} is done (RBMs: after every update). */
    void batch(int epoch, int batch, int batches);

    /** An epoch is done and its checkpoint written. */
    void epoch(EpochMetrics metrics);
}

package org.ebl4j.energy.train;

/**
 * What the t of a {@link org.ebl4j.optim.LearningRateSchedule} η(t) counts in the {@link Trainer}.
 */
public enum ScheduleUnit {
    /** t = completed epochs (0 in the first epoch); η(t) is set once, before the epoch's first update. */
    EPOCH,
    /** t = optimiser updates taken so far, over all epochs (0 before the first); η(t) is set before every update. */
    STEP
}

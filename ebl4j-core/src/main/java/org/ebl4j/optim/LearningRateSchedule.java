package org.ebl4j.optim;

/**
 * The learning rate η(t) to use at step (or epoch) t = 0, 1, 2, ...; the caller decides whether t counts updates
 * or epochs. Apply with {@link #applyTo(Optimizer, int)} before the step:
 *
 * <pre>{@code
 * for (int t = 0; t < steps; t++) {
 *     schedule.applyTo(optimizer, t);
 *     ... backward ...
 *     optimizer.step();
 * }
 * }</pre>
 *
 * Implementations: {@link StepDecay}, {@link ExponentialDecay}, {@link CosineAnnealing}, {@link WarmupLinear}.
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /** η(t) for t ≥ 0. */
    double learningRate(int step);

    /** Sets {@code optimizer}'s learning rate to η(step). */
    default void applyTo(Optimizer optimizer, int step) {
        optimizer.setLearningRate(learningRate(step));
    }
}

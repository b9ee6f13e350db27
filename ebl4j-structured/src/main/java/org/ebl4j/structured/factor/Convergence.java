package org.ebl4j.structured.factor;

/**
 * How an iterative message-passing run ended: the sweeps it made, the largest change of any message entry in the
 * last sweep (before damping: the residual of BP's fixed-point equations) and whether it fell to the tolerance.
 */
public record Convergence(int iterations, double maxChange, boolean converged) {
}

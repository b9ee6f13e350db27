package org.ebl4j.optim;

/**
 * Re-evaluates the objective at the current parameter values, for optimisers that need several evaluations per
 * step ({@link Lbfgs}, like torch.optim.LBFGS's closure): it clears the gradients, computes the loss, calls
 * {@code backward()} so every parameter's {@code grad()} holds dLoss/dParam, and returns the loss.
 *
 * <pre>{@code
 * double loss = optimizer.step(() -> {
 *     optimizer.zeroGrad();
 *     Tensor l = model.forward(x).sub(y).square().mean();
 *     l.backward();
 *     return l.item();
 * });
 * }</pre>
 */
@FunctionalInterface
public interface Closure {
    /** The loss at the current parameters, after filling their gradients. */
    double evaluate();
}

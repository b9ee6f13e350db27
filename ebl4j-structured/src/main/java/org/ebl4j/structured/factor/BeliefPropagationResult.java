package org.ebl4j.structured.factor;

/**
 * What a {@link LoopyBeliefPropagation} run left: its messages, read as a decoded assignment or (after
 * sum-product) as beliefs, and how it ended.
 */
public final class BeliefPropagationResult {
    private final Messages messages;
    private final Convergence convergence;

    BeliefPropagationResult(Messages messages, Convergence convergence) {
        this.messages = messages;
        this.convergence = convergence;
    }

    public Convergence convergence() {
        return convergence;
    }

    /** x_v = argmin_x b_v(x) for each variable (the first on ties) and its energy E(x). */
    public Assignment assignment() {
        FactorGraph g = messages.graph();
        int[] x = new int[g.variables()];
        for (int v = 0; v < x.length; v++) {
            x[v] = messages.lowest(v);
        }
        return new Assignment(x, g.energy(x));
    }

    /** The marginals and Bethe free energy of a sum-product run. */
    public Beliefs beliefs() {
        if (messages.semiring().selective()) {
            throw new IllegalStateException("BeliefPropagationResult: beliefs are marginals of a sum-product run; "
                    + "this was min-sum (" + messages.semiring().name() + " semiring), decode it with assignment()");
        }
        return Beliefs.bethe(messages);
    }
}

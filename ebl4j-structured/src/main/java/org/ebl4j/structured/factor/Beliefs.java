package org.ebl4j.structured.factor;

import org.ebl4j.structured.semiring.Boltzmann;

/**
 * The marginals of the Gibbs distribution p(x) ∝ exp(−βE(x)) of a {@link FactorGraph}, from log-domain message
 * passing: p_v(x) ∝ exp(−b_v(x)) for each variable and p_f(x_f) ∝ exp(−b_f(x_f)) for each factor, b the beliefs
 * of {@link Messages}, and the free energy F = −(1/β) log Σ_x exp(−βE(x)). On a forest ({@link TreeInference})
 * they are exact; on a loopy graph ({@link LoopyBeliefPropagation}) they are the beliefs at BP's fixed point and F
 * is the Bethe free energy (Yedidia, Freeman &amp; Weiss 2005)
 * <pre>  βF_Bethe = Σ_f Σ_{x_f} p_f(x_f) [βE_f(x_f) + log p_f(x_f)] − Σ_v (d_v − 1) Σ_x p_v(x) log p_v(x)</pre>
 * (d_v the number of factors on v), which is exact on a forest.
 */
public final class Beliefs {
    private final double[][] variables;
    private final double[][] factors;
    private final double freeEnergy;

    private Beliefs(double[][] variables, double[][] factors, double freeEnergy) {
        this.variables = variables;
        this.factors = factors;
        this.freeEnergy = freeEnergy;
    }

    /** Exact marginals, from messages that have converged on a forest, with the free energy computed alongside. */
    static Beliefs exact(Messages m, double freeEnergy) {
        return new Beliefs(variableMarginals(m), factorMarginals(m), freeEnergy);
    }

    /** BP's beliefs with the Bethe free energy. */
    static Beliefs bethe(Messages m) {
        double[][] variables = variableMarginals(m);
        double[][] factors = factorMarginals(m);
        return new Beliefs(variables, factors, betheFreeEnergy(m, variables, factors));
    }

    private static double[][] variableMarginals(Messages m) {
        double[][] p = new double[m.graph().variables()][];
        for (int v = 0; v < p.length; v++) {
            p[v] = normalise(m, m.belief(v));
        }
        return p;
    }

    private static double[][] factorMarginals(Messages m) {
        double[][] p = new double[m.graph().factors().size()][];
        for (int f = 0; f < p.length; f++) {
            p[f] = normalise(m, m.factorBelief(f));
        }
        return p;
    }

    /** exp(−(b − ⊕b)): probabilities that sum to 1. */
    private static double[] normalise(Messages m, double[] b) {
        double total = m.total(b);
        if (total == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("Beliefs: every value has energy +Infinity (forbidden), so "
                    + "p ∝ exp(−βE) is undefined");
        }
        double[] p = new double[b.length];
        Boltzmann.factors(b, 0, total, p, 0, b.length);
        return p;
    }

    private static double betheFreeEnergy(Messages m, double[][] variables, double[][] factors) {
        FactorGraph g = m.graph();
        double beta = m.beta();
        double f = 0;
        for (int i = 0; i < factors.length; i++) {
            Factor factor = g.factors().get(i);
            double[] p = factors[i];
            for (int index = 0; index < p.length; index++) {
                if (p[index] > 0) {
                    f += p[index] * (beta * factor.energy(index) + Math.log(p[index]));
                }
            }
        }
        for (int v = 0; v < variables.length; v++) {
            int degree = g.edgesOf(v).length;
            for (double p : variables[v]) {
                if (p > 0) {
                    f -= (degree - 1) * p * Math.log(p);
                }
            }
        }
        return f / beta;
    }

    /** F: exact on a forest, the Bethe free energy on a loopy graph. */
    public double freeEnergy() {
        return freeEnergy;
    }

    /** p_v(x) for x &lt; card(v). */
    public double[] variable(int v) {
        return variables[v].clone();
    }

    /** p_f(x_f) over factor f's table (row-major, as {@link Factor#energies()}). */
    public double[] factor(int f) {
        return factors[f].clone();
    }

    /** The most probable value of each variable under its marginal (the first on ties). */
    public int[] mostLikely() {
        int[] out = new int[variables.length];
        for (int v = 0; v < out.length; v++) {
            for (int x = 1; x < variables[v].length; x++) {
                if (variables[v][x] > variables[v][out[v]]) {
                    out[v] = x;
                }
            }
        }
        return out;
    }
}

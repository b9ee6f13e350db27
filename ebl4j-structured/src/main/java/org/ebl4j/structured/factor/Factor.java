package org.ebl4j.structured.factor;

import java.util.Arrays;

/**
 * A factor of an energy-based factor graph: an energy table E_f(x_{v_0}, ..., x_{v_{n−1}}) over n ≥ 1 discrete
 * variables (LeCun et al. 2006, §6: "an energy function that can be written as a sum of factor functions that
 * take different subsets of variables as inputs"). Low energy = compatible values. The table is row-major over
 * the variables in the order given (the last varies fastest): the energy of values (a, b) of a pairwise factor is
 * {@code energies[a * card(v_1) + b]}. Entries are finite or +∞ (a forbidden combination); the
 * {@link FactorGraph} checks the table's size against the variables' cardinalities.
 */
public record Factor(int[] variables, double[] energies) {
    public Factor {
        if (variables == null || variables.length == 0 || energies == null || energies.length == 0) {
            throw new IllegalArgumentException("Factor: needs at least one variable and a non-empty energy table, got "
                    + (variables == null ? "null" : Arrays.toString(variables)) + " variables and "
                    + (energies == null ? "null" : energies.length + " energies"));
        }
        variables = variables.clone();
        energies = energies.clone();
    }

    /** A factor over one variable: E_f(x_v) = energies[x_v]. */
    public static Factor unary(int variable, double... energies) {
        return new Factor(new int[] {variable}, energies);
    }

    /** A factor over two variables: E_f(x_a, x_b) = energies[x_a · card(b) + x_b]. */
    public static Factor pairwise(int a, int b, double... energies) {
        return new Factor(new int[] {a, b}, energies);
    }

    @Override
    public int[] variables() {
        return variables.clone();
    }

    @Override
    public double[] energies() {
        return energies.clone();
    }

    /** The number of variables. */
    public int arity() {
        return variables.length;
    }

    /** The variable in slot i. */
    public int variable(int slot) {
        return variables[slot];
    }

    /** The entry at a row-major table index. */
    public double energy(int index) {
        return energies[index];
    }

    /** The table size. */
    int size() {
        return energies.length;
    }
}

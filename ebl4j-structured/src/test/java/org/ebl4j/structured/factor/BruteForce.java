package org.ebl4j.structured.factor;

import java.util.Arrays;

/**
 * The oracle: every assignment of a small factor graph enumerated, giving min E, the first argmin in odometer
 * order (variable 0 slowest), F = −(1/β) log Σ exp(−βE) and the variable and factor marginals of p ∝ exp(−βE).
 */
final class BruteForce {
    final double min;
    final int[] argmin;
    final double freeEnergy;
    final double[][] variables;
    final double[][] factors;

    BruteForce(FactorGraph g, double beta) {
        int n = g.variables();
        int total = 1;
        for (int v = 0; v < n; v++) {
            total *= g.cardinality(v);
        }
        double[] energy = new double[total];
        int[][] all = new int[total][];
        int[] x = new int[n];
        double lo = Double.POSITIVE_INFINITY;
        int best = -1;
        for (int i = 0; i < total; i++) {
            all[i] = x.clone();
            energy[i] = g.energy(x);
            if (energy[i] < lo) {
                lo = energy[i];
                best = i;
            }
            for (int v = n - 1; v >= 0 && ++x[v] == g.cardinality(v); v--) {
                x[v] = 0;
            }
        }
        min = lo;
        argmin = all[best].clone();
        variables = new double[n][];
        for (int v = 0; v < n; v++) {
            variables[v] = new double[g.cardinality(v)];
        }
        factors = new double[g.factors().size()][];
        for (int f = 0; f < factors.length; f++) {
            factors[f] = new double[g.factors().get(f).energies().length];
        }
        double z = 0;
        for (int i = 0; i < total; i++) {
            double w = Math.exp(-beta * (energy[i] - lo));
            z += w;
            for (int v = 0; v < n; v++) {
                variables[v][all[i][v]] += w;
            }
            for (int f = 0; f < factors.length; f++) {
                int index = 0;
                for (int u : g.factors().get(f).variables()) {
                    index = index * g.cardinality(u) + all[i][u];
                }
                factors[f][index] += w;
            }
        }
        freeEnergy = lo - Math.log(z) / beta;
        for (double[] p : variables) {
            scale(p, z);
        }
        for (double[] p : factors) {
            scale(p, z);
        }
    }

    private static void scale(double[] p, double z) {
        for (int i = 0; i < p.length; i++) {
            p[i] /= z;
        }
    }

    @Override
    public String toString() {
        return "min " + min + " at " + Arrays.toString(argmin) + ", F " + freeEnergy;
    }
}

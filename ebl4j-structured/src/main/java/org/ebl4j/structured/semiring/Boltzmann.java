package org.ebl4j.structured.semiring;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Conversions between energies and Boltzmann factors over arrays, the exponentials and logarithms of the log
 * semiring's dynamic programs: {@link #factors} gives exp(shift − E), {@link #energies} gives shift − log(w).
 * They run lane-parallel with the Vector API (whose exp and log are the platform's vector math routines, a few
 * ulp from {@link Math#exp} / {@link Math#log}), several times faster than one {@link Math#exp} call per value, which
 * dominated the time of forward-backward.
 */
public final class Boltzmann {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private Boltzmann() {
    }

    /** out[outAt + i] = exp(shift − e[eAt + i]) for i &lt; n (+∞ energies give 0). */
    public static void factors(double[] e, int eAt, double shift, double[] out, int outAt, int n) {
        int i = 0;
        DoubleVector s = DoubleVector.broadcast(SPECIES, shift);
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            s.sub(DoubleVector.fromArray(SPECIES, e, eAt + i)).lanewise(VectorOperators.EXP)
                    .intoArray(out, outAt + i);
        }
        for (; i < n; i++) {
            out[outAt + i] = Math.exp(shift - e[eAt + i]);
        }
    }

    /** out[outAt + i] = shift[shiftAt + i] − log(w[wAt + i]) for i &lt; n (0 gives +∞). */
    public static void energies(double[] w, int wAt, double[] shift, int shiftAt, double[] out, int outAt, int n) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, shift, shiftAt + i)
                    .sub(DoubleVector.fromArray(SPECIES, w, wAt + i).lanewise(VectorOperators.LOG))
                    .intoArray(out, outAt + i);
        }
        for (; i < n; i++) {
            out[outAt + i] = shift[shiftAt + i] - Math.log(w[wAt + i]);
        }
    }
}

package org.ebl4j.energy;

import java.util.List;

import org.ebl4j.tensor.Tensor;

/**
 * E(W, Y, X) = Σ_k E_k(W_k, Y, X): energies compose by addition, as the factors of an energy-based factor graph
 * (tutorial §6). Terms are registered as children "0", "1", ... so their parameters keep distinct names.
 */
public final class SumEnergy extends Energy {
    private final List<Energy> terms;

    public SumEnergy(Energy... terms) {
        if (terms.length == 0) {
            throw new IllegalArgumentException("SumEnergy: needs at least one term");
        }
        this.terms = List.of(terms);
        for (int i = 0; i < terms.length; i++) {
            child(Integer.toString(i), terms[i]);
        }
    }

    @Override
    public Tensor energy(Tensor x, Tensor y) {
        Tensor total = terms.get(0).energy(x, y);
        for (int i = 1; i < terms.size(); i++) {
            total = total.add(terms.get(i).energy(x, y));
        }
        return total;
    }

    public List<Energy> terms() {
        return terms;
    }
}

package org.ebl4j.energy.loss;

import java.util.LinkedHashMap;
import java.util.Map;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.tensor.Tensor;

/**
 * The metrics every loss (and every estimator of ebl4j-unsupervised) reports: "energy_correct", the mean energy of the correct answers, and
 * "energy_contrastive", the mean energy of what the loss pulled up (absent for the energy loss).
 */
public final class EnergyMetrics {
    public static final String CORRECT = "energy_correct";
    public static final String CONTRASTIVE = "energy_contrastive";

    private EnergyMetrics() {
    }

    /** Means of the two [B] energies; {@code contrastive} may be null. */
    public static Map<String, Double> of(Tensor correct, Tensor contrastive) {
        Map<String, Double> m = new LinkedHashMap<>();
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            m.put(CORRECT, (double) correct.mean().item());
            if (contrastive != null) {
                m.put(CONTRASTIVE, (double) contrastive.mean().item());
            }
        }
        return m;
    }
}

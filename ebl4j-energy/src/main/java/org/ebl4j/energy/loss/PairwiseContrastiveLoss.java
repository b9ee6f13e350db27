package org.ebl4j.energy.loss;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.Energy;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * A contrastive loss on pairs for Siamese architectures (the tutorial's Siamese slides; Chopra, Hadsell and LeCun 2005;
 * Hadsell, Chopra and LeCun 2006): the energy of a pair, E_W(X1, X2) = D(G_W(X1), G_W(X2)), is pushed down for a
 * genuine pair (label Y = 0, same category) and up for an impostor pair (Y = 1), L = (1 − Y)·L_G(E_W) +
 * Y·L_I(E_W) with L_G increasing and L_I decreasing.
 *
 * <p>Two ways in: {@link #compute(Tensor, Tensor)} takes the pair energies [B] and labels [B] directly; and, as
 * a {@link Loss}, {@link #compute(Energy, Tensor, Tensor)} takes a Siamese energy with the second member of the
 * pair in the answer slot, E(W, Y = X2, X = X1) (e.g. an ImplicitRegression with one shared network), pairs
 * stacked as x = [B, 2, ...] and y = the labels [B].
 *
 * <p>Metrics: "energy_correct" = mean energy of the genuine pairs, "energy_contrastive" = of the impostor pairs
 * (each absent when the batch has no pair of that kind). Nothing single is pulled up: contrastive() is null.
 */
public abstract class PairwiseContrastiveLoss implements Loss {
    /** L per pair: {@code energy} and {@code impostor} (0 or 1) are [B], the result is [B]. */
    public abstract Tensor perPair(Tensor energy, Tensor impostor);

    /** Mean loss over pairs of energies {@code energy} [B] with labels {@code impostor} [B] (0 genuine, 1 impostor). */
    public final LossOutput compute(Tensor energy, Tensor impostor) {
        String who = getClass().getSimpleName();
        if (energy.dim() != 1 || !Arrays.equals(energy.shape(), impostor.shape())) {
            throw new IllegalArgumentException(who + ": pair energies and impostor labels must both have shape [B], "
                    + "got " + Shape.str(energy.shape()) + " and " + Shape.str(impostor.shape()));
        }
        float[] labels = impostor.toArray();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0f && labels[i] != 1f) {
                throw new IllegalArgumentException(who + ": impostor label " + i + " is " + labels[i]
                        + ", expected 0 (genuine pair) or 1 (impostor pair)");
            }
        }
        return new LossOutput(perPair(energy, impostor.detach()).mean(), null, metrics(energy, labels));
    }

    /** Pairs x = [B, 2, ...] (x[:, 0] = X1, x[:, 1] = X2), labels y = [B]; E(W, X2, X1) from {@code energy}. */
    @Override
    public final LossOutput compute(Energy energy, Tensor x, Tensor y) {
        if (x == null || x.dim() < 2 || x.shape(1) != 2) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": pairs must be stacked as [B, 2, ...], "
                    + "got " + (x == null ? "null" : Shape.str(x.shape())));
        }
        Tensor first = x.slice(1, 0, 1).squeeze(1);
        Tensor second = x.slice(1, 1, 2).squeeze(1);
        return compute(energy.energy(first, second), y);
    }

    private static Map<String, Double> metrics(Tensor energy, float[] labels) {
        float[] e;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            e = energy.toArray();
        }
        double[] sum = new double[2];
        int[] count = new int[2];
        for (int i = 0; i < e.length; i++) {
            int k = (int) labels[i];
            sum[k] += e[i];
            count[k]++;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        if (count[0] > 0) {
            m.put(EnergyMetrics.CORRECT, sum[0] / count[0]);
        }
        if (count[1] > 0) {
            m.put(EnergyMetrics.CONTRASTIVE, sum[1] / count[1]);
        }
        return m;
    }
}

package org.ebl4j.structured.gtn;

import java.util.Arrays;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.structured.semiring.Boltzmann;
import org.ebl4j.tensor.Tensor;

/**
 * The CTC loss by its own dynamic program (Graves, Fernández, Gomez, Schmidhuber 2006, §4.1), over energies: with
 * the extended target l' = (blank, y_1, blank, y_2, …, y_U, blank) of length S = 2U + 1,
 * <pre>
 *   α_0(0) = E[0, blank],  α_0(1) = E[0, y_1],  α_0(s) = +∞ otherwise
 *   α_t(s) = softmin(α_{t−1}(s), α_{t−1}(s−1), [α_{t−1}(s−2) if l'_s ≠ blank and l'_s ≠ l'_{s−2}]) + E[t, l'_s]
 *   loss   = softmin(α_{T−1}(S−1), α_{T−1}(S−2)) − Σ_t softmin_l E[t, l]
 * </pre>
 * softmin(a, …) = −log Σ exp(−a). β is the same recursion from the end, and the gradient is
 * ∂loss/∂E[t, k] = Σ_{s : l'_s = k} exp(loss_align − α_t(s) − β_t(s) + E[t, l'_s]) − softmax(−E[t])_k. An independent
 * oracle for {@link Ctc#loss}, which builds the same quantity from graph operations. An impossible target (T too
 * short) has loss +∞, and only the softmax term in its gradient, as through the graphs.
 */
public final class CtcForwardBackward {
    private CtcForwardBackward() {
    }

    /** −log p(target | emissions) for emissions of shape [T, L] (energies), a scalar tensor. */
    public static Tensor loss(Tensor emissions, int[] target, int blank) {
        Ctc.check("CtcForwardBackward.loss", emissions, target, blank);
        int frames = emissions.shape(0);
        int labels = emissions.shape(1);
        float[] e = emissions.toArray();
        int n = 2 * target.length + 1;
        int[] ext = new int[n];
        boolean[] skip = new boolean[n];
        for (int s = 0; s < n; s++) {
            ext[s] = Ctc.label(target, blank, s);
            skip[s] = s >= 2 && ext[s] != blank && ext[s] != ext[s - 2];
        }
        double[] alpha = new double[frames * n];
        Arrays.fill(alpha, Double.POSITIVE_INFINITY);
        alpha[0] = e[ext[0]];
        if (n > 1) {
            alpha[1] = e[ext[1]];
        }
        for (int t = 1; t < frames; t++) {
            int row = t * n;
            int prev = row - n;
            for (int s = 0; s < n; s++) {
                double v = softMin(alpha[prev + s], s >= 1 ? alpha[prev + s - 1] : Double.POSITIVE_INFINITY,
                        skip[s] ? alpha[prev + s - 2] : Double.POSITIVE_INFINITY);
                alpha[row + s] = v + e[t * labels + ext[s]];
            }
        }
        int last = (frames - 1) * n;
        double aligned = softMin(alpha[last + n - 1], n > 1 ? alpha[last + n - 2] : Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY);
        double all = 0;
        double[] frame = new double[labels];
        double[] softmax = new double[frames * labels];
        for (int t = 0; t < frames; t++) {
            double m = Double.POSITIVE_INFINITY;
            for (int l = 0; l < labels; l++) {
                frame[l] = e[t * labels + l];
                m = Math.min(m, frame[l]);
            }
            Boltzmann.factors(frame, 0, m, softmax, t * labels, labels);
            double z = 0;
            for (int l = 0; l < labels; l++) {
                z += softmax[t * labels + l];
            }
            for (int l = 0; l < labels; l++) {
                softmax[t * labels + l] /= z;
            }
            all += m - Math.log(z);
        }
        Tensor out = Tensor.scalar((float) (aligned - all));
        return Autodiff.record("ctcForwardBackward", out, new Tensor[] {emissions}, g -> new Tensor[] {
            Tensor.of(gradient(e, frames, labels, ext, skip, alpha, aligned, softmax), frames, labels).mul(g)});
    }

    /** Alignment posteriors per (t, label) from α and β (none for an impossible target), minus the frame softmax. */
    private static float[] gradient(float[] e, int frames, int labels, int[] ext, boolean[] skip, double[] alpha,
                                    double aligned, double[] softmax) {
        int n = ext.length;
        double[] grad = new double[frames * labels];
        if (aligned < Double.POSITIVE_INFINITY) {
            double[] beta = new double[n];
            double[] next = new double[n];
            int last = frames - 1;
            for (int s = 0; s < n; s++) {
                beta[s] = s >= n - 2 ? e[last * labels + ext[s]] : Double.POSITIVE_INFINITY;
            }
            for (int t = last; t >= 0; t--) {
                if (t < last) {
                    double[] swap = next;
                    next = beta;
                    beta = swap;
                    for (int s = 0; s < n; s++) {
                        double v = softMin(next[s], s + 1 < n ? next[s + 1] : Double.POSITIVE_INFINITY,
                                s + 2 < n && skip[s + 2] ? next[s + 2] : Double.POSITIVE_INFINITY);
                        beta[s] = v + e[t * labels + ext[s]];
                    }
                }
                for (int s = 0; s < n; s++) {
                    double energy = alpha[t * n + s] + beta[s] - e[t * labels + ext[s]];
                    grad[t * labels + ext[s]] += Math.exp(aligned - energy);
                }
            }
        }
        float[] out = new float[grad.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = (float) (grad[k] - softmax[k]);
        }
        return out;
    }

    /** −log(e^−a + e^−b + e^−c), exact for infinite terms. */
    private static double softMin(double a, double b, double c) {
        double m = Math.min(a, Math.min(b, c));
        if (m == Double.POSITIVE_INFINITY) {
            return m;
        }
        return m - Math.log(Math.exp(m - a) + Math.exp(m - b) + Math.exp(m - c));
    }
}

package org.ebl4j.structured.dtw;

import java.util.ArrayList;
import java.util.List;

import org.ebl4j.autodiff.Autodiff;
import org.ebl4j.energy.DiscreteEnergy;
import org.ebl4j.energy.loss.ExactLogPartition;
import org.ebl4j.kernel.Threads;
import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * Spoken word recognition with trainable elastic templates (LeCun et al., "A Tutorial on Energy-Based Learning",
 * 2006, §6, after Driancourt &amp; Bottou 1991): each of K classes owns M trainable template sequences T^{Y,1..M}
 * (the module's parameters "template_Y_k", [m_{Y,k}, D] each, lengths free), and the energy of class Y is the
 * elastic-matching distance of the input X to its templates, the template k and the warping path Z being latent:
 * <pre>
 *   E(W, Y, X) = min_{k, Z} Σ_{(i,j)∈Z} w·‖X_i − T^{Y,k}_j‖²                                        (β = ∞)
 *   E_β(W, Y, X) = −(1/β) log Σ_k Σ_Z exp(−β Σ_{(i,j)∈Z} w·‖X_i − T^{Y,k}_j‖²)                     (β finite)
 * </pre>
 * with the paths and weights of a {@link DynamicTimeWarping} (step pattern, band). Inference is the min over the K
 * energies; every loss of the framework that reads a {@link DiscreteEnergy} trains the templates (LVQ2 as in the
 * tutorial's example, hinge, perceptron, NLL...).
 *
 * <p>Input: a batch of variable-length sequences as a NaN-padded [B, T_max, D] tensor ({@link PaddedSequences}).
 *
 * <p>The latent paths are too many to list (a Delannoy number of them for the symmetric pattern), so Z is not a
 * {@link org.ebl4j.energy.latent.LatentEnergy} with one energy per value: it is minimised (β = ∞, as
 * {@link org.ebl4j.energy.latent.MinOverLatent}) or marginalised (as {@link org.ebl4j.energy.latent.FreeEnergy})
 * by dynamic programming on the trellis.
 *
 * <p>Gradients (first order): the DTW energies of all (sample, template) pairs are one graph node whose backward
 * is, by the envelope theorem, ∂E/∂T_j = Σ_i A_ij · 2(T_j − X_i) and ∂E/∂X_i = Σ_j A_ij · 2(X_i − T_j), with A the
 * step weights along the best path (hard; away from ties) or their posterior expectation (soft-DTW, always
 * exact); the min over templates (tensor min) and the soft-min over templates ({@link ExactLogPartition#softMin})
 * then route them to the winning template or in proportion to its posterior. A pair with no admissible path (the
 * band or the step pattern cannot reach the end) has energy +∞ and no gradient.
 */
public final class ElasticTemplateEnergy extends DiscreteEnergy {
    private final int classes;
    private final int perClass;
    private final int dim;
    private final List<Tensor> templates = new ArrayList<>();
    private final DynamicTimeWarping dtw;
    private final double beta;

    /**
     * Templates {@code templates.get(Y).get(k)} ([m, D], copied into parameters; the same count M ≥ 1 per class),
     * matched by {@code dtw}; {@code beta} is the inverse temperature of the marginalisation over templates and
     * paths, {@link Double#POSITIVE_INFINITY} for the min.
     */
    public ElasticTemplateEnergy(List<List<Tensor>> templates, DynamicTimeWarping dtw, double beta) {
        if (templates == null || templates.isEmpty() || templates.get(0).isEmpty()) {
            throw new IllegalArgumentException("ElasticTemplateEnergy: need at least one class with one template");
        }
        if (dtw == null) {
            throw new IllegalArgumentException("ElasticTemplateEnergy: dynamic time warping is null");
        }
        if (!(beta > 0)) {
            throw new IllegalArgumentException("ElasticTemplateEnergy: beta must be > 0 (infinity for the min), got "
                    + beta);
        }
        this.classes = templates.size();
        this.perClass = templates.get(0).size();
        this.dtw = dtw;
        this.beta = beta;
        int d = -1;
        for (int y = 0; y < classes; y++) {
            if (templates.get(y).size() != perClass) {
                throw new IllegalArgumentException("ElasticTemplateEnergy: class " + y + " has "
                        + templates.get(y).size() + " templates, class 0 has " + perClass
                        + "; every class needs the same number");
            }
            for (int k = 0; k < perClass; k++) {
                Tensor t = templates.get(y).get(k);
                if (t == null || t.dim() != 2 || t.shape(0) < 1 || (d >= 0 && t.shape(1) != d)) {
                    throw new IllegalArgumentException("ElasticTemplateEnergy: template " + k + " of class " + y
                            + " has shape " + (t == null ? "null" : Shape.str(t.shape())) + ", expected [m >= 1, "
                            + (d >= 0 ? d : "D") + "]");
                }
                d = t.shape(1);
                this.templates.add(parameter("template_" + y + "_" + k, t.detach().contiguousCopy()));
            }
        }
        this.dim = d;
    }

    /**
     * Templates taken from the data, as classic DTW recognisers do: for each class Y &lt; {@code classes} the first
     * {@code perClass} sequences of {@code x} (NaN-padded [B, T, D]) labelled Y in {@code y} ([B]).
     */
    public static List<List<Tensor>> templatesFromExamples(Tensor x, Tensor y, int classes, int perClass) {
        if (perClass < 1) {
            throw new IllegalArgumentException("ElasticTemplateEnergy: perClass must be >= 1, got " + perClass);
        }
        int[] labels = labels(y, classes).data();
        List<Tensor> sequences = PaddedSequences.unpad(x);
        if (labels.length != sequences.size()) {
            throw new IllegalArgumentException("ElasticTemplateEnergy: " + labels.length + " labels for "
                    + sequences.size() + " sequences");
        }
        List<List<Tensor>> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Tensor> mine = new ArrayList<>();
            for (int b = 0; b < labels.length && mine.size() < perClass; b++) {
                if (labels[b] == c) {
                    mine.add(sequences.get(b));
                }
            }
            if (mine.size() < perClass) {
                throw new IllegalArgumentException("ElasticTemplateEnergy: class " + c + " has " + mine.size()
                        + " examples, " + perClass + " templates wanted");
            }
            out.add(mine);
        }
        return out;
    }

    @Override
    public int answers() {
        return classes;
    }

    /** M, the templates per class. */
    public int templatesPerClass() {
        return perClass;
    }

    /** Template k of class y, [m, D] (the parameter itself). */
    public Tensor template(int y, int k) {
        return templates.get(y * perClass + k);
    }

    public DynamicTimeWarping dtw() {
        return dtw;
    }

    /** β; {@link Double#POSITIVE_INFINITY} for the min over templates and paths. */
    public double beta() {
        return beta;
    }

    /** The alignment of one sequence ([T, D]) with template k of class y, hard or soft as this energy's β. */
    public Alignment alignment(Tensor sequence, int y, int k) {
        if (sequence == null || sequence.dim() != 2 || sequence.shape(1) != dim) {
            throw new IllegalArgumentException("ElasticTemplateEnergy: a sequence must have shape [T, " + dim
                    + "], got " + (sequence == null ? "null" : Shape.str(sequence.shape())));
        }
        Tensor t = template(y, k);
        return align(sequence.toArray(), 0, sequence.shape(0), t.toArray(), t.shape(0));
    }

    private Alignment align(float[] x, int xAt, int n, float[] t, int m) {
        double[] d = DynamicTimeWarping.localDistances(x, xAt, n, t, 0, m, dim);
        return beta == Double.POSITIVE_INFINITY ? dtw.align(d, n, m) : dtw.softAlign(d, n, m, beta);
    }

    @Override
    public Tensor energies(Tensor x) {
        PaddedSequences.check(x);
        if (x.shape(2) != dim) {
            throw new IllegalArgumentException("ElasticTemplateEnergy: input frames have " + x.shape(2)
                    + " values, the templates " + dim + " (x has shape " + Shape.str(x.shape()) + ")");
        }
        Tensor pairs = templateDistances(x);
        int batch = x.shape(0);
        if (perClass == 1) {
            return pairs;
        }
        Tensor grouped = pairs.reshape(batch, classes, perClass);
        if (beta == Double.POSITIVE_INFINITY) {
            return grouped.min(2, false);
        }
        return ExactLogPartition.softMin(pairs.reshape(batch * classes, perClass), (float) beta)
                .reshape(batch, classes);
    }

    /** The DTW energy of every (sample, template) pair, [B, K·M], recorded as one graph node. */
    private Tensor templateDistances(Tensor x) {
        int batch = x.shape(0);
        int longest = x.shape(1);
        int[] lengths = PaddedSequences.lengths(x);
        float[] xv = x.toArray();
        int count = templates.size();
        float[][] tv = new float[count][];
        for (int t = 0; t < count; t++) {
            tv[t] = templates.get(t).toArray();
        }
        boolean recording = Autodiff.isGradEnabled();
        boolean gradX = recording && x.requiresGrad();
        boolean gradT = recording && templates.get(0).requiresGrad();
        float[] energies = new float[batch * count];
        float[][] dT = gradT ? new float[batch * count][] : null;
        float[][] dX = gradX ? new float[batch * count][] : null;
        int workers = Math.min(Threads.count(), batch);
        Threads.parallelFor(workers, w -> {
            for (int b = w; b < batch; b += workers) {
                int n = lengths[b];
                int xAt = b * longest * dim;
                for (int t = 0; t < count; t++) {
                    int m = tv[t].length / dim;
                    Alignment a = align(xv, xAt, n, tv[t], m);
                    energies[b * count + t] = (float) a.energy();
                    if (gradT) {
                        dT[b * count + t] = templateGradient(a, xv, xAt, tv[t]);
                    }
                    if (gradX) {
                        dX[b * count + t] = inputGradient(a, xv, xAt, tv[t]);
                    }
                }
            }
        });
        Tensor out = Tensor.of(energies, batch, count);
        Tensor[] inputs = new Tensor[count + 1];
        inputs[0] = x;
        for (int t = 0; t < count; t++) {
            inputs[t + 1] = templates.get(t);
        }
        return Autodiff.record("elasticTemplateDistances", out, inputs, g -> {
            float[] gv = g.contiguous().toArray();
            Tensor[] grads = new Tensor[count + 1];
            if (gradX) {
                float[] gx = new float[xv.length];
                for (int b = 0; b < batch; b++) {
                    for (int t = 0; t < count; t++) {
                        axpy(gv[b * count + t], dX[b * count + t], gx, b * longest * dim);
                    }
                }
                grads[0] = Tensor.of(gx, x.shape());
            }
            if (gradT) {
                for (int t = 0; t < count; t++) {
                    float[] gt = new float[tv[t].length];
                    for (int b = 0; b < batch; b++) {
                        axpy(gv[b * count + t], dT[b * count + t], gt, 0);
                    }
                    grads[t + 1] = Tensor.of(gt, templates.get(t).shape());
                }
            }
            return grads;
        });
    }

    /** ∂E/∂T_j = Σ_i A_ij · 2(T_j − X_i), [m·D]. */
    private float[] templateGradient(Alignment a, float[] x, int xAt, float[] t) {
        float[] out = new float[t.length];
        int n = a.n();
        int m = a.m();
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                double w = a.weight(i, j);
                if (w != 0) {
                    for (int k = 0; k < dim; k++) {
                        out[j * dim + k] += (float) (2 * w * ((double) t[j * dim + k] - x[xAt + i * dim + k]));
                    }
                }
            }
        }
        return out;
    }

    /** ∂E/∂X_i = Σ_j A_ij · 2(X_i − T_j), [n·D]. */
    private float[] inputGradient(Alignment a, float[] x, int xAt, float[] t) {
        int n = a.n();
        int m = a.m();
        float[] out = new float[n * dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double w = a.weight(i, j);
                if (w != 0) {
                    for (int k = 0; k < dim; k++) {
                        out[i * dim + k] += (float) (2 * w * ((double) x[xAt + i * dim + k] - t[j * dim + k]));
                    }
                }
            }
        }
        return out;
    }

    /** out[at + i] += a · v[i]. */
    private static void axpy(float a, float[] v, float[] out, int at) {
        if (a == 0) {
            return;
        }
        for (int i = 0; i < v.length; i++) {
            out[at + i] += a * v[i];
        }
    }
}

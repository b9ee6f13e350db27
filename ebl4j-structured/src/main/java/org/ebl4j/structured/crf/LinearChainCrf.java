package org.ebl4j.structured.crf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ebl4j.io.SafeTensors;
import org.ebl4j.structured.chain.ChainDynamicProgram;
import org.ebl4j.structured.chain.LinearChain;
import org.ebl4j.structured.chain.Marginals;
import org.ebl4j.tensor.Tensor;

/**
 * A trained linear-chain model: a {@link FeatureSpace} and its weights θ, defining the energy
 * E(Y, X) = −θ·φ(X, Y) and the Gibbs distribution p(Y|X) = exp(−E(Y, X) + F(X)) (Lafferty, McCallum &amp; Pereira
 * 2001; LeCun et al. 2006, §6). Whatever trained θ (likelihood, perceptron or max-margin), the model tags by
 * Viterbi (min-sum), gives marginals by forward-backward (log semiring) and the n best taggings (n-best semiring).
 *
 * <p>Weights are float32 (as saved), computations run in double. Thread-safe.
 */
public final class LinearChainCrf {
    private static final String FORMAT = "ebl4j.linear-chain-crf.v1";
    private static final int EXACT_FLOAT_INT = 1 << 24;

    private final FeatureSpace space;
    private final float[] weights;
    private final double[] theta;
    private final FeatureSpace.TransitionCache cache;

    /** A model over {@code space} with weights θ (rounded to float32), one per {@link FeatureSpace#size()}. */
    public LinearChainCrf(FeatureSpace space, double[] theta) {
        if (space == null || theta == null || theta.length != space.size()) {
            throw new IllegalArgumentException("LinearChainCrf: need " + (space == null ? "a feature space"
                    : space.size() + " weights") + ", got " + (theta == null ? "null" : theta.length));
        }
        this.space = space;
        this.weights = new float[theta.length];
        this.theta = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            if (!Double.isFinite(theta[j])) {
                throw new IllegalArgumentException("LinearChainCrf: weight " + j + " is " + theta[j]);
            }
            weights[j] = (float) theta[j];
            this.theta[j] = weights[j];
        }
        this.cache = space.new TransitionCache(this.theta);
    }

    public FeatureSpace features() {
        return space;
    }

    /** θ (a copy). */
    public float[] weights() {
        return weights.clone();
    }

    /** The chain of energies E(·, X) of a sentence: unary and transition energies per position. */
    public LinearChain chain(Sequence s) {
        return space.chain(space.encode(s), cache);
    }

    /** E(Y, X) of a labelled sentence. */
    public double energy(Sequence s) {
        EncodedSequence e = space.encode(s);
        if (!e.fullyLabeled()) {
            throw new IllegalArgumentException("LinearChainCrf.energy: the sentence needs labels, all among "
                    + labels());
        }
        return space.chain(e, cache).energy(e.labels());
    }

    /** Y* = argmin_Y E(Y, X), by Viterbi. */
    public String[] tag(Sequence s) {
        return names(ChainDynamicProgram.viterbi(chain(s)).labels());
    }

    /** The tagging, its probability and every label's marginal probability at every position. */
    public Tagging tagWithMarginals(Sequence s) {
        LinearChain c = chain(s);
        int[] best = ChainDynamicProgram.viterbi(c).labels();
        Marginals m = ChainDynamicProgram.marginals(c);
        int k = space.labelCount();
        double[][] marginals = new double[c.length()][k];
        double[] confidence = new double[c.length()];
        for (int t = 0; t < c.length(); t++) {
            for (int j = 0; j < k; j++) {
                marginals[t][j] = m.node(t, j);
            }
            confidence[t] = marginals[t][best[t]];
        }
        return new Tagging(names(best), Math.exp(m.freeEnergy() - c.energy(best)), confidence, marginals);
    }

    /** The n lowest-energy taggings, best first, with energies and probabilities p(Y|X). */
    public List<Tagged> nBest(Sequence s, int n) {
        LinearChain c = chain(s);
        double f = ChainDynamicProgram.freeEnergy(c);
        List<Tagged> out = new ArrayList<>();
        for (org.ebl4j.structured.chain.Path p : ChainDynamicProgram.nBest(c, n)) {
            out.add(new Tagged(names(p.labels()), p.energy(), Math.exp(f - p.energy())));
        }
        return out;
    }

    /** The label names, in id order. */
    public List<String> labels() {
        return List.of(space.labelNames());
    }

    private String[] names(int[] ids) {
        String[] out = new String[ids.length];
        for (int t = 0; t < ids.length; t++) {
            out[t] = space.label(ids[t]);
        }
        return out;
    }

    // ---------------------------------------------------------------- persistence

    /**
     * Writes the model as one safetensors file: tensor "theta" (the weights), "attribute_start" and
     * "feature_label" (the unigram feature index, integers stored exactly as float32), and metadata holding the
     * format, the template, the observation column count and the label and attribute dictionaries (one name per
     * line, in id order).
     */
    public void save(Path file) throws IOException {
        int[] start = space.attributeStarts();
        int[] label = space.featureLabels();
        if (weights.length >= EXACT_FLOAT_INT || start.length >= EXACT_FLOAT_INT) {
            throw new IllegalArgumentException("LinearChainCrf.save: " + weights.length + " weights; the format stores "
                    + "indices as float32 and holds at most " + (EXACT_FLOAT_INT - 1));
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("theta", Tensor.of(weights.clone(), weights.length));
        tensors.put("attribute_start", Tensor.of(floats(start), start.length));
        tensors.put("feature_label", Tensor.of(floats(label), label.length));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("template", space.templates().text());
        meta.put("columns", Integer.toString(space.columns()));
        meta.put("labels", lines(space.labelNames(), "label"));
        meta.put("attributes", lines(space.attributeNames(), "attribute"));
        meta.put("bigram_attributes", lines(space.bigramAttributeNames(), "bigram attribute"));
        SafeTensors.save(file, tensors, meta);
    }

    /** Reads a model written by {@link #save}; errors name the file and what is wrong. */
    public static LinearChainCrf load(Path file) throws IOException {
        SafeTensors.Loaded l = SafeTensors.load(file);
        Map<String, String> meta = l.metadata();
        if (!FORMAT.equals(meta.get("format"))) {
            throw new IOException(file + ": not an ebl4j linear-chain CRF (metadata 'format' is "
                    + meta.get("format") + ", expected " + FORMAT + ")");
        }
        try {
            FeatureTemplates templates = FeatureTemplates.parse(require(meta, "template", file), file + " template");
            String[] labels = split(require(meta, "labels", file));
            String[] attributes = split(require(meta, "attributes", file));
            String[] bigrams = split(require(meta, "bigram_attributes", file));
            int[] start = ints(tensor(l, "attribute_start", file));
            int[] featureLabel = ints(tensor(l, "feature_label", file));
            if (start.length != attributes.length + 1 || start[start.length - 1] != featureLabel.length) {
                throw new IOException(file + ": the feature index does not match the " + attributes.length
                        + " attributes");
            }
            FeatureSpace space = new FeatureSpace(templates, Integer.parseInt(require(meta, "columns", file)),
                    labels, attributes, start, featureLabel, bigrams);
            float[] w = tensor(l, "theta", file).toArray();
            if (w.length != space.size()) {
                throw new IOException(file + ": 'theta' has " + w.length + " weights, the dictionaries need "
                        + space.size());
            }
            double[] theta = new double[w.length];
            for (int j = 0; j < w.length; j++) {
                theta[j] = w[j];
            }
            return new LinearChainCrf(space, theta);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static String require(Map<String, String> meta, String key, Path file) throws IOException {
        String v = meta.get(key);
        if (v == null) {
            throw new IOException(file + ": metadata '" + key + "' is missing");
        }
        return v;
    }

    private static Tensor tensor(SafeTensors.Loaded l, String name, Path file) throws IOException {
        Tensor t = l.tensors().get(name);
        if (t == null) {
            throw new IOException(file + ": tensor '" + name + "' is missing");
        }
        return t;
    }

    private static float[] floats(int[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = v[i];
        }
        return f;
    }

    private static int[] ints(Tensor t) {
        float[] f = t.toArray();
        int[] v = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            v[i] = (int) f[i];
        }
        return v;
    }

    private static String lines(String[] names, String what) {
        for (String n : names) {
            if (n.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("LinearChainCrf.save: " + what + " '" + n + "' contains a line "
                        + "break, which the format cannot store");
            }
        }
        return String.join("\n", names);
    }

    private static String[] split(String joined) {
        return joined.isEmpty() ? new String[0] : joined.split("\n", -1);
    }
}

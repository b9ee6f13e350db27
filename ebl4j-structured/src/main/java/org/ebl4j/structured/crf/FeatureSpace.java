package org.ebl4j.structured.crf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.ebl4j.structured.chain.LinearChain;
import org.ebl4j.structured.chain.Marginals;
import org.ebl4j.structured.semiring.Transitions;

/**
 * The feature map φ(X, Y) of a linear-chain CRF built from CRF++ templates, and the energy it defines,
 * <pre>  E(W, Y, X) = −θ·φ(X, Y) = −Σ_t Σ_{a ∈ U(X, t)} θ_{a, y_t} − Σ_{t≥1} Σ_{b ∈ B(X, t)} θ_{b, y_{t−1}, y_t}</pre>
 * where U(X, t) and B(X, t) are the unigram and bigram attributes the templates produce at position t (Lafferty,
 * McCallum &amp; Pereira 2001; energy = −score, so low energy = good). Features are sparse and kept in
 * dictionaries built from the training data: every attribute string gets an id, a unigram attribute pairs only
 * with the labels it was seen with in training (CRFsuite's default: about 83k weights instead of 1.1M on CoNLL-2000
 * chunking, at no loss of accuracy there), a bigram attribute with all K² label pairs. Weight vector layout: the unigram features
 * attribute by attribute (labels ascending within an attribute), then K² weights per bigram attribute.
 *
 * <p>Immutable and thread-safe.
 */
public final class FeatureSpace {
    private final FeatureTemplates templates;
    private final int columns;
    private final String[] labels;
    private final Map<String, Integer> labelIndex;
    private final String[] attributes;
    private final Map<String, Integer> attributeIndex;
    private final int[] attributeStart;
    private final int[] featureLabel;
    private final String[] bigramAttributes;
    private final Map<String, Integer> bigramIndex;

    FeatureSpace(FeatureTemplates templates, int columns, String[] labels, String[] attributes,
                 int[] attributeStart, int[] featureLabel, String[] bigramAttributes) {
        this.templates = templates;
        this.columns = columns;
        this.labels = labels;
        this.labelIndex = index(labels);
        this.attributes = attributes;
        this.attributeIndex = index(attributes);
        this.attributeStart = attributeStart;
        this.featureLabel = featureLabel;
        this.bigramAttributes = bigramAttributes;
        this.bigramIndex = index(bigramAttributes);
    }

    private static Map<String, Integer> index(String[] names) {
        Map<String, Integer> m = new HashMap<>(names.length * 2);
        for (int i = 0; i < names.length; i++) {
            if (m.put(names[i], i) != null) {
                throw new IllegalArgumentException("FeatureSpace: duplicate name '" + names[i] + "'");
            }
        }
        return m;
    }

    /**
     * Builds the dictionaries from labelled training sentences: labels and attributes get ids in order of first
     * appearance.
     *
     * @throws IllegalArgumentException for no sentences, an unlabelled sentence, sentences with different column
     *         counts, or a template reading a column the data does not have
     */
    public static FeatureSpace build(FeatureTemplates templates, List<Sequence> training) {
        return buildEncoded(templates, training).space();
    }

    /** A feature space and the encodings of the sentences it was built from. */
    record Built(FeatureSpace space, List<EncodedSequence> encoded) {
    }

    /** {@link #build}, keeping the training sentences' encodings (one pass of template expansion for both). */
    static Built buildEncoded(FeatureTemplates templates, List<Sequence> training) {
        if (training == null || training.isEmpty()) {
            throw new IllegalArgumentException("FeatureSpace.build: no training sentences");
        }
        int columns = training.get(0).columns();
        checkColumns(templates, columns);
        Dictionary labelIds = new Dictionary();
        Dictionary attrIds = new Dictionary();
        Dictionary bigramIds = new Dictionary();
        int perToken = templates.templates().size();
        List<EncodedSequence> encoded = new ArrayList<>(training.size());
        for (int s = 0; s < training.size(); s++) {
            Sequence seq = training.get(s);
            if (seq.labels() == null) {
                throw new IllegalArgumentException("FeatureSpace.build: training sentence " + s + " has no labels");
            }
            if (seq.columns() != columns) {
                throw new IllegalArgumentException("FeatureSpace.build: training sentence " + s + " has "
                        + seq.columns() + " columns, sentence 0 has " + columns);
            }
            int len = seq.length();
            int[] y = new int[len];
            int[] uStart = new int[len + 1];
            int[] bStart = new int[len + 1];
            int[] u = new int[len * perToken];
            int[] b = new int[len * perToken];
            int nu = 0;
            int nb = 0;
            for (int t = 0; t < len; t++) {
                y[t] = labelIds.id(seq.labels()[t]);
                for (FeatureTemplate ft : templates.templates()) {
                    if (ft.kind() == FeatureTemplate.Kind.UNIGRAM) {
                        u[nu++] = attrIds.id(ft.expand(seq.tokens(), t));
                    } else if (t > 0) {
                        b[nb++] = bigramIds.id(ft.expand(seq.tokens(), t));
                    }
                }
                uStart[t + 1] = nu;
                bStart[t + 1] = nb;
            }
            encoded.add(new EncodedSequence(len, uStart, Arrays.copyOf(u, nu), bStart, Arrays.copyOf(b, nb), y, null,
                    null));
        }
        // the labels each attribute was seen with, as a bit set per attribute
        int k = labelIds.size();
        int words = (k + 63) / 64;
        int attributes = attrIds.size();
        long[] seen = new long[attributes * words];
        for (EncodedSequence e : encoded) {
            for (int t = 0; t < e.length(); t++) {
                int label = e.labels()[t];
                for (int p = e.unaryStart()[t]; p < e.unaryStart()[t + 1]; p++) {
                    seen[e.unary()[p] * words + label / 64] |= 1L << (label % 64);
                }
            }
        }
        int[] start = new int[attributes + 1];
        for (int a = 0; a < attributes; a++) {
            int count = 0;
            for (int w = 0; w < words; w++) {
                count += Long.bitCount(seen[a * words + w]);
            }
            start[a + 1] = start[a] + count;
        }
        int[] featureLabel = new int[start[attributes]];
        for (int a = 0, f = 0; a < attributes; a++) {
            for (int label = 0; label < k; label++) {
                if ((seen[a * words + label / 64] & (1L << (label % 64))) != 0) {
                    featureLabel[f++] = label;
                }
            }
        }
        FeatureSpace space = new FeatureSpace(templates, columns, labelIds.names(), attrIds.names(), start,
                featureLabel, bigramIds.names());
        List<EncodedSequence> withFeatures = new ArrayList<>(encoded.size());
        for (EncodedSequence e : encoded) {
            withFeatures.add(space.withFeatures(e));
        }
        return new Built(space, withFeatures);
    }

    /** Names to ids in order of first appearance. */
    private static final class Dictionary {
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<String> names = new ArrayList<>();

        int id(String name) {
            Integer id = ids.get(name);
            if (id == null) {
                id = names.size();
                ids.put(name, id);
                names.add(name);
            }
            return id;
        }

        int size() {
            return names.size();
        }

        String[] names() {
            return names.toArray(String[]::new);
        }
    }

    private static void checkColumns(FeatureTemplates templates, int columns) {
        for (FeatureTemplate ft : templates.templates()) {
            if (ft.maxColumn() >= columns) {
                throw new IllegalArgumentException("template '" + ft.text() + "' reads column " + ft.maxColumn()
                        + " but the tokens have " + columns + " observation column(s) (0.." + (columns - 1) + ")");
            }
        }
    }

    // ---------------------------------------------------------------- dictionaries

    public FeatureTemplates templates() {
        return templates;
    }

    /** Observation columns per token. */
    public int columns() {
        return columns;
    }

    /** K. */
    public int labelCount() {
        return labels.length;
    }

    public String label(int id) {
        return labels[id];
    }

    /** The id of a label, −1 if unknown. */
    public int labelId(String label) {
        return labelIndex.getOrDefault(label, -1);
    }

    /** Distinct unigram attributes. */
    public int attributeCount() {
        return attributes.length;
    }

    /** Distinct bigram attributes (1 for the plain "B" template). */
    public int bigramAttributeCount() {
        return bigramAttributes.length;
    }

    /** Unigram features (attribute, label). */
    public int unigramFeatureCount() {
        return featureLabel.length;
    }

    /** Length of the weight vector θ: unigram features + K² per bigram attribute. */
    public int size() {
        return featureLabel.length + bigramAttributes.length * labels.length * labels.length;
    }

    /** The weight index of unigram feature (attribute, label), −1 when that pair is not a feature. */
    int feature(int attribute, int label) {
        for (int r = attributeStart[attribute]; r < attributeStart[attribute + 1]; r++) {
            if (featureLabel[r] == label) {
                return r;
            }
        }
        return -1;
    }

    /** The weight index of bigram feature (b, i, j). */
    int bigramWeight(int b, int i, int j) {
        int k = labels.length;
        return featureLabel.length + (b * k + i) * k + j;
    }

    String[] labelNames() {
        return labels.clone();
    }

    String[] attributeNames() {
        return attributes.clone();
    }

    int[] attributeStarts() {
        return attributeStart.clone();
    }

    int[] featureLabels() {
        return featureLabel.clone();
    }

    String[] bigramAttributeNames() {
        return bigramAttributes.clone();
    }

    // ---------------------------------------------------------------- encoding

    /**
     * The attribute ids of a sentence (attributes not in the dictionaries are dropped; unknown labels become −1).
     *
     * @throws IllegalArgumentException when its column count differs from the training data's
     */
    EncodedSequence encode(Sequence s) {
        if (s.columns() != columns) {
            throw new IllegalArgumentException("sentence has " + s.columns() + " observation columns, the model "
                    + "was trained on " + columns);
        }
        int len = s.length();
        int[] uStart = new int[len + 1];
        int[] bStart = new int[len + 1];
        int[] u = new int[len * templates.templates().size()];
        int[] b = new int[len * templates.templates().size()];
        int nu = 0;
        int nb = 0;
        for (int t = 0; t < len; t++) {
            for (FeatureTemplate ft : templates.templates()) {
                if (ft.kind() == FeatureTemplate.Kind.UNIGRAM) {
                    Integer id = attributeIndex.get(ft.expand(s.tokens(), t));
                    if (id != null) {
                        u[nu++] = id;
                    }
                } else if (t > 0) {
                    Integer id = bigramIndex.get(ft.expand(s.tokens(), t));
                    if (id != null) {
                        b[nb++] = id;
                    }
                }
            }
            uStart[t + 1] = nu;
            bStart[t + 1] = nb;
        }
        int[] y = null;
        if (s.labels() != null) {
            y = new int[len];
            for (int t = 0; t < len; t++) {
                y[t] = labelId(s.labels()[t]);
            }
        }
        return withFeatures(new EncodedSequence(len, uStart, Arrays.copyOf(u, nu), bStart, Arrays.copyOf(b, nb), y,
                null, null));
    }

    /** The sentence with its {@link EncodedSequence#features() features} and cells listed. */
    private EncodedSequence withFeatures(EncodedSequence e) {
        int k = labels.length;
        int count = 0;
        for (int a : e.unary()) {
            count += attributeStart[a + 1] - attributeStart[a];
        }
        int[] features = new int[count];
        int[] cells = new int[count];
        int n = 0;
        for (int t = 0; t < e.length(); t++) {
            for (int p = e.unaryStart()[t]; p < e.unaryStart()[t + 1]; p++) {
                int a = e.unary()[p];
                for (int r = attributeStart[a]; r < attributeStart[a + 1]; r++) {
                    features[n] = r;
                    cells[n++] = t * k + featureLabel[r];
                }
            }
        }
        return new EncodedSequence(e.length(), e.unaryStart(), e.unary(), e.bigramStart(), e.bigram(), e.labels(),
                features, cells);
    }

    // ---------------------------------------------------------------- energies and feature vectors

    /**
     * The transitions of the weight vector scale·θ (θ must not change while the cache is used), cached by bigram
     * attribute (most templates have one: "B").
     */
    final class TransitionCache {
        private final double[] theta;
        private final double scale;
        private final Map<Integer, Transitions> single = new ConcurrentHashMap<>();

        TransitionCache(double[] theta) {
            this(theta, 1);
        }

        TransitionCache(double[] theta, double scale) {
            this.theta = theta;
            this.scale = scale;
        }

        /** w_t(i, j) = −Σ_{b ∈ B(X, t)} θ_{b,i,j} for the bigram attributes {@code ids[from..to)}. */
        Transitions of(int[] ids, int from, int to) {
            if (to - from == 1) {
                return single.computeIfAbsent(ids[from], b -> build(ids, from, to));
            }
            if (to == from) {
                return single.computeIfAbsent(-1, b -> build(ids, from, to));
            }
            return build(ids, from, to);
        }

        private Transitions build(int[] ids, int from, int to) {
            int k = labels.length;
            double[] w = new double[k * k];
            for (int p = from; p < to; p++) {
                int base = bigramWeight(ids[p], 0, 0);
                for (int ij = 0; ij < k * k; ij++) {
                    w[ij] -= scale * theta[base + ij];
                }
            }
            return Transitions.of(k, k, w);
        }
    }

    /** The chain of energies E(W, ·, X) of an encoded sentence under the weights of the cache. */
    LinearChain chain(EncodedSequence s, TransitionCache cache) {
        double[] theta = cache.theta;
        double scale = cache.scale;
        int k = labels.length;
        double[] u = new double[s.length() * k];
        int[] features = s.features();
        int[] cells = s.cells();
        for (int p = 0; p < features.length; p++) {
            u[cells[p]] -= scale * theta[features[p]];
        }
        Transitions[] w = new Transitions[s.length()];
        for (int t = 1; t < s.length(); t++) {
            w[t] = cache.of(s.bigram(), s.bigramStart()[t], s.bigramStart()[t + 1]);
        }
        return LinearChain.of(k, u, w);
    }

    /** target += scale · φ(X, Y) for the label sequence y (unigram pairs that are not features are skipped). */
    void addFeatures(EncodedSequence s, int[] y, double scale, double[] target) {
        for (int t = 0; t < s.length(); t++) {
            for (int p = s.unaryStart()[t]; p < s.unaryStart()[t + 1]; p++) {
                int r = feature(s.unary()[p], y[t]);
                if (r >= 0) {
                    target[r] += scale;
                }
            }
            if (t > 0) {
                for (int p = s.bigramStart()[t]; p < s.bigramStart()[t + 1]; p++) {
                    target[bigramWeight(s.bigram()[p], y[t - 1], y[t])] += scale;
                }
            }
        }
    }

    /**
     * target += E_p[φ(X, Y)] under the Gibbs distribution whose marginals are given: node marginals weight the
     * unigram features, edge marginals the bigram features.
     */
    void addExpectedFeatures(EncodedSequence s, Marginals m, double[] target) {
        int k = labels.length;
        double[] node = m.nodes();
        int[] features = s.features();
        int[] cells = s.cells();
        for (int p = 0; p < features.length; p++) {
            target[features[p]] += node[cells[p]];
        }
        double[] edge = new double[k * k];
        for (int t = 1; t < s.length(); t++) {
            int from = s.bigramStart()[t];
            int to = s.bigramStart()[t + 1];
            if (to - from == 1) {
                m.addEdges(t, target, bigramWeight(s.bigram()[from], 0, 0));
            } else if (to > from) {
                m.edges(t, edge);
                for (int p = from; p < to; p++) {
                    int base = bigramWeight(s.bigram()[p], 0, 0);
                    for (int ij = 0; ij < k * k; ij++) {
                        target[base + ij] += edge[ij];
                    }
                }
            }
        }
    }
}

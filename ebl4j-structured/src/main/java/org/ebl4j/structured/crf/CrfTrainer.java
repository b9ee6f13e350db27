package org.ebl4j.structured.crf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Learns the weights θ of a linear-chain model from labelled sentences by minimising one loss of the tutorial's
 * table (LeCun et al. 2006, §2.2 and §6): {@link LikelihoodTrainer} (NLL: a CRF), {@link PerceptronTrainer}
 * (perceptron loss: the averaged structured perceptron), {@link MaxMarginTrainer} (Hamming-margin hinge: M3N).
 * The result is the same kind of model whatever the loss.
 */
public abstract class CrfTrainer {
    /** Receives one line per iteration or epoch; discards them unless {@link #progress} is called. */
    Consumer<String> progress = line -> { };

    CrfTrainer() {
    }

    /**
     * Learns θ over a feature space (built from the same or other labelled data).
     *
     * @throws IllegalArgumentException for no sentences, or a sentence with no labels or a label the feature space
     *         does not know
     */
    public final LinearChainCrf train(FeatureSpace space, List<Sequence> data) {
        return learn(space, encode(space, data));
    }

    /** Builds the feature space from {@code data} and the templates ({@link FeatureSpace#build}), then learns θ. */
    public final LinearChainCrf train(FeatureTemplates templates, List<Sequence> data) {
        FeatureSpace.Built built = FeatureSpace.buildEncoded(templates, data);
        return learn(built.space(), built.encoded());
    }

    /** θ from encoded, fully labelled sentences. */
    abstract LinearChainCrf learn(FeatureSpace space, List<EncodedSequence> data);

    /** The name used in tables and JSON ("crf", "perceptron", "m3n"). */
    public abstract String name();

    /** Sends one line per iteration or epoch (loss, errors, time) to {@code lines}. */
    public CrfTrainer progress(Consumer<String> lines) {
        if (lines == null) {
            throw new IllegalArgumentException(name() + ": the progress consumer is null");
        }
        this.progress = lines;
        return this;
    }

    /** The encodings of labelled sentences; a sentence with a label the feature space does not know is rejected. */
    static List<EncodedSequence> encode(FeatureSpace space, List<Sequence> data) {
        if (data == null || data.isEmpty()) {
            throw new IllegalArgumentException("no training sentences");
        }
        List<EncodedSequence> out = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            EncodedSequence e = space.encode(data.get(i));
            if (!e.fullyLabeled()) {
                throw new IllegalArgumentException("training sentence " + i + " has no labels or a label outside "
                        + "the feature space's " + List.of(space.labelNames()));
            }
            out.add(e);
        }
        return out;
    }
}

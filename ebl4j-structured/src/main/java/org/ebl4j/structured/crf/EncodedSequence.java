package org.ebl4j.structured.crf;

/**
 * A sentence as the ids of its attributes in a {@link FeatureSpace}: the unigram attributes of token t are
 * {@code unary[unaryStart[t] .. unaryStart[t+1])}, the bigram attributes of the edge (t−1, t) are
 * {@code bigram[bigramStart[t] .. bigramStart[t+1])} (none at t = 0), and {@code labels[t]} is the label id, −1
 * for a label the feature space does not know; {@code labels} is null for an unlabelled sentence. Attributes that
 * the feature space does not know are dropped.
 *
 * <p>{@code features} and {@code cells} list every unigram feature that can fire in the sentence, whatever the
 * label: feature index features[p] (an attribute of token t paired with label y) adds to the unary energy at
 * cell t·K + y = cells[p]. Energies and expected feature counts read these two arrays in order instead of going
 * through the attribute dictionary, the hot loops of training.
 */
record EncodedSequence(int length, int[] unaryStart, int[] unary, int[] bigramStart, int[] bigram, int[] labels,
                       int[] features, int[] cells) {
    /** Whether every label is known (a sentence the trainers can learn from). */
    boolean fullyLabeled() {
        if (labels == null) {
            return false;
        }
        for (int y : labels) {
            if (y < 0) {
                return false;
            }
        }
        return true;
    }
}

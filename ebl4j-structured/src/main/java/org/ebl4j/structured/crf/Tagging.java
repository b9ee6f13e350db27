package org.ebl4j.structured.crf;

/**
 * The best tagging Y* of a sentence, its probability p(Y*|X), the confidence of each chosen label
 * p(y_t = Y*_t | X), and all marginals: {@code marginals[t][j]} = p(y_t = j | X) for label id j (label names in
 * {@link LinearChainCrf#labels()} order).
 */
public record Tagging(String[] labels, double probability, double[] confidence, double[][] marginals) {
}

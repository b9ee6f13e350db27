package org.ebl4j.structured.crf;

/** One of the n best taggings: labels, energy E(Y, X) and probability p(Y|X) = exp(F − E). */
public record Tagged(String[] labels, double energy, double probability) {
}

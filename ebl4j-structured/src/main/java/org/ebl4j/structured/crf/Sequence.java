package org.ebl4j.structured.crf;

/**
 * A sentence to tag: {@code tokens[t]} holds the observation columns of token t (word, part of speech, ...: what
 * the templates' %x[row,col] read), {@code labels[t]} its label, or {@code labels == null} when unknown. Every
 * token has the same number of columns.
 */
public record Sequence(String[][] tokens, String[] labels) {
    public Sequence {
        if (tokens == null || tokens.length == 0) {
            throw new IllegalArgumentException("Sequence: need at least one token");
        }
        int columns = tokens[0] == null ? 0 : tokens[0].length;
        for (int t = 0; t < tokens.length; t++) {
            if (tokens[t] == null || tokens[t].length != columns) {
                throw new IllegalArgumentException("Sequence: token " + t + " has " + (tokens[t] == null ? 0
                        : tokens[t].length) + " columns, token 0 has " + columns);
            }
        }
        if (labels != null && labels.length != tokens.length) {
            throw new IllegalArgumentException("Sequence: " + labels.length + " labels for " + tokens.length
                    + " tokens");
        }
    }

    /** An unlabelled sentence. */
    public static Sequence unlabeled(String[][] tokens) {
        return new Sequence(tokens, null);
    }

    public int length() {
        return tokens.length;
    }

    public int columns() {
        return tokens[0].length;
    }
}

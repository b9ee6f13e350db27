package org.ebl4j.structured.crf;

import java.util.ArrayList;
import java.util.List;

import org.ebl4j.tensor.Rng;

/**
 * Generated chunking-like data: labels B-NP, I-NP, O from a Markov chain (I-NP only after B-NP or I-NP), each
 * token a word drawn mostly from its label's own vocabulary and a tag column that equals the label's index with
 * probability 0.7. A CRF with unigram word/tag features and transitions can learn it well; the best possible token
 * accuracy is below 1 (20% of the words are uninformative).
 */
final class SyntheticTagging {
    static final String[] LABELS = {"B-NP", "I-NP", "O"};
    /** Transition probabilities from (row) to (column). */
    private static final double[][] NEXT = {{0.2, 0.6, 0.2}, {0.2, 0.4, 0.4}, {0.5, 0.0, 0.5}};

    private SyntheticTagging() {
    }

    static List<Sequence> sentences(int count, int maxLength, long seed) {
        Rng rng = new Rng(seed);
        List<Sequence> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int len = 2 + rng.nextInt(maxLength - 1);
            String[][] tokens = new String[len][];
            String[] labels = new String[len];
            int y = rng.nextDouble() < 0.5 ? 0 : 2;
            for (int t = 0; t < len; t++) {
                if (t > 0) {
                    double u = rng.nextDouble();
                    int next = 0;
                    while (u >= NEXT[y][next]) {
                        u -= NEXT[y][next];
                        next++;
                    }
                    y = next;
                }
                String word = rng.nextDouble() < 0.8 ? "w" + y + "_" + rng.nextInt(4) : "any" + rng.nextInt(12);
                String tag = rng.nextDouble() < 0.7 ? "p" + y : "p" + rng.nextInt(3);
                tokens[t] = new String[] {word, tag};
                labels[t] = LABELS[y];
            }
            out.add(new Sequence(tokens, labels));
        }
        return out;
    }

    static final String TEMPLATE = "U00:%x[0,0]\nU01:%x[-1,0]\nU02:%x[0,1]\nU03:%x[1,0]\nB\n";

    /** Fraction of tokens a model tags right. */
    static double accuracy(LinearChainCrf model, List<Sequence> data) {
        int right = 0;
        int all = 0;
        for (Sequence s : data) {
            String[] guess = model.tag(Sequence.unlabeled(s.tokens()));
            for (int t = 0; t < guess.length; t++) {
                right += guess[t].equals(s.labels()[t]) ? 1 : 0;
                all++;
            }
        }
        return (double) right / all;
    }
}

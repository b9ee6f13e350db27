package org.ebl4j.structured.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Chunk precision, recall and F1 by the CoNLL convention (the conlleval script of the CoNLL-2000 shared task,
 * Tjong Kim Sang &amp; Buchholz 2000): tags are "O" or PREFIX-TYPE (B-NP, I-NP; IOB1 and IOB2 / BIO, and E as
 * conlleval reads it); chunks start and end where conlleval's startOfChunk / endOfChunk say (a chunk starts at B,
 * at I after O, or where the type changes; a sentence boundary ends every chunk), and a guessed chunk is correct
 * when a gold chunk has exactly the same start, end and type. Token accuracy counts equal tags. Accumulates over
 * sentences; not thread-safe.
 */
public final class ChunkEvaluation {
    /** A chunk: tokens [start, end] inclusive, of a type. */
    public record Chunk(int start, int end, String type) {
    }

    private long gold;
    private long guessed;
    private long correct;
    private long tokens;
    private long correctTokens;

    /** Adds one sentence: gold tags and guessed tags of the same length. */
    public ChunkEvaluation add(String[] goldTags, String[] guessTags) {
        if (goldTags.length != guessTags.length) {
            throw new IllegalArgumentException("ChunkEvaluation: " + goldTags.length + " gold tags but "
                    + guessTags.length + " guessed tags");
        }
        List<Chunk> g = chunks(goldTags);
        List<Chunk> p = chunks(guessTags);
        Set<Chunk> goldSet = new HashSet<>(g);
        for (Chunk c : p) {
            if (goldSet.contains(c)) {
                correct++;
            }
        }
        gold += g.size();
        guessed += p.size();
        for (int t = 0; t < goldTags.length; t++) {
            tokens++;
            if (goldTags[t].equals(guessTags[t])) {
                correctTokens++;
            }
        }
        return this;
    }

    /** The chunks of one sentence's tags, in order. */
    public static List<Chunk> chunks(String[] tags) {
        List<Chunk> out = new ArrayList<>();
        String prevTag = "O";
        String prevType = "";
        int start = -1;
        for (int t = 0; t <= tags.length; t++) {
            String tag = t < tags.length ? prefix(tags[t]) : "O";
            String type = t < tags.length ? type(tags[t]) : "";
            if (start >= 0 && endOfChunk(prevTag, tag, prevType, type)) {
                out.add(new Chunk(start, t - 1, prevType));
                start = -1;
            }
            if (startOfChunk(prevTag, tag, prevType, type)) {
                start = t;
            }
            prevTag = tag;
            prevType = type;
        }
        return out;
    }

    private static String prefix(String tag) {
        int dash = tag.indexOf('-');
        return tag.equals("O") ? "O" : dash < 0 ? tag : tag.substring(0, dash);
    }

    private static String type(String tag) {
        int dash = tag.indexOf('-');
        return dash < 0 ? "" : tag.substring(dash + 1);
    }

    /** conlleval's endOfChunk: does the chunk ending at the previous token end there? */
    private static boolean endOfChunk(String prev, String tag, String prevType, String type) {
        boolean end = (prev.equals("B") || prev.equals("I")) && (tag.equals("B") || tag.equals("O"));
        end |= prev.equals("E") && (tag.equals("E") || tag.equals("I") || tag.equals("O"));
        return end || !prev.equals("O") && !prevType.equals(type);
    }

    /** conlleval's startOfChunk: does a chunk start at this token? */
    private static boolean startOfChunk(String prev, String tag, String prevType, String type) {
        boolean start = tag.equals("B") && (prev.equals("B") || prev.equals("I") || prev.equals("O"));
        start |= (tag.equals("I") || tag.equals("E")) && (prev.equals("O") || prev.equals("E"));
        return start || !tag.equals("O") && !prevType.equals(type);
    }

    /** Correct chunks / guessed chunks (0 when nothing was guessed). */
    public double precision() {
        return guessed == 0 ? 0 : (double) correct / guessed;
    }

    /** Correct chunks / gold chunks (0 when there are none). */
    public double recall() {
        return gold == 0 ? 0 : (double) correct / gold;
    }

    /** 2PR / (P + R), 0 when P + R = 0. */
    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Tokens whose guessed tag equals the gold tag / tokens. */
    public double accuracy() {
        return tokens == 0 ? 0 : (double) correctTokens / tokens;
    }

    public long goldChunks() {
        return gold;
    }

    public long guessedChunks() {
        return guessed;
    }

    public long correctChunks() {
        return correct;
    }
}

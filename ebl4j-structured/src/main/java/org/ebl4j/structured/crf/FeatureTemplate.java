package org.ebl4j.structured.crf;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a CRF++ feature template (Kudo, CRF++ documentation, "Preparing feature templates"):
 * {@code U05:%x[-1,0]/%x[0,0]} makes, at each position t, the attribute string "U05:" + x[t−1][0] + "/" +
 * x[t][0], where {@code %x[row,col]} is column col of the token at offset row; rows outside the sentence read
 * "_B-1", "_B-2", ... before its start and "_B+1", "_B+2", ... after its end, as CRF++ does. A line starting with
 * U is a unigram template (its attributes pair with the label y_t), one starting with B a bigram template (its
 * attributes pair with the label pair (y_{t−1}, y_t)); a bare {@code B} gives the plain transition features.
 */
public final class FeatureTemplate {
    /** Whether the attributes pair with y_t or with (y_{t−1}, y_t). */
    public enum Kind { UNIGRAM, BIGRAM }

    private final Kind kind;
    private final String text;
    /** Literal pieces; between literal k and literal k+1 comes macro k. */
    private final String[] literals;
    private final int[] rows;
    private final int[] cols;

    private FeatureTemplate(Kind kind, String text, String[] literals, int[] rows, int[] cols) {
        this.kind = kind;
        this.text = text;
        this.literals = literals;
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * Parses one template line; {@code where} names it in errors (e.g. "template:12").
     *
     * @throws IllegalArgumentException for a line that does not start with U or B, or a malformed macro
     */
    public static FeatureTemplate parse(String line, String where) {
        String text = line.strip();
        Kind kind = text.startsWith("U") ? Kind.UNIGRAM : text.startsWith("B") ? Kind.BIGRAM : null;
        if (kind == null) {
            throw new IllegalArgumentException(where + ": template '" + text + "' must start with U (unigram) or B "
                    + "(bigram)");
        }
        List<String> literals = new ArrayList<>();
        List<int[]> macros = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                literal.append(c);
                i++;
                continue;
            }
            int close = text.indexOf(']', i);
            if (!text.startsWith("%x[", i) || close < 0) {
                throw badMacro(where, text, i);
            }
            String[] rc = text.substring(i + 3, close).split(",", -1);
            int row;
            int col;
            try {
                row = Integer.parseInt(rc[0].strip());
                col = rc.length == 2 ? Integer.parseInt(rc[1].strip()) : -1;
            } catch (NumberFormatException e) {
                throw badMacro(where, text, i);
            }
            if (col < 0) {
                throw badMacro(where, text, i);
            }
            literals.add(literal.toString());
            literal.setLength(0);
            macros.add(new int[] {row, col});
            i = close + 1;
        }
        literals.add(literal.toString());
        int[] rows = new int[macros.size()];
        int[] cols = new int[macros.size()];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = macros.get(k)[0];
            cols[k] = macros.get(k)[1];
        }
        return new FeatureTemplate(kind, text, literals.toArray(String[]::new), rows, cols);
    }

    private static IllegalArgumentException badMacro(String where, String text, int at) {
        return new IllegalArgumentException(where + ": bad macro at character " + (at + 1) + " of '" + text
                + "': expected %x[row,col] with an integer row and an integer column >= 0");
    }

    public Kind kind() {
        return kind;
    }

    /** The line as written (trimmed). */
    public String text() {
        return text;
    }

    /** The largest column a macro reads, −1 when there is no macro. */
    public int maxColumn() {
        int m = -1;
        for (int c : cols) {
            m = Math.max(m, c);
        }
        return m;
    }

    /** The attribute at position t of a sentence of tokens (tokens[t] = the token's columns). */
    public String expand(String[][] tokens, int t) {
        if (rows.length == 0) {
            return text;
        }
        StringBuilder b = new StringBuilder(literals[0]);
        for (int k = 0; k < rows.length; k++) {
            int at = t + rows[k];
            if (at < 0) {
                b.append("_B").append(at);
            } else if (at >= tokens.length) {
                b.append("_B+").append(at - tokens.length + 1);
            } else {
                b.append(tokens[at][cols[k]]);
            }
            b.append(literals[k + 1]);
        }
        return b.toString();
    }
}

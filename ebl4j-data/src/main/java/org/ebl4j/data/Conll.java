package org.ebl4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader for CoNLL column files (CoNLL-2000 chunking, CoNLL-2003 NER, the CRF++ / CRFsuite / Wapiti training
 * format): one token per line, columns separated by spaces or tabs (the last column is usually the label), a blank
 * line between sentences. Lines starting with {@code -DOCSTART-} (CoNLL-2003 document breaks) are skipped. Files
 * may be gzip-compressed (detected from the magic bytes) and must be UTF-8; a leading byte-order mark is dropped.
 *
 * <p>Malformed text throws {@link MalformedDataException} naming the source and the line: bytes that are not UTF-8
 * (with their byte offset), control characters other than tab, a token whose number of columns differs from the
 * first token's (every token of a file has the same columns, so an empty label column shows as a missing column),
 * corrupt gzip data, or no sentence at all.
 */
public final class Conll {
    private Conll() {
    }

    /**
     * A sentence: {@code rows[t]} holds the columns of token t; {@code line} is the file line of its first token
     * (1-based).
     */
    public record Sentence(int line, String[][] rows) {
        public int length() {
            return rows.length;
        }

        public int columns() {
            return rows[0].length;
        }

        /** Column c of every token. */
        public String[] column(int c) {
            if (c < 0 || c >= columns()) {
                throw new IllegalArgumentException("Conll.Sentence: column " + c + " outside [0, " + columns() + ")");
            }
            String[] out = new String[rows.length];
            for (int t = 0; t < rows.length; t++) {
                out[t] = rows[t][c];
            }
            return out;
        }

        /** The last column of every token (the label in training files). */
        public String[] lastColumn() {
            return column(columns() - 1);
        }

        /** Every column but the last (the observations in training files). */
        public String[][] withoutLastColumn() {
            String[][] out = new String[rows.length][];
            for (int t = 0; t < rows.length; t++) {
                out[t] = java.util.Arrays.copyOf(rows[t], rows[t].length - 1);
            }
            return out;
        }
    }

    /** Reads a file (plain or gzip). */
    public static List<Sentence> read(Path file) throws IOException {
        return parse(new StringReader(DataFiles.text(file)), file.toString());
    }

    /**
     * Parses CoNLL text; {@code source} names it in errors ("source: line n: ...").
     *
     * @throws MalformedDataException for a control character, a token whose column count differs from the first
     *     token's, or no sentence at all
     * @throws IOException when {@code reader} fails
     */
    public static List<Sentence> parse(Reader reader, String source) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<Sentence> out = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        int first = 0;
        int columns = -1;
        int columnsLine = 0;
        int n = 0;
        for (String line; (line = in.readLine()) != null; ) {
            n++;
            control(line, source, n);
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("-DOCSTART-")) {
                if (!rows.isEmpty()) {
                    out.add(new Sentence(first, rows.toArray(String[][]::new)));
                    rows.clear();
                }
                continue;
            }
            String[] cols = s.split("[ \t]+");
            if (columns < 0) {
                columns = cols.length;
                columnsLine = n;
            } else if (cols.length != columns) {
                throw new MalformedDataException(source, "line " + n + ": " + cols.length + " column(s), expected "
                        + columns + " as on line " + columnsLine + ": '" + s + "'");
            }
            if (rows.isEmpty()) {
                first = n;
            }
            rows.add(cols);
        }
        if (!rows.isEmpty()) {
            out.add(new Sentence(first, rows.toArray(String[][]::new)));
        }
        if (out.isEmpty()) {
            throw new MalformedDataException(source, "no sentences (expected one token per line, columns separated by "
                    + "spaces or tabs, a blank line between sentences)");
        }
        return out;
    }

    private static void control(String line, String source, int lineNo) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isISOControl(c) && c != '\t') {
                throw new MalformedDataException(source, String.format("line %d: control character U+%04X at "
                        + "column %d; a CoNLL file is text (tokens and tags separated by spaces or tabs)", lineNo,
                        (int) c, i + 1));
            }
        }
    }
}

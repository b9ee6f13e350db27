package org.ebl4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import org.ebl4j.tensor.Indices;
import org.ebl4j.tensor.Tensor;

/**
 * Reader for numeric tables in comma-separated values (RFC 4180): one row per line, the same number of fields in
 * every row, an optional header row of column names. The table is returned as a float tensor [rows, columns], with
 * an optional label column taken out as integer class labels.
 *
 * <p>Supported: any one-character delimiter but the double quote and line breaks (comma by default, e.g. {@code ';'}
 * or tab); fields in double quotes, which may hold the delimiter, line breaks and doubled quotes {@code ""} (RFC
 * 4180); spaces and tabs around a field, or around a number inside quotes (unless one is the delimiter); line breaks
 * {@code \n}, {@code \r\n} or {@code \r}; blank lines (skipped); a leading byte-order mark; gzip compression
 * (detected from the magic bytes); UTF-8 only.
 * A number is a decimal such as {@code -1}, {@code 2.5}, {@code .5} or {@code 1e-3}, or {@code nan}, {@code inf},
 * {@code -inf}, {@code infinity} in any case; a label is a non-negative integer. With {@link Header#AUTO} the first
 * row is a header when one of its fields is not a number.
 *
 * <p>Malformed text throws {@link MalformedDataException} naming the source and the line: rows of different lengths
 * (ragged rows), a cell that is not a number (with its column and text), an empty cell, a number outside the float
 * range, a quote that is not closed or is followed by text, a quote inside an unquoted field, a label column outside
 * the table, bytes that are not UTF-8, or a table with no data rows.
 */
public final class Csv {
    private static final Pattern NUMBER = Pattern.compile(
            "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|(?i)[+-]?(nan|inf|infinity)");
    private static final Pattern LABEL = Pattern.compile("\\+?\\d{1,9}");

    private Csv() {
    }

    /** Whether the first row names the columns. */
    public enum Header {
        /** The first row is a header when one of its fields is not a number. */
        AUTO,
        PRESENT,
        ABSENT
    }

    /**
     * How to read a table: the field delimiter, whether there is a header row, and the label column if any
     * (counted from 0; a negative index counts from the end, -1 being the last column).
     */
    public record Options(char delimiter, Header header, OptionalInt labelColumn) {
        /** Comma-separated, header detected, no label column. */
        public static final Options DEFAULT = new Options(',', Header.AUTO, OptionalInt.empty());

        public Options {
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
                throw new IllegalArgumentException("Csv.Options: the delimiter cannot be a double quote or a line "
                        + "break, got " + (int) delimiter);
            }
        }

        public Options delimiter(char d) {
            return new Options(d, header, labelColumn);
        }

        public Options header(Header h) {
            return new Options(delimiter, h, labelColumn);
        }

        /** Takes column {@code column} out as labels (negative: counted from the end, -1 the last). */
        public Options label(int column) {
            return new Options(delimiter, header, OptionalInt.of(column));
        }
    }

    /**
     * A table: {@code values} [rows, columns] without the label column, {@code labels} [rows] (null when no label
     * column was asked for), {@code header} the names in the header row, label column included (empty without one).
     */
    public record Table(Tensor values, Indices labels, List<String> header) {
        public int rows() {
            return values.shape(0);
        }
    }

    /** Reads a comma-separated table, header detected, without labels. */
    public static Table read(Path file) throws IOException {
        return read(file, Options.DEFAULT);
    }

    public static Table read(Path file, Options options) throws IOException {
        return parse(DataFiles.text(file), file.toString(), options);
    }

    /** Parses CSV text; {@code source} names it in errors. */
    public static Table parse(String text, String source, Options options) {
        Records records = new Records(text, source, options.delimiter());
        List<String> first = records.next();
        if (first == null) {
            throw new MalformedDataException(source, "no rows: the table is empty");
        }
        int firstLine = records.line;
        boolean header = switch (options.header()) {
            case PRESENT -> true;
            case ABSENT -> false;
            case AUTO -> !first.stream().allMatch(f -> NUMBER.matcher(f.strip()).matches());
        };
        int columns = first.size();
        int label = -1;
        if (options.labelColumn().isPresent()) {
            int c = options.labelColumn().getAsInt();
            label = c < 0 ? columns + c : c;
            if (label < 0 || label >= columns || columns < 2) {
                throw new MalformedDataException(source, "label column " + c + " is not one of the " + columns
                        + " columns besides at least one column of values (line " + firstLine + ")");
            }
        }
        List<String> names = header ? List.copyOf(first) : List.of();
        int width = label < 0 ? columns : columns - 1;
        float[] values = new float[1024];
        int[] labels = new int[64];
        int rows = 0;
        for (List<String> row = header ? records.next() : first; row != null; row = records.next()) {
            int line = records.line;
            if (row.size() != columns) {
                throw new MalformedDataException(source, "line " + line + ": " + row.size() + " fields, expected "
                        + columns + " as on line " + firstLine + " (ragged rows)");
            }
            long need = (long) (rows + 1) * width;
            if (need > DataFiles.MAX_VALUES) {
                throw new MalformedDataException(source, "line " + line + ": more than " + DataFiles.MAX_VALUES
                        + " values");
            }
            if (need > values.length) {
                values = Arrays.copyOf(values, (int) Math.min(Math.max(2L * values.length, need),
                        DataFiles.MAX_VALUES));
            }
            if (rows == labels.length) {
                labels = Arrays.copyOf(labels, 2 * rows);
            }
            int v = rows * width;
            for (int c = 0; c < columns; c++) {
                String cell = row.get(c);
                if (c == label) {
                    labels[rows] = label(cell, source, line, c, names);
                } else {
                    values[v++] = number(cell, source, line, c, names);
                }
            }
            rows++;
        }
        if (rows == 0) {
            throw new MalformedDataException(source, "no data rows, only the header on line " + firstLine);
        }
        return new Table(Tensor.of(Arrays.copyOf(values, rows * width), rows, width),
                label < 0 ? null : Indices.of(Arrays.copyOf(labels, rows)), names);
    }

    private static float number(String text, String source, int line, int column, List<String> names) {
        String cell = text.strip();
        if (!NUMBER.matcher(cell).matches()) {
            throw new MalformedDataException(source, "line " + line + ", " + column(column, names) + ": "
                    + (cell.isEmpty() ? "empty cell" : "'" + cell + "' is not a number"));
        }
        String s = cell.toLowerCase();
        float v = s.endsWith("nan") ? Float.NaN : s.endsWith("inf") || s.endsWith("infinity")
                ? (s.startsWith("-") ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY) : Float.parseFloat(cell);
        if (Float.isInfinite(v) && !s.endsWith("inf") && !s.endsWith("infinity")) {
            throw new MalformedDataException(source, "line " + line + ", " + column(column, names) + ": " + cell
                    + " is outside the float32 range");
        }
        return v;
    }

    private static int label(String text, String source, int line, int column, List<String> names) {
        String cell = text.strip();
        if (!LABEL.matcher(cell).matches()) {
            throw new MalformedDataException(source, "line " + line + ", " + column(column, names) + " (labels): '"
                    + cell + "' is not a non-negative integer");
        }
        return Integer.parseInt(cell);
    }

    private static String column(int c, List<String> names) {
        return "column " + (c + 1) + (names.isEmpty() ? "" : " ('" + names.get(c) + "')");
    }

    /** Splits text into records of fields (RFC 4180), skipping blank lines. */
    private static final class Records {
        private final String text;
        private final String source;
        private final char delimiter;
        private int at;
        private int nextLine = 1;
        /** The line on which the last record returned starts. */
        int line;

        Records(String text, String source, char delimiter) {
            this.text = text;
            this.source = source;
            this.delimiter = delimiter;
        }

        /** The next record, or null at the end of the text. */
        List<String> next() {
            while (at < text.length()) {
                line = nextLine;
                List<String> fields = new ArrayList<>();
                boolean blank = true;
                while (true) {
                    skipSpace();
                    boolean quoted = at < text.length() && text.charAt(at) == '"';
                    String f = quoted ? quoted() : unquoted();
                    blank &= !quoted && f.isEmpty();
                    fields.add(f);
                    skipSpace();
                    if (at >= text.length() || endOfLine()) {
                        break;
                    }
                    if (text.charAt(at) != delimiter) {
                        throw new MalformedDataException(source, "line " + nextLine + ": text after the closing "
                                + "quote of field " + fields.size());
                    }
                    at++;
                    blank = false;
                }
                if (!blank) {
                    return fields;
                }
            }
            return null;
        }

        private String quoted() {
            int start = nextLine;
            StringBuilder sb = new StringBuilder();
            at++;
            while (true) {
                if (at >= text.length()) {
                    throw new MalformedDataException(source, "line " + start + ": the quoted field starting here "
                            + "is not closed");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    if (at < text.length() && text.charAt(at) == '"') {
                        at++;
                    } else {
                        return sb.toString();
                    }
                } else if (c == '\n' || c == '\r' && (at >= text.length() || text.charAt(at) != '\n')) {
                    nextLine++;
                }
                sb.append(c);
            }
        }

        private String unquoted() {
            int start = at;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == delimiter || c == '\n' || c == '\r') {
                    break;
                }
                if (c == '"') {
                    throw new MalformedDataException(source, "line " + nextLine + ": a quote inside an unquoted "
                            + "field (quote the whole field and double the quote)");
                }
                at++;
            }
            return text.substring(start, at).strip();
        }

        /** Consumes a line break if one is next. */
        private boolean endOfLine() {
            char c = text.charAt(at);
            if (c != '\n' && c != '\r') {
                return false;
            }
            at += c == '\r' && at + 1 < text.length() && text.charAt(at + 1) == '\n' ? 2 : 1;
            nextLine++;
            return true;
        }

        private void skipSpace() {
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')
                    && text.charAt(at) != delimiter) {
                at++;
            }
        }
    }
}

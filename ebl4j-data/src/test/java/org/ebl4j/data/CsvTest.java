package org.ebl4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.ebl4j.data.Csv.Header;
import org.ebl4j.data.Csv.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path dir;

    private static Csv.Table parse(String text, Options options) {
        return Csv.parse(text, "t.csv", options);
    }

    private static void assertFails(String expected, String text, Options options) {
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> parse(text, options));
        assertEquals("t.csv: " + expected, e.getMessage());
    }

    @Test
    void readsAHeaderedTableWithALabelColumn() {
        Csv.Table t = parse("x,y,class\n1,2.5,0\n-3,1e-3,2\n", Options.DEFAULT.label(-1));
        assertEquals(List.of("x", "y", "class"), t.header());
        assertArrayEquals(new int[] {2, 2}, t.values().shape());
        assertArrayEquals(new float[] {1, 2.5f, -3, 1e-3f}, t.values().toArray());
        assertArrayEquals(new int[] {0, 2}, t.labels().data());
        assertEquals(2, t.rows());
        Csv.Table first = parse("7,1,2\n8,3,4\n", Options.DEFAULT.label(0));
        assertEquals(List.of(), first.header());
        assertArrayEquals(new int[] {7, 8}, first.labels().data());
        assertArrayEquals(new float[] {1, 2, 3, 4}, first.values().toArray());
    }

    @Test
    void headerIsDetectedOrForced() {
        Csv.Table numeric = parse("1,2\n3,4\n", Options.DEFAULT);
        assertEquals(List.of(), numeric.header());
        assertNull(numeric.labels());
        assertArrayEquals(new int[] {2, 2}, numeric.values().shape());
        assertEquals(List.of("1", "2"), parse("1,2\n3,4\n", Options.DEFAULT.header(Header.PRESENT)).header());
        assertArrayEquals(new int[] {1, 2}, parse("1,2\n3,4\n", Options.DEFAULT.header(Header.PRESENT)).values()
                .shape());
        assertFails("line 1, column 1: 'a' is not a number", "a,b\n1,2\n", Options.DEFAULT.header(Header.ABSENT));
    }

    @Test
    void quotedFieldsDelimitersLineEndsAndSpecialNumbers() {
        // RFC 4180 quoting: a delimiter, a doubled quote and a line break inside quotes; CRLF and lone CR ends
        Csv.Table t = parse("\"a,b\";\"say \"\"hi\"\"\";\"two\r\nlines\"\r\n \"1.5\" ; -.5 ;nan\r\r\n"
                + "+2;INF;-Infinity\r\n\n", Options.DEFAULT.delimiter(';'));
        assertEquals(List.of("a,b", "say \"hi\"", "two\r\nlines"), t.header());
        float[] v = t.values().toArray();
        assertArrayEquals(new float[] {1.5f, -0.5f}, new float[] {v[0], v[1]});
        assertTrue(Float.isNaN(v[2]));
        assertArrayEquals(new float[] {2, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY},
                new float[] {v[3], v[4], v[5]});
        Csv.Table tabs = parse("1\t2\n\n3\t4", Options.DEFAULT.delimiter('\t'));
        assertArrayEquals(new float[] {1, 2, 3, 4}, tabs.values().toArray());
        assertArrayEquals(new float[] {1, 2, 3, 4}, parse("1 2\n3 4\n", Options.DEFAULT.delimiter(' ')).values()
                .toArray());
    }

    @Test
    void largeTablesKeepEveryValueInPlace() {
        // 300 rows of 7 values and a label, then one row of 5,000 values: past every initial buffer
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < 300; r++) {
            for (int c = 0; c < 7; c++) {
                sb.append(r * 10 + c).append(',');
            }
            sb.append(r % 3).append('\n');
        }
        Csv.Table t = parse(sb.toString(), Options.DEFAULT.label(-1));
        assertArrayEquals(new int[] {300, 7}, t.values().shape());
        assertEquals(2996f, t.values().get(299, 6));
        assertEquals(1234f, t.values().get(123, 4));
        assertEquals(2, t.labels().get(299));
        String wide = "1,".repeat(4999) + "2\n";
        Csv.Table w = parse(wide + wide, Options.DEFAULT);
        assertArrayEquals(new int[] {2, 5000}, w.values().shape());
        assertEquals(2f, w.values().get(1, 4999));
    }

    @Test
    void readsPlainAndGzipFiles() throws IOException {
        String text = "a,b\n1,2\n";
        Path plain = Files.writeString(dir.resolve("t.csv"), "\uFEFF" + text); // a byte-order mark is dropped
        Path gz = Files.write(dir.resolve("t.csv.gz"), IdxFiles.gzip(text.getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals(new float[] {1, 2}, Csv.read(plain).values().toArray());
        assertEquals(List.of("a", "b"), Csv.read(plain).header());
        assertArrayEquals(new float[] {1, 2}, Csv.read(gz, Options.DEFAULT).values().toArray());
        Path bad = Files.write(dir.resolve("bad.csv"), new byte[] {'1', ',', (byte) 0xff, '\n'});
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> Csv.read(bad));
        assertEquals(bad + ": line 1: invalid UTF-8 at byte offset 2 (byte 3 of the line): 0xff is not a UTF-8 "
                + "character", e.getMessage());
    }

    @Test
    void rejectsRaggedRowsAndNonNumericCells() {
        assertFails("line 3: 3 fields, expected 2 as on line 1 (ragged rows)", "1,2\n3,4\n5,6,7\n", Options.DEFAULT);
        assertFails("line 4: 1 fields, expected 2 as on line 2 (ragged rows)", "\nx,y\n1,2\n3\n", Options.DEFAULT);
        assertFails("line 3, column 2 ('y'): '4O' is not a number", "x,y\n1,2\n3,4O\n", Options.DEFAULT);
        assertFails("line 2, column 2: empty cell", "1,2\n3,\n", Options.DEFAULT);
        assertFails("line 2, column 1: '1f' is not a number", "1,2\n1f,2\n", Options.DEFAULT);
        assertFails("line 1, column 1: '0x10' is not a number", "0x10\n", Options.DEFAULT.header(Header.ABSENT));
        assertFails("line 2, column 1: 1e39 is outside the float32 range", "1\n1e39\n", Options.DEFAULT);
        assertFails("line 2, column 2 ('c') (labels): '1.5' is not a non-negative integer", "x,c\n1,1.5\n",
                Options.DEFAULT.label(1));
        assertFails("line 2, column 1 (labels): '-1' is not a non-negative integer", "1,2\n-1,2\n",
                Options.DEFAULT.label(0));
    }

    @Test
    void rejectsEmptyTablesBadQuotesAndBadLabelColumns() {
        assertFails("no rows: the table is empty", "", Options.DEFAULT);
        assertFails("no rows: the table is empty", "\n \r\n\n", Options.DEFAULT);
        assertFails("no data rows, only the header on line 2", "\nx,y\n", Options.DEFAULT);
        assertFails("line 2: the quoted field starting here is not closed", "1\n\"2\n3\n", Options.DEFAULT);
        assertFails("line 1: text after the closing quote of field 1", "\"1\"2,3\n", Options.DEFAULT);
        assertFails("line 1: a quote inside an unquoted field (quote the whole field and double the quote)",
                "1\"2,3\n", Options.DEFAULT);
        assertFails("label column 2 is not one of the 2 columns besides at least one column of values (line 1)",
                "1,2\n", Options.DEFAULT.label(2));
        assertFails("label column -3 is not one of the 2 columns besides at least one column of values (line 1)",
                "1,2\n", Options.DEFAULT.label(-3));
        assertFails("label column 0 is not one of the 1 columns besides at least one column of values (line 1)",
                "1\n", Options.DEFAULT.label(0));
        assertThrows(IllegalArgumentException.class, () -> Options.DEFAULT.delimiter('"'));
    }
}

package org.ebl4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConllTest {
    private static final String TEXT = "He PRP B-NP\nreckons VBZ B-VP\n\n\n-DOCSTART- -X- O\nThe DT B-NP\t\n"
            + "current\tJJ I-NP\n";

    @Test
    void sentencesColumnsAndLines() throws IOException {
        List<Conll.Sentence> s = Conll.parse(new StringReader(TEXT), "mem");
        assertEquals(2, s.size());
        assertEquals(1, s.get(0).line());
        assertEquals(6, s.get(1).line());
        assertArrayEquals(new String[] {"B-NP", "B-VP"}, s.get(0).lastColumn());
        assertArrayEquals(new String[] {"The", "current"}, s.get(1).column(0));
        assertArrayEquals(new String[][] {{"The", "DT"}, {"current", "JJ"}}, s.get(1).withoutLastColumn());
        assertEquals(3, s.get(1).columns());
    }

    @Test
    void readsPlainAndGzipFiles(@TempDir Path dir) throws IOException {
        Path plain = dir.resolve("a.txt");
        Files.writeString(plain, TEXT);
        Path gz = dir.resolve("a.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(TEXT.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(2, Conll.read(plain).size());
        assertArrayEquals(Conll.read(plain).get(1).rows(), Conll.read(gz).get(1).rows());
    }

    @Test
    void errorsNameFileAndLine(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.data");
        Files.writeString(bad, "a B C\nb D E\n\nc F\n");
        IOException e = assertThrows(IOException.class, () -> Conll.read(bad));
        assertEquals(bad + ":4: 2 column(s), expected 3 as on line 1: 'c F'", e.getMessage());
        Path empty = dir.resolve("empty.data");
        Files.writeString(empty, "\n\n");
        e = assertThrows(IOException.class, () -> Conll.read(empty));
        assertTrue(e.getMessage().startsWith(empty + ": no sentences"), e.getMessage());
        e = assertThrows(IOException.class, () -> Conll.read(dir.resolve("missing.data")));
        assertTrue(e.getMessage().startsWith(dir.resolve("missing.data") + ": cannot open"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Conll.parse(new StringReader("a b\n"), "m").get(0)
                .column(2));
    }
}

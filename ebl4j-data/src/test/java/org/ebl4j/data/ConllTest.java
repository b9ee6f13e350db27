package org.ebl4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConllTest {
    private static final String TEXT = "He PRP B-NP\nreckons VBZ B-VP\n\n\n-DOCSTART- -X- O\nThe DT B-NP\t\n"
            + "current\tJJ I-NP\n";

    @TempDir
    Path dir;

    private MalformedDataException fails(byte[] content) throws IOException {
        Path f = Files.write(dir.resolve("bad.data"), content);
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> Conll.read(f));
        assertEquals(f.toString(), e.source());
        return e;
    }

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
    void readsPlainGzipAndUnicodeFiles() throws IOException {
        Path plain = dir.resolve("a.txt");
        Files.writeString(plain, TEXT);
        Path gz = Files.write(dir.resolve("a.gz"), IdxFiles.gzip(TEXT.getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, Conll.read(plain).size());
        assertArrayEquals(Conll.read(plain).get(1).rows(), Conll.read(gz).get(1).rows());
        // a byte-order mark is dropped; CRLF line ends; two- to four-byte UTF-8 characters
        Path unicode = Files.write(dir.resolve("u.txt"), ("\uFEFFZürich NNP B-LOC\r\n東京 NNP B-LOC\r\n\r\n"
                + "\uD83D\uDE00 SYM O\r\n").getBytes(StandardCharsets.UTF_8));
        List<Conll.Sentence> s = Conll.read(unicode);
        assertArrayEquals(new String[] {"Zürich", "東京"}, s.get(0).column(0));
        assertArrayEquals(new String[] {"\uD83D\uDE00"}, s.get(1).column(0));
    }

    @Test
    void raggedColumnsAndEmptyFilesNameFileAndLine() throws IOException {
        MalformedDataException e = fails("a B C\nb D E\n\nc F\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(dir.resolve("bad.data") + ": line 4: 2 column(s), expected 3 as on line 1: 'c F'",
                e.getMessage());
        // an empty label column within a sentence shows as a missing column
        e = fails("a B C\nb D\t\t\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(e.getMessage().endsWith(": line 2: 2 column(s), expected 3 as on line 1: 'b D'"), e.getMessage());
        e = fails("\n\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(e.getMessage().startsWith(dir.resolve("bad.data") + ": no sentences"), e.getMessage());
        e = fails(new byte[0]);
        assertTrue(e.getMessage().contains(": no sentences"), e.getMessage());
    }

    @Test
    void invalidUtf8NamesLineAndByteOffset() throws IOException {
        // line 2 holds 'caf' then a Latin-1 e-acute (0xe9) followed by a space: not UTF-8
        byte[] latin1 = "ok X O\ncaf\u00e9 NN O\n".getBytes(StandardCharsets.ISO_8859_1);
        MalformedDataException e = fails(latin1);
        assertEquals(dir.resolve("bad.data") + ": line 2: invalid UTF-8 at byte offset 10 (byte 4 of the line): "
                + "0xe9 is not a UTF-8 character", e.getMessage());
        // a truncated multi-byte sequence at the end, an overlong encoding, an encoded surrogate, inside gzip
        e = fails(Arrays.copyOf("a B\n東".getBytes(StandardCharsets.UTF_8), 6));
        assertTrue(e.getMessage().contains("line 2: invalid UTF-8 at byte offset 4 (byte 1 of the line): 0xe6 0x9d"),
                e.getMessage());
        e = fails(new byte[] {'a', ' ', (byte) 0xc0, (byte) 0xaf});
        assertTrue(e.getMessage().contains("line 1: invalid UTF-8 at byte offset 2"), e.getMessage());
        e = fails(IdxFiles.gzip(new byte[] {'a', '\n', (byte) 0xed, (byte) 0xa0, (byte) 0x80}));
        assertTrue(e.getMessage().contains("line 2: invalid UTF-8 at byte offset 2"), e.getMessage());
    }

    @Test
    void controlCharactersAndCorruptGzipAreRejected() throws IOException {
        MalformedDataException e = fails("a B\nb\u0000 C\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(e.getMessage().endsWith(": line 2: control character U+0000 at column 2; a CoNLL file is text "
                + "(tokens and tags separated by spaces or tabs)"), e.getMessage());
        byte[] gz = IdxFiles.gzip(TEXT.getBytes(StandardCharsets.UTF_8));
        e = fails(Arrays.copyOf(gz, gz.length / 2));
        assertTrue(e.getMessage().contains("corrupt or truncated gzip data"), e.getMessage());
    }

    @Test
    void missingFileAndBadColumnAreNamed() throws IOException {
        Path missing = dir.resolve("missing.data");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Conll.read(missing));
        assertTrue(e.getMessage().startsWith(missing + ": no such file"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Conll.parse(new StringReader("a b\n"), "m").get(0)
                .column(2));
    }
}

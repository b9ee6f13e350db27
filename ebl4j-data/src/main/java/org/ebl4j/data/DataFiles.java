package org.ebl4j.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The bytes and text of data files, shared by the readers of this package. A file starting with the gzip magic bytes
 * {@code 1f 8b} (RFC 1952) is decompressed, whatever its name. A gzip file is read into memory first, so that every
 * error of the decompressor (corrupt or truncated gzip data) is a {@link MalformedDataException} and every
 * {@link IOException} a failure to read the disk. Text is decoded as strict UTF-8: a malformed byte sequence is an
 * error naming its line and byte offset (in the decompressed text), never a replacement character.
 */
final class DataFiles {
    /** Largest text file accepted, in (decompressed) bytes. */
    static final int MAX_TEXT_BYTES = 1 << 30;
    /** Largest number of values accepted (what one float tensor can hold). */
    static final long MAX_VALUES = Integer.MAX_VALUE / 4;
    /** Largest byte array. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final int BUFFER = 1 << 16;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private DataFiles() {
    }

    /** The content of {@code file}, decompressed when it is gzip. */
    static InputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, Files.exists(file) ? "not a regular file"
                    : "no such file");
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        if (!gzip) {
            return in;
        }
        try (in) {
            if (Files.size(file) > MAX_ARRAY) {
                throw new IOException(file + ": gzip files over 2 GiB are not supported; decompress it first");
            }
            return new Gunzip(in.readAllBytes(), file.toString());
        }
    }

    /** The content of {@code file} as text: decompressed when gzip, strict UTF-8, a leading byte-order mark dropped. */
    static String text(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = open(file)) {
            bytes = in.readNBytes(MAX_TEXT_BYTES + 1);
        }
        if (bytes.length > MAX_TEXT_BYTES) {
            throw new MalformedDataException(file.toString(), "more than " + MAX_TEXT_BYTES
                    + " bytes of text; not supported");
        }
        return utf8(bytes, file.toString());
    }

    /** Decodes strict UTF-8; {@code source} names the bytes in errors. A leading byte-order mark is dropped. */
    static String utf8(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never gives more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            StringBuilder bad = new StringBuilder();
            for (int i = at; i < Math.min(bytes.length, at + result.length()); i++) {
                bad.append(String.format(" 0x%02x", bytes[i] & 0xff));
            }
            throw new MalformedDataException(source, "line " + line + ": invalid UTF-8 at byte offset " + at
                    + " (byte " + (at - lineStart + 1) + " of the line):" + bad + " is not a UTF-8 character");
        }
        out.flip();
        if (out.hasRemaining() && out.get(0) == BYTE_ORDER_MARK) {
            out.position(1);
        }
        return out.toString();
    }

    /**
     * The number of values of an array with non-negative dimensions {@code dims}; {@code what} names them in the
     * error when they exceed {@link #MAX_VALUES}.
     */
    static long count(String source, String what, int[] dims) {
        long n = 1;
        for (int d : dims) {
            n *= d; // at most MAX_VALUES * 2^31 < 2^63: no overflow
            if (n > MAX_VALUES) {
                throw new MalformedDataException(source, what + " " + Arrays.toString(dims) + ": more than "
                        + MAX_VALUES + " values");
            }
        }
        return n;
    }

    /** Decompresses gzip bytes held in memory; any decompressor error is a {@link MalformedDataException}. */
    private static final class Gunzip extends InputStream {
        private final byte[] compressed;
        private final String source;
        private GZIPInputStream in;

        Gunzip(byte[] compressed, String source) {
            this.compressed = compressed;
            this.source = source;
        }

        @Override
        public int read() {
            try {
                return stream().read();
            } catch (IOException e) {
                throw corrupt(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                return stream().read(b, off, len);
            } catch (IOException e) {
                throw corrupt(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }

        private GZIPInputStream stream() throws IOException {
            if (in == null) {
                in = new GZIPInputStream(new ByteArrayInputStream(compressed), BUFFER);
            }
            return in;
        }

        private MalformedDataException corrupt(IOException e) {
            return new MalformedDataException(source, "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
    }
}

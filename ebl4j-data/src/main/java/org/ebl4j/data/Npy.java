package org.ebl4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ebl4j.tensor.Tensor;

/**
 * Reader for NumPy's {@code .npy} format (NEP 1, versions 1.0, 2.0 and 3.0): the magic string {@code \x93NUMPY}, a
 * major and a minor version byte, the header length (little-endian uint16 in version 1, uint32 in versions 2 and 3),
 * then a header holding a Python dict literal {@code {'descr': '<f8', 'fortran_order': False, 'shape': (200, 25,
 * 25), }}, then the values. The array is returned as a float tensor of that shape, in row-major order.
 *
 * <p>Supported dtypes: floats {@code f4, f8}, signed integers {@code i1, i2, i4, i8}, unsigned integers {@code u1,
 * u2, u4, u8} and booleans {@code b1} (0 or 1), little-endian ({@code <}) or big-endian ({@code >}); the one-byte
 * types also with {@code |}. Values are converted to float32 (float64 and 32- or 64-bit integers are rounded). Both
 * C and Fortran order are read; shape {@code ()} gives a scalar and a zero dimension an empty tensor.
 *
 * <p>Malformed files throw {@link MalformedDataException} naming the file and the problem: a wrong magic string or
 * version, a header that is not such a dict (exactly the keys {@code descr}, {@code fortran_order}, {@code shape};
 * the shape a tuple of non-negative ints), an unsupported dtype (object arrays {@code |O}, strings, complex numbers,
 * float16, structured dtypes, native order {@code =}), more than 2^29 values, data shorter
 * than the shape needs (truncated) or longer (trailing data, which {@code numpy.load} would ignore). The data is read
 * as it comes, so a shape that lies about a huge size fails as truncated without allocating that size. The header is
 * decoded as Latin-1 (its syntax is ASCII). A gzip-compressed file is decompressed first.
 */
public final class Npy {
    /** Largest header accepted, in bytes ({@code numpy.load} stops at 10,000 by default). */
    public static final int MAX_HEADER_BYTES = 1 << 16;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final List<String> KEYS = List.of("descr", "fortran_order", "shape");

    private Npy() {
    }

    /** Reads a {@code .npy} file as a float tensor of its shape. */
    public static Tensor read(Path file) throws IOException {
        try (InputStream in = DataFiles.open(file)) {
            return read(in, file.toString());
        }
    }

    private static Tensor read(InputStream in, String source) throws IOException {
        byte[] preamble = in.readNBytes(MAGIC.length + 2);
        if (preamble.length < MAGIC.length || !Arrays.equals(preamble, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new MalformedDataException(source, "not a .npy file: it does not start with the magic string "
                    + "\\x93NUMPY (found " + quote(new String(preamble, StandardCharsets.ISO_8859_1)) + ")");
        }
        if (preamble.length < MAGIC.length + 2) {
            throw new MalformedDataException(source, "truncated .npy file: it ends inside the version bytes");
        }
        int major = preamble[MAGIC.length] & 0xff;
        int minor = preamble[MAGIC.length + 1] & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new MalformedDataException(source, "unsupported .npy version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (lengthField.length < lengthBytes) {
            throw new MalformedDataException(source, "truncated .npy file: it ends inside the header length");
        }
        ByteBuffer lb = ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? lb.getShort() & 0xffff : lb.getInt() & 0xffffffffL;
        if (headerLength > MAX_HEADER_BYTES) {
            throw new MalformedDataException(source, "header length " + headerLength + " is more than the "
                    + MAX_HEADER_BYTES + " bytes accepted");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new MalformedDataException(source, "truncated .npy file: the header length is " + headerLength
                    + " bytes, found only " + headerBytes.length);
        }
        Header h = new HeaderParser(source, new String(headerBytes, StandardCharsets.ISO_8859_1)).parse();
        long count = DataFiles.count(source, "shape", h.shape());
        long need = count * h.dtype().size();
        if (need > DataFiles.MAX_ARRAY) {
            throw new MalformedDataException(source, "shape " + Arrays.toString(h.shape()) + " of " + h.descr()
                    + " needs " + need + " bytes, more than a Java array holds");
        }
        byte[] data = in.readNBytes((int) need); // grows as it reads: a lying header cannot force a huge array
        if (data.length < need) {
            throw new MalformedDataException(source, "truncated .npy file: shape " + Arrays.toString(h.shape())
                    + " of " + h.descr() + " needs " + need + " bytes of data, found only " + data.length);
        }
        long extra = in.transferTo(OutputStream.nullOutputStream());
        if (extra > 0) {
            throw new MalformedDataException(source, "trailing data: " + extra + " bytes after the " + need
                    + " data bytes that shape " + Arrays.toString(h.shape()) + " of " + h.descr() + " needs");
        }
        return tensor(h, ByteBuffer.wrap(data).order(h.dtype().order()), (int) count);
    }

    private static Tensor tensor(Header h, ByteBuffer data, int count) {
        int[] shape = h.shape();
        Tensor t = Tensor.zeros(shape);
        FloatBuffer out = t.storage().buffer();
        int rank = shape.length;
        if (!h.fortranOrder() || rank < 2) {
            for (int i = 0; i < count; i++) {
                out.put(i, h.dtype().get(data, i));
            }
            return t;
        }
        // Fortran order: the first index varies fastest. Walk the C-order positions, tracking the Fortran offset.
        int[] fortranStride = new int[rank];
        fortranStride[0] = 1;
        for (int k = 1; k < rank; k++) {
            fortranStride[k] = fortranStride[k - 1] * shape[k - 1];
        }
        int[] index = new int[rank];
        int offset = 0;
        for (int i = 0; i < count; i++) {
            out.put(i, h.dtype().get(data, offset));
            for (int k = rank - 1; k >= 0; k--) {
                index[k]++;
                offset += fortranStride[k];
                if (index[k] < shape[k]) {
                    break;
                }
                offset -= fortranStride[k] * shape[k];
                index[k] = 0;
            }
        }
        return t;
    }

    /** A supported dtype: kind ({@code f}, {@code i}, {@code u}, {@code b}), bytes per value, byte order. */
    private record Dtype(char kind, int size, ByteOrder order) {
        static Dtype parse(String source, String descr) {
            if (descr.length() < 2) {
                throw unsupported(source, descr, "not a dtype string such as '<f8'");
            }
            char orderChar = descr.charAt(0);
            boolean hasOrder = orderChar == '<' || orderChar == '>' || orderChar == '|' || orderChar == '=';
            String rest = hasOrder ? descr.substring(1) : descr;
            char kind = rest.charAt(0);
            String digits = rest.substring(1);
            if (!digits.matches("[0-9]{1,2}")) {
                throw unsupported(source, descr, switch (kind) {
                    case 'O' -> "object arrays (pickled Python objects) are not supported";
                    default -> "not a dtype string such as '<f8'";
                });
            }
            int size = Integer.parseInt(digits);
            boolean known = switch (kind) {
                case 'f' -> size == 4 || size == 8;
                case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
                case 'b' -> size == 1;
                default -> false;
            };
            if (!known) {
                throw unsupported(source, descr, switch (kind) {
                    case 'O' -> "object arrays (pickled Python objects) are not supported";
                    case 'c' -> "complex numbers are not supported";
                    case 'U', 'S', 'a' -> "strings are not supported";
                    case 'M', 'm' -> "dates and times are not supported";
                    case 'f' -> "float" + 8 * size + " is not supported (only float32 and float64)";
                    default -> "supported: f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1";
                });
            }
            if (orderChar == '=') {
                throw unsupported(source, descr, "native byte order '=' does not say how the file was written");
            }
            if (size > 1 && !(orderChar == '<' || orderChar == '>')) {
                throw unsupported(source, descr, "a " + size + "-byte type needs byte order '<' or '>'");
            }
            return new Dtype(kind, size, orderChar == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        }

        /** Value {@code i} of {@code data} (whose byte order is set) as a float. */
        float get(ByteBuffer data, int i) {
            int at = i * size;
            return switch (kind) {
                case 'f' -> size == 4 ? data.getFloat(at) : (float) data.getDouble(at);
                case 'b' -> data.get(at) != 0 ? 1f : 0f;
                case 'i' -> switch (size) {
                    case 1 -> data.get(at);
                    case 2 -> data.getShort(at);
                    case 4 -> data.getInt(at);
                    default -> data.getLong(at);
                };
                default -> switch (size) {
                    case 1 -> data.get(at) & 0xff;
                    case 2 -> data.getShort(at) & 0xffff;
                    case 4 -> data.getInt(at) & 0xffffffffL;
                    default -> unsigned(data.getLong(at));
                };
            };
        }

        private static float unsigned(long v) {
            return v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2f;
        }

        private static MalformedDataException unsupported(String source, String descr, String why) {
            return new MalformedDataException(source, "unsupported dtype " + quote(descr) + ": " + why);
        }
    }

    private record Header(String descr, Dtype dtype, boolean fortranOrder, int[] shape) {
    }

    /**
     * Parses the header's dict literal: string keys, values a quoted string, {@code True}/{@code False} or a tuple
     * of ints ({@code ()}, {@code (3,)}, {@code (2, 3)}); a trailing comma and surrounding white space allowed.
     */
    private static final class HeaderParser {
        private final String source;
        private final String text;
        private int at;

        HeaderParser(String source, String text) {
            this.source = source;
            this.text = text;
        }

        Header parse() {
            String descr = null;
            Boolean fortran = null;
            int[] shape = null;
            expect('{');
            List<String> seen = new ArrayList<>();
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    break;
                }
                int keyAt = at;
                String key = string();
                if (!KEYS.contains(key) || seen.contains(key)) {
                    at = keyAt;
                    throw error((seen.contains(key) ? "repeated" : "unexpected") + " key " + quote(key)
                            + " (expected exactly 'descr', 'fortran_order' and 'shape')");
                }
                seen.add(key);
                expect(':');
                skipSpace();
                switch (key) {
                    case "descr" -> {
                        if (peek() == '[') {
                            throw error("structured dtypes (a list of fields) are not supported");
                        }
                        descr = string();
                    }
                    case "fortran_order" -> fortran = bool();
                    default -> shape = tuple();
                }
                skipSpace();
                if (peek() != ',') {
                    break;
                }
                at++;
            }
            expect('}');
            skipSpace();
            if (at < text.length()) {
                throw error("text after the closing '}'");
            }
            for (String k : KEYS) {
                if (!seen.contains(k)) {
                    throw error("no " + quote(k) + " key (expected exactly 'descr', 'fortran_order' and 'shape')");
                }
            }
            return new Header(descr, Dtype.parse(source, descr), fortran, shape);
        }

        private String string() {
            char q = peek();
            if (q != '\'' && q != '"') {
                throw error("expected a quoted string");
            }
            int end = text.indexOf(q, at + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String s = text.substring(at + 1, end);
            if (s.indexOf('\\') >= 0) {
                throw error("escape sequences in strings are not supported");
            }
            at = end + 1;
            return s;
        }

        private boolean bool() {
            if (text.startsWith("True", at)) {
                at += 4;
                return true;
            }
            if (text.startsWith("False", at)) {
                at += 5;
                return false;
            }
            throw error("expected True or False");
        }

        private int[] tuple() {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            boolean comma = false;
            while (true) {
                skipSpace();
                if (peek() == ')') {
                    break;
                }
                dims.add(dimension());
                skipSpace();
                comma = peek() == ',';
                if (!comma) {
                    break;
                }
                at++;
            }
            expect(')');
            if (dims.size() == 1 && !comma) {
                throw error("a one-dimensional shape needs a trailing comma, as in (3,)");
            }
            return dims.stream().mapToInt(Integer::intValue).toArray();
        }

        private int dimension() {
            int start = at;
            if (peek() == '-') {
                throw error("negative dimension");
            }
            while (at < text.length() && Character.isDigit(text.charAt(at)) && text.charAt(at) < 128) {
                at++;
            }
            if (at == start) {
                throw error("expected a dimension (a non-negative integer)");
            }
            String digits = text.substring(start, at);
            if (peek() == 'L') { // Python 2 long literals, as written by old NumPy versions
                at++;
            }
            if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
                at = start;
                throw error("dimension " + digits + " is larger than " + Integer.MAX_VALUE);
            }
            return Integer.parseInt(digits);
        }

        private void expect(char c) {
            skipSpace();
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        private char peek() {
            return at < text.length() ? text.charAt(at) : '\0';
        }

        private void skipSpace() {
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t'
                    || text.charAt(at) == '\n' || text.charAt(at) == '\r')) {
                at++;
            }
        }

        private MalformedDataException error(String what) {
            return new MalformedDataException(source, "malformed .npy header: " + what + " at character " + at
                    + " of " + quote(text.strip()));
        }
    }

    /** {@code s} in single quotes, at most 200 characters, non-printable ones escaped as \xNN. */
    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < Math.min(s.length(), 200); i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return sb.append(s.length() > 200 ? "'..." : "'").toString();
    }
}

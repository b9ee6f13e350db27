package org.ebl4j.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;

import org.ebl4j.tensor.Shape;
import org.ebl4j.tensor.Tensor;

/**
 * The safetensors format (Hugging Face, https://huggingface.co/docs/safetensors):
 * <pre>
 *   [N: u64 little-endian][N bytes: UTF-8 JSON header, padded with spaces to a multiple of 8][data section]
 *   header = {"__metadata__": {string: string},                                       (optional)
 *             name: {"dtype": "F32", "shape": [d0, d1, ...], "data_offsets": [begin, end]}, ...}
 * </pre>
 * Offsets are bytes relative to the data section, data is little-endian and row-major, and the tensors tile the
 * data section exactly (no gap, no overlap, nothing after the last one).
 *
 * <p>{@link #save} writes float32 tensors as the reference writer (Rust {@code safetensors::serialize}) does, byte
 * for byte: tensors sorted by name (UTF-8 byte order), compact JSON with {@code __metadata__} first (its keys
 * sorted too, where the reference's order is arbitrary), header padded to 8 bytes so the data is aligned. The
 * file is replaced atomically ({@link AtomicFile}). {@link #load} validates as strictly as the reference reader and
 * converts F64, F16, BF16, I64, I32, I16, I8, U8 and BOOL tensors to float32 (integers beyond 2^24 round).
 */
public final class SafeTensors {
    /** Largest header accepted, as in the reference reader. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final String METADATA_KEY = "__metadata__";
    private static final int CHUNK_BYTES = 1 << 20;
    private static final Comparator<String> UTF8_ORDER =
            Comparator.comparing((String s) -> s.getBytes(UTF_8), Arrays::compareUnsigned);

    private SafeTensors() {
    }

    /** The content of a file: tensors in data order (as float32) and the {@code __metadata__} strings. */
    public record Loaded(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    /** Element types the reader converts to float32, named as in the header. */
    private enum Dtype {
        BOOL(1) {
            @Override
            void decode(ByteBuffer src, int n, FloatBuffer dst, int at) {
                for (int i = 0; i < n; i++) {
                    dst.put(at + i, src.get(i) != 0 ? 1f : 0f);
                }
            }
        },
        U8(1) {
            @Override
            void decode(ByteBuffer src, int n, FloatBuffer dst, int at) {
                for (int i = 0; i < n; i++) {
                    dst.put(at + i, src.get(i) & 0xFF);
                }
            }
        },
        I8(1) {
            @Override
            void decode(ByteBuffer src, int n, FloatBuffer dst, int at) {
                for (int i = 0; i < n; i++) {
                    dst.put(at + i, src.get(i));
                }
            }
        },
        I16(2) {
            @Override
            void decode(ByteBuffer src, int n, FloatBuffer dst, int at) {
                for (int i = 0; i < n; i++) {
                    dst.put(at + i, src.getShort(2 * i));
                }
            }
        },
        F16(2) {
            @Override
            void decode(ByteBuffer src, int n, FloatBuffer dst, int at) {
                for (int i = 0; i < n; i++) {
                    dst.put(at + i, halfToFloat(src.getShort(2 * i)));
                }
            }
        },
        BF16(2) {
            @Override
            void decode(ByteBuffer src, int n, FloatBuffer dst, int at) {
                for (int i = 0; i < n; i++) {
                    dst.put(at + i, Float.intBitsToFloat(src.getShort(2 * i) << 16));
                }
            }
        },
        I32(4) {
            @Override
            void decode(ByteBuffer src, int n, FloatBuffer dst, int at) {
                for (int i = 0; i < n; i++) {
                    dst.put(at + i, src.getInt(4 * i));
                }
            }
        },
        F32(4) {
            @Override
            void decode(ByteBuffer src, int n, FloatBuffer dst, int at) {
                dst.put(at, src.asFloatBuffer(), 0, n);
            }
        },
        I64(8) {
            @Override
            void decode(ByteBuffer src, int n, FloatBuffer dst, int at) {
                for (int i = 0; i < n; i++) {
                    dst.put(at + i, src.getLong(8 * i));
                }
            }
        },
        F64(8) {
            @Override
            void decode(ByteBuffer src, int n, FloatBuffer dst, int at) {
                for (int i = 0; i < n; i++) {
                    dst.put(at + i, (float) src.getDouble(8 * i));
                }
            }
        };

        final int size;

        Dtype(int size) {
            this.size = size;
        }

        /** Converts {@code n} little-endian elements at the start of {@code src} into {@code dst[at..at+n)}. */
        abstract void decode(ByteBuffer src, int n, FloatBuffer dst, int at);

        static Dtype named(String name) {
            for (Dtype d : values()) {
                if (d.name().equals(name)) {
                    return d;
                }
            }
            return null;
        }
    }

    /** One header entry; offsets are relative to the data section. */
    private record Entry(String name, Dtype dtype, int[] shape, long begin, long end) {
        String describe() {
            return "tensor '" + name + "' (" + dtype + ", shape " + Shape.str(shape) + ", data_offsets [" + begin
                    + ", " + end + "])";
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@code tensors} as F32 with the given {@code __metadata__} strings (omitted when empty), replacing
     * {@code file} atomically.
     *
     * @throws IllegalArgumentException for a null or reserved ({@code __metadata__}) name, a null tensor, or a
     *         string that is not valid Unicode; nothing is written then
     */
    public static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Objects.requireNonNull(metadata, "SafeTensors.save: metadata map is null (pass Map.of() for none)");
        List<Map.Entry<String, Tensor>> sorted = sortedEntries(file, tensors);
        ByteBuffer header = header(file, sorted, metadata);
        long dataBytes = 0;
        for (Map.Entry<String, Tensor> e : sorted) {
            dataBytes += (long) e.getValue().numel() * Float.BYTES;
        }
        ByteBuffer chunk = chunk(dataBytes);
        AtomicFile.write(file, channel -> {
            writeFully(channel, header);
            for (Map.Entry<String, Tensor> e : sorted) {
                writeData(channel, e.getValue(), chunk);
            }
        });
    }

    /** A snapshot of the map, sorted by name; rejects what the format cannot hold. */
    private static List<Map.Entry<String, Tensor>> sortedEntries(Path file, Map<String, Tensor> tensors) {
        List<Map.Entry<String, Tensor>> out = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || name.equals(METADATA_KEY) || e.getValue() == null) {
                throw new IllegalArgumentException(file + ": cannot save tensor '" + name + "' = " + e.getValue()
                        + " (names must be non-null and not " + METADATA_KEY + ", tensors non-null)");
            }
            checkUnicode(file, "tensor name", name);
            out.add(Map.entry(name, e.getValue()));
        }
        out.sort(Map.Entry.comparingByKey(UTF8_ORDER));
        return out;
    }

    /** The length prefix, the compact JSON header and its space padding, ready to write. */
    private static ByteBuffer header(Path file, List<Map.Entry<String, Tensor>> tensors, Map<String, String> metadata) {
        StringJoiner json = new StringJoiner(",", "{", "}");
        if (!metadata.isEmpty()) {
            Map<String, String> sorted = new TreeMap<>(UTF8_ORDER);
            metadata.forEach((k, v) -> {
                checkUnicode(file, "metadata key", k);
                checkUnicode(file, "metadata value for '" + k + "'", v);
                sorted.put(k, v);
            });
            StringJoiner entries = new StringJoiner(",", "{", "}");
            sorted.forEach((k, v) -> entries.add(Json.quote(Json.quote(new StringBuilder(), k).append(':'), v)));
            json.add("\"" + METADATA_KEY + "\":" + entries);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors) {
            long end = offset + (long) e.getValue().numel() * Float.BYTES;
            StringJoiner shape = new StringJoiner(",", "[", "]");
            for (int d : e.getValue().shape()) {
                shape.add(Integer.toString(d));
            }
            json.add(Json.quote(new StringBuilder(), e.getKey()).append(":{\"dtype\":\"F32\",\"shape\":")
                    .append(shape).append(",\"data_offsets\":[").append(offset).append(',').append(end).append("]}"));
            offset = end;
        }
        byte[] utf8 = json.toString().getBytes(UTF_8);
        int padded = (utf8.length + 7) & ~7;
        if (padded > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException(file + ": header of " + padded + " bytes exceeds the " + MAX_HEADER_BYTES
                    + "-byte limit of safetensors readers");
        }
        ByteBuffer out = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(utf8);
        while (out.hasRemaining()) {
            out.put((byte) ' ');
        }
        return out.flip();
    }

    private static void checkUnicode(Path file, String what, String s) {
        if (s == null) {
            throw new IllegalArgumentException(file + ": " + what + " is null");
        }
        CharsetEncoder encoder = UTF_8.newEncoder();
        if (!encoder.canEncode(s)) {
            throw new IllegalArgumentException(file + ": " + what + " '" + s + "' has an unpaired surrogate");
        }
    }

    /** Copies the tensor's row-major values into the little-endian chunk and writes them, chunk by chunk. */
    private static void writeData(FileChannel channel, Tensor t, ByteBuffer chunk) throws IOException {
        Tensor c = t.isContiguous() ? t : t.detach().contiguous();
        FloatBuffer src = c.storage().buffer();
        FloatBuffer view = chunk.clear().asFloatBuffer();
        int perChunk = chunk.capacity() / Float.BYTES;
        for (int pos = c.offset(), end = c.offset() + c.numel(); pos < end; pos += perChunk) {
            int n = Math.min(perChunk, end - pos);
            view.put(0, src, pos, n);
            writeFully(channel, chunk.clear().limit(n * Float.BYTES));
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** A direct little-endian staging buffer: up to 1 MiB, a multiple of 8 bytes, no larger than needed. */
    private static ByteBuffer chunk(long bytes) {
        int size = (int) Math.max(8, Math.min(CHUNK_BYTES, (bytes + 7) & ~7L));
        return ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads every tensor (converted to float32, in data order) and the metadata of {@code file}.
     *
     * @throws SafeTensorsException naming the file and the problem when it is not a valid safetensors file
     */
    public static Loaded load(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new SafeTensorsException(file, "file is " + size
                        + " bytes, shorter than the 8-byte header length prefix");
            }
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(file, channel, prefix, 0);
            long n = prefix.getLong(0);
            if (n < 0 || n > MAX_HEADER_BYTES) {
                throw new SafeTensorsException(file, "header length " + Long.toUnsignedString(n)
                        + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
            }
            if (n > size - 8) {
                throw new SafeTensorsException(file, "header length " + n + " exceeds the " + (size - 8)
                        + " bytes after the length prefix (truncated file?)");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
            readFully(file, channel, headerBytes, 8);
            Map<String, Object> header = parseHeader(file, headerBytes.flip());
            Map<String, String> metadata = metadata(file, header.remove(METADATA_KEY));
            List<Entry> entries = entries(file, header);
            checkLayout(file, entries, size - 8 - n);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            ByteBuffer chunk = chunk(size - 8 - n);
            for (Entry e : entries) {
                tensors.put(e.name(), read(file, channel, 8 + n, e, chunk));
            }
            return new Loaded(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
        }
    }

    private static Map<String, Object> parseHeader(Path file, ByteBuffer bytes) throws SafeTensorsException {
        CharBuffer chars;
        try {
            chars = UTF_8.newDecoder().decode(bytes);
        } catch (CharacterCodingException e) {
            throw new SafeTensorsException(file, "header is not valid UTF-8", e);
        }
        Object root;
        try {
            root = Json.parse(chars.toString());
        } catch (Json.SyntaxException e) {
            throw new SafeTensorsException(file, "header is not valid JSON: " + e.getMessage(), e);
        }
        if (!(root instanceof Map)) {
            throw new SafeTensorsException(file, "header is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) root;
        return map;
    }

    private static Map<String, String> metadata(Path file, Object value) throws SafeTensorsException {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new SafeTensorsException(file, METADATA_KEY + " is not a JSON object");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new SafeTensorsException(file, METADATA_KEY + " value of '" + e.getKey()
                        + "' is not a string: " + e.getValue());
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }

    /** The tensor entries, validated one by one and sorted by data offset (header order among equals). */
    private static List<Entry> entries(Path file, Map<String, Object> header) throws SafeTensorsException {
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : header.entrySet()) {
            String name = e.getKey();
            if (!(e.getValue() instanceof Map<?, ?> info)) {
                throw new SafeTensorsException(file, "entry '" + name + "' is not a JSON object");
            }
            Object dtypeName = info.get("dtype");
            Dtype dtype = dtypeName instanceof String s ? Dtype.named(s) : null;
            if (dtype == null) {
                throw new SafeTensorsException(file, "tensor '" + name + "' has "
                        + (info.containsKey("dtype") ? "unsupported or unknown dtype " + dtypeName : "no dtype")
                        + " (readable: " + Arrays.toString(Dtype.values()) + ")");
            }
            long[] dims = integers(file, name, "shape", info.get("shape"), -1);
            long[] offsets = integers(file, name, "data_offsets", info.get("data_offsets"), 2);
            int[] shape = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                if (dims[i] > Integer.MAX_VALUE) {
                    throw new SafeTensorsException(file, "tensor '" + name + "' has dimension " + dims[i]
                            + ", more than a Tensor supports (" + Integer.MAX_VALUE + ")");
                }
                shape[i] = (int) dims[i];
            }
            Entry entry = new Entry(name, dtype, shape, offsets[0], offsets[1]);
            if (entry.end() < entry.begin()) {
                throw new SafeTensorsException(file, entry.describe() + ": end before begin");
            }
            long bytes = dtype.size;
            for (long d : dims) {
                bytes = multiplyOrMinusOne(bytes, d);
            }
            if (bytes != entry.end() - entry.begin()) {
                throw new SafeTensorsException(file, entry.describe() + ": shape and dtype need "
                        + (bytes < 0 ? "more than 2^63" : bytes) + " bytes but the offsets span "
                        + (entry.end() - entry.begin()));
            }
            out.add(entry);
        }
        out.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        return out;
    }

    private static long multiplyOrMinusOne(long a, long b) {
        try {
            return a < 0 ? -1 : Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /** A JSON list of non-negative integers ({@code count} of them unless negative). */
    private static long[] integers(Path file, String tensor, String field, Object value, int count)
            throws SafeTensorsException {
        String problem = "tensor '" + tensor + "': " + field + " must be a list of "
                + (count < 0 ? "" : count + " ") + "non-negative integers, got " + value;
        if (!(value instanceof List<?> list) || (count >= 0 && list.size() != count)) {
            throw new SafeTensorsException(file, problem);
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i) instanceof Json.Num num ? num.nonNegativeLong() : -1;
            if (out[i] < 0) {
                throw new SafeTensorsException(file, problem);
            }
        }
        return out;
    }

    /** The sorted tensors must tile {@code [0, dataBytes)}: no overlap, no gap, nothing outside or after. */
    private static void checkLayout(Path file, List<Entry> entries, long dataBytes) throws SafeTensorsException {
        long expected = 0;
        String previous = null;
        for (Entry e : entries) {
            if (e.begin() < expected) {
                throw new SafeTensorsException(file, e.describe() + " overlaps tensor '" + previous
                        + "' which ends at " + expected);
            }
            if (e.begin() > expected) {
                throw new SafeTensorsException(file, "gap of " + (e.begin() - expected) + " bytes before "
                        + e.describe());
            }
            if (e.end() > dataBytes) {
                throw new SafeTensorsException(file, e.describe() + " extends past the end of the " + dataBytes
                        + "-byte data section (truncated file?)");
            }
            expected = e.end();
            previous = e.name();
        }
        if (expected != dataBytes) {
            throw new SafeTensorsException(file, (dataBytes - expected) + " unexpected bytes after the last tensor "
                    + "(data section is " + dataBytes + " bytes, tensors cover " + expected + ")");
        }
    }

    /** Reads one tensor, chunk by chunk, converting to float32. */
    private static Tensor read(Path file, FileChannel channel, long dataStart, Entry e, ByteBuffer chunk)
            throws IOException {
        Tensor t;
        try {
            t = Tensor.zeros(e.shape());
        } catch (IllegalArgumentException tooLarge) {
            throw new SafeTensorsException(file, e.describe() + " cannot be held: " + tooLarge.getMessage(),
                    tooLarge);
        }
        FloatBuffer dst = t.storage().buffer();
        int perChunk = chunk.capacity() / e.dtype().size;
        long pos = dataStart + e.begin();
        for (int done = 0, count = t.numel(); done < count; done += perChunk) {
            int n = Math.min(perChunk, count - done);
            chunk.clear().limit(n * e.dtype().size);
            readFully(file, channel, chunk, pos);
            e.dtype().decode(chunk.flip(), n, dst, done);
            pos += (long) n * e.dtype().size;
        }
        return t;
    }

    private static void readFully(Path file, FileChannel channel, ByteBuffer dst, long position) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int r = channel.read(dst, pos);
            if (r < 0) {
                throw new SafeTensorsException(file, "unexpected end of file at byte " + pos
                        + " (file changed while reading?)");
            }
            pos += r;
        }
    }

    /** IEEE 754 binary16 to binary32 (exact: every half is a float). */
    static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | mantissa << 13);
        }
        if (exponent == 0) {
            float subnormal = mantissa * 0x1p-24f;
            return sign != 0 ? -subnormal : subnormal;
        }
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
    }
}

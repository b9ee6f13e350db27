package org.ebl4j.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed file gives a SafeTensorsException "<file>: <problem>", never another exception. */
class SafeTensorsCorruptionTest {
    @TempDir
    Path dir;

    private static final String A8 = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    private SafeTensorsException failure(byte[] content) throws IOException {
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, content);
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.load(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertEquals(file, e.file());
        return e;
    }

    private void assertProblem(byte[] content, String expected) throws IOException {
        String message = failure(content).getMessage();
        assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
    }

    private byte[] valid() throws IOException {
        Path file = dir.resolve("valid.safetensors");
        SafeTensors.save(file, Map.of("w", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3), "b", Tensor.vector(7, 8),
                "s", Tensor.scalar(9)), Map.of("epoch", "12"));
        return Files.readAllBytes(file);
    }

    private static long headerLength(byte[] file) {
        return ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    @Test
    void everyTruncationIsReportedByRegion() throws IOException {
        byte[] full = valid();
        long n = headerLength(full);
        for (int len = 0; len < full.length; len++) {
            String message = failure(Arrays.copyOf(full, len)).getMessage();
            String expected = len < 8 ? "shorter than the 8-byte header length prefix"
                    : len < 8 + n ? "exceeds the " + (len - 8) + " bytes after the length prefix"
                    : "extends past the end of the " + (len - 8 - n) + "-byte data section";
            assertTrue(message.contains(expected), "length " + len + ": " + message);
        }
    }

    @Test
    void flippedHeaderBytesNeverEscapeAsAnotherException() throws IOException {
        byte[] full = valid();
        long headerEnd = 8 + headerLength(full);
        Path file = dir.resolve("flipped.safetensors");
        int rejected = 0;
        int tried = 0;
        for (int i = 0; i < headerEnd; i++) {
            for (int mask : new int[] {0x01, 0x20, 0x80}) {
                byte[] bad = full.clone();
                bad[i] ^= (byte) mask;
                Files.write(file, bad);
                tried++;
                try {
                    SafeTensors.load(file);
                } catch (SafeTensorsException e) {
                    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
                    rejected++;
                } catch (RuntimeException | IOException e) {
                    fail("byte " + i + " ^ " + mask + " escaped as " + e, e);
                }
            }
        }
        // Some flips stay valid (a renamed tensor, a changed metadata character, padding space to tab...), most not.
        assertTrue(rejected > tried * 3 / 4, rejected + " of " + tried + " rejected");
    }

    static Stream<Arguments> malformedHeaders() {
        return Stream.of(
                Arguments.of("{" + A8, TestFiles.floats(1, 2), "header is not valid JSON: unexpected end of text"),
                Arguments.of("{" + A8 + ",}", TestFiles.floats(1, 2), "header is not valid JSON"),
                Arguments.of("", new byte[0], "header is not valid JSON"),
                Arguments.of("{" + A8 + "," + A8 + "}", TestFiles.floats(1, 2), "duplicate key \"a\""),
                Arguments.of("[]", new byte[0], "header is not a JSON object"),
                Arguments.of("{\"a\":3}", new byte[0], "entry 'a' is not a JSON object"),
                Arguments.of("{" + A8.replace("F32", "F33") + "}", TestFiles.floats(1, 2),
                        "tensor 'a' has unsupported or unknown dtype F33 (readable: [BOOL, U8, I8, I16, F16, BF16, "
                                + "I32, F32, I64, F64])"),
                Arguments.of("{" + A8.replace("F32", "F8_E4M3") + "}", TestFiles.floats(1, 2),
                        "unsupported or unknown dtype F8_E4M3"),
                Arguments.of("{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}", TestFiles.floats(1, 2),
                        "tensor 'a' has no dtype"),
                Arguments.of("{" + A8.replace("[2]", "[-2]") + "}", TestFiles.floats(1, 2),
                        "tensor 'a': shape must be a list of non-negative integers, got [-2]"),
                Arguments.of("{" + A8.replace("[2]", "[2.0]") + "}", TestFiles.floats(1, 2),
                        "shape must be a list of non-negative integers, got [2.0]"),
                Arguments.of("{" + A8.replace("\"shape\":[2],", "") + "}", TestFiles.floats(1, 2),
                        "shape must be a list of non-negative integers, got null"),
                Arguments.of("{" + A8.replace("[0,8]", "[0,8,8]") + "}", TestFiles.floats(1, 2),
                        "data_offsets must be a list of 2 non-negative integers, got [0, 8, 8]"),
                Arguments.of("{" + A8.replace("[0,8]", "[0,99999999999999999999]") + "}", TestFiles.floats(1, 2),
                        "data_offsets must be a list of 2 non-negative integers"),
                Arguments.of("{" + A8.replace("[0,8]", "[0,12]") + "}", TestFiles.floats(1, 2, 3),
                        "tensor 'a' (F32, shape [2], data_offsets [0, 12]): shape and dtype need 8 bytes but the "
                                + "offsets span 12"),
                Arguments.of("{" + A8.replace("[0,8]", "[8,0]") + "}", TestFiles.floats(1, 2),
                        "data_offsets [8, 0]): end before begin"),
                Arguments.of("{" + A8.replace("[2]", "[2147483647,2147483647,2147483647,4]") + "}",
                        TestFiles.floats(1, 2), "shape and dtype need more than 2^63 bytes"),
                Arguments.of("{" + A8.replace("[2]", "[4294967296,0]").replace("[0,8]", "[0,0]") + "}", new byte[0],
                        "tensor 'a' has dimension 4294967296, more than a Tensor supports"),
                Arguments.of("{" + A8 + "," + A8.replace("\"a\"", "\"b\"").replace("[0,8]", "[4,12]") + "}",
                        TestFiles.floats(1, 2, 3), "tensor 'b' (F32, shape [2], data_offsets [4, 12]) overlaps "
                                + "tensor 'a' which ends at 8"),
                Arguments.of("{" + A8 + "," + A8.replace("\"a\"", "\"b\"").replace("[0,8]", "[12,20]") + "}",
                        TestFiles.floats(1, 2, 3, 4, 5), "gap of 4 bytes before tensor 'b'"),
                Arguments.of("{" + A8.replace("[0,8]", "[4,12]") + "}", TestFiles.floats(1, 2, 3),
                        "gap of 4 bytes before tensor 'a'"),
                Arguments.of("{" + A8 + "}", TestFiles.floats(1),
                        "tensor 'a' (F32, shape [2], data_offsets [0, 8]) extends past the end of the 4-byte data "
                                + "section (truncated file?)"),
                Arguments.of("{" + A8 + "}", TestFiles.floats(1, 2, 3),
                        "4 unexpected bytes after the last tensor (data section is 12 bytes, tensors cover 8)"),
                Arguments.of("{\"__metadata__\":{\"k\":1}}", new byte[0],
                        "__metadata__ value of 'k' is not a string: 1"),
                Arguments.of("{\"__metadata__\":[]}", new byte[0], "__metadata__ is not a JSON object"),
                Arguments.of("{\"__metadata__\":" + "[".repeat(100) + "]".repeat(100) + "}", new byte[0],
                        "nesting deeper than 64 levels"));
    }

    @ParameterizedTest
    @MethodSource("malformedHeaders")
    void malformedHeadersNameTheProblem(String header, byte[] data, String expected) throws IOException {
        assertProblem(TestFiles.safetensors(header, data), expected);
    }

    @Test
    void lengthPrefixIsChecked() throws IOException {
        assertProblem(new byte[5], "file is 5 bytes, shorter than the 8-byte header length prefix");
        assertProblem(TestFiles.raw(200_000_000L, new byte[0], new byte[0]),
                "header length 200000000 exceeds the limit of 100000000 bytes");
        assertProblem(TestFiles.raw(-1L, new byte[0], new byte[0]),
                "header length 18446744073709551615 exceeds the limit of 100000000 bytes");
        assertProblem(TestFiles.raw(64, "{}".getBytes(UTF_8), new byte[0]),
                "header length 64 exceeds the 2 bytes after the length prefix (truncated file?)");
    }

    @Test
    void headerMustBeUtf8() throws IOException {
        byte[] header = ("{" + A8.replace("\"a\"", "\"a?\"") + "}").getBytes(UTF_8);
        header[3] = (byte) 0xFF;
        assertProblem(TestFiles.raw(header.length, header, TestFiles.floats(1, 2)), "header is not valid UTF-8");
        byte[] surrogate = "{\"a???\":1}".getBytes(UTF_8);
        surrogate[3] = (byte) 0xED; // CESU-8 encoded U+D800 is not UTF-8
        surrogate[4] = (byte) 0xA0;
        surrogate[5] = (byte) 0x80;
        assertProblem(TestFiles.raw(surrogate.length, surrogate, new byte[0]), "header is not valid UTF-8");
    }

    @Test
    void tensorTooLargeForATensorIsReportedBeforeAllocating() throws IOException {
        // A sparse 1 GiB file declaring 2^30 BOOL elements: valid safetensors, but beyond what a Tensor holds.
        String header = "{\"big\":{\"dtype\":\"BOOL\",\"shape\":[1048576,1024],\"data_offsets\":[0,1073741824]}}";
        Path file = dir.resolve("big.safetensors");
        byte[] head = TestFiles.safetensors(header, new byte[0]);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(head);
            raf.setLength(head.length + (1L << 30));
        }
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.load(file));
        assertTrue(e.getMessage().startsWith(file + ": tensor 'big' (BOOL, shape [1048576, 1024], data_offsets [0, "
                + "1073741824]) cannot be held: "), e.getMessage());
    }
}

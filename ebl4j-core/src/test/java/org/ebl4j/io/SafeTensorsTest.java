package org.ebl4j.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ebl4j.tensor.Rng;
import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private static int[] bits(Tensor t) {
        float[] v = t.toArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToRawIntBits(v[i]);
        }
        return out;
    }

    @Test
    void roundTripKeepsShapesBitsAndMetadata() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.of(new float[] {1.5f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.MIN_VALUE,
            -Float.MAX_VALUE}, 2, 3));
        tensors.put("scalar", Tensor.scalar(-7.25f));
        tensors.put("empty", Tensor.zeros(0));
        tensors.put("empty3d", Tensor.zeros(3, 0, 2));
        Tensor base = new Rng(1).normal(0, 1, 3, 4);
        tensors.put("transposed", base.t());
        tensors.put("sliced", base.slice(1, 1, 4, 2));
        tensors.put("layer.0.bias", Tensor.vector(1, 2, 3));
        Map<String, String> metadata = Map.of("epoch", "3", "", "empty key",
                "note", "quote \" backslash \\ newline \n tab \t ctrl \u0001 del \u007f é 😀 /");
        Path file = dir.resolve("t.safetensors");
        SafeTensors.save(file, tensors, metadata);

        SafeTensors.Loaded loaded = SafeTensors.load(file);
        assertEquals(List.of("empty", "empty3d", "layer.0.bias", "scalar", "sliced", "transposed", "w"),
                List.copyOf(loaded.tensors().keySet()), "names sorted as the reference writer sorts them");
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor got = loaded.tensors().get(e.getKey());
            assertArrayEquals(e.getValue().shape(), got.shape(), e.getKey());
            assertArrayEquals(bits(e.getValue()), bits(got), e.getKey());
        }
        assertEquals(metadata, loaded.metadata());
        assertEquals(List.of(), leftovers(file), "no temporary file left");
    }

    @Test
    void writesTheReferenceBytes() throws IOException {
        // What safetensors.torch.save_file({"a": torch.tensor([1.0, 2.0])}, ...) writes: the length 56 (u64 LE),
        // the compact header (54 bytes) padded with 2 spaces, then 1.0f and 2.0f little-endian.
        byte[] expected = new byte[] {56, 0, 0, 0, 0, 0, 0, 0,
            '{', '"', 'a', '"', ':', '{', '"', 'd', 't', 'y', 'p', 'e', '"', ':', '"', 'F', '3', '2', '"', ',',
            '"', 's', 'h', 'a', 'p', 'e', '"', ':', '[', '2', ']', ',',
            '"', 'd', 'a', 't', 'a', '_', 'o', 'f', 'f', 's', 'e', 't', 's', '"', ':',
            '[', '0', ',', '8', ']', '}', '}',
            ' ', ' ',
            0, 0, (byte) 0x80, 0x3F, 0, 0, 0, 0x40};
        Path file = dir.resolve("a.safetensors");
        SafeTensors.save(file, Map.of("a", Tensor.vector(1f, 2f)), Map.of());
        assertArrayEquals(expected, Files.readAllBytes(file));
        SafeTensors.Loaded loaded = SafeTensors.load(file);
        assertArrayEquals(new float[] {1f, 2f}, loaded.tensors().get("a").toArray());
        assertEquals(Map.of(), loaded.metadata());

        // The reference's own test vectors (safetensors/src/tensor.rs): a 64-byte header needs no padding, an
        // empty file is "{}" plus 6 spaces, metadata alone is padded with 5.
        SafeTensors.save(file, Map.of("attn.0", Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 1, 2, 3)), Map.of());
        assertArrayEquals(TestFiles.raw(64,
                "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}".getBytes(UTF_8),
                TestFiles.floats(0, 1, 2, 3, 4, 5)), Files.readAllBytes(file));
        SafeTensors.save(file, Map.of(), Map.of());
        assertArrayEquals(TestFiles.raw(8, "{}      ".getBytes(UTF_8), new byte[0]), Files.readAllBytes(file));
        SafeTensors.save(file, Map.of(), Map.of("framework", "pt"));
        assertArrayEquals(TestFiles.raw(40, "{\"__metadata__\":{\"framework\":\"pt\"}}     ".getBytes(UTF_8),
                new byte[0]), Files.readAllBytes(file));
    }

    @Test
    void writtenHeaderIsCompactJsonWithContiguousOffsets() throws Exception {
        Path file = dir.resolve("h.safetensors");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2));
        tensors.put("a", Tensor.scalar(9));
        tensors.put("c", Tensor.zeros(0));
        SafeTensors.save(file, tensors, Map.of("step", "7", "epoch", "2"));

        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) bytes.getLong(0);
        assertEquals(0, n % 8, "header padded to a multiple of 8");
        String header = new String(bytes.array(), 8, n, UTF_8);
        String json = "{\"__metadata__\":{\"epoch\":\"2\",\"step\":\"7\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[4,20]},"
                + "\"c\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[20,20]}}";
        assertEquals(json + " ".repeat(n - json.length()), header);
        Map<?, ?> parsed = (Map<?, ?>) Json.parse(header);
        Map<?, ?> b = (Map<?, ?>) parsed.get("b");
        assertEquals(List.of(new Json.Num("4"), new Json.Num("20")), b.get("data_offsets"));
        byte[] data = new byte[bytes.capacity() - 8 - n];
        bytes.get(8 + n, data);
        assertArrayEquals(TestFiles.floats(9, 1, 2, 3, 4), data);
    }

    @Test
    void sortsNamesByUtf8BytesLikeRustStrings() throws IOException {
        // UTF-16 puts the surrogate pair of U+1F600 before U+FF21; UTF-8 (EF.. vs F0..) and Rust put it after.
        Path file = dir.resolve("u.safetensors");
        SafeTensors.save(file, Map.of("\uD83D\uDE00", Tensor.scalar(1), "\uFF21", Tensor.scalar(2), "b",
                Tensor.scalar(3)), Map.of());
        assertEquals(List.of("b", "\uFF21", "\uD83D\uDE00"), List.copyOf(SafeTensors.load(file).tensors().keySet()));
    }

    @Test
    void readsEveryDtypeAsTheReferenceWriterLaysItOut() throws IOException {
        // The reference writer orders tensors by descending dtype (I64, F64, F32, I32, BF16, F16, I16, I8, U8, BOOL)
        // then by name, and writes __metadata__ first.
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"i64\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[0,24]},"
                + "\"f64\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[24,48]},"
                + "\"f32\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[48,56]},"
                + "\"i32\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[56,64]},"
                + "\"bf16\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[64,70]},"
                + "\"f16\":{\"dtype\":\"F16\",\"shape\":[7],\"data_offsets\":[70,84]},"
                + "\"i16\":{\"dtype\":\"I16\",\"shape\":[2],\"data_offsets\":[84,88]},"
                + "\"i8\":{\"dtype\":\"I8\",\"shape\":[2],\"data_offsets\":[88,90]},"
                + "\"u8\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[90,92]},"
                + "\"bool\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[92,95]}}";
        byte[] data = TestFiles.bytes(95, b -> {
            b.putLong(-5).putLong(0).putLong(1L << 40);
            b.putDouble(0.1).putDouble(-1e300).putDouble(Math.PI);
            b.putFloat(1.5f).putFloat(-2.5f);
            b.putInt(-7).putInt(123_456_789);
            b.putShort((short) 0x3F80).putShort((short) 0xC040).putShort((short) 0x7F80);
            for (int h : new int[] {0x3C00, 0xC000, 0x7BFF, 0x0001, 0x8000, 0x7C00, 0x3555}) {
                b.putShort((short) h);
            }
            b.putShort(Short.MIN_VALUE).putShort(Short.MAX_VALUE);
            b.put((byte) -128).put((byte) 127);
            b.put((byte) 0).put((byte) 255);
            b.put((byte) 0).put((byte) 1).put((byte) 1);
        });
        Path file = dir.resolve("dtypes.safetensors");
        Files.write(file, TestFiles.safetensors(header, data));

        SafeTensors.Loaded loaded = SafeTensors.load(file);
        Map<String, Tensor> t = loaded.tensors();
        assertEquals(List.of("i64", "f64", "f32", "i32", "bf16", "f16", "i16", "i8", "u8", "bool"),
                List.copyOf(t.keySet()), "data order");
        assertEquals(Map.of("format", "pt"), loaded.metadata());
        assertArrayEquals(new float[] {-5, 0, 1099511627776f}, t.get("i64").toArray());
        assertArrayEquals(new float[] {0.1f, Float.NEGATIVE_INFINITY, 3.1415927f}, t.get("f64").toArray());
        assertArrayEquals(new int[] {2, 1}, t.get("f32").shape());
        assertArrayEquals(new float[] {1.5f, -2.5f}, t.get("f32").toArray());
        assertArrayEquals(new float[] {-7, 123_456_792}, t.get("i32").toArray(), "rounded to the nearest float");
        assertArrayEquals(new float[] {1, -3, Float.POSITIVE_INFINITY}, t.get("bf16").toArray());
        assertArrayEquals(new float[] {1, -2, 65504, 0x1p-24f, -0f, Float.POSITIVE_INFINITY, 0.333251953125f},
                t.get("f16").toArray());
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(t.get("f16").get(4)));
        assertArrayEquals(new float[] {-32768, 32767}, t.get("i16").toArray());
        assertArrayEquals(new float[] {-128, 127}, t.get("i8").toArray());
        assertArrayEquals(new float[] {0, 255}, t.get("u8").toArray());
        assertArrayEquals(new float[] {0, 1, 1}, t.get("bool").toArray());
    }

    @Test
    void halfPrecisionConversionMatchesTheFloatRoundTripOfEveryHalf() {
        // Every finite half is exactly a float: rounding that float back to half must give the same bits.
        for (int h = 0; h < 0x10000; h++) {
            float f = SafeTensors.halfToFloat((short) h);
            int exponent = (h >> 10) & 0x1F;
            if (exponent == 0x1F) {
                assertEquals((h & 0x3FF) != 0, Float.isNaN(f), "half 0x" + Integer.toHexString(h));
                continue;
            }
            double magnitude = exponent == 0 ? (h & 0x3FF) * 0x1p-24 : (1 + (h & 0x3FF) / 1024.0)
                    * Math.pow(2, exponent - 15);
            assertEquals((h & 0x8000) != 0 ? -magnitude : magnitude, f, 0.0, "half 0x" + Integer.toHexString(h));
        }
    }

    @Test
    void largeTensorsCrossSeveralChunks() throws IOException {
        Tensor big = new Rng(3).normal(0, 1, 700, 1000); // 2.8 MB: three 1 MiB chunks
        Path file = dir.resolve("big.safetensors");
        SafeTensors.save(file, Map.of("big", big, "after", Tensor.vector(5, 6)), Map.of());
        SafeTensors.Loaded loaded = SafeTensors.load(file);
        assertArrayEquals(big.toArray(), loaded.tensors().get("big").toArray());
        assertArrayEquals(new float[] {5, 6}, loaded.tensors().get("after").toArray());
    }

    @Test
    void rejectsWhatTheFormatCannotHoldAndWritesNothing() {
        Path file = dir.resolve("bad.safetensors");
        Map<String, Tensor> reserved = Map.of("__metadata__", Tensor.scalar(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.save(file, reserved, Map.of()));
        assertTrue(e.getMessage().startsWith(file + ": cannot save tensor '__metadata__'"), e.getMessage());
        Map<String, Tensor> withNull = new LinkedHashMap<>();
        withNull.put("x", null);
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(file, withNull, Map.of()));
        e = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.save(file, Map.of("bad\uD800", Tensor.scalar(1)), Map.of()));
        assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.save(file, Map.of(), Map.of("k", "\uDC00")));
        assertFalse(Files.exists(file));
    }

    /** Files in the directory of {@code file} other than itself. */
    static List<Path> leftovers(Path file) throws IOException {
        List<Path> out = new ArrayList<>();
        try (var s = Files.list(file.getParent())) {
            s.filter(p -> !p.equals(file)).forEach(out::add);
        }
        return out;
    }
}

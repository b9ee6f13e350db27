package org.ebl4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.ebl4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path dir;

    /**
     * The bytes of a .npy file written by hand from the format description (NEP 1): magic, version, header length
     * (little-endian, 2 bytes in version 1, 4 in versions 2 and 3), the header padded with spaces and ended by a
     * newline so that the data starts at a multiple of 64, then the data.
     */
    static byte[] npy(int major, String dict, byte[] data) {
        int prefix = 6 + 2 + (major == 1 ? 2 : 4);
        StringBuilder header = new StringBuilder(dict);
        while ((prefix + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer b = ByteBuffer.allocate(prefix + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) header.length());
        } else {
            b.putInt(header.length());
        }
        b.put(header.toString().getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return b.array();
    }

    static String dict(String descr, boolean fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape
                + ", }";
    }

    private static byte[] doubles(ByteOrder order, double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(order);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    private static byte[] written(ByteBuffer b) {
        return Arrays.copyOf(b.array(), b.position());
    }

    private Tensor read(byte[] bytes) throws IOException {
        Path f = dir.resolve("a.npy");
        Files.write(f, bytes);
        return Npy.read(f);
    }

    private void assertFails(String expected, byte[] bytes) throws IOException {
        Path f = dir.resolve("bad.npy");
        Files.write(f, bytes);
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().startsWith(f + ": "), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), "says '" + expected + "': " + e.getMessage());
    }

    @Test
    void headerPadsDataToSixtyFourBytes() {
        byte[] b = npy(1, dict("<f8", false, "(2, 3)"), new byte[0]);
        assertEquals(128, b.length); // the 62-character dict overflows the first 64 bytes
        assertEquals(118, (b[8] & 0xff) | (b[9] & 0xff) << 8);
        assertEquals('\n', b[127]);
    }

    @Test
    void readsFloat64InCOrder() throws IOException {
        Tensor t = read(npy(1, dict("<f8", false, "(2, 3)"), doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 0.1)));
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 0.1f}, t.toArray());
    }

    @Test
    void fortranOrderIsTransposedIntoRowMajor() throws IOException {
        // the 2 x 3 matrix [[1, 2, 3], [4, 5, 6]] stored column by column
        Tensor t = read(npy(1, dict("<f8", true, "(2, 3)"), doubles(ByteOrder.LITTLE_ENDIAN, 1, 4, 2, 5, 3, 6)));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, t.toArray());
        // rank 3: element (i, j, k) at Fortran offset i + 2 j + 6 k holds 100 i + 10 j + k
        double[] v = new double[24];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    v[i + 2 * j + 6 * k] = 100 * i + 10 * j + k;
                }
            }
        }
        Tensor u = read(npy(1, dict("<f8", true, "(2, 3, 4)"), doubles(ByteOrder.LITTLE_ENDIAN, v)));
        assertArrayEquals(new int[] {2, 3, 4}, u.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(100 * i + 10 * j + k, u.get(i, j, k));
                }
            }
        }
    }

    @Test
    void readsEveryIntegerAndFloatTypeInBothByteOrders() throws IOException {
        ByteBuffer le = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer be = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
        assertArrayEquals(new float[] {-1.5f, 3e38f}, read(npy(1, dict("<f4", false, "(2,)"),
                written(le.clear().putFloat(-1.5f).putFloat(3e38f)))).toArray());
        assertArrayEquals(new float[] {-1.5f, 3e38f}, read(npy(1, dict(">f4", false, "(2,)"),
                written(be.clear().putFloat(-1.5f).putFloat(3e38f)))).toArray());
        assertArrayEquals(new float[] {0.25f}, read(npy(1, dict(">f8", false, "(1,)"),
                doubles(ByteOrder.BIG_ENDIAN, 0.25))).toArray());
        assertArrayEquals(new float[] {-2, 127, -128}, read(npy(1, dict("|i1", false, "(3,)"),
                new byte[] {-2, 127, -128})).toArray());
        assertArrayEquals(new float[] {254, 127, 128}, read(npy(1, dict("|u1", false, "(3,)"),
                new byte[] {-2, 127, -128})).toArray());
        assertArrayEquals(new float[] {1, 0, 1}, read(npy(1, dict("|b1", false, "(3,)"),
                new byte[] {1, 0, 1})).toArray());
        assertArrayEquals(new float[] {-300, 65000 - 65536}, read(npy(1, dict("<i2", false, "(2,)"),
                written(le.clear().putShort((short) -300).putShort((short) 65000)))).toArray());
        assertArrayEquals(new float[] {65236, 65000}, read(npy(1, dict(">u2", false, "(2,)"),
                written(be.clear().putShort((short) -300).putShort((short) 65000)))).toArray());
        assertArrayEquals(new float[] {-70000, 123456}, read(npy(1, dict("<i4", false, "(2,)"),
                written(le.clear().putInt(-70000).putInt(123456)))).toArray());
        assertArrayEquals(new float[] {4294967296f - 70000}, read(npy(1, dict(">u4", false, "(1,)"),
                written(be.clear().putInt(-70000)))).toArray());
        assertArrayEquals(new float[] {-5_000_000_000f}, read(npy(1, dict("<i8", false, "(1,)"),
                written(le.clear().putLong(-5_000_000_000L)))).toArray());
        // 2^64 - 2, the top of uint64, rounds to 2^64
        assertArrayEquals(new float[] {18446744073709551616f}, read(npy(1, dict(">u8", false, "(1,)"),
                written(be.clear().putLong(-2L)))).toArray());
    }

    @Test
    void versionsTwoAndThreeScalarsAndEmptyArrays() throws IOException {
        byte[] half = doubles(ByteOrder.LITTLE_ENDIAN, 0.5);
        assertArrayEquals(new float[] {0.5f}, read(npy(2, dict("<f8", false, "(1,)"), half)).toArray());
        assertArrayEquals(new float[] {0.5f}, read(npy(3, dict("<f8", false, "(1, 1)"), half)).toArray());
        Tensor scalar = read(npy(1, dict("<f8", false, "()"), half));
        assertArrayEquals(new int[0], scalar.shape());
        assertEquals(0.5f, scalar.toArray()[0]);
        assertArrayEquals(new int[] {0, 3}, read(npy(1, dict("<f8", false, "(0, 3)"), new byte[0])).shape());
        // double quotes, no trailing comma, keys in another order, Python 2 long dims, a gzip-compressed file
        Tensor t = read(IdxFiles.gzip(npy(1, "{\"shape\": (1L, 1L), \"fortran_order\": False, \"descr\": \"<f8\"}",
                half)));
        assertArrayEquals(new int[] {1, 1}, t.shape());
    }

    @Test
    void rejectsWrongMagicVersionAndTruncatedPreamble() throws IOException {
        byte[] good = npy(1, dict("<f8", false, "(1,)"), doubles(ByteOrder.LITTLE_ENDIAN, 1));
        byte[] b = good.clone();
        b[1] = 'n';
        assertFails("not a .npy file: it does not start with the magic string \\x93NUMPY (found '\\x93nUMPY\\x01"
                + "\\x00')", b);
        assertFails("not a .npy file", new byte[0]);
        b = good.clone();
        b[6] = 4;
        assertFails("unsupported .npy version 4.0", b);
        b = good.clone();
        b[7] = 1;
        assertFails("unsupported .npy version 1.1", b);
        assertFails("ends inside the version bytes", Arrays.copyOf(good, 7));
        assertFails("ends inside the header length", Arrays.copyOf(good, 9));
        assertFails("the header length is 118 bytes, found only 20", Arrays.copyOf(good, 30));
        b = npy(2, dict("<f8", false, "(1,)"), new byte[0]);
        b[11] = 0x7f; // header length 2^31 - ...
        assertFails("is more than the 65536 bytes accepted", b);
    }

    @Test
    void rejectsMalformedHeaderDicts() throws IOException {
        byte[] d = doubles(ByteOrder.LITTLE_ENDIAN, 1);
        assertFails("malformed .npy header: no 'shape' key", npy(1, "{'descr': '<f8', 'fortran_order': False}", d));
        assertFails("unexpected key 'order'", npy(1, "{'descr': '<f8', 'order': False, 'shape': (1,)}", d));
        assertFails("repeated key 'descr'", npy(1, "{'descr': '<f8', 'descr': '<f8', 'shape': (1,)}", d));
        assertFails("a one-dimensional shape needs a trailing comma, as in (3,)", npy(1, dict("<f8", false, "(1)"),
                d));
        assertFails("negative dimension", npy(1, dict("<f8", false, "(-1,)"), d));
        assertFails("dimension 4294967296 is larger than 2147483647", npy(1, dict("<f8", false, "(4294967296,)"),
                d));
        assertFails("expected a dimension", npy(1, dict("<f8", false, "(a,)"), d));
        assertFails("expected ')'", npy(1, dict("<f8", false, "(1.5,)"), d));
        assertFails("expected True or False", npy(1, "{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}", d));
        assertFails("unterminated string", npy(1, "{'descr': '<f8}", d));
        assertFails("expected '{'", npy(1, "['descr', '<f8']", d));
        assertFails("text after the closing '}'", npy(1, dict("<f8", false, "(1,)") + " x", d));
        assertFails("expected ':' at character 9 of '{'descr' '<f8'", npy(1, "{'descr' '<f8'}", d));
    }

    @Test
    void rejectsUnsupportedDtypes() throws IOException {
        byte[] d = new byte[16];
        assertFails("unsupported dtype '|O': object arrays (pickled Python objects) are not supported",
                npy(1, dict("|O", false, "(2,)"), d));
        assertFails("unsupported dtype '<c16': complex numbers", npy(1, dict("<c16", false, "(1,)"), d));
        assertFails("unsupported dtype '<U4': strings", npy(1, dict("<U4", false, "(1,)"), d));
        assertFails("unsupported dtype '<f2': float16 is not supported", npy(1, dict("<f2", false, "(8,)"), d));
        assertFails("unsupported dtype '=f8': native byte order", npy(1, dict("=f8", false, "(2,)"), d));
        assertFails("unsupported dtype '|f8': a 8-byte type needs byte order '<' or '>'",
                npy(1, dict("|f8", false, "(2,)"), d));
        assertFails("structured dtypes (a list of fields) are not supported",
                npy(1, "{'descr': [('x', '<f8')], 'fortran_order': False, 'shape': (2,)}", d));
    }

    @Test
    void rejectsShapeAndSizeMismatches() throws IOException {
        assertFails("truncated .npy file: shape [2, 3] of <f8 needs 48 bytes of data, found only 40",
                npy(1, dict("<f8", false, "(2, 3)"), new byte[40]));
        assertFails("trailing data: 8 bytes after the 40 data bytes that shape [5] of <f8 needs",
                npy(1, dict("<f8", false, "(5,)"), new byte[48]));
        // a lying shape fails before any allocation of its size
        assertFails("shape [2147483647, 2147483647]: more than 536870911 values",
                npy(1, dict("<f8", false, "(2147483647, 2147483647)"), new byte[8]));
        assertFails("shape [300000000] of <f8 needs 2400000000 bytes, more than a Java array holds",
                npy(1, dict("<f8", false, "(300000000,)"), new byte[8]));
        assertFails("needs 800000000 bytes of data, found only 8",
                npy(1, dict("<f8", false, "(100000000,)"), new byte[8]));
    }
}

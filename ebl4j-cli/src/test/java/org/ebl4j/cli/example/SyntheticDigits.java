package org.ebl4j.cli.example;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * 300 noisy 8x8 "digits" as gzip IDX files (images-idx3-ubyte.gz, labels-idx1-ubyte.gz), the MNIST layout: class c
 * lights row c (c &lt; 8) or column 0 / 7 (c = 8, 9); lit pixels are onBase + U[0, onSpread), the others
 * U[0, offSpread).
 */
final class SyntheticDigits {
    static final int COUNT = 300;

    private SyntheticDigits() {
    }

    static void write(Path dir, long seed, int onBase, int onSpread, int offSpread) throws IOException {
        Random random = new Random(seed);
        byte[] pixels = new byte[COUNT * 64];
        byte[] labels = new byte[COUNT];
        for (int i = 0; i < COUNT; i++) {
            int c = random.nextInt(10);
            labels[i] = (byte) c;
            for (int p = 0; p < 64; p++) {
                boolean on = c < 8 ? p / 8 == c : p % 8 == (c == 8 ? 0 : 7);
                pixels[i * 64 + p] = (byte) (on ? onBase + random.nextInt(onSpread) : random.nextInt(offSpread));
            }
        }
        idx(dir.resolve("images-idx3-ubyte.gz"), new int[] {COUNT, 8, 8}, pixels);
        idx(dir.resolve("labels-idx1-ubyte.gz"), new int[] {COUNT}, labels);
    }

    private static void idx(Path file, int[] dims, byte[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes); DataOutputStream out = new DataOutputStream(gz)) {
            out.write(new byte[] {0, 0, 8, (byte) dims.length});
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(values);
        }
        Files.write(file, bytes.toByteArray());
    }
}

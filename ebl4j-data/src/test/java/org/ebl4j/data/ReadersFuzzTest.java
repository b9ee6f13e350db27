package org.ebl4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.ebl4j.data.image.ImageFile;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file reader of ebl4j-data, fed {@value #INPUTS} seeded random and mutated inputs by {@link Fuzzer}, reads each
 * or rejects it with an {@link IllegalArgumentException} naming the file, and nothing else. A new reader is one more
 * line in {@link #targets}.
 */
class ReadersFuzzTest {
    static final long SEED = 20060101L;
    static final int INPUTS = 3000;

    @TempDir
    Path dir;

    static Stream<Fuzzer.Target> targets() {
        return Stream.of(
                new Fuzzer.Target("idx", "images-idx3-ubyte.gz", IdxReader::readTensor, idxSeeds()),
                new Fuzzer.Target("npy", "array.npy", Npy::read, npySeeds()),
                new Fuzzer.Target("csv", "table.csv", f -> Csv.read(f, Csv.Options.DEFAULT.label(-1)), csvSeeds()),
                new Fuzzer.Target("conll", "train.data", Conll::read, conllSeeds()),
                new Fuzzer.Target("image", "image.png", ImageFile::grey, imageSeeds()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @Timeout(60) // a reader caught in a loop fails instead of hanging the build
    void readsOrRejectsNamingTheFile(Fuzzer.Target target) throws IOException {
        Fuzzer.Stats s = Fuzzer.run(target, dir, SEED, INPUTS);
        System.out.printf("fuzz %s: %d inputs, %d read, %d rejected %s%n", target, s.inputs(), s.accepted(),
                s.rejected(), s.problems());
        assertEquals(INPUTS, s.accepted() + s.rejected());
        // the mutations reach both outcomes: the fuzzer neither only breaks the magic nor only flips data bits
        assertTrue(s.accepted() > target.seeds().size(), "some mutations are still valid: " + s);
        assertTrue(s.rejected() > INPUTS / 10, "many mutations are rejected: " + s);
    }

    private static List<byte[]> idxSeeds() {
        try {
            byte[] pixels = new byte[2 * 3 * 4];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (byte) (i * 11);
            }
            return List.of(IdxFiles.idx(new int[] {2, 3, 4}, pixels),
                    IdxFiles.gzip(IdxFiles.idx(new int[] {2, 3, 4}, pixels)),
                    IdxFiles.idx(new int[] {5}, new byte[] {0, 1, 2, 9, 7}),
                    IdxFiles.idx(IdxReader.SHORT, new int[] {2, 3}, new byte[12]),
                    IdxFiles.idx(IdxReader.FLOAT, new int[] {3}, ByteBuffer.allocate(12).putFloat(1.5f).array()),
                    IdxFiles.idx(IdxReader.DOUBLE, new int[] {1, 1, 2}, new byte[16]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<byte[]> npySeeds() {
        byte[] six = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN).putDouble(1).putDouble(-2).array();
        return List.of(NpyTest.npy(1, NpyTest.dict("<f8", false, "(2, 3)"), six),
                NpyTest.npy(1, NpyTest.dict("<f4", true, "(3, 2)"), new byte[24]),
                NpyTest.npy(2, NpyTest.dict(">i4", false, "(2, 1, 1)"), new byte[8]),
                NpyTest.npy(3, NpyTest.dict("|u1", false, "()"), new byte[] {7}),
                NpyTest.npy(1, NpyTest.dict("|b1", true, "(0, 4)"), new byte[0]),
                NpyTest.npy(1, NpyTest.dict("<u8", false, "(1,)"), new byte[8]));
    }

    private static List<byte[]> csvSeeds() {
        return Stream.of("x,y,label\n1,2.5,0\n-3,1e-3,2\n", "1,2,3\r\n4,5,6\r\n\r\n7,8,9\r\n",
                "\"a\",\"b, c\",\"d\"\"\"\n\" 1\",nan,1\n-inf,.5,3\n").map(s -> s.getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    /** A 6 x 5 grey PNG and a colour JPEG. */
    private static List<byte[]> imageSeeds() {
        List<byte[]> out = new ArrayList<>();
        for (String format : List.of("png", "jpg")) {
            BufferedImage image = new BufferedImage(6, 5, format.equals("png") ? BufferedImage.TYPE_BYTE_GRAY
                    : BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 6; x++) {
                    image.setRGB(x, y, (x * 40) << 16 | (y * 50) << 8 | 77);
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                ImageIO.write(image, format, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.add(bytes.toByteArray());
        }
        return out;
    }

    private static List<byte[]> conllSeeds() {
        return Stream.of("He PRP B-NP\nreckons VBZ B-VP\n\n-DOCSTART- -X- O\nThe DT B-NP\n",
                "\uFEFFZ\u00fcrich NNP B-LOC\r\n\u6771\u4eac NNP B-LOC\r\n\r\n\uD83D\uDE00 SYM O\r\n")
                .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }
}

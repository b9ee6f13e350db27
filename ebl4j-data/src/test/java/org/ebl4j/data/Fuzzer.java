package org.ebl4j.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A seeded fuzzer for file readers. It writes a fixed number of inputs to one file and calls the reader on each: first
 * the valid seed files, then random bytes, random text made of the characters that the formats use, and mutations of
 * the seeds (bit flips, interesting bytes, truncations, insertions, deletions, duplicated ranges, 32-bit header fields
 * overwritten with extreme values, long digit strings, splices of two seeds), a fifth of them gzip-compressed. Every
 * input must be read or rejected with an {@link IllegalArgumentException} whose message starts with the file name;
 * anything else (another exception, an {@link Error} such as {@link OutOfMemoryError} from a size read in a header,
 * or a seed that is rejected) is a failure whose message holds the input in base64 for replay.
 */
final class Fuzzer {
    private static final byte[] INTERESTING_BYTES = {0, 1, 2, 8, 0x0d, 0x7f, (byte) 0x80, (byte) 0xff, '\n', '\r',
            '\t', ' ', ',', '"', '\'', '(', ')', '{', '}', ':', '-', '.', 'e', '0', '9', (byte) 0x93, (byte) 0xc3,
            (byte) 0xe6};
    private static final int[] INTERESTING_INTS = {0, 1, -1, 255, 256, 65535, 1 << 24, 1 << 30, Integer.MAX_VALUE,
            Integer.MIN_VALUE};
    private static final String TEXT_ALPHABET = "0123456789.-+eE,;\t \n\r\"'{}()[]:_abcxyzTFLNUMPYnaif\u00e9\u6771";

    private Fuzzer() {
    }

    /** Reads one file; the result is ignored. */
    @FunctionalInterface
    interface FileReader {
        Object read(Path file) throws Exception;
    }

    /** A reader under test, the name of the file it reads, and valid files to mutate. */
    record Target(String name, String fileName, FileReader reader, List<byte[]> seeds) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** How the inputs fared: read, or rejected, counted by problem (its text up to the first detail). */
    record Stats(int inputs, int accepted, int rejected, Map<String, Integer> problems) {
    }

    /** Runs {@code inputs} inputs (the seeds first) through {@code target}, drawn from {@code seed}. */
    static Stats run(Target target, Path dir, long seed, int inputs) throws IOException {
        Path file = dir.resolve(target.fileName());
        SplittableRandom rng = new SplittableRandom(seed);
        int accepted = 0;
        Map<String, Integer> problems = new TreeMap<>();
        for (int i = 0; i < inputs; i++) {
            boolean isSeed = i < target.seeds().size();
            byte[] input = isSeed ? target.seeds().get(i) : input(target.seeds(), rng);
            Files.deleteIfExists(file); // a new file: ext4 flushes a file truncated and rewritten, 100x slower
            Files.write(file, input);
            try {
                target.reader().read(file);
                accepted++;
            } catch (IllegalArgumentException e) {
                String prefix = file + ": ";
                if (isSeed || e.getMessage() == null || !e.getMessage().startsWith(prefix)) {
                    throw failure(target, seed, i, input, e);
                }
                problems.merge(kind(e.getMessage().substring(prefix.length())), 1, Integer::sum);
            } catch (Exception | Error e) {
                throw failure(target, seed, i, input, e);
            }
        }
        return new Stats(inputs, accepted, inputs - accepted, problems);
    }

    private static AssertionError failure(Target target, long seed, int i, byte[] input, Throwable e) {
        return new AssertionError(target.name() + ": input " + i + " of seed " + seed + " (" + input.length
                + " bytes, base64 " + Base64.getEncoder().encodeToString(input) + ") gave " + e, e);
    }

    /** A problem without its line and column, numbers and quoted text, up to its first colon or parenthesis. */
    private static String kind(String problem) {
        String p = problem.replaceFirst("^line \\d+(, column \\d+( \\('[^']*'\\))?( \\(labels\\))?)?: ", "")
                .replaceAll("'[^']*'", "'_'").replaceAll("0x\\p{XDigit}+|U\\+\\p{XDigit}+|\\d+", "N");
        int end = 0;
        while (end < p.length() && ":([".indexOf(p.charAt(end)) < 0) {
            end++;
        }
        return p.substring(0, end).strip();
    }

    private static byte[] input(List<byte[]> seeds, SplittableRandom rng) throws IOException {
        int kind = rng.nextInt(10);
        byte[] b;
        if (kind == 0) {
            b = new byte[rng.nextInt(513)];
            rng.nextBytes(b);
        } else if (kind == 1) {
            StringBuilder sb = new StringBuilder();
            for (int n = rng.nextInt(257); n > 0; n--) {
                sb.append(TEXT_ALPHABET.charAt(rng.nextInt(TEXT_ALPHABET.length())));
            }
            b = sb.toString().getBytes(StandardCharsets.UTF_8);
        } else {
            b = seeds.get(rng.nextInt(seeds.size()));
            for (int n = rng.nextInt(3) == 0 ? 2 + rng.nextInt(3) : 1; n > 0; n--) {
                b = mutate(b, seeds, rng);
            }
        }
        return rng.nextInt(5) == 0 ? IdxFiles.gzip(b) : b;
    }

    private static byte[] mutate(byte[] b, List<byte[]> seeds, SplittableRandom rng) {
        int at = rng.nextInt(b.length + 1);
        switch (rng.nextInt(9)) {
            case 0 -> {
                if (at < b.length) {
                    b = b.clone();
                    b[at] ^= (byte) (1 << rng.nextInt(8));
                }
            }
            case 1 -> {
                if (at < b.length) {
                    b = b.clone();
                    b[at] = INTERESTING_BYTES[rng.nextInt(INTERESTING_BYTES.length)];
                }
            }
            case 2 -> b = Arrays.copyOf(b, at);
            case 3 -> {
                byte[] insert = new byte[1 + rng.nextInt(16)];
                rng.nextBytes(insert);
                b = splice(b, at, at, insert);
            }
            case 4 -> b = splice(b, at, Math.min(b.length, at + 1 + rng.nextInt(16)), new byte[0]);
            case 5 -> {
                int from = rng.nextInt(b.length + 1);
                b = splice(b, at, at, Arrays.copyOfRange(b, from, Math.min(b.length, from + 1 + rng.nextInt(32))));
            }
            case 6 -> { // a 32-bit header field, either byte order, set to an extreme value
                int v = INTERESTING_INTS[rng.nextInt(INTERESTING_INTS.length)];
                int pos = rng.nextInt(Math.min(b.length, 64) + 1);
                byte[] field = rng.nextBoolean()
                        ? new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v}
                        : new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
                b = splice(b, pos, Math.min(b.length, pos + 4), field);
            }
            case 7 -> b = splice(b, at, Math.min(b.length, at + rng.nextInt(4)),
                    "9".repeat(1 + rng.nextInt(20)).getBytes(StandardCharsets.US_ASCII));
            default -> {
                byte[] other = seeds.get(rng.nextInt(seeds.size()));
                int from = rng.nextInt(other.length + 1);
                b = splice(b, at, b.length, Arrays.copyOfRange(other, from, other.length));
            }
        }
        return b;
    }

    /** {@code b} with bytes [from, to) replaced by {@code insert}. */
    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + insert.length);
        out.write(b, 0, from);
        out.write(insert, 0, insert.length);
        out.write(b, to, b.length - to);
        return out.toByteArray();
    }
}

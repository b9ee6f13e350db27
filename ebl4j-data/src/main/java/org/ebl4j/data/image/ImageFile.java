package org.ebl4j.data.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.ebl4j.data.MalformedDataException;
import org.ebl4j.tensor.Tensor;

/**
 * PNG and JPEG images (decoded by {@link ImageIO}) as float tensors in [0, 1]: grey [H, W] or colour [3, H, W]
 * (red, green, blue planes). A grey image keeps its own samples (sample / (2^bits − 1), no colour-space
 * conversion); a colour image is read as 8-bit sRGB, and its grey version is the ITU-R BT.601 luma
 * Y = 0.299 R + 0.587 G + 0.114 B. Alpha is ignored.
 *
 * <p>Files that cannot be read from disk throw {@link IOException}; bytes that are not a whole PNG or JPEG image
 * throw {@link MalformedDataException} (an {@link IllegalArgumentException}) whose message is "source: problem":
 * not a PNG or JPEG (by its first bytes), truncated (a PNG whose chunks stop before IEND, a JPEG missing its end
 * marker), corrupt (a PNG chunk whose CRC-32 does not match, any decoder error or warning such as libjpeg's
 * "Corrupt JPEG data"), or larger than {@value #MAX_PIXELS} pixels (checked from the header before decoding).
 */
public final class ImageFile {
    /** The largest image accepted, in pixels (a 2^25-pixel grey tensor takes 128 MiB). */
    public static final long MAX_PIXELS = 1L << 25;
    /** The 256 x 256 grey crop bundled in this jar (see the README next to it). */
    public static final String BUNDLED = "camera-crop.png";
    private static final String RESOURCE = "/org/ebl4j/data/images/" + BUNDLED;
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final float RED = 0.299f;
    private static final float GREEN = 0.587f;
    private static final float BLUE = 0.114f;

    private ImageFile() {
    }

    /** The grey image [H, W] in {@code file}. */
    public static Tensor grey(Path file) throws IOException {
        return grey(Files.readAllBytes(file), file.toString());
    }

    /** The colour image [3, H, W] in {@code file} (a grey image gives three equal planes). */
    public static Tensor colour(Path file) throws IOException {
        return colour(Files.readAllBytes(file), file.toString());
    }

    /** The grey image [H, W] encoded in {@code bytes}; {@code source} names them in errors. */
    public static Tensor grey(byte[] bytes, String source) {
        BufferedImage image = decode(bytes, source);
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[w * h];
        if (!greySamples(image, out)) {
            int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < rgb.length; i++) {
                out[i] = (RED * (rgb[i] >> 16 & 0xff) + GREEN * (rgb[i] >> 8 & 0xff) + BLUE * (rgb[i] & 0xff)) / 255f;
            }
        }
        return Tensor.of(out, h, w);
    }

    /** The colour image [3, H, W] encoded in {@code bytes}; {@code source} names them in errors. */
    public static Tensor colour(byte[] bytes, String source) {
        BufferedImage image = decode(bytes, source);
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        float[] out = new float[3 * plane];
        if (greySamples(image, out)) {
            System.arraycopy(out, 0, out, plane, plane);
            System.arraycopy(out, 0, out, 2 * plane, plane);
        } else {
            int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < plane; i++) {
                out[i] = (rgb[i] >> 16 & 0xff) / 255f;
                out[plane + i] = (rgb[i] >> 8 & 0xff) / 255f;
                out[2 * plane + i] = (rgb[i] & 0xff) / 255f;
            }
        }
        return Tensor.of(out, 3, h, w);
    }

    /** The PNG and JPEG files (by extension: .png, .jpg, .jpeg, any case) directly in {@code dir}, sorted by name. */
    public static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir)) {
                throw new NotDirectoryException(dir.toString());
            }
            throw new NoSuchFileException(dir.toString(), null, "image directory does not exist");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (Files.isRegularFile(p) && (name.endsWith(".png") || name.endsWith(".jpg")
                        || name.endsWith(".jpeg"))) {
                    files.add(p);
                }
            }
        }
        files.sort(null);
        return files;
    }

    /** The grey 256 x 256 crop of scikit-image's "camera" photograph bundled in this jar. */
    public static Tensor bundled() throws IOException {
        try (InputStream in = ImageFile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new NoSuchFileException(RESOURCE, null, "bundled image missing from the class path");
            }
            return grey(in.readAllBytes(), "bundled " + BUNDLED);
        }
    }

    /**
     * Copies the samples of a grey image (one colour component, not a palette) into {@code out} scaled to [0, 1];
     * false, leaving {@code out} alone, for any other image.
     */
    private static boolean greySamples(BufferedImage image, float[] out) {
        ColorModel cm = image.getColorModel();
        if (cm instanceof IndexColorModel || cm.getNumColorComponents() != 1
                || cm.getColorSpace().getType() != ColorSpace.TYPE_GRAY) {
            return false;
        }
        Raster raster = image.getRaster();
        float max = (float) ((1L << cm.getComponentSize(0)) - 1);
        int w = image.getWidth();
        int h = image.getHeight();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                out[y * w + x] = row[x] / max;
            }
        }
        return true;
    }

    private static BufferedImage decode(byte[] bytes, String source) {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedDataException(source, "empty file, not an image");
        }
        String format = startsWith(bytes, PNG_MAGIC) ? "PNG" : startsWith(bytes, JPEG_MAGIC) ? "JPEG" : null;
        if (format == null) {
            throw new MalformedDataException(source, "not a PNG or JPEG image (it starts with bytes "
                    + hex(bytes, 8) + ")");
        }
        if (format.equals("PNG")) {
            checkChunks(bytes, source);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("ImageIO has no " + format + " reader");
        }
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
        long w;
        long h;
        BufferedImage image;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            w = reader.getWidth(0);
            h = reader.getHeight(0);
            image = w >= 1 && h >= 1 && w * h <= MAX_PIXELS ? reader.read(0) : null;
        } catch (IOException | RuntimeException e) {
            // the decoders report malformed data by IIOException, EOFException or assorted runtime exceptions
            throw new MalformedDataException(source, problem(bytes, format, truncated(e), describe(e)), e);
        } finally {
            reader.dispose();
        }
        if (image == null) {
            throw new MalformedDataException(source, "the " + format + " header gives a " + w + " x " + h
                    + " image (need 1 to " + MAX_PIXELS + " pixels)");
        }
        if (!warnings.isEmpty()) {
            throw new MalformedDataException(source, problem(bytes, format, false,
                    String.join("; ", warnings)));
        }
        return image;
    }

    /** "truncated ..." when the data end early (an EOF, or a JPEG not ending with EOI), else "corrupt ...". */
    private static String problem(byte[] bytes, String format, boolean endOfFile, String details) {
        int n = bytes.length;
        boolean jpegCut = format.equals("JPEG") && !(bytes[n - 2] == (byte) 0xff && bytes[n - 1] == (byte) 0xd9);
        if (endOfFile || jpegCut) {
            return "truncated " + format + " data (the file ends early, at byte " + n
                    + (jpegCut ? " without the end-of-image marker FF D9" : "") + ": " + details + ")";
        }
        return "corrupt " + format + " data (" + details + ")";
    }

    /**
     * Walks the PNG chunks (length, type, data, CRC-32 of type and data) up to IEND: ImageIO's reader stops once it
     * has the pixels, so it accepts a file cut after the image data or with corrupt chunks.
     */
    private static void checkChunks(byte[] bytes, String source) {
        CRC32 crc = new CRC32();
        int at = PNG_MAGIC.length;
        while (true) {
            if (at + 8 > bytes.length) {
                throw new MalformedDataException(source, "truncated PNG data (the file ends at byte "
                        + bytes.length + ", before the IEND chunk)");
            }
            long length = ByteBuffer.wrap(bytes, at, 4).getInt() & 0xffffffffL;
            String type = chunkType(bytes, at + 4);
            if (at + 12 + length > bytes.length) {
                throw new MalformedDataException(source, "truncated PNG data (chunk " + type + " at byte " + at
                        + " holds " + length + " bytes, the file ends at byte " + bytes.length + ")");
            }
            crc.reset();
            crc.update(bytes, at + 4, 4 + (int) length);
            int end = at + 8 + (int) length;
            if ((int) crc.getValue() != ByteBuffer.wrap(bytes, end, 4).getInt()) {
                throw new MalformedDataException(source, "corrupt PNG data (bad CRC of chunk " + type
                        + " at byte " + at + ")");
            }
            if (type.equals("IEND")) {
                return;
            }
            at = end + 4;
        }
    }

    /** The 4-letter chunk type at {@code at}, with any byte that is not an ASCII letter shown as '?'. */
    private static String chunkType(byte[] bytes, int at) {
        char[] type = new char[4];
        for (int i = 0; i < 4; i++) {
            char c = (char) (bytes[at + i] & 0xff);
            type[i] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ? c : '?';
        }
        return new String(type);
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean truncated(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    /** The messages of {@code e} and its causes, "; "-separated. */
    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (s.length() > 0) {
                s.append("; ");
            }
            s.append(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
        }
        return s.toString();
    }

    private static String hex(byte[] bytes, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(n, bytes.length); i++) {
            s.append(i > 0 ? " " : "").append(String.format(Locale.ROOT, "%02x", bytes[i] & 0xff));
        }
        return s.toString();
    }
}

package org.ebl4j.cli.plot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.ebl4j.io.AtomicFile;

/** PNG files with text metadata (tEXt entries), written atomically; the figures carry their ranges there. */
public final class Png {
    private Png() {
    }

    /** Writes {@code image} with {@code metadata} as tEXt entries to {@code file} (parent folders are created). */
    public static void write(Path file, BufferedImage image, Map<String, String> metadata) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        byte[] png = encode(image, metadata);
        AtomicFile.write(file, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(png);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        });
    }

    private static byte[] encode(BufferedImage image, Map<String, String> metadata) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
            IIOMetadataNode text = new IIOMetadataNode("tEXt");
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
                entry.setAttribute("keyword", e.getKey());
                entry.setAttribute("value", e.getValue());
                text.appendChild(entry);
            }
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(text);
            try {
                meta.mergeTree("javax_imageio_png_1.0", root);
            } catch (IIOInvalidTreeException e) {
                throw new IOException("Png: cannot store the metadata: " + e.getMessage(), e);
            }
            writer.write(new IIOImage(image, null, meta));
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}

package org.ebl4j.io;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * All-or-nothing file replacement: the content is written to a temporary file in the destination's directory
 * ({@code .<name>.<random>.tmp}), forced to disk, then renamed over the destination in one atomic step (POSIX
 * {@code rename(2)}). Readers see the old file or the complete new one, never a half-written file; on any failure
 * the destination is untouched and the temporary file is removed.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** Writes the whole content to a channel positioned at 0. */
    @FunctionalInterface
    public interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    /**
     * Replaces {@code file} with what {@code content} writes. I/O failures are rethrown as an IOException naming
     * {@code file}; runtime exceptions from {@code content} propagate unchanged. Either way nothing is left behind.
     */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = dir.resolve("." + target.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, CREATE_NEW, WRITE)) {
                content.writeTo(channel);
                channel.force(true);
            }
            Files.move(tmp, target, ATOMIC_MOVE, REPLACE_EXISTING);
        } catch (IOException e) {
            IOException failure = new IOException(file + ": write failed, the previous file (if any) is unchanged: "
                    + e, e);
            deleteQuietly(tmp, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp, e);
            throw e;
        }
        syncDirectory(dir);
    }

    private static void deleteQuietly(Path tmp, Throwable failure) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Makes the rename itself durable (Linux, macOS); a no-op where directories cannot be opened (Windows). */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, READ)) {
            d.force(true);
        } catch (IOException e) {
            // Durability of the directory entry is best effort: the file content is already synced and renamed.
        }
    }
}

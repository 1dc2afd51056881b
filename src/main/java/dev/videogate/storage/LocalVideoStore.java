package dev.videogate.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The zero-setup store: a directory on this machine (app.storage.local-dir, data/videos by default). A file is moved
 * into place whole (written beside it first), so a reader never sees half a video. Several instances share it only
 * when they share the directory (a volume); otherwise use S3.
 */
public final class LocalVideoStore implements VideoStore {

    private final Path root;

    public LocalVideoStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toRealPath();
    }

    /** Where fetched files are written before they are moved in: inside the root, so the move is a rename. */
    public Path incoming() throws IOException {
        return Files.createDirectories(root.resolve(".incoming"));
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        Path target = place(key);
        Files.createDirectories(target.getParent());
        try {
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException elsewhere) {
            Path beside = target.resolveSibling(target.getFileName() + ".part");
            Files.copy(file, beside, StandardCopyOption.REPLACE_EXISTING);
            Files.move(beside, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(file);
        }
    }

    @Override
    public InputStream read(String key, long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(place(key), StandardOpenOption.READ);
        channel.position(offset);
        return new BoundedInputStream(Channels.newInputStream(channel), length);
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            Files.deleteIfExists(place(key));
        } catch (NoSuchFileException gone) {
            // already gone
        }
    }

    @Override
    public String describe() {
        return "local directory " + root;
    }

    /** The key's file, which must lie inside the root (keys are ours, but a key is never trusted to stay in). */
    Path place(String key) throws IOException {
        Path target = root.resolve(key).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IOException("storage key outside the store: " + key);
        }
        return target;
    }
}

package dev.videogate.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where our own copies of result files live (app.storage.type): a local directory, or an S3-compatible bucket. Keys
 * are ours ({@code videos/<generationId>/<index>}), never a caller's. Several instances on one database share one
 * store.
 */
public interface VideoStore {

    /** Takes the fetched file (a temporary file this call may move or delete) and keeps it under the key. */
    void put(String key, Path file, String contentType) throws IOException;

    /** {@code length} bytes of the kept file from {@code offset} on, streamed (the caller closes the stream). */
    InputStream read(String key, long offset, long length) throws IOException;

    /** Removes the kept file; nothing kept under the key is not an error. */
    void delete(String key) throws IOException;

    /** For the start-up log: the kind of store and where (no credentials). */
    String describe();
}

package dev.pillar.storage.application.port;

import dev.pillar.storage.domain.object.ByteRange;

import java.io.InputStream;
import java.util.Optional;

/**
 * Port: where object bytes live (a local directory, an S3 bucket). Bodies are streamed both ways;
 * nothing here holds a whole object in memory. A write is all or nothing: a failed or interrupted
 * write leaves no blob under the key.
 *
 * <p>Failures of the store itself surface as {@code Unavailable}; a missing blob as {@link BlobNotFound}.
 */
public interface ObjectStore {

    /** Streams {@code content} to the end into a new blob at {@code key}, replacing nothing else. */
    StoredBlob write(BlobKey key, InputStream content);

    /** Opens the blob, or the given inclusive byte range of it. The caller closes the stream. */
    BlobContent read(BlobKey key, Optional<ByteRange> range);

    /** Copies a blob to another key inside the store, without passing the bytes through the caller. */
    void copy(BlobKey from, BlobKey to);

    /** Removes the blob; removing a missing blob is not an error. */
    void delete(BlobKey key);

    /** Whether the store answers right now, within a short, bounded time. */
    boolean isHealthy();
}

package dev.pillar.storage.application.port;

import dev.pillar.storage.domain.object.ByteRange;

import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Port: where object bytes live (a local directory, an S3 bucket). Bodies are streamed both ways;
 * nothing here holds a whole object in memory. A write is all or nothing: a failed or interrupted
 * write leaves no blob under the key.
 *
 * <p>Failures of the store itself surface as {@code Unavailable}; a missing blob as {@link BlobNotFound}.
 */
public interface ObjectStore {

    /**
     * Streams {@code content} to the end into a new blob at {@code key}, kept with {@code attributes}.
     * The length need not be known in advance. A runtime exception of the stream (a size limit)
     * passes through unchanged; an {@link java.io.IOException} of the stream (the client went away)
     * surfaces as {@link java.io.UncheckedIOException}.
     */
    StoredBlob write(BlobKey key, BlobAttributes attributes, InputStream content);

    /** {@link #write(BlobKey, BlobAttributes, InputStream)} with {@link BlobAttributes#DEFAULT}. */
    default StoredBlob write(BlobKey key, InputStream content) {
        return write(key, BlobAttributes.DEFAULT, content);
    }

    /** Opens the blob, or the given inclusive byte range of it. The caller closes the stream. */
    BlobContent read(BlobKey key, Optional<ByteRange> range);

    /** The blob's size and attributes, without reading it; {@link BlobNotFound} when there is none. */
    BlobInfo head(BlobKey key);

    /**
     * Copies a blob, with its attributes, to another key inside the store, without passing the bytes
     * through the caller.
     */
    void copy(BlobKey from, BlobKey to);

    /** Removes the blob; removing a missing blob is not an error. */
    void delete(BlobKey key);

    /**
     * Every blob of the project {@code projectRef}, every multipart upload in progress and every leftover of an
     * unfinished write, fetched a page at a time as the stream is consumed, so memory stays flat however many
     * there are. The order is the store's own. The caller closes the stream; a failure of the store while
     * listing is {@code Unavailable}.
     */
    Stream<StoreEntry> list(String projectRef);

    /**
     * Removes a listed entry at its location (a multipart upload is aborted); removing one that is gone already
     * is not an error.
     */
    void remove(StoreEntry entry);

    /** Whether the store answers right now, within a short, bounded time. */
    boolean isHealthy();
}

package dev.pillar.storage.application.port;

import java.io.InputStream;
import java.util.List;

/**
 * Port: a blob assembled from parts sent one at a time, possibly by different server instances
 * (resumable uploads). Nothing is visible at the key until {@link #complete}; an aborted upload
 * leaves nothing behind. Every part but the last must be at least 5 MiB, as S3 requires.
 *
 * <p>An unknown or finished upload id is {@code NotFound(UPLOAD)}; failures of the store itself
 * are {@code Unavailable}.
 */
public interface MultipartStore {
    /** The smallest part S3 accepts, except for the last one. */
    long MIN_PART_SIZE = 5L * 1024 * 1024;

    /** Starts an upload that will become the blob at {@code key}; returns its id. */
    String begin(BlobKey key, BlobAttributes attributes);

    /**
     * Stores exactly {@code length} bytes of {@code content} as part {@code number}, replacing a part
     * of that number sent before. A stream that fails or ends early is the sender's failure: it
     * surfaces as {@link java.io.UncheckedIOException} and stores nothing.
     */
    UploadedPart putPart(BlobKey key, String uploadId, int number, InputStream content, long length);

    /** The parts stored so far, in ascending order of number. */
    List<UploadedPart> listParts(BlobKey key, String uploadId);

    /** Joins {@code parts} (ascending, as {@link #putPart} returned them) into the blob at {@code key}. */
    StoredBlob complete(BlobKey key, String uploadId, List<UploadedPart> parts);

    /** Drops the upload and its parts; aborting an unknown or finished upload is not an error. */
    void abort(BlobKey key, String uploadId);
}

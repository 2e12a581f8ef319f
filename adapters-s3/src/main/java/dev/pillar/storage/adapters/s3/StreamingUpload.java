package dev.pillar.storage.adapters.s3;

import dev.pillar.storage.application.port.BlobAttributes;
import dev.pillar.storage.application.port.UploadedPart;
import dev.pillar.storage.domain.failure.Unavailable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams bodies into S3 through part-sized buffers. A body of unknown length that fits in one part
 * is sent with one PutObject; a longer one goes part by part into a multipart upload, which a
 * failure anywhere (the client's stream, a size limit, S3) aborts, so nothing is left at the key.
 * A 5 GiB upload needs one part of memory, not 5 GiB. Buffered parts can be resent when S3 asks
 * for a retry; the sender's stream is read once.
 */
final class StreamingUpload {
    /** Read first, without taking a part buffer: most objects end within it. */
    static final int SMALL_BODY = 64 * 1024;
    private final S3Bucket bucket;
    private final PartBuffers buffers;

    StreamingUpload(S3Bucket bucket, PartBuffers buffers) {
        this.bucket = bucket;
        this.buffers = buffers;
    }

    /** What was stored: its size, how many parts it took (0 for a single request) and the last request's id. */
    record Result(long size, int parts, String requestId) {
    }

    Result write(String key, BlobAttributes attributes, InputStream content) {
        byte[] small = new byte[SMALL_BODY];
        int smallLength = fill(content, small, 0);
        if (smallLength < small.length) {
            return new Result(smallLength, 0, LogValues.orNone(bucket.put(key, attributes, small, smallLength)
                    .responseMetadata().requestId()));
        }
        byte[] part = buffers.acquire();
        try {
            System.arraycopy(small, 0, part, 0, smallLength);
            int filled = smallLength + fill(content, part, smallLength);
            // A body of exactly one part must not cost a multipart upload: look one byte ahead.
            int lookahead = filled < part.length ? -1 : readOne(content);
            if (lookahead < 0) {
                return new Result(filled, 0, LogValues.orNone(bucket.put(key, attributes, part, filled)
                        .responseMetadata().requestId()));
            }
            return multipart(key, attributes, content, part, lookahead);
        } finally {
            buffers.release(part);
        }
    }

    /**
     * Stores exactly {@code length} bytes of {@code content} as part {@code number} of an upload;
     * returns the part's ETag. A part that fits a buffer is read in full before S3 is asked, so a
     * failing or short stream costs no request and S3's retries can resend it.
     */
    String putPart(String key, String uploadId, int number, InputStream content, long length) {
        if (length > buffers.size()) {
            return putStreamedPart(key, uploadId, number, content, length);
        }
        byte[] part = buffers.acquire();
        try {
            int filled = fill(content, part, 0, (int) length);
            if (filled < length) {
                throw new UncheckedIOException(new EOFException("the part ended " + (length - filled) + " bytes early"));
            }
            return bucket.uploadPart(key, uploadId, number, S3Bucket.fromBytes(part, filled)).eTag();
        } finally {
            buffers.release(part);
        }
    }

    /**
     * A part larger than a buffer goes straight from the sender to S3. It cannot be resent, so a
     * failure is the sender's when their stream failed, and S3's otherwise (a refused retry included).
     */
    private String putStreamedPart(String key, String uploadId, int number, InputStream content, long length) {
        PartStream part = new PartStream(content, length);
        try {
            return bucket.uploadPart(key, uploadId, number, RequestBody.fromInputStream(part, length)).eTag();
        } catch (RuntimeException e) {
            if (part.senderFailure().isPresent()) {
                throw part.senderFailure().get();
            }
            if (e instanceof SdkException) {
                throw e;
            }
            throw new Unavailable(Unavailable.Service.OBJECT_STORE,
                    "The object store failed while receiving the part; send it again", null);
        }
    }

    /** Sends the full first part, then every further one, and completes; aborts on any failure. */
    private Result multipart(String key, BlobAttributes attributes, InputStream content, byte[] part, int lookahead) {
        String uploadId = bucket.createMultipart(key, attributes);
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            int filled = part.length;
            while (filled > 0) {
                int number = parts.size() + 1;
                if (number > UploadedPart.MAX_NUMBER) {
                    throw new Unavailable(Unavailable.Service.OBJECT_STORE,
                            "The object is larger than the store's multipart limit", null);
                }
                String etag = bucket.uploadPart(key, uploadId, number, S3Bucket.fromBytes(part, filled)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                total += filled;
                if (lookahead >= 0) {
                    part[0] = (byte) lookahead;
                    lookahead = -1;
                    filled = 1 + fill(content, part, 1);
                } else {
                    filled = fill(content, part, 0);
                }
            }
            String requestId = bucket.complete(key, uploadId, parts).responseMetadata().requestId();
            return new Result(total, parts.size(), LogValues.orNone(requestId));
        } catch (RuntimeException | Error e) {
            bucket.abortQuietly(key, uploadId, e);
            throw e;
        }
    }

    /**
     * Reads until {@code buffer} is full from {@code offset} or the body ends; returns the bytes read.
     * A failing read is the client's (it went away): {@link UncheckedIOException}, as the port says.
     */
    private static int fill(InputStream content, byte[] buffer, int offset) {
        return fill(content, buffer, offset, buffer.length - offset);
    }

    private static int fill(InputStream content, byte[] buffer, int offset, int length) {
        try {
            return content.readNBytes(buffer, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the upload failed", e);
        }
    }

    private static int readOne(InputStream content) {
        try {
            return content.read();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the upload failed", e);
        }
    }
}

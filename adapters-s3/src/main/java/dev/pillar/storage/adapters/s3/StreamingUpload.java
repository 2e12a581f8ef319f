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
import java.util.function.BooleanSupplier;

/**
 * Streams bodies into S3 through part-sized buffers. A body of unknown length that fits in one part
 * is sent with one PutObject; a longer one goes part by part into a multipart upload, which a
 * failure anywhere (the client's stream, a size limit, S3) aborts, so nothing is left at the key.
 * A 5 GiB upload needs two parts of memory at most (one being sent while the next is read), not
 * 5 GiB. Buffered parts can be resent when S3 asks for a retry; the sender's stream is read once.
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
            int filled = fill(content, part, 0, (int) length, () -> false);
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

    /**
     * Sends the full first part, then every further one, and completes; aborts on any failure. With a
     * second buffer from the pool, each part is sent on its own thread while the next one is read into the
     * other buffer, one part in flight at a time; without one (every buffer taken), parts go one after the
     * other, and the pool is asked again at the next part.
     */
    private Result multipart(String key, BlobAttributes attributes, InputStream content, byte[] first, int lookahead) {
        String uploadId = bucket.createMultipart(key, attributes);
        byte[] second = null;
        PartInFlight inFlight = null;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            byte[] part = first;
            int filled = first.length;
            while (filled > 0) {
                int number = parts.size() + 1;
                if (number > UploadedPart.MAX_NUMBER) {
                    throw new Unavailable(Unavailable.Service.OBJECT_STORE,
                            "The object is larger than the store's multipart limit", null);
                }
                if (second == null) {
                    second = buffers.tryAcquire().orElse(null);
                }
                RequestBody body = S3Bucket.fromBytes(part, filled);
                total += filled;
                String etag;
                if (second == null) {
                    etag = bucket.uploadPart(key, uploadId, number, body).eTag();
                    filled = readPart(content, part, lookahead, () -> false);
                } else {
                    PartInFlight sending = PartInFlight.start(() -> bucket.uploadPart(key, uploadId, number, body).eTag());
                    inFlight = sending;
                    part = part == first ? second : first;
                    filled = readPart(content, part, lookahead, sending::failed);
                    etag = sending.etag();
                    inFlight = null;
                }
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                lookahead = -1;
            }
            String requestId = bucket.complete(key, uploadId, parts).responseMetadata().requestId();
            return new Result(total, parts.size(), LogValues.orNone(requestId));
        } catch (RuntimeException | Error e) {
            if (inFlight != null) {
                inFlight.cancel();
            }
            bucket.abortQuietly(key, uploadId, e);
            throw e;
        } finally {
            if (second != null) {
                buffers.release(second);
            }
        }
    }

    /**
     * Reads the next part into {@code buffer}: the byte read ahead, if any, then until the buffer is full
     * or the body ends; returns its length. Stops early, the part unfinished, once {@code abandoned} says
     * the upload has failed.
     */
    private static int readPart(InputStream content, byte[] buffer, int lookahead, BooleanSupplier abandoned) {
        if (lookahead < 0) {
            return fill(content, buffer, 0, buffer.length, abandoned);
        }
        buffer[0] = (byte) lookahead;
        return 1 + fill(content, buffer, 1, buffer.length - 1, abandoned);
    }

    /**
     * Reads until {@code buffer} is full from {@code offset} or the body ends; returns the bytes read.
     * A failing read is the client's (it went away): {@link UncheckedIOException}, as the port says.
     */
    private static int fill(InputStream content, byte[] buffer, int offset) {
        return fill(content, buffer, offset, buffer.length - offset, () -> false);
    }

    /** Reads up to {@code length} bytes, fewer if the body ends or {@code stop} says so before a read. */
    private static int fill(InputStream content, byte[] buffer, int offset, int length, BooleanSupplier stop) {
        int filled = 0;
        try {
            while (filled < length && !stop.getAsBoolean()) {
                int n = content.read(buffer, offset + filled, length - filled);
                if (n < 0) {
                    break;
                }
                filled += n;
            }
            return filled;
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

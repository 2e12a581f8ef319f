package dev.pillar.storage.application.metrics;

import dev.pillar.storage.application.port.BlobAttributes;
import dev.pillar.storage.application.port.BlobContent;
import dev.pillar.storage.application.port.BlobInfo;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.BlobNotFound;
import dev.pillar.storage.application.port.MultipartStore;
import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.application.port.StoreEntry;
import dev.pillar.storage.application.port.StoredBlob;
import dev.pillar.storage.application.port.UploadedPart;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.object.ByteRange;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Decorator: counts and times every call to whichever {@link ObjectStore} it wraps, by operation and
 * outcome ({@code ok}, {@code not_found}, {@code error}). A write is timed to the end of the stream it
 * consumes; a read to the moment the stream is open (the body is then paced by the client, not the store).
 * The same backend's multipart uploads (resumable uploads' parts) are counted in the same families through
 * {@link #multipart}.
 */
public final class MeteredObjectStore implements ObjectStore {
    private final ObjectStore delegate;
    private final Metrics.Counter calls;
    private final Metrics.Histogram latency;

    public MeteredObjectStore(ObjectStore delegate, Metrics metrics) {
        this.delegate = delegate;
        this.calls = metrics.counter("storage_object_store_calls_total",
                "Calls to the object store backend, by operation and outcome.", "operation", "outcome");
        this.latency = metrics.histogram("storage_object_store_call_duration_seconds",
                "Latency of object store calls, by operation.", Metrics.LATENCY_BUCKETS, "operation");
    }

    @Override
    public StoredBlob write(BlobKey key, BlobAttributes attributes, InputStream content) {
        return timed("write", () -> delegate.write(key, attributes, content));
    }

    @Override
    public BlobContent read(BlobKey key, Optional<ByteRange> range) {
        return timed("read", () -> delegate.read(key, range));
    }

    @Override
    public BlobInfo head(BlobKey key) {
        return timed("head", () -> delegate.head(key));
    }

    @Override
    public void copy(BlobKey from, BlobKey to) {
        timed("copy", () -> {
            delegate.copy(from, to);
            return null;
        });
    }

    @Override
    public void delete(BlobKey key) {
        timed("delete", () -> {
            delegate.delete(key);
            return null;
        });
    }

    /** Times the opening of the listing; its pages are fetched as the caller consumes it. */
    @Override
    public Stream<StoreEntry> list(String projectRef) {
        return timed("list", () -> delegate.list(projectRef));
    }

    @Override
    public void remove(StoreEntry entry) {
        timed("remove", () -> {
            delegate.remove(entry);
            return null;
        });
    }

    @Override
    public boolean isHealthy() {
        return timed("health", delegate::isHealthy);
    }

    /** The backend's multipart store, its calls counted and timed here as {@code multipart_*} operations. */
    public MultipartStore multipart(MultipartStore parts) {
        return new MultipartStore() {
            @Override
            public String begin(BlobKey key, BlobAttributes attributes) {
                return timed("multipart_begin", () -> parts.begin(key, attributes));
            }

            @Override
            public UploadedPart putPart(BlobKey key, String uploadId, int number, InputStream content, long length) {
                return timed("multipart_put_part", () -> parts.putPart(key, uploadId, number, content, length));
            }

            @Override
            public List<UploadedPart> listParts(BlobKey key, String uploadId) {
                return timed("multipart_list_parts", () -> parts.listParts(key, uploadId));
            }

            @Override
            public StoredBlob complete(BlobKey key, String uploadId, List<UploadedPart> uploaded) {
                return timed("multipart_complete", () -> parts.complete(key, uploadId, uploaded));
            }

            @Override
            public void abort(BlobKey key, String uploadId) {
                timed("multipart_abort", () -> {
                    parts.abort(key, uploadId);
                    return null;
                });
            }
        };
    }

    private <T> T timed(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T result = call.get();
            outcome = "ok";
            return result;
        } catch (BlobNotFound | NotFound e) {
            outcome = "not_found";
            throw e;
        } finally {
            latency.observe((System.nanoTime() - start) / 1e9, operation);
            calls.add(1, operation, outcome);
        }
    }
}

package dev.pillar.storage.application.fakes;

import dev.pillar.storage.application.port.BlobAttributes;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.MultipartStore;
import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.application.port.StoredBlob;
import dev.pillar.storage.application.port.UploadedPart;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.failure.Unavailable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test fake of multipart uploads, keeping S3's rules: parts are read to exactly their length (else nothing
 * is stored), every part but the last must be at least {@link #MIN_PART_SIZE} at completion, and the joined
 * blob lands in the given object store. The fake counts the parts it ever took, for tests of resending.
 */
public final class InMemoryMultipartStore implements MultipartStore {
    private final ObjectStore blobs;
    private final Map<String, Map<Integer, byte[]>> uploads = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile boolean unavailableOnComplete;

    public InMemoryMultipartStore(ObjectStore blobs) {
        this.blobs = blobs;
    }

    @Override
    public String begin(BlobKey key, BlobAttributes attributes) {
        String id = "mpu-" + ids.incrementAndGet();
        uploads.put(id, new ConcurrentHashMap<>());
        return id;
    }

    @Override
    public UploadedPart putPart(BlobKey key, String uploadId, int number, InputStream content, long length) {
        Map<Integer, byte[]> parts = partsOf(uploadId);
        byte[] bytes;
        try {
            bytes = content.readNBytes((int) length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length != length) {
            throw new UncheckedIOException(new EOFException("the part ended early"));
        }
        parts.put(number, bytes);
        return new UploadedPart(number, md5(bytes), length);
    }

    @Override
    public List<UploadedPart> listParts(BlobKey key, String uploadId) {
        return new TreeMap<>(partsOf(uploadId)).entrySet().stream()
                .map(part -> new UploadedPart(part.getKey(), md5(part.getValue()), part.getValue().length))
                .toList();
    }

    @Override
    public StoredBlob complete(BlobKey key, String uploadId, List<UploadedPart> parts) {
        if (unavailableOnComplete) {
            throw new Unavailable(Unavailable.Service.OBJECT_STORE, "completion refused by the fake", null);
        }
        Map<Integer, byte[]> stored = partsOf(uploadId);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < parts.size(); i++) {
            UploadedPart part = parts.get(i);
            byte[] bytes = stored.get(part.number());
            if (bytes == null || !md5(bytes).equals(part.etag())) {
                throw InvalidInput.invalidRequest("Part " + part.number() + " is not stored with that tag");
            }
            if (i > 0 && parts.get(i - 1).number() >= part.number()) {
                throw InvalidInput.invalidRequest("Parts are not in ascending order");
            }
            if (i < parts.size() - 1 && bytes.length < MIN_PART_SIZE) {
                throw InvalidInput.invalidRequest("Part " + part.number() + " is smaller than the minimum");
            }
            joined.writeBytes(bytes);
        }
        uploads.remove(uploadId);
        return blobs.write(key, new ByteArrayInputStream(joined.toByteArray()));
    }

    @Override
    public void abort(BlobKey key, String uploadId) {
        uploads.remove(uploadId);
    }

    // Inspecting and steering the fake.

    /** The ids of the uploads begun and neither completed nor aborted. */
    public Set<String> openUploads() {
        return Set.copyOf(uploads.keySet());
    }

    /** Makes every completion fail as an unreachable store would. */
    public void failCompletions(boolean fail) {
        unavailableOnComplete = fail;
    }

    private Map<Integer, byte[]> partsOf(String uploadId) {
        Map<Integer, byte[]> parts = uploads.get(uploadId);
        if (parts == null) {
            throw new NotFound(Resource.UPLOAD);
        }
        return parts;
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.pillar.storage.application.fakes;

import dev.pillar.storage.application.port.Lease;
import dev.pillar.storage.application.port.UploadSessionRepository;
import dev.pillar.storage.application.upload.ResumableUpload;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Test fake of the upload sessions: rows in a map, each step atomic under one lock, leases as the port says. */
public final class InMemoryUploadSessions implements UploadSessionRepository {
    private final Map<String, Row> rows = new HashMap<>();

    @Override
    public synchronized void insert(ResumableUpload upload) {
        rows.put(upload.id(), new Row(upload, null, 1));
    }

    @Override
    public synchronized Optional<ResumableUpload> find(String id) {
        return Optional.ofNullable(rows.get(id)).map(Row::upload);
    }

    @Override
    public synchronized Optional<ResumableUpload> lease(String id, Lease lease, Instant now) {
        Row row = rows.get(id);
        if (row == null) {
            throw new NotFound(Resource.UPLOAD);
        }
        if (row.lease != null && row.lease.isHeldAt(now)) {
            return Optional.empty();
        }
        rows.put(id, new Row(row.upload, lease, row.nextPart));
        return Optional.of(row.upload);
    }

    @Override
    public synchronized OptionalInt nextPartNumber(String id, Lease lease) {
        Row row = rows.get(id);
        if (!heldBy(row, lease)) {
            return OptionalInt.empty();
        }
        rows.put(id, new Row(row.upload, lease, row.nextPart + 1));
        return OptionalInt.of(row.nextPart);
    }

    @Override
    public synchronized boolean save(ResumableUpload upload, Lease lease) {
        Row row = rows.get(upload.id());
        if (!heldBy(row, lease)) {
            return false;
        }
        rows.put(upload.id(), new Row(upload, lease, row.nextPart));
        return true;
    }

    @Override
    public synchronized void release(String id, Lease lease) {
        Row row = rows.get(id);
        if (heldBy(row, lease)) {
            rows.put(id, new Row(row.upload, null, row.nextPart));
        }
    }

    @Override
    public synchronized void delete(String id) {
        rows.remove(id);
    }

    @Override
    public synchronized List<ResumableUpload> expired(Instant now, int limit) {
        return rows.values().stream().map(Row::upload)
                .filter(upload -> !upload.session().expiresAt().isAfter(now))
                .sorted(Comparator.comparing(upload -> upload.session().expiresAt()))
                .limit(limit)
                .toList();
    }

    // Inspecting and steering the fake.

    /** Whether a lease on the upload is held at {@code now}. */
    public synchronized boolean isLeased(String id, Instant now) {
        Row row = rows.get(id);
        return row != null && row.lease != null && row.lease.isHeldAt(now);
    }

    /** Takes the upload's lease as another request would, whatever holds it now. */
    public synchronized void stealLease(String id, Lease lease) {
        Row row = rows.get(id);
        rows.put(id, new Row(row.upload, lease, row.nextPart));
    }

    public synchronized int size() {
        return rows.size();
    }

    private static boolean heldBy(Row row, Lease lease) {
        return row != null && row.lease != null && row.lease.token().equals(lease.token());
    }

    private record Row(ResumableUpload upload, Lease lease, int nextPart) {
    }
}

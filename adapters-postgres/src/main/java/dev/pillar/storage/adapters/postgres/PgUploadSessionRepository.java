package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.port.Lease;
import dev.pillar.storage.application.port.UploadSessionRepository;
import dev.pillar.storage.application.upload.ResumableUpload;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ByteSize;
import dev.pillar.storage.domain.upload.UploadSession;
import io.helidon.dbclient.DbRow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Resumable uploads in {@code storage.upload_sessions}. Every method is one statement in a transaction of its
 * own, run as the server (the table is the server's bookkeeping; who may continue an upload is decided by the
 * use cases). Lease conditions are part of each statement's {@code where}, so taking, renewing and checking
 * a lease are atomic across instances.
 */
final class PgUploadSessionRepository implements UploadSessionRepository {
    private static final String COLUMNS = """
            id, bucket_id, name, owner_id, upsert, content_type, cache_control, user_metadata,
            upload_length, size_limit, upload_offset, state, version, part_size, multipart_id, parts::text as parts,
            tail::text as tail, expires_at""";
    private static final String INSERT = """
            insert into storage.upload_sessions (id, bucket_id, name, owner_id, upsert, content_type, cache_control,
              user_metadata, upload_length, size_limit, upload_offset, state, version, part_size, multipart_id, parts,
              tail, expires_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?::bigint, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)""";
    private static final String FIND = "select " + COLUMNS + " from storage.upload_sessions where id = ?";
    private static final String LEASE = """
            update storage.upload_sessions set lease_token = ?, lease_expires_at = ?
            where id = ? and (lease_token is null or lease_expires_at <= ?)
            returning\s""" + COLUMNS;
    private static final String NEXT_PART = """
            update storage.upload_sessions set next_part_number = next_part_number + 1, lease_expires_at = ?
            where id = ? and lease_token = ?
            returning next_part_number - 1 as allocated""";
    private static final String SAVE = """
            update storage.upload_sessions
            set upload_length = ?::bigint, upload_offset = ?, state = ?, part_size = ?, multipart_id = ?,
                parts = ?::jsonb, tail = ?::jsonb, lease_expires_at = ?
            where id = ? and lease_token = ?""";
    private static final String RELEASE = """
            update storage.upload_sessions set lease_token = null, lease_expires_at = null
            where id = ? and lease_token = ?""";
    private static final String DELETE = "delete from storage.upload_sessions where id = ?";
    private static final String EXPIRED = "select " + COLUMNS
            + " from storage.upload_sessions where expires_at <= ? order by expires_at limit ?";

    private final RlsTransactions transactions;

    PgUploadSessionRepository(RlsTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void insert(ResumableUpload upload) {
        UploadSession session = upload.session();
        transactions.runAsServer(sql -> sql.update(Resource.UPLOAD, INSERT, upload.id(),
                session.target().bucketId().value(), session.target().name().value(),
                session.target().owner().orElse(null), session.target().upsert(),
                session.target().contentType().value(), session.target().cacheControl().value(),
                session.target().userMetadata().json(), session.length().map(ByteSize::bytes).orElse(null),
                session.sizeLimit().bytes(), session.offset(), session.state().name(), upload.version(),
                upload.partSize(), upload.multipartId().orElse(null), UploadRows.partsJson(upload.parts()),
                UploadRows.tailJson(upload.tail()), Columns.timestamp(session.expiresAt())));
    }

    @Override
    public Optional<ResumableUpload> find(String id) {
        return transactions.readAsServer(sql -> sql.queryOne(Resource.UPLOAD, FIND, id).map(UploadRows::upload));
    }

    @Override
    public Optional<ResumableUpload> lease(String id, Lease lease, Instant now) {
        return transactions.runAsServer(sql -> {
            Optional<DbRow> leased = sql.queryOne(Resource.UPLOAD, LEASE, lease.token(),
                    Columns.timestamp(lease.until()), id, Columns.timestamp(now));
            if (leased.isEmpty() && sql.queryOne(Resource.UPLOAD, FIND, id).isEmpty()) {
                throw new NotFound(Resource.UPLOAD);
            }
            return leased.map(UploadRows::upload);
        });
    }

    @Override
    public OptionalInt nextPartNumber(String id, Lease lease) {
        return transactions.runAsServer(sql -> sql.queryOne(Resource.UPLOAD, NEXT_PART,
                        Columns.timestamp(lease.until()), id, lease.token())
                .map(row -> OptionalInt.of(Columns.number(row, "allocated").orElseThrow().intValue()))
                .orElse(OptionalInt.empty()));
    }

    @Override
    public boolean save(ResumableUpload upload, Lease lease) {
        UploadSession session = upload.session();
        return transactions.runAsServer(sql -> sql.update(Resource.UPLOAD, SAVE,
                session.length().map(ByteSize::bytes).orElse(null), session.offset(), session.state().name(),
                upload.partSize(), upload.multipartId().orElse(null),
                UploadRows.partsJson(upload.parts()), UploadRows.tailJson(upload.tail()),
                Columns.timestamp(lease.until()), upload.id(), lease.token()) == 1);
    }

    @Override
    public void release(String id, Lease lease) {
        transactions.runAsServer(sql -> sql.update(Resource.UPLOAD, RELEASE, id, lease.token()));
    }

    @Override
    public void delete(String id) {
        transactions.runAsServer(sql -> sql.update(Resource.UPLOAD, DELETE, id));
    }

    @Override
    public List<ResumableUpload> expired(Instant now, int limit) {
        return transactions.readAsServer(sql -> sql.query(Resource.UPLOAD, EXPIRED, Columns.timestamp(now), limit)
                .stream()
                .map(UploadRows::upload)
                .toList());
    }
}

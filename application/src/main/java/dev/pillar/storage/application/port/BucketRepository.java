package dev.pillar.storage.application.port;

import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;

import java.util.List;
import java.util.Optional;

/** Port: bucket rows, as visible to the transaction's caller. */
public interface BucketRepository {

    Optional<Bucket> find(BucketId id);

    List<Bucket> list(BucketQuery query);

    /** Adds a bucket; {@code AlreadyExists} if the id is taken, {@code AccessDenied} if a policy refuses. */
    void insert(Bucket bucket);

    /** Replaces a bucket's settings; false when no visible row was changed. */
    boolean update(Bucket bucket);

    /** Removes a bucket; false when no visible row was removed; {@code BucketNotEmpty} while objects remain. */
    boolean delete(BucketId id);
}

package dev.pillar.storage.application.object;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.Clock;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The buckets (visibility, size limit, accepted types) that uploads, copies and moves check before any byte
 * moves, remembered briefly, so a write does not spend a transaction of its own on a row that rarely changes
 * (ADR 0020). Read by the server as Supabase does: policies do not hide a bucket, so one copy serves every
 * caller. Only buckets that exist are remembered (a missing one is asked again every time), each for
 * {@code validity} by the {@link Clock}, at most about {@code capacity} of them. A bucket changed through this
 * process's use cases is {@linkplain #changing forgotten} at once; another instance's change is obeyed once the
 * remembered copy's validity ends. One instance per process, shared by every use case.
 */
public final class BucketRules {
    /**
     * Long enough that a busy bucket costs one read per period instead of one per write; short enough that
     * another instance's change is obeyed about as soon as an upload already in flight would have obeyed it.
     */
    private static final Duration VALIDITY = Duration.ofSeconds(2);
    /** Far above the buckets a project writes to within one validity period; bounds memory if it has more. */
    private static final int CAPACITY = 1024;

    private final MetadataStore metadata;
    private final Clock clock;
    private final Duration validity;
    private final int capacity;
    private final Map<BucketId, Remembered> remembered = new ConcurrentHashMap<>();
    /** Counts the changes, so a read that one overtook does not remember what it read before it. */
    private final AtomicLong changes = new AtomicLong();

    public BucketRules(MetadataStore metadata, Clock clock) {
        this(metadata, clock, VALIDITY, CAPACITY);
    }

    public BucketRules(MetadataStore metadata, Clock clock, Duration validity, int capacity) {
        if (validity.isNegative() || capacity < 1) {
            throw new IllegalArgumentException("validity must not be negative and capacity at least 1");
        }
        this.metadata = metadata;
        this.clock = clock;
        this.validity = validity;
        this.capacity = capacity;
    }

    /** The bucket as remembered or, when not (or no longer), as read now; {@code NotFound(BUCKET)} if it is gone. */
    public Bucket of(BucketId id) {
        Instant now = clock.now();
        Remembered known = remembered.get(id);
        if (known != null && known.validAt(now)) {
            return known.bucket();
        }
        long changesBefore = changes.get();
        Bucket bucket = metadata.reading(Caller.system(), repos -> repos.buckets().find(id))
                .orElseThrow(() -> new NotFound(Resource.BUCKET));
        remember(new Remembered(bucket, now, now.plus(validity)), changesBefore);
        return bucket;
    }

    /**
     * Runs {@code change}, which creates, updates or deletes bucket {@code id}'s row, then forgets what is
     * remembered of it, so the next write in this process reads the row again. Forgets after a failure too: a
     * commit whose outcome is unknown may have changed the row.
     */
    public <T> T changing(BucketId id, Supplier<T> change) {
        try {
            return change.get();
        } finally {
            changes.incrementAndGet();
            remembered.remove(id);
        }
    }

    private void remember(Remembered entry, long changesBefore) {
        BucketId id = entry.bucket().id();
        if (!remembered.containsKey(id) && remembered.size() >= capacity) {
            remembered.values().removeIf(other -> !other.validAt(entry.readAt()));
            if (remembered.size() >= capacity) {
                remembered.keySet().stream().findAny().ifPresent(remembered::remove);
            }
        }
        remembered.put(id, entry);
        // Put first, then check: a change that counts after this check removes the entry itself.
        if (changes.get() != changesBefore) {
            remembered.remove(id, entry);
        }
    }

    /** A bucket as read at {@code readAt}; a clock that went back before the read makes it stale too. */
    private record Remembered(Bucket bucket, Instant readAt, Instant staleAt) {
        boolean validAt(Instant now) {
            return !now.isBefore(readAt) && now.isBefore(staleAt);
        }
    }
}

package dev.pillar.storage.application.fakes;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.access.Role;
import dev.pillar.storage.application.fakes.InMemoryMetadataStore.ObjectKey;
import dev.pillar.storage.application.port.BucketQuery;
import dev.pillar.storage.application.port.BucketRepository;
import dev.pillar.storage.application.port.ListedEntry;
import dev.pillar.storage.application.port.ObjectListQuery;
import dev.pillar.storage.application.port.ObjectPage;
import dev.pillar.storage.application.port.ObjectPageQuery;
import dev.pillar.storage.application.port.ObjectRepository;
import dev.pillar.storage.application.port.ObjectRepository.Upserted;
import dev.pillar.storage.application.port.SortOrder;
import dev.pillar.storage.domain.bucket.Bucket;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.failure.AlreadyExists;
import dev.pillar.storage.domain.failure.BucketNotEmpty;
import dev.pillar.storage.domain.failure.NotFound;
import dev.pillar.storage.domain.failure.Resource;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One transaction of {@link InMemoryMetadataStore}: both repositories over a private copy of the rows, acting as
 * one caller.
 */
final class InMemoryTransaction implements BucketRepository, ObjectRepository {
    private static final String RLS_REFUSAL = "new row violates row-level security policy";
    private final InMemoryMetadataStore store;
    private final Caller caller;
    private final Map<BucketId, Bucket> bucketsBefore;
    private final Map<ObjectKey, StoredObject> objectsBefore;
    private final Map<BucketId, Bucket> buckets;
    private final Map<ObjectKey, StoredObject> objects;

    InMemoryTransaction(InMemoryMetadataStore store, Caller caller, Map<BucketId, Bucket> buckets,
                        Map<ObjectKey, StoredObject> objects) {
        this.store = store;
        this.caller = caller;
        this.bucketsBefore = buckets;
        this.objectsBefore = objects;
        this.buckets = new HashMap<>(buckets);
        this.objects = new HashMap<>(objects);
    }

    Map<BucketId, Bucket> bucketsBefore() { return bucketsBefore; }

    Map<BucketId, Bucket> buckets() { return buckets; }

    Map<ObjectKey, StoredObject> objectsBefore() { return objectsBefore; }

    Map<ObjectKey, StoredObject> objects() { return objects; }

    // ---- buckets ----

    @Override
    public Optional<Bucket> find(BucketId id) {
        return Optional.ofNullable(buckets.get(id));
    }

    /** Name order only (whatever column is asked for), with search, direction and paging. */
    @Override
    public List<Bucket> list(BucketQuery query) {
        List<Bucket> matching = buckets.values().stream()
                .filter(bucket -> query.search().map(bucket.name()::contains).orElse(true))
                .sorted(Comparator.comparing(Bucket::name)).toList();
        return page(matching, query.sortOrder(), query.offset(), query.limit().orElse(Integer.MAX_VALUE));
    }

    @Override
    public void insert(Bucket bucket) {
        checkWriteAllowed();
        if (buckets.putIfAbsent(bucket.id(), bucket) != null) {
            throw new AlreadyExists(Resource.BUCKET);
        }
    }

    @Override
    public boolean update(Bucket bucket) {
        checkWriteAllowed();
        return buckets.replace(bucket.id(), bucket) != null;
    }

    @Override
    public boolean delete(BucketId id) {
        if (buckets.containsKey(id) && objects.keySet().stream().anyMatch(key -> key.bucketId().equals(id))) {
            throw new BucketNotEmpty();
        }
        return buckets.remove(id) != null;
    }

    // ---- objects ----

    @Override
    public Optional<StoredObject> find(BucketId bucketId, ObjectName name) {
        return visibleIn(bucketId).stream().filter(object -> object.name().equals(name)).findFirst();
    }

    @Override
    public List<StoredObject> findAll(BucketId bucketId, Collection<ObjectName> names) {
        return visibleIn(bucketId).stream().filter(object -> names.contains(object.name())).toList();
    }

    @Override
    public Optional<StoredObject> findForUpdate(BucketId bucketId, ObjectName name) {
        return find(bucketId, name);
    }

    @Override
    public void insert(StoredObject object) {
        store.takeBeforeNextObjectInsert().accept(object);
        checkWriteAllowed();
        if (!buckets.containsKey(object.bucketId())) {
            throw new NotFound(Resource.BUCKET);
        }
        // The unique index sees every row, hidden or committed by another transaction meanwhile.
        if (objects.containsKey(ObjectKey.of(object)) || store.object(object.bucketId(), object.name()).isPresent()) {
            throw new AlreadyExists(Resource.OBJECT);
        }
        objects.put(ObjectKey.of(object), object);
    }

    /**
     * Supabase's upsert: the insert, or when the name is taken (committed meanwhile by another transaction too) the
     * switch of its row, which keeps the row's id and creation time. The caller must be able to read both rows.
     */
    @Override
    public Upserted upsert(StoredObject object) {
        store.takeBeforeNextObjectInsert().accept(object);
        checkWriteAllowed();
        if (store.objectsHidden() && policiesApply()) {
            throw new AccessDenied(RLS_REFUSAL); // RETURNING's check of the written row, and the taken row's
        }
        if (!buckets.containsKey(object.bucketId())) {
            throw new NotFound(Resource.BUCKET);
        }
        Optional<StoredObject> taken = Optional.ofNullable(objects.get(ObjectKey.of(object)))
                .or(() -> store.object(object.bucketId(), object.name()));
        StoredObject stored = taken.map(row -> object.switchedInto(row.id(), row.createdAt())).orElse(object);
        objects.put(ObjectKey.of(object), stored);
        return new Upserted(stored, taken.map(StoredObject::version));
    }

    @Override
    public List<StoredObject> delete(BucketId bucketId, Collection<ObjectName> names) {
        List<StoredObject> removed = names.stream().distinct().flatMap(name -> find(bucketId, name).stream()).toList();
        removed.forEach(object -> objects.remove(ObjectKey.of(object)));
        return removed;
    }

    @Override
    public List<StoredObject> deleteSome(BucketId bucketId, int limit) {
        List<StoredObject> batch = visibleIn(bucketId).stream().limit(limit).toList();
        batch.forEach(object -> objects.remove(ObjectKey.of(object)));
        return batch;
    }

    /** Direct children of the folder, sub-folders as entries without object; name order only. */
    @Override
    public List<ListedEntry> list(BucketId bucketId, ObjectListQuery query) {
        String folder = query.folder();
        Map<String, ListedEntry> level = new TreeMap<>();
        for (StoredObject object : visibleIn(bucketId)) {
            String name = object.name().value();
            if (name.startsWith(folder + query.search())) {
                String rest = name.substring(folder.length());
                int slash = rest.indexOf('/');
                String entry = slash < 0 ? rest : rest.substring(0, slash);
                level.putIfAbsent(entry, new ListedEntry(entry,
                        slash < 0 ? Optional.of(InMemoryPaging.listed(object)) : Optional.empty()));
            }
        }
        return page(List.copyOf(level.values()), query.sortOrder(), query.offset(), query.limit());
    }

    @Override
    public ObjectPage page(BucketId bucketId, ObjectPageQuery query) {
        return InMemoryPaging.page(visibleIn(bucketId), query);
    }

    /** Renames a row the caller sees; the unique index sees every row, as with {@link #insert}. */
    @Override
    public void move(StoredObject from, StoredObject to) {
        checkWriteAllowed();
        if (find(from.bucketId(), from.name()).isEmpty()) {
            throw new AccessDenied(RLS_REFUSAL); // zero rows updated under RLS
        }
        if (!buckets.containsKey(to.bucketId())) {
            throw new NotFound(Resource.BUCKET);
        }
        boolean sameName = ObjectKey.of(from).equals(ObjectKey.of(to));
        if (!sameName && (objects.containsKey(ObjectKey.of(to)) || store.object(to.bucketId(), to.name()).isPresent())) {
            throw new AlreadyExists(Resource.OBJECT);
        }
        objects.remove(ObjectKey.of(from));
        objects.put(ObjectKey.of(to), to);
    }

    static List<StoredObject> sortedIn(Map<ObjectKey, StoredObject> rows, BucketId bucketId) {
        return rows.values().stream().filter(object -> object.bucketId().equals(bucketId))
                .sorted(Comparator.comparing(object -> object.name().value())).toList();
    }

    private List<StoredObject> visibleIn(BucketId bucketId) {
        return store.objectsHidden() && policiesApply() ? List.of() : sortedIn(objects, bucketId);
    }

    private boolean policiesApply() {
        return caller.role() != Role.SERVICE_ROLE;
    }

    private void checkWriteAllowed() {
        if (store.writesDenied() && policiesApply()) {
            throw new AccessDenied(RLS_REFUSAL);
        }
    }

    private static <T> List<T> page(List<T> sorted, SortOrder order, int offset, int limit) {
        List<T> ordered = new ArrayList<>(sorted);
        if (order == SortOrder.DESC) {
            Collections.reverse(ordered);
        }
        return ordered.stream().skip(offset).limit(limit).toList();
    }
}

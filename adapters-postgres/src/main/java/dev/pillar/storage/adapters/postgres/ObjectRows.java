package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.object.UserMetadata;
import io.helidon.dbclient.DbRow;

/** The columns read for an object row, and the mapping from such a row to a {@link StoredObject}. */
final class ObjectRows {
    private ObjectRows() {
    }

    /** The select list for rows of {@code storage.objects} under {@code alias} (may be empty). */
    static String columns(String alias) {
        String t = alias.isEmpty() ? "" : alias + ".";
        return """
                %1$sid, %1$sbucket_id, %1$sname, coalesce(%1$sowner_id, %1$sowner::text) as owner_id,
                coalesce(%1$sversion, '') as version, %1$smetadata::text as metadata,
                %1$suser_metadata::text as user_metadata, %1$screated_at, %1$supdated_at,
                %1$slast_accessed_at""".formatted(t);
    }

    static StoredObject object(DbRow row) {
        return new StoredObject(Columns.uuid(row, "id"), BucketId.of(Columns.requiredText(row, "bucket_id")),
                ObjectName.of(Columns.requiredText(row, "name")), Columns.text(row, "owner_id"),
                Columns.requiredText(row, "version"),
                ObjectMetadata.toContent(Columns.text(row, "metadata").orElse(null)),
                Columns.text(row, "user_metadata").filter(json -> json.startsWith("{")).map(UserMetadata::new)
                        .orElse(UserMetadata.EMPTY),
                Columns.instant(row, "created_at"), Columns.instant(row, "updated_at"),
                Columns.instant(row, "last_accessed_at"));
    }
}

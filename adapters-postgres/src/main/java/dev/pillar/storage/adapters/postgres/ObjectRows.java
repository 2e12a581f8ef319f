package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.port.ListedEntry;
import dev.pillar.storage.application.port.ListedFile;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.object.UserMetadata;
import io.helidon.dbclient.DbRow;

import java.util.Optional;

/** The columns read for an object row or a listed file, and the mappings from such rows. */
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

    /**
     * The select list for listed files under {@code alias}: what a listing shows, after {@code entry_name} and
     * {@code is_folder}. A folder's entry has nulls in them.
     */
    static String listedColumns(String alias) {
        return "%1$s.id, %1$s.name, %1$s.metadata::text as metadata, %1$s.created_at, %1$s.updated_at,"
                .formatted(alias) + " %s.last_accessed_at".formatted(alias);
    }

    /** An entry of a listing from a row of {@code entry_name}, {@code is_folder} and the {@link #listedColumns}. */
    static ListedEntry listedEntry(DbRow row) {
        String name = Columns.requiredText(row, "entry_name");
        if (Columns.flag(row, "is_folder")) {
            return new ListedEntry(name, Optional.empty());
        }
        return new ListedEntry(name, Optional.of(new ListedFile(Columns.uuid(row, "id"),
                ObjectName.of(Columns.requiredText(row, "name")),
                ObjectMetadata.toContent(Columns.text(row, "metadata").orElse(null)),
                Columns.instant(row, "created_at"), Columns.instant(row, "updated_at"),
                Columns.instant(row, "last_accessed_at"))));
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

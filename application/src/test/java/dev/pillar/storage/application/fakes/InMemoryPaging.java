package dev.pillar.storage.application.fakes;

import dev.pillar.storage.application.port.ListedEntry;
import dev.pillar.storage.application.port.ListedFile;
import dev.pillar.storage.application.port.ObjectPage;
import dev.pillar.storage.application.port.ObjectPageQuery;
import dev.pillar.storage.application.port.ObjectPageQuery.Position;
import dev.pillar.storage.application.port.ObjectPageQuery.SortColumn;
import dev.pillar.storage.application.port.SortOrder;
import dev.pillar.storage.domain.object.StoredObject;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** List-v2 pages over the rows a fake transaction sees: the straightforward, whole-list way. */
final class InMemoryPaging {
    private InMemoryPaging() {
    }

    static ObjectPage page(List<StoredObject> visible, ObjectPageQuery query) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (StoredObject object : visible) {
            String name = object.name().value();
            if (!name.startsWith(query.prefix())) {
                continue;
            }
            int slash = name.indexOf('/', query.prefix().length());
            if (query.delimited() && slash >= 0) {
                String folder = name.substring(0, slash + 1);
                rows.merge(folder, new Row(folder, Optional.empty(), object.createdAt()),
                        (a, b) -> a.time.isBefore(b.time) ? a : b);
            } else {
                rows.put(name, new Row(name, Optional.of(object), time(object, query.sortColumn())));
            }
        }
        Comparator<Row> order = query.sortColumn() == SortColumn.NAME
                ? Comparator.comparing(Row::name, InMemoryPaging::bytewise)
                : Comparator.comparing(Row::time).thenComparing(Row::name, InMemoryPaging::bytewise);
        Comparator<Row> directed = query.sortOrder() == SortOrder.DESC ? order.reversed() : order;
        List<Row> after = rows.values().stream().sorted(directed)
                .filter(row -> query.after().map(position -> directed.compare(row, at(position)) > 0).orElse(true))
                .toList();
        List<Row> shown = after.stream().limit(query.limit()).toList();
        Optional<Position> next = after.size() > query.limit()
                ? Optional.of(position(shown.getLast(), query.sortColumn())) : Optional.empty();
        return new ObjectPage(shown.stream()
                .map(row -> new ListedEntry(row.name, row.object.map(InMemoryPaging::listed))).toList(), next);
    }

    /** What a listing shows of a row. */
    static ListedFile listed(StoredObject object) {
        return new ListedFile(object.id(), object.name(), object.content(), object.createdAt(), object.updatedAt(),
                object.lastAccessedAt());
    }

    private static Instant time(StoredObject object, SortColumn column) {
        return column == SortColumn.UPDATED_AT ? object.updatedAt() : object.createdAt();
    }

    private static Row at(Position position) {
        return new Row(position.name(), Optional.empty(), position.time().orElse(Instant.EPOCH));
    }

    private static Position position(Row row, SortColumn column) {
        return new Position(row.name, column == SortColumn.NAME ? Optional.empty() : Optional.of(row.time));
    }

    /** Code point order, which is the byte order of UTF-8 that Postgres's "C" collation uses. */
    private static int bytewise(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    private record Row(String name, Optional<StoredObject> object, Instant time) {
    }
}

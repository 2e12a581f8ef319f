package dev.pillar.storage.application.port;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ObjectListQueryTest {
    @ParameterizedTest(name = "prefix [{0}] is folder [{1}]")
    @CsvSource(value = {"'', ''", "/, ''", "///, ''", "a, a/", "a/, a/", "/a, a/", "//a//, a/", "a/b, a/b/",
            "a//b/, a//b/", "' a /', ' a /'"})
    void the_prefix_as_a_folder_loses_its_outer_slashes_and_ends_in_one(String prefix, String folder) {
        ObjectListQuery query = new ObjectListQuery(prefix, "", 10, 0, ObjectListQuery.SortColumn.NAME,
                SortOrder.ASC);

        assertEquals(folder, query.folder());
    }
}

package dev.pillar.storage.application.metrics;

import dev.pillar.storage.application.fakes.InMemoryObjectStore;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.BlobNotFound;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ObjectName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MetricsTest {
    private final Metrics metrics = new Metrics();

    @Test
    void a_histogram_counts_a_value_on_a_bound_in_that_bucket_and_accumulates_upwards() {
        Metrics.Histogram histogram = metrics.histogram("h", "help", new double[]{1, 2}, "op");
        histogram.observe(0.5, "a");
        histogram.observe(1, "a");
        histogram.observe(1.5, "a");
        histogram.observe(7, "a");

        Metrics.HistogramSnapshot read = series("h").histogram();
        assertArrayEquals(new long[]{2, 3, 4}, read.cumulative());
        assertEquals(10, read.sum());
        assertEquals(4, read.count());
    }

    @Test
    void the_metered_store_counts_calls_by_operation_and_outcome() {
        MeteredObjectStore store = new MeteredObjectStore(new InMemoryObjectStore(), metrics);
        BlobKey key = new BlobKey("ref", BucketId.of("b"), ObjectName.of("o.txt"), "v1");

        store.write(key, new ByteArrayInputStream(new byte[]{1, 2, 3}));
        store.delete(key);
        assertThrows(BlobNotFound.class, () -> store.read(key, Optional.empty()));

        List<Metrics.Series> calls = family("storage_object_store_calls_total").series();
        assertEquals(3, calls.size());
        assertEquals(1, value(calls, "write", "ok"));
        assertEquals(1, value(calls, "delete", "ok"));
        assertEquals(1, value(calls, "read", "not_found"));
    }

    @Test
    void a_kept_series_is_the_one_its_labels_name() {
        Metrics.Counter counter = metrics.counter("c", "help", "op");
        Metrics.Histogram histogram = metrics.histogram("h", "help", new double[]{1}, "op");
        Metrics.CounterSeries kept = counter.labels("read");
        Metrics.HistogramSeries keptHistogram = histogram.labels("read");

        kept.add(2);
        counter.add(3, "read");
        counter.add(1, "write");
        keptHistogram.observe(0.5);
        histogram.observe(4, "read");

        assertEquals(5, value(family("c").series(), "read"));
        assertEquals(1, value(family("c").series(), "write"));
        assertEquals(1, series("h").histogram().cumulative()[0]);
        assertEquals(2, series("h").histogram().count());
        assertEquals(4.5, series("h").histogram().sum());
        assertThrows(IllegalArgumentException.class, () -> counter.labels("read", "extra"));
    }

    @Test
    void a_name_is_registered_once_and_labels_must_match_the_family() {
        Metrics.Counter counter = metrics.counter("c", "help", "a", "b");
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("c", "again"));
        assertThrows(IllegalArgumentException.class, () -> counter.add(1, "only-one"));
    }

    private Metrics.Family family(String name) {
        return metrics.read().stream().filter(family -> family.name().equals(name)).findFirst().orElseThrow();
    }

    private Metrics.Series series(String name) {
        return family(name).series().getFirst();
    }

    private static double value(List<Metrics.Series> series, String... labels) {
        return series.stream().filter(s -> s.labelValues().equals(List.of(labels))).findFirst().orElseThrow().value();
    }
}

package dev.pillar.storage.application.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * A small, lock-free registry of counters, histograms and gauges with labels, read whole by an exposition
 * (Prometheus text in the HTTP adapter). Families are registered once at wiring time; label values are
 * route patterns and operation names, never raw paths, so the number of series stays bounded.
 */
public final class Metrics {
    /** Latency buckets in seconds, from a cached 1 ms read to a minute-long upload. */
    public static final double[] LATENCY_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
            5, 10, 30, 60};

    /** What a family is, as Prometheus names it. */
    public enum Type { COUNTER, GAUGE, HISTOGRAM }

    /** A read of one family: its series, each with label values and a value (or a histogram). */
    public record Family(String name, String help, Type type, List<String> labelNames, List<Series> series) {
    }

    /** One labelled series: {@code value} for counters and gauges, {@code histogram} for histograms. */
    public record Series(List<String> labelValues, double value, HistogramSnapshot histogram) {
    }

    /** Cumulative bucket counts (one per bound, then +Inf), their sum and count. */
    public record HistogramSnapshot(double[] bounds, long[] cumulative, double sum, long count) {
    }

    private final Map<String, Registered> families = new ConcurrentHashMap<>();
    private final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A counter family; {@link Counter#labels} picks (and creates on first use) one series to keep and add to. */
    public Counter counter(String name, String help, String... labelNames) {
        return register(new Counter(name, help, List.of(labelNames)));
    }

    /** A histogram family over {@code bounds} (ascending upper bounds, +Inf is implied). */
    public Histogram histogram(String name, String help, double[] bounds, String... labelNames) {
        return register(new Histogram(name, help, bounds.clone(), List.of(labelNames)));
    }

    /** A value read when the metrics are read: a gauge, or a counter kept elsewhere (monotonic). */
    public void observed(String name, String help, Type type, DoubleSupplier value) {
        if (type == Type.HISTOGRAM) {
            throw new IllegalArgumentException("a histogram cannot be read from a supplier");
        }
        register(new Observed(name, help, type, value));
    }

    /** Every family in registration order. */
    public List<Family> read() {
        List<Family> read = new ArrayList<>();
        for (String name : order) {
            read.add(families.get(name).read());
        }
        return read;
    }

    private <T extends Registered> T register(T family) {
        if (families.putIfAbsent(family.name(), family) != null) {
            throw new IllegalArgumentException("metric registered twice: " + family.name());
        }
        order.add(family.name());
        return family;
    }

    private sealed interface Registered permits Counter, Histogram, Observed {
        String name();

        Family read();
    }

    /** A family of monotonic counters. */
    public static final class Counter implements Registered {
        private final String name;
        private final String help;
        private final List<String> labelNames;
        private final Map<List<String>, CounterSeries> series = new ConcurrentHashMap<>();

        private Counter(String name, String help, List<String> labelNames) {
            this.name = name;
            this.help = help;
            this.labelNames = labelNames;
        }

        /** Adds {@code amount} to the series with these label values (in the family's label order). */
        public void add(long amount, String... labelValues) {
            labels(labelValues).add(amount);
        }

        /** The series with these label values, created on first use: a caller that keeps it skips the lookup. */
        public CounterSeries labels(String... labelValues) {
            return series(series, key(labelNames, labelValues), labels -> new CounterSeries());
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Family read() {
            List<Series> read = new ArrayList<>();
            series.forEach((labels, counter) -> read.add(new Series(labels, counter.sum(), null)));
            return new Family(name, help, Type.COUNTER, labelNames, read);
        }
    }

    /** A family of histograms with fixed buckets. */
    public static final class Histogram implements Registered {
        private final String name;
        private final String help;
        private final double[] bounds;
        private final List<String> labelNames;
        private final Map<List<String>, HistogramSeries> series = new ConcurrentHashMap<>();

        private Histogram(String name, String help, double[] bounds, List<String> labelNames) {
            this.name = name;
            this.help = help;
            this.bounds = bounds;
            this.labelNames = labelNames;
        }

        /** Records one observation (seconds, bytes…) in the series with these label values. */
        public void observe(double value, String... labelValues) {
            labels(labelValues).observe(value);
        }

        /** The series with these label values, created on first use: a caller that keeps it skips the lookup. */
        public HistogramSeries labels(String... labelValues) {
            return series(series, key(labelNames, labelValues), labels -> new HistogramSeries(bounds));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Family read() {
            List<Series> read = new ArrayList<>();
            series.forEach((labels, histogram) -> read.add(new Series(labels, 0, histogram.snapshot())));
            return new Family(name, help, Type.HISTOGRAM, labelNames, read);
        }
    }

    /** One series of a counter family. */
    public static final class CounterSeries {
        private final LongAdder sum = new LongAdder();

        private CounterSeries() {
        }

        public void add(long amount) {
            sum.add(amount);
        }

        private long sum() {
            return sum.sum();
        }
    }

    /** One series of a histogram family. */
    public static final class HistogramSeries {
        private final double[] bounds;
        private final Buckets buckets;

        private HistogramSeries(double[] bounds) {
            this.bounds = bounds;
            this.buckets = new Buckets(bounds.length);
        }

        public void observe(double value) {
            buckets.add(bounds, value);
        }

        private HistogramSnapshot snapshot() {
            return buckets.snapshot(bounds);
        }
    }

    /** Per-bucket (not cumulative) counts; the read makes them cumulative. */
    private record Buckets(LongAdder[] counts, DoubleAdder sum) {
        Buckets(int bounds) {
            this(adders(bounds + 1), new DoubleAdder());
        }

        void add(double[] bounds, double value) {
            int index = Arrays.binarySearch(bounds, value);
            counts[index >= 0 ? index : -index - 1].increment();
            sum.add(value);
        }

        HistogramSnapshot snapshot(double[] bounds) {
            long[] cumulative = new long[counts.length];
            long running = 0;
            for (int i = 0; i < counts.length; i++) {
                running += counts[i].sum();
                cumulative[i] = running;
            }
            return new HistogramSnapshot(bounds, cumulative, sum.sum(), running);
        }

        private static LongAdder[] adders(int n) {
            LongAdder[] adders = new LongAdder[n];
            Arrays.setAll(adders, i -> new LongAdder());
            return adders;
        }
    }

    private record Observed(String name, String help, Type type, DoubleSupplier value) implements Registered {
        @Override
        public Family read() {
            return new Family(name, help, type, List.of(), List.of(new Series(List.of(), value.getAsDouble(), null)));
        }
    }

    /** A plain read first: once a series exists, finding it takes no lock (computeIfAbsent may lock its bin). */
    private static <S> S series(Map<List<String>, S> series, List<String> key,
                                Function<List<String>, S> create) {
        S found = series.get(key);
        return found != null ? found : series.computeIfAbsent(key, create);
    }

    private static List<String> key(List<String> labelNames, String[] labelValues) {
        if (labelValues.length != labelNames.size()) {
            throw new IllegalArgumentException("expected labels " + labelNames + ", got " + labelValues.length);
        }
        return List.of(labelValues);
    }
}

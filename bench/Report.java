import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The rows of one run: throughput, latency percentiles, errors, server RSS and CPU, and the ratio to the ceiling. */
final class Report {
    /** One scenario against one target; {@code id} names a ceiling row, {@code ceiling} the row it is compared to. */
    static final class Row {
        final String scenario;
        final String target;
        final long ops;
        final long bytes;
        final double seconds;
        final long[] sortedNanos;
        final long errors;
        final Proc.Usage usage;
        String id;
        String ceiling;

        Row(String scenario, String target, long ops, long bytes, long wallNanos, long[] nanos, long errors,
            Proc.Usage usage) {
            this.scenario = scenario;
            this.target = target;
            this.ops = ops;
            this.bytes = bytes;
            this.seconds = wallNanos / 1e9;
            this.sortedNanos = Bench.sorted(nanos);
            this.errors = errors;
            this.usage = usage;
        }

        Row id(String id) {
            this.id = id;
            return this;
        }

        Row ceiling(String ceiling) {
            this.ceiling = ceiling;
            return this;
        }

        boolean bulk() {
            return bytes >= (long) Bench.MIB * ops;
        }

        /** MB/s (10^6 bytes) for bulk transfers, requests per second otherwise. */
        double rate() {
            return bulk() ? bytes / seconds / 1e6 : ops / seconds;
        }

        /** The server's CPU time per operation: steadier than the rate on a shared machine, where waits vary. */
        double cpuMsPerOp() {
            return usage.cpuPercent() / 100 * seconds * 1000 / ops;
        }

        double percentileMs(double p) {
            int index = (int) Math.ceil(p / 100 * sortedNanos.length) - 1;
            return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
        }
    }

    private final List<Row> rows = new ArrayList<>();

    Row add(String scenario, String target, long ops, long bytes, long wallNanos, long[] nanos, long errors,
            Proc.Usage usage) {
        Row row = new Row(scenario, target, ops, bytes, wallNanos, nanos, errors, usage);
        rows.add(row);
        return row;
    }

    private Row byId(String id) {
        return rows.stream().filter(row -> id.equals(row.id)).findFirst().orElse(null);
    }

    private String ratio(Row row) {
        Row ceiling = row.ceiling == null ? null : byId(row.ceiling);
        return ceiling == null ? "" : String.format(Locale.ROOT, "%.2f", row.rate() / ceiling.rate());
    }

    void print(PrintStream out) {
        String format = "%-38s %-11s %10s %-5s %8s %8s %8s %6s %8s %6s %9s  %-16s %s%n";
        out.printf(format, "scenario", "target", "rate", "unit", "p50 ms", "p95 ms", "p99 ms", "errors", "RSS MiB",
                "CPU %", "CPU ms/op", "vs ceiling", "ratio");
        for (Row row : rows) {
            out.printf(Locale.ROOT, format, row.scenario, row.target, String.format(Locale.ROOT, "%.0f", row.rate()),
                    row.bulk() ? "MB/s" : "req/s", ms(row.percentileMs(50)), ms(row.percentileMs(95)),
                    ms(row.percentileMs(99)), row.errors, row.usage.peakRssBytes() / (1 << 20),
                    String.format(Locale.ROOT, "%.0f", row.usage.cpuPercent()), ms(row.cpuMsPerOp()),
                    row.ceiling == null ? "" : row.ceiling, ratio(row));
        }
    }

    String json() {
        StringBuilder json = new StringBuilder("{\n  \"rows\": [\n");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            json.append(String.format(Locale.ROOT, "    {\"scenario\": \"%s\", \"target\": \"%s\", \"ops\": %d,"
                            + " \"bytes\": %d, \"seconds\": %.3f, \"rate\": %.1f, \"unit\": \"%s\", \"p50_ms\": %.2f,"
                            + " \"p95_ms\": %.2f, \"p99_ms\": %.2f, \"errors\": %d, \"peak_rss_bytes\": %d,"
                            + " \"cpu_percent\": %.1f, \"cpu_ms_per_op\": %.3f, \"ceiling\": %s, \"ratio\": %s}%s%n",
                    row.scenario, row.target, row.ops, row.bytes, row.seconds, row.rate(), row.bulk() ? "MB/s" : "req/s",
                    row.percentileMs(50), row.percentileMs(95), row.percentileMs(99), row.errors,
                    row.usage.peakRssBytes(), row.usage.cpuPercent(), row.cpuMsPerOp(),
                    row.ceiling == null ? "null" : "\"" + row.ceiling + "\"",
                    ratio(row).isEmpty() ? "null" : ratio(row), i + 1 < rows.size() ? "," : ""));
        }
        return json.append("  ]\n}\n").toString();
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.0f", value);
    }
}

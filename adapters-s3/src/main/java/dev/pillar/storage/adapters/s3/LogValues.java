package dev.pillar.storage.adapters.s3;

/** Renders values for {@code key=value} log lines: free text quoted, on one line, quotes escaped. */
final class LogValues {
    private LogValues() {
    }

    static String quoted(String text) {
        if (text == null) {
            return "\"\"";
        }
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n]+", " ") + '"';
    }

    static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    static String orNone(String value) {
        return value == null || value.isEmpty() ? "none" : value;
    }
}

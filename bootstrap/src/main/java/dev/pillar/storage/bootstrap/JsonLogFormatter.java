package dev.pillar.storage.bootstrap;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Every log record as one JSON line: {@code time}, {@code level}, {@code logger}, {@code message}, then either
 * the fields of a record whose only parameter is a map (the access log) or the formatted message, and a thrown
 * exception as {@code error} with its stack trace. Callers never put keys or tokens in records. Written by hand
 * ({@link JsonLine}), not through a Jackson tree: this runs once per request.
 */
public final class JsonLogFormatter extends Formatter {
    /** The time's text up to the second, for the last second seen: most records share it with their neighbours. */
    private volatile Second second = new Second(Long.MIN_VALUE, "");

    @Override
    public String format(LogRecord record) {
        StringBuilder text = new StringBuilder(320);
        JsonLine line = new JsonLine(text)
                .field("time", time(record.getMillis()))
                .field("level", level(record.getLevel()))
                .field("logger", record.getLoggerName());
        Object[] parameters = record.getParameters();
        if (parameters != null && parameters.length == 1 && parameters[0] instanceof Map<?, ?> fields) {
            line.field("message", record.getMessage());
            fields.forEach((key, value) -> line.field(String.valueOf(key), value));
        } else {
            line.field("message", formatMessage(record));
        }
        if (record.getThrown() != null) {
            line.field("error", record.getThrown().toString());
            StringWriter stack = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(stack));
            line.field("stack", stack.toString());
        }
        line.end();
        return text.toString();
    }

    /** {@code Instant.ofEpochMilli(millis).toString()}, with the part up to the second computed once a second. */
    private String time(long millis) {
        long epochSecond = Math.floorDiv(millis, 1000);
        int milli = Math.floorMod(millis, 1000);
        Second current = second;
        if (current.epochSecond() != epochSecond) {
            String whole = Instant.ofEpochSecond(epochSecond).toString();
            current = new Second(epochSecond, whole.substring(0, whole.length() - 1));
            second = current;
        }
        if (milli == 0) {
            return current.text() + 'Z';
        }
        return current.text() + '.' + (char) ('0' + milli / 100) + (char) ('0' + milli / 10 % 10)
                + (char) ('0' + milli % 10) + 'Z';
    }

    /** The level as the configuration names them: error, warn, info, debug, trace. */
    private static String level(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "error";
        }
        if (value >= Level.WARNING.intValue()) {
            return "warn";
        }
        if (value >= Level.INFO.intValue()) {
            return "info";
        }
        return value >= Level.FINE.intValue() ? "debug" : "trace";
    }

    private record Second(long epochSecond, String text) {
    }
}

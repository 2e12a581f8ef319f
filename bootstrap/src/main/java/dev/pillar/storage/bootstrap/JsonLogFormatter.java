package dev.pillar.storage.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pillar.storage.adapters.http.support.Json;

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
 * exception as {@code error} with its stack trace. Callers never put keys or tokens in records.
 */
public final class JsonLogFormatter extends Formatter {
    @Override
    public String format(LogRecord record) {
        ObjectNode line = Json.object();
        line.put("time", Instant.ofEpochMilli(record.getMillis()).toString());
        line.put("level", level(record.getLevel()));
        line.put("logger", record.getLoggerName());
        Object[] parameters = record.getParameters();
        if (parameters != null && parameters.length == 1 && parameters[0] instanceof Map<?, ?> fields) {
            line.put("message", record.getMessage());
            fields.forEach((key, value) -> line.set(String.valueOf(key), Json.MAPPER.valueToTree(value)));
        } else {
            line.put("message", formatMessage(record));
        }
        if (record.getThrown() != null) {
            line.put("error", record.getThrown().toString());
            StringWriter stack = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(stack));
            line.put("stack", stack.toString());
        }
        try {
            return Json.MAPPER.writeValueAsString(line) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            return "{\"level\":\"error\",\"message\":\"unprintable log record\"}" + System.lineSeparator();
        }
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
}

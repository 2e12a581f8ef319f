package dev.pillar.storage.adapters.postgres;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a libpq-style {@code postgres://user:pass@host:port/db?params} URL (as in {@code DATABASE_URL})
 * into settings. User and password are percent-decoded; host list, database and parameters go into the
 * JDBC URL unchanged (pgjdbc decodes the database name and reads {@code sslmode} and friends itself).
 */
final class DatabaseUrl {
    private static final Pattern PASSWORD_IN_USERINFO = Pattern.compile("(://[^:/?#@]*):[^@/]*@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&]*");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private DatabaseUrl() {
    }

    static PostgresSettings parse(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("it is empty");
        }
        String trimmed = url.trim();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return PostgresSettings.of(trimmed, "", "");
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("postgres://")) {
            rest = trimmed.substring("postgres://".length());
        } else if (lower.startsWith("postgresql://")) {
            rest = trimmed.substring("postgresql://".length());
        } else {
            throw invalid("expected postgres://, postgresql:// or jdbc:postgresql:");
        }
        int question = rest.indexOf('?');
        String head = question < 0 ? rest : rest.substring(0, question);
        String query = question < 0 ? "" : rest.substring(question + 1);
        int at = head.lastIndexOf('@');
        String userInfo = at < 0 ? "" : head.substring(0, at);
        String location = head.substring(at + 1);
        int slash = location.indexOf('/');
        String hosts = slash < 0 ? location : location.substring(0, slash);
        String database = slash < 0 ? "" : location.substring(slash + 1);
        requireHosts(hosts);

        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user");
        String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1), "password");
        if (database.isEmpty()) {
            if (user.isEmpty()) {
                throw invalid("it names no database and no user");
            }
            database = encodePathSegment(user); // libpq's default: the database named like the user
        } else {
            decode(database, "database name"); // only to reject a malformed escape
        }
        String jdbcUrl = "jdbc:postgresql://" + hosts + "/" + database + (query.isEmpty() ? "" : "?" + query);
        return PostgresSettings.of(jdbcUrl, user, password);
    }

    /** The URL with any password replaced by {@code ***}, fit for logs and error messages. */
    static String redact(String url) {
        String withoutUserInfoPassword = PASSWORD_IN_USERINFO.matcher(url).replaceAll("$1:***@");
        return PASSWORD_PARAMETER.matcher(withoutUserInfoPassword).replaceAll("$1***");
    }

    private static void requireHosts(String hosts) {
        if (hosts.isEmpty()) {
            throw invalid("it names no host");
        }
        for (String host : hosts.split(",", -1)) {
            String port;
            if (host.startsWith("[")) {
                int close = host.indexOf(']');
                if (close < 2) {
                    throw invalid("an IPv6 host is not closed by ]");
                }
                String after = host.substring(close + 1);
                if (!after.isEmpty() && !after.startsWith(":")) {
                    throw invalid("unexpected text after the IPv6 host");
                }
                port = after.isEmpty() ? "" : after.substring(1);
            } else {
                int colon = host.lastIndexOf(':');
                if ((colon < 0 ? host : host.substring(0, colon)).isEmpty()) {
                    throw invalid("a host name is empty");
                }
                port = colon < 0 ? "" : host.substring(colon + 1);
            }
            if (!port.isEmpty() && (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535)) {
                throw invalid("the port is not a number between 1 and 65535");
            }
        }
    }

    /** Percent-decoding as in a URL's user info: {@code +} stays a plus. */
    private static String decode(String text, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                        || Character.digit(text.charAt(i + 2), 16) < 0) {
                    throw invalid("the " + what + " has a malformed %-escape");
                }
                bytes.write(Integer.parseInt(text, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String encodePathSegment(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    private static IllegalArgumentException invalid(String reason) {
        return new IllegalArgumentException("Malformed database URL: " + reason
                + " (expected postgres://user:password@host:port/database?params)");
    }
}

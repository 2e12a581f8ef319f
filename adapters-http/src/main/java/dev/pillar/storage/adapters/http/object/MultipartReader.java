package dev.pillar.storage.adapters.http.object;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A streaming {@code multipart/form-data} reader: parts are handed out one after another as
 * streams over the request body, through a fixed-size buffer, so a file part of any size is never
 * held in memory.
 */
final class MultipartReader {
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADERS = 16 * 1024;
    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private PartStream current;
    private boolean finished;

    MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[BUFFER + delimiter.length];
        // The body starts with "--boundary"; a virtual CRLF in front makes every delimiter look alike.
        buf[0] = '\r';
        buf[1] = '\n';
        limit = 2;
    }

    /** One part: its headers (lower-case names) and its body, valid until the next call to {@link #next}. */
    record Part(Map<String, String> headers, String name, Optional<String> fileName, InputStream body) {
        Optional<String> contentType() {
            return Optional.ofNullable(headers.get("content-type")).map(String::trim).filter(s -> !s.isEmpty());
        }
    }

    /** The next part, or empty after the closing delimiter. */
    Optional<Part> next() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        if (current == null) {
            new PartStream().transferTo(OutputStream.nullOutputStream()); // the preamble
        } else {
            current.transferTo(OutputStream.nullOutputStream());
        }
        if (!ensure(2)) {
            throw malformed();
        }
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return Optional.empty();
        }
        skipLine();
        Map<String, String> headers = readHeaders();
        Map<String, String> disposition = parameters(headers.getOrDefault("content-disposition", ""));
        current = new PartStream();
        return Optional.of(new Part(headers, disposition.getOrDefault("name", ""),
                Optional.ofNullable(disposition.get("filename")), current));
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new HashMap<>();
        int total = 0;
        while (true) {
            String line = readLine();
            total += line.length() + 2;
            if (total > MAX_HEADERS) {
                throw malformed();
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            if (!ensure(1)) {
                throw malformed();
            }
            byte b = buf[pos++];
            if (b == '\n') {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            line.append((char) (b & 0xff));
            if (line.length() > MAX_HEADERS) {
                throw malformed();
            }
        }
    }

    private void skipLine() throws IOException {
        readLine();
    }

    /** Parses {@code form-data; name="x"; filename="y"} (values re-read as UTF-8, as browsers send them). */
    static Map<String, String> parameters(String header) {
        Map<String, String> result = new HashMap<>();
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            int eq = header.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = header.substring(i + 1, eq).trim().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            StringBuilder value = new StringBuilder();
            if (j < header.length() && header.charAt(j) == '"') {
                j++;
                while (j < header.length() && header.charAt(j) != '"') {
                    if (header.charAt(j) == '\\' && j + 1 < header.length()) {
                        j++;
                    }
                    value.append(header.charAt(j++));
                }
                j++;
            } else {
                while (j < header.length() && header.charAt(j) != ';') {
                    value.append(header.charAt(j++));
                }
            }
            result.put(key, new String(value.toString().trim().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
            i = header.indexOf(';', j);
        }
        return result;
    }

    /** Makes at least {@code n} unread bytes available unless the input ends first. */
    private boolean ensure(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (limit - pos < n && !eof) {
            int read = in.read(buf, limit, buf.length - limit);
            if (read < 0) {
                eof = true;
            } else {
                limit += read;
            }
        }
        return limit - pos >= n;
    }

    private int indexOfDelimiter() {
        outer:
        for (int i = pos; i <= limit - delimiter.length; i++) {
            for (int k = 0; k < delimiter.length; k++) {
                if (buf[i + k] != delimiter[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static IOException malformed() {
        return new IOException("malformed multipart body");
    }

    /** The body of one part: ends where the next delimiter starts, then consumes the delimiter. */
    private final class PartStream extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            ensure(delimiter.length + 1);
            int found = indexOfDelimiter();
            int available;
            if (found == pos) {
                pos += delimiter.length;
                done = true;
                return -1;
            } else if (found > pos) {
                available = found - pos;
            } else if (eof) {
                throw malformed();
            } else {
                available = limit - pos - (delimiter.length - 1);
            }
            int n = Math.min(length, available);
            System.arraycopy(buf, pos, target, offset, n);
            pos += n;
            return n;
        }
    }
}

package dev.pillar.storage.adapters.http.object;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultipartReaderTest {
    private static final String BOUNDARY = "----formdata-undici-0123456789";

    @Test
    void reads_fields_then_streams_a_large_binary_file_part_unchanged() throws IOException {
        byte[] file = new byte[3 * 1024 * 1024 + 7];
        new Random(42).nextBytes(file);
        // Plant pieces of the delimiter inside the payload, across buffer boundaries.
        byte[] almost = ("\r\n--" + BOUNDARY.substring(0, 10)).getBytes(StandardCharsets.ISO_8859_1);
        for (int at : new int[]{0, 65536 - 5, 65536 * 2 - 1, file.length - almost.length}) {
            System.arraycopy(almost, 0, file, at, almost.length);
        }
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body(file)), BOUNDARY);

        MultipartReader.Part cache = reader.next().orElseThrow();
        assertEquals("cacheControl", cache.name());
        assertEquals("3600", new String(cache.body().readAllBytes(), StandardCharsets.UTF_8));
        MultipartReader.Part metadata = reader.next().orElseThrow();
        assertEquals("{\"a\":1}", new String(metadata.body().readAllBytes(), StandardCharsets.UTF_8));
        MultipartReader.Part filePart = reader.next().orElseThrow();
        assertEquals("", filePart.name());
        assertEquals(Optional.of("blob ü.bin"), filePart.fileName());
        assertEquals(Optional.of("application/octet-stream"), filePart.contentType());
        assertArrayEquals(file, readInOddChunks(filePart.body()));
        assertTrue(reader.next().isEmpty());
    }

    @Test
    void skips_unread_parts_when_moving_on() throws IOException {
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body(new byte[]{1, 2, 3})), BOUNDARY);
        reader.next();
        reader.next();
        assertArrayEquals(new byte[]{1, 2, 3}, reader.next().orElseThrow().body().readAllBytes());
    }

    @Test
    void a_body_cut_short_is_malformed_not_a_shorter_file() {
        byte[] whole = body(new byte[1000]);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 60);
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(cut), BOUNDARY);
        assertThrows(IOException.class, () -> {
            reader.next();
            reader.next();
            reader.next().orElseThrow().body().readAllBytes();
        });
    }

    @Test
    void parses_quoted_and_bare_header_parameters() {
        var params = MultipartReader.parameters("form-data; name=\"a \\\"b\\\"\"; filename=plain.txt");
        assertEquals("a \"b\"", params.get("name"));
        assertEquals("plain.txt", params.get("filename"));
    }

    private static byte[] body(byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"cacheControl\"\r\n\r\n3600\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"metadata\"\r\n\r\n{\"a\":1}\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"\"; filename=\"blob ü.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] readInOddChunks(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[7919];
        int n;
        while ((n = in.read(chunk, 0, chunk.length)) >= 0) {
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }
}

package dev.pillar.storage.application.object;

import dev.pillar.storage.domain.failure.TooLarge;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static dev.pillar.storage.application.StorageFixture.body;
import static dev.pillar.storage.application.StorageFixture.md5Hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MeteredInputStreamTest {

    @Test
    void passes_the_bytes_through_while_counting_and_hashing_them() throws IOException {
        MeteredInputStream metered = new MeteredInputStream(body("hello"), 100);

        assertEquals("hello", new String(metered.readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(5, metered.count());
        assertEquals("5d41402abc4b2a76b9719d911017c592", metered.md5Hex());
    }

    @Test
    void reading_byte_by_byte_counts_and_hashes_the_same() throws IOException {
        MeteredInputStream metered = new MeteredInputStream(body("hello"), 100);

        while (metered.read() >= 0) {
            // drain
        }

        assertEquals(5, metered.count());
        assertEquals(md5Hex("hello"), metered.md5Hex());
    }

    @Test
    void an_empty_body_has_the_md5_of_nothing() throws IOException {
        MeteredInputStream metered = new MeteredInputStream(body(""), 0);

        metered.readAllBytes();

        assertEquals("d41d8cd98f00b204e9800998ecf8427e", metered.md5Hex());
    }

    @Test
    void fails_the_moment_the_limit_is_passed() throws IOException {
        MeteredInputStream metered = new MeteredInputStream(body("abcd"), 3);
        for (int i = 0; i < 3; i++) {
            metered.read();
        }

        assertThrows(TooLarge.class, metered::read);
    }

    @Test
    void refuses_to_skip_since_every_byte_must_be_counted() {
        MeteredInputStream metered = new MeteredInputStream(body("abcd"), 10);

        assertThrows(UnsupportedOperationException.class, () -> metered.skip(2));
        assertFalse(metered.markSupported());
    }
}

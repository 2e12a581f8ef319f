package dev.pillar.storage.application.object;

import dev.pillar.storage.application.digest.Md5;
import dev.pillar.storage.domain.failure.TooLarge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

import static dev.pillar.storage.application.StorageFixture.body;
import static dev.pillar.storage.application.StorageFixture.md5Hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MeteredInputStreamTest {
    private final Md5 md5 = new Md5();

    @AfterEach
    void stopTheDigest() {
        md5.close();
    }

    @Test
    void passes_the_bytes_through_while_counting_and_hashing_them() throws IOException {
        MeteredInputStream metered = new MeteredInputStream(body("hello"), 100, md5);

        assertEquals("hello", new String(metered.readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(5, metered.count());
        assertEquals("5d41402abc4b2a76b9719d911017c592", md5.hex());
    }

    @Test
    void reading_byte_by_byte_counts_and_hashes_the_same() throws IOException {
        MeteredInputStream metered = new MeteredInputStream(body("hello"), 100, md5);

        while (metered.read() >= 0) {
            // drain
        }

        assertEquals(5, metered.count());
        assertEquals(md5Hex("hello"), md5.hex());
    }

    @Test
    void an_empty_body_has_the_md5_of_nothing() throws IOException {
        MeteredInputStream metered = new MeteredInputStream(body(""), 0, md5);

        metered.readAllBytes();

        assertEquals("d41d8cd98f00b204e9800998ecf8427e", md5.hex());
    }

    @Test
    void a_body_of_many_digest_blocks_read_in_chunks_or_byte_by_byte_has_its_plain_md5()
            throws IOException, NoSuchAlgorithmException {
        byte[] bytes = new byte[3 * 1024 * 1024 + 17]; // several of the digest's blocks
        new Random(5).nextBytes(bytes);
        MeteredInputStream metered = new MeteredInputStream(new ByteArrayInputStream(bytes), bytes.length, md5);
        try (Md5 byByte = new Md5()) {
            MeteredInputStream single = new MeteredInputStream(new ByteArrayInputStream(bytes), bytes.length, byByte);

            metered.readAllBytes();
            while (single.read() >= 0) {
                // drain
            }

            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
            assertEquals(expected, md5.hex());
            assertEquals(expected, byByte.hex());
            assertEquals(bytes.length, single.count());
        }
    }

    @Test
    void fails_the_moment_the_limit_is_passed() throws IOException {
        MeteredInputStream metered = new MeteredInputStream(body("abcd"), 3, md5);
        for (int i = 0; i < 3; i++) {
            metered.read();
        }

        assertThrows(TooLarge.class, metered::read);
    }

    @Test
    void refuses_to_skip_since_every_byte_must_be_counted() {
        MeteredInputStream metered = new MeteredInputStream(body("abcd"), 10, md5);

        assertThrows(UnsupportedOperationException.class, () -> metered.skip(2));
        assertFalse(metered.markSupported());
    }
}

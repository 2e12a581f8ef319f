package dev.pillar.storage.application.digest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static dev.pillar.storage.application.digest.Md5.BLOCKS;
import static dev.pillar.storage.application.digest.Md5.BLOCK_BYTES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Md5Test {
    private static final int B = BLOCK_BYTES;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, B - 1, B, B + 1, 2 * B - 1, 2 * B, 2 * B + 1, 3 * B, (BLOCKS + 3) * B + 12_345})
    void is_the_plain_md5_of_the_bytes_whatever_their_size_and_however_they_arrive(int size)
            throws NoSuchAlgorithmException {
        byte[] bytes = randomBytes(size, size);
        Random chunks = new Random(size + 1L);
        Md5 md5 = new Md5();

        for (int offset = 0; offset < size; ) {
            int n = Math.min(size - offset, chunks.nextInt(4) == 0 ? chunks.nextInt(8) : chunks.nextInt(3 * B / 2));
            if (n == 0) {
                md5.update(bytes[offset]);
                offset++;
            } else {
                md5.update(bytes, offset, n);
                offset += n;
            }
        }

        assertEquals(plainMd5(bytes), md5.hex());
    }

    @Test
    void single_bytes_across_block_boundaries_give_the_plain_md5() throws NoSuchAlgorithmException {
        byte[] bytes = randomBytes(3 * B + 7, 11);
        Md5 md5 = new Md5();

        for (byte b : bytes) {
            md5.update(b);
        }

        assertEquals(plainMd5(bytes), md5.hex());
        assertNotNull(md5.worker(), "full blocks went to the worker");
    }

    @Test
    void a_body_that_ends_within_its_first_block_is_digested_without_a_worker() throws NoSuchAlgorithmException {
        byte[] bytes = randomBytes(B, 12);
        Md5 md5 = new Md5();

        md5.update(bytes, 0, bytes.length);

        assertEquals(plainMd5(bytes), md5.hex());
        assertNull(md5.worker());
    }

    @Test
    void the_worker_has_stopped_once_the_md5_is_returned() {
        byte[] bytes = randomBytes(10 * B, 13);
        Md5 md5 = new Md5();
        md5.update(bytes, 0, bytes.length);

        md5.hex();

        assertFalse(md5.worker().isAlive());
    }

    @Test
    // A worker that never stops makes this test fail instead of hang.
    @Timeout(value = 1, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void closing_a_digest_left_midway_stops_its_worker_and_refuses_further_use() {
        byte[] bytes = randomBytes((BLOCKS + 2) * B + 5, 14);
        Md5 md5 = new Md5();
        md5.update(bytes, 0, bytes.length);
        Thread worker = md5.worker();

        md5.close();

        assertFalse(worker.isAlive(), "close waits for the worker to stop");
        assertThrows(IllegalStateException.class, md5::hex);
        assertThrows(IllegalStateException.class, () -> md5.update(bytes, 0, 1));
        md5.close();
    }

    @Test
    void closing_after_the_md5_was_returned_changes_nothing() throws NoSuchAlgorithmException {
        byte[] bytes = randomBytes(4 * B, 15);
        Md5 md5 = new Md5();
        md5.update(bytes, 0, bytes.length);
        String hex = md5.hex();

        md5.close();

        assertEquals(plainMd5(bytes), hex);
        assertThrows(IllegalStateException.class, md5::hex);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String plainMd5(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }
}

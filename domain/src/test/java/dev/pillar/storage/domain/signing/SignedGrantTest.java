package dev.pillar.storage.domain.signing;

import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.InvalidToken;
import dev.pillar.storage.domain.object.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SignedGrantTest {
    private static final BucketId DOCS = BucketId.of("docs");
    private static final ObjectName NAME = ObjectName.of("a/report.pdf");
    private static final Instant NOW = Instant.parse("2024-03-01T09:00:00Z");
    private static final Validity MINUTE = Validity.seconds(NOW, 60);
    private static final DownloadGrant DOWNLOAD = new DownloadGrant(DOCS, NAME, MINUTE);
    private static final UploadGrant UPLOAD = new UploadGrant(DOCS, NAME, Optional.of("alice"), false, MINUTE);

    @Test
    void admits_its_own_object_until_it_is_over() {
        assertDoesNotThrow(() -> DOWNLOAD.admit(DOCS, NAME, NOW.plusSeconds(59)));
        assertDoesNotThrow(() -> UPLOAD.admit(DOCS, NAME, NOW.plusSeconds(59)));

        InvalidToken expired = assertThrows(InvalidToken.class, () -> DOWNLOAD.admit(DOCS, NAME, NOW.plusSeconds(60)));
        assertEquals(InvalidToken.Reason.EXPIRED_TOKEN, expired.reason());
        assertEquals(InvalidToken.Reason.EXPIRED_TOKEN,
                assertThrows(InvalidToken.class, () -> UPLOAD.admit(DOCS, NAME, NOW.plusSeconds(60))).reason());
    }

    @ParameterizedTest
    @CsvSource({"photos, a/report.pdf", "docs, a/report.pdf.bak", "docs, a", "docs, A/report.pdf"})
    void a_download_grant_refuses_any_other_object_as_an_invalid_signature(String bucket, String name) {
        InvalidToken failure = assertThrows(InvalidToken.class,
                () -> DOWNLOAD.admit(BucketId.of(bucket), ObjectName.of(name), NOW));

        assertEquals(InvalidToken.Reason.INVALID_SIGNATURE, failure.reason());
    }

    @ParameterizedTest
    @CsvSource({"photos, a/report.pdf", "docs, a/other.pdf"})
    void an_upload_grant_refuses_any_other_object_as_an_invalid_upload_signature(String bucket, String name) {
        InvalidToken failure = assertThrows(InvalidToken.class,
                () -> UPLOAD.admit(BucketId.of(bucket), ObjectName.of(name), NOW));

        assertEquals(InvalidToken.Reason.INVALID_UPLOAD_SIGNATURE, failure.reason());
    }

    @Test
    void another_object_is_refused_as_such_even_once_the_grant_is_over() {
        InvalidToken failure = assertThrows(InvalidToken.class,
                () -> DOWNLOAD.admit(DOCS, ObjectName.of("b.pdf"), NOW.plusSeconds(3600)));

        assertEquals(InvalidToken.Reason.INVALID_SIGNATURE, failure.reason());
    }
}

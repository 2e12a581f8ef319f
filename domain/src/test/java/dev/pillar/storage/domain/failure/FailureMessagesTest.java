package dev.pillar.storage.domain.failure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The messages clients match on, exactly as Supabase's error catalogue words them. */
class FailureMessagesTest {

    @ParameterizedTest
    @CsvSource({"BUCKET, Bucket not found", "OBJECT, Object not found", "UPLOAD, Upload not found"})
    void not_found_names_the_missing_resource(Resource resource, String message) {
        NotFound failure = new NotFound(resource);

        assertEquals(message, failure.getMessage());
        assertEquals(resource, failure.resource());
    }

    @Test
    void a_duplicate_says_the_resource_already_exists_whatever_it_is() {
        AlreadyExists failure = new AlreadyExists(Resource.BUCKET);

        assertEquals("The resource already exists", failure.getMessage());
        assertEquals(Resource.BUCKET, failure.resource());
    }

    @Test
    void a_bucket_with_objects_cannot_be_deleted() {
        assertEquals("The bucket you tried to delete is not empty", new BucketNotEmpty().getMessage());
    }

    @Test
    void parameter_failures_name_the_parameter() {
        assertEquals("Missing Required Parameter bucketId", InvalidInput.missingParameter("bucketId").getMessage());
        assertEquals(InvalidInput.Reason.MISSING_PARAMETER, InvalidInput.missingParameter("bucketId").reason());
        assertEquals("Invalid Parameter limit", InvalidInput.invalidParameter("limit").getMessage());
    }

    @Test
    void signed_url_failures_read_as_supabase_words_them() {
        assertEquals("Invalid signature", InvalidToken.invalidSignature().getMessage());
        assertEquals(InvalidToken.Reason.INVALID_SIGNATURE, InvalidToken.invalidSignature().reason());
        assertEquals("Invalid upload Signature", InvalidToken.invalidUploadSignature().getMessage());
        assertEquals(InvalidToken.Reason.INVALID_UPLOAD_SIGNATURE, InvalidToken.invalidUploadSignature().reason());
        assertEquals("The provided token has expired.", InvalidToken.expired().getMessage());
        assertEquals(InvalidToken.Reason.EXPIRED_TOKEN, InvalidToken.expired().reason());
    }

    @Test
    void failures_carry_no_stack_trace_since_they_are_answers_not_crashes() {
        assertEquals(0, new NotFound(Resource.OBJECT).getStackTrace().length);
        assertNull(new TooLarge().getCause());
    }
}

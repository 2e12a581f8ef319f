package dev.pillar.storage.application.access;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class CallerTest {

    @Test
    void the_server_on_behalf_of_an_owner_bypasses_policies_and_carries_the_owner_as_subject_and_claim() {
        Caller caller = Caller.systemOnBehalfOf(Optional.of("8d0fd2b3-9ca7-4d9e-a95f-9e13dded323e"));

        assertEquals(Role.SERVICE_ROLE, caller.role());
        assertEquals(Optional.of("8d0fd2b3-9ca7-4d9e-a95f-9e13dded323e"), caller.subject());
        assertEquals("{\"role\":\"service_role\",\"sub\":\"8d0fd2b3-9ca7-4d9e-a95f-9e13dded323e\"}", caller.claimsJson());
    }

    @Test
    void an_owner_is_written_into_the_claims_as_a_json_string_whatever_it_contains() {
        Caller caller = Caller.systemOnBehalfOf(Optional.of("a\"b\\c\nd"));

        assertEquals("{\"role\":\"service_role\",\"sub\":\"a\\\"b\\\\c\\u000ad\"}", caller.claimsJson());
    }

    @Test
    void on_behalf_of_nobody_is_the_server_itself() {
        assertSame(Caller.system(), Caller.systemOnBehalfOf(Optional.empty()));
    }
}

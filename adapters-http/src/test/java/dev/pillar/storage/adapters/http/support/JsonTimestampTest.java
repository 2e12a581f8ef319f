package dev.pillar.storage.adapters.http.support;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTimestampTest {
    private static final DateTimeFormatter PATTERN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void prints_supabase_s_form_with_milliseconds_cut_not_rounded() {
        assertEquals("2021-02-17T04:43:32.770Z", Json.timestamp(Instant.parse("2021-02-17T04:43:32.770999999Z")));
        assertEquals("1970-01-01T00:00:00.000Z", Json.timestamp(Instant.EPOCH));
    }

    @Test
    void prints_what_the_date_time_pattern_prints_on_edges_of_days_months_and_years() {
        List<Instant> instants = new ArrayList<>();
        for (int year : new int[]{-1, 0, 1, 2, 1899, 1900, 1969, 1970, 1999, 2000, 2024, 2100, 2400, 9999, 10_000}) {
            for (LocalDate day : new LocalDate[]{LocalDate.of(year, 1, 1), LocalDate.of(year, 2, 28),
                    LocalDate.of(year, 3, 1), LocalDate.of(year, 12, 31)}) {
                long second = day.toEpochSecond(LocalTime.MIDNIGHT, ZoneOffset.UTC);
                instants.add(Instant.ofEpochSecond(second));
                instants.add(Instant.ofEpochSecond(second - 1, 999_999_999));
                instants.add(Instant.ofEpochSecond(second + 86_399, 1_000_000));
            }
            if (LocalDate.of(year, 1, 1).isLeapYear()) {
                instants.add(LocalDate.of(year, 2, 29).atTime(12, 34, 56, 789_000_000).toInstant(ZoneOffset.UTC));
            }
        }
        instants.forEach(instant -> assertEquals(PATTERN.format(instant), Json.timestamp(instant), instant::toString));
    }

    @Test
    void prints_what_the_date_time_pattern_prints_for_random_instants() {
        Random random = new Random(11);
        long from = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2400-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(1_000_000_000));
            assertEquals(PATTERN.format(instant), Json.timestamp(instant), instant::toString);
        }
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-1L << 40, 1L << 40), random.nextInt(1000));
            assertEquals(PATTERN.format(instant), Json.timestamp(instant), instant::toString);
        }
    }
}

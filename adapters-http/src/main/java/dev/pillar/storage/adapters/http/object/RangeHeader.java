package dev.pillar.storage.adapters.http.object;

import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.object.RequestedRange;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a single-range {@code Range: bytes=first-last | first- | -suffix} header. */
final class RangeHeader {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    private RangeHeader() {
    }

    static Optional<RequestedRange> parse(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.get().replace(" ", ""));
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            throw invalid();
        }
        OptionalLong first = number(m.group(1));
        OptionalLong last = number(m.group(2));
        if (first.isPresent() && last.isPresent() && last.getAsLong() < first.getAsLong()) {
            throw invalid();
        }
        return Optional.of(new RequestedRange(first, last));
    }

    private static InvalidInput invalid() {
        return new InvalidInput(InvalidInput.Reason.INVALID_RANGE, "invalid range provided");
    }

    private static OptionalLong number(String digits) {
        return digits.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(digits));
    }
}

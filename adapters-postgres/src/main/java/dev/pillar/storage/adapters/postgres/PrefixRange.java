package dev.pillar.storage.adapters.postgres;

import java.util.Optional;

/**
 * The names starting with a prefix, as a byte-order range {@code [prefix, upper)} an index can scan: UTF-8
 * keeps code point order, so {@code upper} is the prefix with its last code point raised by one.
 */
final class PrefixRange {
    private static final int MAX = Character.MAX_CODE_POINT;

    private PrefixRange() {
    }

    /** The exclusive upper bound, or none when every name from the prefix on qualifies ("" or all maximal). */
    static Optional<String> upperBound(String prefix) {
        String rest = prefix;
        while (!rest.isEmpty()) {
            int last = rest.codePointBefore(rest.length());
            String head = rest.substring(0, rest.length() - Character.charCount(last));
            if (last < MAX) {
                int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
                return Optional.of(head + Character.toString(next));
            }
            rest = head;
        }
        return Optional.empty();
    }
}

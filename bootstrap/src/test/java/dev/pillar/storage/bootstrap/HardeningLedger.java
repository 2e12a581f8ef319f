package dev.pillar.storage.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What the hardening suites did, for the closing summary of {@code .ci/test}: each call appends one line
 * {@code kind<TAB>suite<TAB>count} to {@code target/hardening-ledger.tsv}, which the script sums up. Surefire and
 * Failsafe run in separate JVMs; appends of one short line are atomic, so both write to the same file.
 */
final class HardeningLedger {
    enum Kind {
        /** A race, fault or crash scenario that ran to its end (its assertions passed or the test failed). */
        SCENARIO,
        /** A fault really injected: a server stopped, a connection cut, a process killed. */
        FAULT,
        /** One hostile request sent. */
        HOSTILE_CASE,
        /** Objects a scenario wrote, was told were stored, and could not read back intact. */
        OBJECT_LOST,
        /** 5xx answers to bad input. */
        BAD_INPUT_5XX
    }

    private static final Path FILE = Path.of("target", "hardening-ledger.tsv");

    private HardeningLedger() {
    }

    static synchronized void record(Kind kind, String suite, long count) {
        if (suite.contains("\t") || suite.contains("\n")) {
            throw new IllegalArgumentException("suite name must be one field: " + suite);
        }
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, kind.name().toLowerCase() + "\t" + suite + "\t" + count + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

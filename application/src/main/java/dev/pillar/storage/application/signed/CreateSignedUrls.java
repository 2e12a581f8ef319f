package dev.pillar.storage.application.signed;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.Clock;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.InvalidInput;
import dev.pillar.storage.domain.object.ObjectName;
import dev.pillar.storage.domain.object.StoredObject;
import dev.pillar.storage.domain.signing.DownloadGrant;
import dev.pillar.storage.domain.signing.Validity;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Use case: grant signed download URLs for many objects at once. One look-up, acting as the caller, finds
 * the paths they can read; every other path (missing, hidden by a policy, or not a valid name) gets no
 * grant, and the batch as a whole still succeeds.
 */
public final class CreateSignedUrls {
    public static final int MAX_PATHS = 1000;
    private final MetadataStore metadata;
    private final Clock clock;

    public CreateSignedUrls(MetadataStore metadata, Clock clock) {
        this.metadata = metadata;
        this.clock = clock;
    }

    /** One outcome per path asked for, in the order asked. */
    public List<Outcome> sign(Command command) {
        Validity validity = Validity.seconds(clock.now(), command.expiresInSeconds());
        List<ObjectName> names = command.paths().stream().flatMap(path -> validName(path).stream()).distinct().toList();
        Set<ObjectName> readable = names.isEmpty() ? Set.of() : metadata.reading(command.caller(),
                        repos -> repos.objects().findAll(command.bucketId(), names)).stream()
                .map(StoredObject::name)
                .collect(Collectors.toSet());
        return command.paths().stream()
                .map(path -> new Outcome(path, validName(path).filter(readable::contains)
                        .map(name -> new DownloadGrant(command.bucketId(), name, validity))))
                .toList();
    }

    private static Optional<ObjectName> validName(String path) {
        try {
            return Optional.of(ObjectName.of(path));
        } catch (InvalidInput e) {
            return Optional.empty();
        }
    }

    /** Which paths of a bucket to share (1 to {@value MAX_PATHS}), for how many seconds, asked by whom. */
    public record Command(Caller caller, BucketId bucketId, List<String> paths, long expiresInSeconds) {
        public Command {
            paths = List.copyOf(paths);
            if (paths.isEmpty() || paths.size() > MAX_PATHS) {
                throw InvalidInput.invalidParameter("paths");
            }
        }
    }

    /** A path as asked for, and its grant unless the caller cannot read it. */
    public record Outcome(String path, Optional<DownloadGrant> grant) {
    }
}

package io.rescuefleet.operator.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rescuefleet.api.resolve.DriveAssignment;
import io.rescuefleet.api.resolve.ReferenceLookup;
import io.rescuefleet.api.resolve.Resolver;
import io.rescuefleet.api.v1alpha1.ApiConstants;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveSpec;
import io.rescuefleet.api.validate.InvalidSpecException;
import io.rescuefleet.api.validate.Problem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Validates a drive and resolves it with the shared {@link Resolver}. A drive is re-resolved only
 * when its generation or a referenced object's generation changes, so the many reconciles that
 * station reports cause cost no resolution. Keeps each drive's last good assignment.
 */
final class SpecChecker {
  private static final int MESSAGE_PROBLEMS = 5;

  private final Resolver resolver;
  private final ConcurrentHashMap<String, Resolved> resolved = new ConcurrentHashMap<>();

  SpecChecker(Resolver resolver) {
    this.resolver = resolver;
  }

  SpecVerdict check(RescueDrive drive, ReferenceLookup lookup) {
    String key = ObjectKeys.key(drive);
    String fingerprint = fingerprint(drive, lookup);
    Resolved before = resolved.get(key);
    if (before != null && before.fingerprint.equals(fingerprint)) {
      return before.verdict;
    }
    DriveAssignment lastGood = before == null ? null : before.verdict.lastGood();
    SpecVerdict verdict;
    try {
      verdict = SpecVerdict.valid(resolver.resolve(drive, lookup));
    } catch (InvalidSpecException e) {
      verdict = new SpecVerdict(false, null, reason(e.problems()), message(e.problems()), lastGood);
    }
    resolved.put(key, new Resolved(fingerprint, verdict));
    return verdict;
  }

  void forget(String driveKey) {
    resolved.remove(driveKey);
  }

  /** The generations of the drive and of everything it references, as far as they exist. */
  private static String fingerprint(RescueDrive drive, ReferenceLookup lookup) {
    String ns = drive.getMetadata().getNamespace();
    RescueDriveSpec spec = drive.getSpec();
    StringBuilder sb = new StringBuilder().append(drive.getMetadata().getUid()).append('@').append(generation(drive));
    if (spec != null && spec.catalogRef != null && spec.catalogRef.name != null) {
      sb.append("|c").append(generation(lookup.catalog(ns, spec.catalogRef.name)));
    }
    if (spec != null && spec.wtgProfileRef != null && spec.wtgProfileRef.name != null) {
      sb.append("|w").append(generation(lookup.wtgProfile(ns, spec.wtgProfileRef.name)));
    }
    String policy = spec == null || spec.policyRef == null ? ApiConstants.DEFAULT_POLICY_NAME : spec.policyRef.name;
    if (policy != null) {
      sb.append("|p").append(generation(lookup.policy(ns, policy)));
    }
    return sb.toString();
  }

  private static String generation(Optional<? extends HasMetadata> object) {
    return object.map(SpecChecker::generation).orElse("-");
  }

  private static String generation(HasMetadata object) {
    // Without generations (an API server that does not set them) fall back to any change at all.
    return object.getMetadata().getUid() + ":" + Objects.requireNonNullElse(object.getMetadata().getGeneration(),
        object.getMetadata().getResourceVersion());
  }

  private static String reason(List<Problem> problems) {
    boolean missingRef = problems.stream().anyMatch(p -> p.field() != null && p.field().contains("Ref")
        && p.message() != null && p.message().contains("not found"));
    return missingRef ? "ReferenceNotFound" : InvalidSpecException.REASON;
  }

  private static String message(List<Problem> problems) {
    String shown = problems.stream().limit(MESSAGE_PROBLEMS).map(Problem::toString).collect(Collectors.joining("; "));
    return problems.size() > MESSAGE_PROBLEMS ? shown + "; and " + (problems.size() - MESSAGE_PROBLEMS) + " more" : shown;
  }

  private record Resolved(String fingerprint, SpecVerdict verdict) {}
}

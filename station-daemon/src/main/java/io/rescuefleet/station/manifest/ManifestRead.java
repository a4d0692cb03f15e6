package io.rescuefleet.station.manifest;

/**
 * What reading the manifest from a stick gave. Anything but {@link Valid} means "unknown state": the
 * engine then owns nothing it cannot prove by hashing, and never crashes on a bad manifest.
 */
public sealed interface ManifestRead {
  /** A manifest this version understands. */
  record Valid(StickManifest manifest) implements ManifestRead {}

  /** No manifest: a blank stick, or one RescueFleet never wrote. */
  record Absent() implements ManifestRead {}

  /** A manifest that cannot be trusted: truncated, garbled, or listing impossible files. */
  record Unreadable(String why) implements ManifestRead {}

  /** A manifest written by a later RescueFleet, in a format this version does not know. */
  record FutureVersion(int version) implements ManifestRead {}

  /** The manifest if it is valid. */
  default java.util.Optional<StickManifest> valid() {
    return this instanceof Valid v ? java.util.Optional.of(v.manifest()) : java.util.Optional.empty();
  }

  /** Words for inspect and logs. */
  default String describe() {
    if (this instanceof Valid v) {
      return "valid (" + v.manifest().files().size() + " files)";
    }
    if (this instanceof Absent) {
      return "absent";
    }
    if (this instanceof Unreadable u) {
      return "unreadable: " + u.why();
    }
    return "written by a later version (schema " + ((FutureVersion) this).version() + ")";
  }
}

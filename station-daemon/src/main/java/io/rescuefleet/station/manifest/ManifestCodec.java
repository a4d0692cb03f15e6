package io.rescuefleet.station.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rescuefleet.api.validate.PathRules;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and writes the on-stick manifest; reading never throws, it classifies (see {@link ManifestRead}). */
public final class ManifestCodec {
  /** A larger manifest is not one RescueFleet wrote. */
  public static final int MAX_BYTES = 16 << 20;

  private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private ManifestCodec() {}

  public static byte[] write(StickManifest manifest) {
    try {
      return (JSON.writeValueAsString(manifest) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the manifest", e);
    }
  }

  public static ManifestRead read(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      return new ManifestRead.Unreadable("manifest is " + bytes.length + " bytes, more than " + MAX_BYTES);
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(bytes);
    } catch (Exception e) {
      return new ManifestRead.Unreadable("not valid JSON (" + firstLine(e.getMessage()) + ")");
    }
    if (tree == null || !tree.isObject()) {
      return new ManifestRead.Unreadable("not a JSON object");
    }
    JsonNode version = tree.get("schemaVersion");
    if (version == null || !version.canConvertToInt()) {
      return new ManifestRead.Unreadable("schemaVersion missing or not a number");
    }
    if (version.asInt() > StickManifest.SCHEMA_VERSION) {
      return new ManifestRead.FutureVersion(version.asInt());
    }
    if (version.asInt() < 1) {
      return new ManifestRead.Unreadable("schemaVersion " + version.asInt() + " is not a version");
    }
    StickManifest manifest;
    try {
      manifest = JSON.treeToValue(tree, StickManifest.class);
    } catch (Exception e) {
      return new ManifestRead.Unreadable("unexpected content (" + firstLine(e.getMessage()) + ")");
    }
    return problem(manifest).<ManifestRead>map(ManifestRead.Unreadable::new)
        .orElseGet(() -> new ManifestRead.Valid(manifest));
  }

  /** What makes a well-formed manifest impossible to trust, e.g. a path outside the data partition. */
  private static Optional<String> problem(StickManifest m) {
    if (m.driveUuid() == null || m.driveUuid().isBlank()) {
      return Optional.of("driveUuid missing");
    }
    Set<String> seen = new HashSet<>();
    for (StickManifest.FileRecord f : m.files()) {
      if (f == null || f.path() == null) {
        return Optional.of("a file without path");
      }
      Optional<String> pathProblem = PathRules.check(f.path());
      if (pathProblem.isPresent()) {
        return Optional.of("file " + f.path() + ": path " + pathProblem.get());
      }
      if (!seen.add(PathRules.collisionKey(f.path()))) {
        return Optional.of("file " + f.path() + " listed twice");
      }
      if (f.sha256() == null || !SHA256.matcher(f.sha256()).matches()) {
        return Optional.of("file " + f.path() + ": sha256 is not 64 lowercase hex digits");
      }
      if (f.size() < 0) {
        return Optional.of("file " + f.path() + ": negative size");
      }
      if (!f.chunks().isEmpty()) {
        long expected = f.chunkSize() <= 0 ? -1 : Math.max(1, (f.size() + f.chunkSize() - 1) / f.chunkSize());
        if (expected != f.chunks().size() || f.chunks().stream().anyMatch(c -> c == null || !SHA256.matcher(c).matches())) {
          return Optional.of("file " + f.path() + ": chunk hashes do not match its size");
        }
      }
    }
    Set<String> pending = new HashSet<>();
    for (String p : m.pending()) {
      Optional<String> pathProblem = p == null ? Optional.of("missing") : PathRules.check(p);
      if (pathProblem.isPresent()) {
        return Optional.of("pending " + p + ": path " + pathProblem.get());
      }
      if (!pending.add(PathRules.collisionKey(p)) || seen.contains(PathRules.collisionKey(p))) {
        return Optional.of("pending " + p + " listed twice");
      }
    }
    if (m.lifetimeBytesWritten() < 0 || m.sampleCursor() < 0) {
      return Optional.of("negative counters");
    }
    return Optional.empty();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}

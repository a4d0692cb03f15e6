package io.rescuefleet.station.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.rescuefleet.api.v1alpha1.ApiConstants;
import io.rescuefleet.api.validate.PathRules;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and writes the on-stick manifest; reading never throws, it classifies (see {@link ManifestRead}).
 * A manifest is trusted only as this version writes it: an unknown field, a key given twice, a wrong
 * type, an impossible value or a path that would leave the data partition make it unreadable, and
 * the engine then owns nothing it cannot prove.
 */
public final class ManifestCodec {
  /** A larger manifest is not one RescueFleet wrote. */
  public static final int MAX_BYTES = 16 << 20;

  private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
  private static final Pattern DRIVE_UUID = Pattern.compile("^[A-Za-z0-9-]{1,64}$");
  private static final Pattern DNS_LABEL = Pattern.compile(ApiConstants.DNS_LABEL_PATTERN);
  private static final Pattern PARTITION = Pattern.compile("^partition [3-9]$");
  private static final Set<String> MODES = Set.of("Quick", "Sampled", "Full");
  /** No stick holds more: a larger size is not one RescueFleet recorded. */
  private static final long MAX_SIZE = 1L << 44;
  private static final ObjectMapper JSON = strict(JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build());

  private static ObjectMapper strict(ObjectMapper mapper) {
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

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
    } catch (UnrecognizedPropertyException e) {
      return new ManifestRead.Unreadable("unexpected content (" + path(e) + ": unknown field)");
    } catch (JsonMappingException e) {
      return new ManifestRead.Unreadable("unexpected content (" + path(e) + ": " + firstLine(e.getOriginalMessage()) + ")");
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
    if (!DRIVE_UUID.matcher(m.driveUuid()).matches()) {
      return Optional.of("driveUuid is not an identifier (1 to 64 of A-Z a-z 0-9 -)");
    }
    if (m.driveKey() != null && !driveKey(m.driveKey())) {
      return Optional.of("driveKey is not namespace/name of a RescueDrive");
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
      if (f.size() > MAX_SIZE) {
        return Optional.of("file " + f.path() + ": size " + f.size() + " is larger than any stick");
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
    for (StickManifest.VerifyRecord v : m.verifications()) {
      if (v == null || v.mode() == null || !MODES.contains(v.mode()) || v.filesChecked() < 0 || v.bytesHashed() < 0
          || v.mismatches() < 0) {
        return Optional.of("a verification record is not one RescueFleet writes");
      }
    }
    return m.wtg() == null ? Optional.empty() : wtgProblem(m.wtg());
  }

  /** A Windows To Go record is acted on (its VHD probed, removed): its location must be on the stick. */
  private static Optional<String> wtgProblem(StickManifest.WtgRecord w) {
    if ("VhdFile".equals(w.target())) {
      Optional<String> pathProblem = w.location() == null ? Optional.of("is required") : PathRules.check(w.location());
      if (pathProblem.isPresent()) {
        return Optional.of("wtg.location " + shown(w.location()) + ": path " + pathProblem.get());
      }
      if (!w.location().toLowerCase(java.util.Locale.ROOT).endsWith(".vhd")) {
        return Optional.of("wtg.location " + shown(w.location()) + " is not a .vhd file");
      }
    } else if ("Partition".equals(w.target())) {
      if (w.location() == null || !PARTITION.matcher(w.location()).matches()) {
        return Optional.of("wtg.location " + shown(w.location()) + " is not a partition after VTOYEFI");
      }
    } else {
      return Optional.of("wtg.target " + shown(w.target()) + " is neither Partition nor VhdFile");
    }
    if (w.imageSha256() == null || !SHA256.matcher(w.imageSha256()).matches()) {
      return Optional.of("wtg.imageSha256 is not 64 lowercase hex digits");
    }
    if (w.index() != null && w.index() < 1) {
      return Optional.of("wtg.index " + w.index() + " is not an image index");
    }
    return Optional.empty();
  }

  private static boolean driveKey(String key) {
    int slash = key.indexOf('/');
    return slash > 0 && key.length() <= 127 && DNS_LABEL.matcher(key.substring(0, slash)).matches()
        && DNS_LABEL.matcher(key.substring(slash + 1)).matches();
  }

  private static String shown(String value) {
    if (value == null) {
      return "(none)";
    }
    String printable = value.replaceAll("\\p{Cntrl}", "?");
    return "\"" + (printable.length() <= 64 ? printable : printable.substring(0, 61) + "...") + "\"";
  }

  /** {@code files[2].size} from Jackson's reference chain. */
  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        sb.append(sb.length() > 0 ? "." : "").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}

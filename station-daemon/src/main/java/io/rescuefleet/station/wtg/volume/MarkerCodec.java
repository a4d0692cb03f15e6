package io.rescuefleet.station.wtg.volume;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Writes and reads {@link WtgMarker}; reading never throws, it classifies. */
public final class MarkerCodec {
  /** Far more than 64 samples need; a larger file is not a marker RescueFleet wrote. */
  static final int MAX_BYTES = 1 << 20;
  private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
  private static final Pattern SHA1 = Pattern.compile("^[0-9a-f]{40}$");
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private MarkerCodec() {}

  public static byte[] write(WtgMarker marker) {
    try {
      return (JSON.writeValueAsString(marker) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the Windows To Go marker", e);
    }
  }

  public static MarkerRead read(byte[] bytes) {
    if (bytes == null) {
      return new MarkerRead.Absent();
    }
    if (bytes.length > MAX_BYTES) {
      return new MarkerRead.Unreadable("marker has " + bytes.length + " bytes");
    }
    WtgMarker m;
    try {
      JsonNode tree = JSON.readTree(bytes);
      if (tree == null || !tree.isObject()) {
        return new MarkerRead.Unreadable("not a JSON object");
      }
      int version = tree.path("schemaVersion").asInt(-1);
      if (version != WtgMarker.SCHEMA_VERSION) {
        return new MarkerRead.Unreadable("schemaVersion " + tree.path("schemaVersion") + " is not "
            + WtgMarker.SCHEMA_VERSION);
      }
      m = JSON.treeToValue(tree, WtgMarker.class);
    } catch (Exception e) {
      String message = String.valueOf(e.getMessage());
      return new MarkerRead.Unreadable("not a marker (" + message.lines().findFirst().orElse("") + ")");
    }
    if (m.applyId() == null || m.applyId().isBlank()) {
      return new MarkerRead.Unreadable("applyId missing");
    }
    if (m.imageSha256() == null || !SHA256.matcher(m.imageSha256()).matches()) {
      return new MarkerRead.Unreadable("imageSha256 is not 64 lowercase hex digits");
    }
    if (m.unattendSha256() == null || !SHA256.matcher(m.unattendSha256()).matches()) {
      return new MarkerRead.Unreadable("unattendSha256 is not 64 lowercase hex digits");
    }
    if (m.imageIndex() < 1 || m.bootConfiguration() == null) {
      return new MarkerRead.Unreadable("imageIndex or bootConfiguration missing");
    }
    boolean samplesOk = m.samples().stream().allMatch(s -> s != null && s.path() != null && insideVolume(s.path())
        && s.size() >= 0 && s.sha1() != null && SHA1.matcher(s.sha1()).matches());
    if (!samplesOk) {
      return new MarkerRead.Unreadable("a sample has no path, size or SHA-1");
    }
    return new MarkerRead.Valid(m);
  }

  /** An absolute path on the volume that stays on it: no '..' or '.' segment, no NUL or backslash. */
  private static boolean insideVolume(String path) {
    if (!path.startsWith("/") || path.length() < 2 || path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
      return false;
    }
    for (String segment : path.substring(1).split("/", -1)) {
      if (segment.isEmpty() || segment.equals("..") || segment.equals(".")) {
        return false;
      }
    }
    return true;
  }
}

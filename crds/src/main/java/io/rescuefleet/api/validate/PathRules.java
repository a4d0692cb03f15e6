package io.rescuefleet.api.validate;

import io.rescuefleet.api.v1alpha1.ApiConstants;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a path on the stick's data partition may look like: relative and normalised (the schema's
 * pattern), and also storable on exFAT and NTFS and readable by Windows (no reserved device names,
 * no characters those filesystems refuse, no trailing dot or space), and outside RescueFleet's own
 * files.
 */
public final class PathRules {
  public static final int MAX_PATH_LENGTH = 1024;
  public static final int MAX_SEGMENT_LENGTH = 255;

  /** Where RescueFleet keeps its manifest; user files may not go there. */
  public static final String MANIFEST_DIR = ".rescuefleet";

  /** Ventoy's plugin file, owned by RescueFleet. */
  public static final String VENTOY_JSON = "ventoy/ventoy.json";

  /** Ventoy's user menu (F6), which RescueFleet generates for a Windows To Go partition. */
  public static final String VENTOY_GRUB_CFG = "ventoy/ventoy_grub.cfg";

  private static final Pattern RELATIVE = Pattern.compile(ApiConstants.RELATIVE_PATH_PATTERN);
  private static final Set<String> RESERVED_NAMES = Set.of(
      "CON", "PRN", "AUX", "NUL",
      "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
      "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");
  private static final String FORBIDDEN_CHARS = "\"*:<>?\\|";

  private PathRules() {}

  /** Why {@code path} cannot be a file on the stick, or empty when it can. */
  public static Optional<String> check(String path) {
    if (path == null || path.isEmpty()) {
      return Optional.of("is required");
    }
    if (path.indexOf('\0') >= 0) {
      return Optional.of("must not contain NUL");
    }
    if (path.length() > MAX_PATH_LENGTH) {
      return Optional.of("is longer than " + MAX_PATH_LENGTH + " characters");
    }
    if (path.startsWith("/")) {
      return Optional.of("must be relative (no leading '/')");
    }
    if (!RELATIVE.matcher(path).matches()) {
      return Optional.of("must be a normalised relative path without '.', '..' or empty segments");
    }
    for (String segment : path.split("/")) {
      Optional<String> problem = checkSegment(segment);
      if (problem.isPresent()) {
        return problem;
      }
    }
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.equals(MANIFEST_DIR) || lower.startsWith(MANIFEST_DIR + "/")) {
      return Optional.of("must not be inside " + MANIFEST_DIR + "/, which RescueFleet keeps for itself");
    }
    if (lower.equals(VENTOY_JSON) || lower.equals(VENTOY_GRUB_CFG)) {
      return Optional.of("must not be " + lower + ", which RescueFleet generates");
    }
    return Optional.empty();
  }

  private static Optional<String> checkSegment(String segment) {
    if (segment.length() > MAX_SEGMENT_LENGTH) {
      return Optional.of("has a name longer than " + MAX_SEGMENT_LENGTH + " characters");
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c < 0x20 || FORBIDDEN_CHARS.indexOf(c) >= 0) {
        return Optional.of("must not contain control characters or any of " + FORBIDDEN_CHARS);
      }
    }
    if (segment.endsWith(".") || segment.endsWith(" ")) {
      return Optional.of("must not have a name ending in '.' or ' ' (" + segment + ")");
    }
    String stem = segment.contains(".") ? segment.substring(0, segment.indexOf('.')) : segment;
    if (RESERVED_NAMES.contains(stem.trim().toUpperCase(Locale.ROOT))) {
      return Optional.of("uses the reserved Windows device name " + stem);
    }
    return Optional.empty();
  }

  /** The key two paths collide on: exFAT and NTFS compare names case-insensitively. */
  public static String collisionKey(String path) {
    return path.toLowerCase(Locale.ROOT);
  }
}

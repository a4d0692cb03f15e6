package io.rescuefleet.api.validate;

import io.rescuefleet.api.v1alpha1.ApiConstants;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Collects problems while walking an object; field paths are given relative to the object's root. */
final class Checker {
  private static final Pattern SHA256 = Pattern.compile(ApiConstants.SHA256_PATTERN);
  private static final Pattern DNS_LABEL = Pattern.compile(ApiConstants.DNS_LABEL_PATTERN);

  private final List<Problem> problems = new ArrayList<>();

  List<Problem> problems() {
    return problems;
  }

  void add(String field, String message) {
    problems.add(Problem.of(field, message));
  }

  /** Records a problem unless {@code ok}; returns {@code ok} so callers can skip dependent checks. */
  boolean check(boolean ok, String field, String message) {
    if (!ok) {
      add(field, message);
    }
    return ok;
  }

  boolean present(Object value, String field) {
    return check(value != null, field, "is required");
  }

  void dnsLabel(String value, String field) {
    if (present(value, field)) {
      check(value.length() <= 63 && DNS_LABEL.matcher(value).matches(), field,
          "must be a DNS-1123 label (lowercase letters, digits and '-', at most 63), got \"" + abbreviate(value) + "\"");
    }
  }

  void sha256(String value, String field) {
    if (present(value, field)) {
      check(SHA256.matcher(value).matches(), field, "must be 64 lowercase hex digits, got \"" + abbreviate(value) + "\"");
    }
  }

  void url(String value, String field) {
    if (!present(value, field)) {
      return;
    }
    if (!check(value.length() <= 2048, field, "is longer than 2048 characters")) {
      return;
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme();
      if (uri.getRawUserInfo() != null) {
        // Credentials in a URL end up in status, Events and logs; sources authenticate otherwise.
        add(field, "must not carry credentials (user:password@)");
        return;
      }
      switch (scheme) {
        case "http", "https" -> check(uri.getHost() != null && !uri.getHost().isEmpty(), field, "must name a host");
        case "file" -> check(uri.getPath() != null && uri.getPath().startsWith("/"), field, "must be an absolute file URL");
        default -> add(field, "must be an http, https or file URL, got \"" + abbreviate(value) + "\"");
      }
    } catch (URISyntaxException e) {
      add(field, "is not a valid URL: " + e.getReason());
    }
  }

  void stickPath(String value, String field) {
    Optional<String> problem = PathRules.check(value);
    problem.ifPresent(p -> add(field, p));
  }

  void nonNegative(Number value, String field) {
    if (value != null) {
      check(value.doubleValue() >= 0, field, "must be at least 0, got " + value);
    }
  }

  void positive(Number value, String field) {
    if (value != null) {
      check(value.doubleValue() > 0 && !Double.isNaN(value.doubleValue()), field, "must be greater than 0, got " + value);
    }
  }

  void range(Number value, double min, double max, String field) {
    if (value != null) {
      double v = value.doubleValue();
      check(v >= min && v <= max, field, "must be between " + fmt(min) + " and " + fmt(max) + ", got " + value);
    }
  }

  /** In (0, max]: greater than zero, at most {@code max}. */
  void positiveAtMost(Number value, double max, String field) {
    if (value != null) {
      double v = value.doubleValue();
      check(v > 0 && v <= max, field, "must be greater than 0 and at most " + fmt(max) + ", got " + value);
    }
  }

  /** A size from 0 to {@code max}, where larger ones cannot be real (see ManifestValidator.MAX_BYTES). */
  void byteSize(Long value, long max, String field) {
    if (value != null) {
      check(value >= 0 && value <= max, field, "must be between 0 and " + max + ", got " + value);
    }
  }

  /** At most {@code max} characters on one line: no newline, NUL or other control character. */
  void singleLine(String value, int max, String field) {
    if (value != null && check(value.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f), field,
        "must be one line without control characters")) {
      maxLength(value, max, field);
    }
  }

  void maxLength(String value, int max, String field) {
    if (value != null) {
      check(value.length() <= max, field, "is longer than " + max + " characters");
    }
  }

  static String abbreviate(String value) {
    String printable = value.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= 80 ? printable : printable.substring(0, 77) + "...";
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}

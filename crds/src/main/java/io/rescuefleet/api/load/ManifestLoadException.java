package io.rescuefleet.api.load;

import io.rescuefleet.api.validate.Problem;
import java.util.List;

/** YAML that could not be read into RescueFleet objects; every problem names file, document and field. */
public class ManifestLoadException extends RuntimeException {
  public static final String REASON = "InvalidManifest";

  private final List<Problem> problems;

  public ManifestLoadException(List<Problem> problems) {
    super(problems.isEmpty() ? "invalid manifest"
        : problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}

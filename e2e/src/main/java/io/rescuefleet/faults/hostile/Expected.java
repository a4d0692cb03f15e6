package io.rescuefleet.faults.hostile;

import java.util.List;

/**
 * How the CLI must end under a hostile condition: its exit code (README: 0 converged, 1 other, 2 invalid
 * input, 3 refused, 4 source or verification failure), the condition reason, words its message must
 * contain to say what happened, and whether the stick must be left exactly as it was.
 */
public record Expected(int exitCode, String reason, List<String> words, boolean untouched) {
  public Expected {
    words = List.copyOf(words);
  }

  public static Expected success() {
    return new Expected(0, null, List.of(), false);
  }
}

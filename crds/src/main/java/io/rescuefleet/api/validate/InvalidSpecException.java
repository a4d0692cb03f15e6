package io.rescuefleet.api.validate;

import java.util.List;

/** A manifest that cannot be used as written; carries every problem found. Condition reason {@code InvalidSpec}. */
public class InvalidSpecException extends RuntimeException {
  public static final String REASON = "InvalidSpec";

  private final List<Problem> problems;

  public InvalidSpecException(List<Problem> problems) {
    super(summarise(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String summarise(List<Problem> problems) {
    if (problems.isEmpty()) {
      return "invalid specification";
    }
    StringBuilder sb = new StringBuilder(problems.get(0).toString());
    if (problems.size() > 1) {
      sb.append(" (and ").append(problems.size() - 1).append(" more)");
    }
    return sb.toString();
  }
}

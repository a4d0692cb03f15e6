package io.rescuefleet.station.discovery;

import java.util.List;
import java.util.Optional;

/** A disk discovery looked at, with every filter's verdict; admitted when all of them include it. */
public record Candidate(StickInfo stick, List<FilterVerdict> verdicts) {
  public Candidate {
    verdicts = List.copyOf(verdicts);
  }

  public boolean admitted() {
    return verdicts.stream().allMatch(FilterVerdict::include);
  }

  /** The first exclusion, which is the reason given for a refusal. */
  public Optional<FilterVerdict> refusal() {
    return verdicts.stream().filter(v -> !v.include()).findFirst();
  }
}

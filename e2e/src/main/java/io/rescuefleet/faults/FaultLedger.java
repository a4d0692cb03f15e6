package io.rescuefleet.faults;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The outcomes of injected faults, per kind: the table and the one-line summary of {@code bench/run faults}. */
public final class FaultLedger {
  /** One failed injection worth reading: what was injected and what went wrong. */
  public record Finding(String kind, Outcome outcome, String detail) {}

  private final Map<String, EnumMap<Outcome, Integer>> byKind = new LinkedHashMap<>();
  private final List<Finding> findings = new ArrayList<>();
  private final Map<String, Long> figures = new LinkedHashMap<>();

  /** Records the outcome of one injection; {@code detail} says why when it did not survive. */
  public synchronized void record(String kind, Outcome outcome, String detail) {
    byKind.computeIfAbsent(kind, k -> new EnumMap<>(Outcome.class)).merge(outcome, 1, Integer::sum);
    if (outcome != Outcome.SURVIVED) {
      findings.add(new Finding(kind, outcome, detail));
    }
  }

  public synchronized int injected() {
    return byKind.values().stream().mapToInt(m -> m.values().stream().mapToInt(Integer::intValue).sum()).sum();
  }

  public synchronized int count(Outcome outcome) {
    return byKind.values().stream().mapToInt(m -> m.getOrDefault(outcome, 0)).sum();
  }

  public synchronized int count(String kind, Outcome outcome) {
    return byKind.getOrDefault(kind, new EnumMap<>(Outcome.class)).getOrDefault(outcome, 0);
  }

  public synchronized List<Finding> findings() {
    return List.copyOf(findings);
  }

  /**
   * Adds {@code value} to a named figure a drill measured besides outcomes (e.g.
   * {@code operator-outage.reports_sent}); figures are printed after the table.
   */
  public synchronized void addFigure(String name, long value) {
    figures.merge(name, value, Long::sum);
  }

  /** The figure named {@code name}, 0 when never added to. */
  public synchronized long figure(String name) {
    return figures.getOrDefault(name, 0L);
  }

  /** {@code faults: injected=N survived=N lost=N false_success=N} (plus not_recovered and unclear when any). */
  public synchronized String summaryLine() {
    String line = String.format(Locale.ROOT, "faults: injected=%d survived=%d lost=%d false_success=%d",
        injected(), count(Outcome.SURVIVED), count(Outcome.LOST), count(Outcome.FALSE_SUCCESS));
    int notRecovered = count(Outcome.NOT_RECOVERED);
    int unclear = count(Outcome.UNCLEAR);
    return line + (notRecovered == 0 ? "" : " not_recovered=" + notRecovered) + (unclear == 0 ? "" : " unclear=" + unclear);
  }

  /** A row per fault kind, then every finding, then the figures. */
  public synchronized void printTable(PrintStream out) {
    int width = Math.max(10, byKind.keySet().stream().mapToInt(String::length).max().orElse(0));
    out.printf(Locale.ROOT, "  %-" + width + "s %8s %8s %5s %13s %13s %7s%n",
        "KIND", "INJECTED", "SURVIVED", "LOST", "FALSE_SUCCESS", "NOT_RECOVERED", "UNCLEAR");
    byKind.forEach((kind, counts) -> out.printf(Locale.ROOT, "  %-" + width + "s %8d %8d %5d %13d %13d %7d%n", kind,
        counts.values().stream().mapToInt(Integer::intValue).sum(), counts.getOrDefault(Outcome.SURVIVED, 0),
        counts.getOrDefault(Outcome.LOST, 0), counts.getOrDefault(Outcome.FALSE_SUCCESS, 0),
        counts.getOrDefault(Outcome.NOT_RECOVERED, 0), counts.getOrDefault(Outcome.UNCLEAR, 0)));
    for (Finding f : findings) {
      out.printf(Locale.ROOT, "  ! %s %s: %s%n", f.kind(), f.outcome(), f.detail());
    }
    figures.forEach((name, value) -> out.printf(Locale.ROOT, "  %s=%d%n", name, value));
  }
}

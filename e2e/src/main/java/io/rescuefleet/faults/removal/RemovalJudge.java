package io.rescuefleet.faults.removal;

import io.rescuefleet.faults.Outcome;
import io.rescuefleet.faults.Verdict;
import io.rescuefleet.faults.check.Expectation;
import io.rescuefleet.faults.check.ManifestAudit;
import io.rescuefleet.station.engine.EngineResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides how one surprise removal ended, from the evidence alone. In order: LOST when a manifest
 * vouches for content the stick does not hold; FALSE_SUCCESS when the CLI, {@code inspect}, the
 * manifest's claim of a spec or the next apply said success untruly; NOT_RECOVERED when the CLI hung,
 * the next apply did not converge, or a second one still wrote data; UNCLEAR when a CLI that lived to
 * tell ended with the wrong exit code, a catch-all reason, no message, or left the stick's devices
 * behind; SURVIVED otherwise.
 */
public final class RemovalJudge {
  /** Actions a converged stick's second apply must not need: they write images or layout. */
  static final Set<String> DATA_WRITES = Set.of("CopyFile", "ApplyWtg", "CreateWtgPartition", "FormatDataPartition",
      "WritePartitionTable", "WriteBootCode", "WriteEfiImage", "FormatEfiPartition", "DeleteFile", "WriteVentoyJson");

  public Verdict judge(Evidence e) {
    String at = e.point().describe();
    List<String> lost = new ArrayList<>(ManifestAudit.broken(e.afterFault()));
    ManifestAudit.broken(e.afterRecovery()).stream().map(s -> "after the next apply: " + s).forEach(lost::add);
    if (!lost.isEmpty()) {
      return new Verdict(Outcome.LOST, at + ": " + String.join("; ", lost));
    }

    List<String> untrue = new ArrayList<>();
    boolean claimed = e.exitCode().isPresent() && e.exitCode().getAsInt() == 0
        || e.report().map(r -> r.path("converged").asBoolean(false)).orElse(false);
    List<String> targetGaps = e.target().differences(e.afterFault());
    if (claimed && !targetGaps.isEmpty()) {
      untrue.add("the CLI said success (exit " + code(e) + ") but " + String.join(", ", targetGaps));
    }
    untrue.addAll(e.inspectFalseClaims());
    String claimedDigest = e.afterFault().manifest() == null ? null : e.afterFault().manifest().specDigest();
    for (Expectation spec : e.known()) {
      if (claimedDigest != null && claimedDigest.equals(spec.specDigest())) {
        List<String> gaps = spec.differences(e.afterFault());
        if (!gaps.isEmpty()) {
          untrue.add("the manifest claims spec " + spec.spec() + " but " + String.join(", ", gaps));
        }
      }
    }
    if (e.recovery().converged()) {
      List<String> gaps = e.target().differences(e.afterRecovery());
      if (!gaps.isEmpty()) {
        untrue.add("the next apply said converged but " + String.join(", ", gaps));
      }
    }
    if (!untrue.isEmpty()) {
      return new Verdict(Outcome.FALSE_SUCCESS, at + ": " + String.join("; ", untrue));
    }

    if (e.exitCode().isEmpty()) {
      return new Verdict(Outcome.NOT_RECOVERED, at + ": the CLI hung and was killed");
    }
    if (!e.recovery().converged()) {
      return new Verdict(Outcome.NOT_RECOVERED, at + ": the next apply did not converge: " + failure(e.recovery()));
    }
    List<String> again = e.second().actions().stream().filter(a -> DATA_WRITES.contains(a.type()))
        .map(a -> a.type() + " " + a.path()).toList();
    if (!e.second().converged() || !again.isEmpty()) {
      return new Verdict(Outcome.NOT_RECOVERED, at + ": a second apply " + (e.second().converged() ? "still wrote "
          + again : "did not converge: " + failure(e.second())));
    }

    if (e.point().way() != Way.KILL_WRITER) {
      String unclear = unclear(e);
      if (unclear != null) {
        return new Verdict(Outcome.UNCLEAR, at + ": " + unclear);
      }
    }
    return new Verdict(Outcome.SURVIVED, at + ": " + (e.failureLine() == null ? "exit " + code(e) : e.failureLine()));
  }

  /** What is unclear about how a CLI that lived ended, or null. */
  private static String unclear(Evidence e) {
    if (e.leftovers() != null && !e.leftovers().isEmpty()) {
      return "the CLI lived but left " + e.leftovers() + " behind";
    }
    int code = e.exitCode().getAsInt();
    if (code == 0) {
      return null; // it converged after all (the fault came too late, or on a medium it rewrote): checked above
    }
    if (code != 1 && code != 4) {
      return "exit code " + code + " (1: the stick failed, 4: verification failed)";
    }
    String reason = e.report().map(r -> r.path("failure").path("reason").asText(null)).orElse(null);
    String message = e.report().map(r -> r.path("failure").path("message").asText(null)).orElse(null);
    if (reason == null) {
      return "the CLI printed no failure" + (e.failureLine() == null ? "" : " in its report; stderr: " + e.failureLine());
    }
    if (reason.equals("EngineError")) {
      return "a catch-all reason: " + reason + ": " + message;
    }
    return null;
  }

  private static String failure(EngineResult r) {
    return r.failure() == null ? "no failure given; notes " + r.notes()
        : r.failure().reason() + ": " + r.failure().message();
  }

  private static String code(Evidence e) {
    return e.exitCode().isPresent() ? Integer.toString(e.exitCode().getAsInt()) : "none";
  }
}

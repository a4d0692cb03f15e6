package io.rescuefleet.faults.hostile;

import io.rescuefleet.faults.Outcome;
import io.rescuefleet.faults.Verdict;
import io.rescuefleet.faults.check.ManifestAudit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides how one hostile run ended. LOST when a manifest vouches for content the stick does not hold;
 * FALSE_SUCCESS when the CLI or the next apply said success for a stick that is not the spec;
 * NOT_RECOVERED when the CLI hung, or once the condition was gone the next apply did not converge or a
 * second one still wrote; UNCLEAR when the exit code, the reason or the message is not the expected one,
 * the stick was written although the run had to stop before touching it, or devices were left behind.
 */
public final class HostileJudge {
  public Verdict judge(HostileEvidence e) {
    String at = e.kind() + " (" + e.detail() + ")";
    List<String> lost = new ArrayList<>(ManifestAudit.broken(e.after()));
    if (e.afterRecovery() != null) {
      ManifestAudit.broken(e.afterRecovery()).stream().map(s -> "after the next apply: " + s).forEach(lost::add);
    }
    if (!lost.isEmpty()) {
      return new Verdict(Outcome.LOST, at + ": " + String.join("; ", lost));
    }

    int code = e.exitCode().orElse(-1);
    boolean claimed = code == 0 || e.report().map(r -> r.path("converged").asBoolean(false)).orElse(false);
    List<String> untrue = new ArrayList<>();
    if (claimed) {
      List<String> gaps = e.target().differences(e.after());
      if (!gaps.isEmpty()) {
        untrue.add("the CLI said success (exit " + code + ") but " + String.join(", ", gaps));
      }
    }
    if (e.recovery() != null && e.recovery().converged()) {
      List<String> gaps = e.recoveryTarget().differences(e.afterRecovery());
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
    if (e.recovery() != null) {
      if (!e.recovery().converged()) {
        return new Verdict(Outcome.NOT_RECOVERED, at + ": once the condition was gone, the next apply did "
            + "not converge: " + (e.recovery().failure() == null ? e.recovery().notes()
                : e.recovery().failure().reason() + ": " + e.recovery().failure().message()));
      }
      List<String> again = e.second().actions().stream().filter(a -> !a.type().equals("WriteManifest"))
          .map(a -> a.type() + " " + a.path()).toList();
      if (!e.second().converged() || !again.isEmpty()) {
        return new Verdict(Outcome.NOT_RECOVERED, at + ": a second apply still did " + again);
      }
    }

    String reason = e.report().map(r -> r.path("failure").path("reason").asText(null)).orElse(null);
    String message = e.report().map(r -> r.path("failure").path("message").asText(null)).orElse(e.failureLine());
    List<String> unclear = new ArrayList<>();
    if (code != e.expected().exitCode()) {
      unclear.add("exit " + code + ", expected " + e.expected().exitCode());
    }
    if (!Objects.equals(reason, e.expected().reason())) {
      unclear.add("reason " + reason + ", expected " + e.expected().reason());
    }
    for (String word : e.expected().words()) {
      if (message == null || !message.contains(word)) {
        unclear.add("the message does not say \"" + word + "\"");
      }
    }
    if (e.expected().untouched() && e.changed()) {
      unclear.add("the stick was written although the run had to stop before touching it");
    }
    if (e.leftovers() != null) {
      unclear.add("left " + e.leftovers() + " behind");
    }
    String said = reason == null ? "exit " + code : reason + ": " + message;
    if (!unclear.isEmpty()) {
      return new Verdict(Outcome.UNCLEAR, at + ": " + String.join("; ", unclear) + " [" + said + "]");
    }
    return new Verdict(Outcome.SURVIVED, at + ": " + (reason == null ? said : "exit " + code + ", " + said));
  }
}

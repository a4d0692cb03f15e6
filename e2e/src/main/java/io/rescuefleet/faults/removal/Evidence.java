package io.rescuefleet.faults.removal;

import com.fasterxml.jackson.databind.JsonNode;
import io.rescuefleet.faults.check.Expectation;
import io.rescuefleet.faults.check.StickContents;
import io.rescuefleet.station.engine.EngineResult;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything observed around one injected fault, for the judge: what the faulted CLI said, what it
 * left in the kernel when it lived, the stick as an independent reader and as {@code inspect} saw it,
 * and the next two insertions.
 *
 * @param exitCode empty when the CLI hung and was killed
 * @param leftovers what a CLI that lived left attached or mounted (empty description when nothing; null when it was killed)
 * @param known the specs whose claim on the stick must be true: the one left and the one applied
 */
public record Evidence(
    InjectionPoint point,
    OptionalInt exitCode,
    Optional<JsonNode> report,
    String failureLine,
    String leftovers,
    StickContents afterFault,
    List<String> inspectFalseClaims,
    EngineResult recovery,
    EngineResult second,
    StickContents afterRecovery,
    Expectation target,
    List<Expectation> known) {

  public Evidence {
    inspectFalseClaims = List.copyOf(inspectFalseClaims);
    known = List.copyOf(known);
  }
}

package io.rescuefleet.faults.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import io.rescuefleet.faults.check.Expectation;
import io.rescuefleet.faults.check.StickContents;
import io.rescuefleet.station.engine.EngineResult;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything observed around one hostile run, for the judge.
 *
 * @param exitCode empty when the CLI hung and was killed
 * @param changed whether the stick's image changed during the run
 * @param leftovers what the CLI left attached or mounted, or null when nothing
 * @param recovery the next insertion once the condition was gone, null when the case has nothing to recover
 */
public record HostileEvidence(
    String kind,
    String detail,
    Expected expected,
    OptionalInt exitCode,
    Optional<JsonNode> report,
    String failureLine,
    boolean changed,
    String leftovers,
    StickContents after,
    Expectation target,
    EngineResult recovery,
    EngineResult second,
    StickContents afterRecovery,
    Expectation recoveryTarget) {}

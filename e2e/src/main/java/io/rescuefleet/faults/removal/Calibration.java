package io.rescuefleet.faults.removal;

import io.rescuefleet.station.engine.EngineResult;
import io.rescuefleet.station.execute.ActionReport;
import java.util.List;

/**
 * One clean run of a transition, action by action, with the bytes each wrote to the stick (the
 * device's count) and its seconds: where in the byte stream of the next such run each action lies.
 */
public record Calibration(List<Step> steps) {

  /** One action of the clean run; {@code startBytes} were written to the stick before it began. */
  public record Step(String type, String path, long startBytes, long bytes, double seconds) {}

  public Calibration {
    steps = List.copyOf(steps);
  }

  public static Calibration of(EngineResult clean) {
    List<Step> steps = new java.util.ArrayList<>();
    long at = 0;
    for (ActionReport a : clean.actions()) {
      long bytes = a.direction() == io.rescuefleet.api.wire.ReportBatch.Direction.write ? a.bytes() : 0;
      steps.add(new Step(a.type(), a.path(), at, bytes, a.seconds()));
      at += bytes;
    }
    return new Calibration(steps);
  }

  public List<Step> of(Phase phase) {
    return steps.stream().filter(s -> phase.has(s.type())).toList();
  }
}

package io.rescuefleet.station.interlock;

import io.rescuefleet.station.discovery.FilterVerdict;
import io.rescuefleet.station.discovery.StickInfo;
import java.util.List;

/** Proof that the interlock admitted a device, with the verdicts that admitted it. */
public record Admission(StickInfo stick, List<FilterVerdict> verdicts) {
  public Admission {
    verdicts = List.copyOf(verdicts);
  }
}

package io.rescuefleet.operator.fleet;

import io.rescuefleet.api.wire.Heartbeat.StickInfo;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a station's latest heartbeat said: when it arrived (operator clock) and the stick in each
 * port. {@code seeded} marks presence taken from the ImagingStation's status after an operator
 * restart, before the station's first heartbeat to this operator.
 */
public record StationPresence(Instant lastHeartbeat, String agentVersion, Map<String, StickInfo> sticksByPort,
    boolean seeded) {
  public static final StationPresence NEVER = new StationPresence(null, null, Map.of(), false);

  public StationPresence {
    sticksByPort = java.util.Collections.unmodifiableMap(new TreeMap<>(sticksByPort));
  }
}

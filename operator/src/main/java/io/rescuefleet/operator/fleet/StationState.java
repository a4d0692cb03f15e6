package io.rescuefleet.operator.fleet;

import io.rescuefleet.operator.policy.StationLiveness;
import java.time.Duration;
import java.time.Instant;

/** The operator's memory of one station: its latest presence and the heartbeat timeout that applies. */
public final class StationState {
  /** The built-in policy's timeout, until the station's drives say otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private volatile StationPresence presence = StationPresence.NEVER;
  private volatile Duration timeout = DEFAULT_TIMEOUT;
  private volatile double samplingInterval = 1.0;

  StationState(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public StationPresence presence() {
    return presence;
  }

  void presence(StationPresence latest) {
    presence = latest;
  }

  public Duration timeout() {
    return timeout;
  }

  public void timeout(Duration heartbeatTimeout) {
    timeout = heartbeatTimeout;
  }

  /** The shortest throughput interval among the policies of the station's drives. */
  public double samplingInterval() {
    return samplingInterval;
  }

  public void samplingInterval(double seconds) {
    samplingInterval = seconds;
  }

  public boolean online(Instant now) {
    return StationLiveness.online(presence.lastHeartbeat(), timeout, now);
  }
}

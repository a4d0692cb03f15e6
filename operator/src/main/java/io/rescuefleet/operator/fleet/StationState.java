package io.rescuefleet.operator.fleet;

import io.rescuefleet.operator.policy.StationLiveness;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The operator's memory of one station: its latest presence and the heartbeat timeout that applies. */
public final class StationState {
  /** The built-in policy's timeout, until the station's drives say otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private volatile StationPresence presence = StationPresence.NEVER;
  private volatile Duration timeout = DEFAULT_TIMEOUT;
  private volatile double samplingInterval = 1.0;
  private volatile Map<String, String> portLabels = Map.of();
  private Instant lastRefresh;

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

  /** Friendly labels of the station's ports by port path, from its spec. */
  public Map<String, String> portLabels() {
    return portLabels;
  }

  public void portLabels(Map<String, String> labelsByPort) {
    portLabels = Map.copyOf(labelsByPort);
  }

  /**
   * Whether a heartbeat at {@code now} should have the station's status refreshed (its
   * lastHeartbeat), at most once per {@code every}; heartbeats that change nothing else cost no
   * reconcile in between.
   */
  public synchronized boolean refreshDue(Instant now, Duration every) {
    if (lastRefresh != null && Duration.between(lastRefresh, now).compareTo(every) < 0) {
      return false;
    }
    lastRefresh = now;
    return true;
  }

  public boolean online(Instant now) {
    return StationLiveness.online(presence.lastHeartbeat(), timeout, now);
  }
}

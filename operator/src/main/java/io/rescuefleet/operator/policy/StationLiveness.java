package io.rescuefleet.operator.policy;

import java.time.Duration;
import java.time.Instant;

/** A station is online while its last heartbeat is younger than the policy's timeout. Pure. */
public final class StationLiveness {
  private StationLiveness() {}

  public static boolean online(Instant lastHeartbeat, Duration timeout, Instant now) {
    return lastHeartbeat != null && Duration.between(lastHeartbeat, now).compareTo(timeout) < 0;
  }

  /** How long until an online station would be declared offline; zero when it already is. */
  public static Duration untilOffline(Instant lastHeartbeat, Duration timeout, Instant now) {
    if (lastHeartbeat == null) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(now, lastHeartbeat.plus(timeout));
    return left.isNegative() ? Duration.ZERO : left;
  }
}

package io.rescuefleet.api.wire;

import java.util.List;

/** A station says it is alive and which sticks sit in its ports. */
public record Heartbeat(String agentVersion, String time, List<StickInfo> sticks) {

  /**
   * One stick present. {@code insertionId} is new each time the stick is inserted, so the operator
   * can count insertions (for the policy's {@code fullEvery}) across restarts of either side.
   */
  public record StickInfo(
      String serial,
      String port,
      String vendor,
      String model,
      long sizeBytes,
      String driveUuid,
      String driveKey,
      String insertionId) {}
}

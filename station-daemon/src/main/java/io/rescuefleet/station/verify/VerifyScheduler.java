package io.rescuefleet.station.verify;

import io.rescuefleet.api.resolve.EffectivePolicy;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.manifest.StickManifest.VerifyRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Decides how deeply to verify a stick on this insertion: what the caller asks for (the CLI's
 * {@code --verify}, the operator's level), else the policy's mode raised to Full every
 * {@code fullEvery} passes or when the last Full pass is older than {@code maxAgeHours}. Pure.
 */
public final class VerifyScheduler {
  private final Clock clock;

  public VerifyScheduler(Clock clock) {
    this.clock = clock;
  }

  /** @param requested the caller's mode, or null to follow the policy */
  public VerifyMode decide(VerifyMode requested, EffectivePolicy policy, Optional<StickManifest> manifest) {
    if (requested != null) {
      return requested;
    }
    VerifyMode mode = policy.verifyMode();
    if (mode == VerifyMode.Full || manifest.isEmpty()) {
      return mode;
    }
    List<VerifyRecord> history = manifest.get().verifications();
    int lastFull = -1;
    for (int i = 0; i < history.size(); i++) {
      if (VerifyMode.Full.name().equals(history.get(i).mode())) {
        lastFull = i;
      }
    }
    int passesSince = history.size() - 1 - lastFull;
    if (passesSince + 1 >= policy.fullEvery()) {
      return VerifyMode.Full;
    }
    if (lastFull >= 0 && olderThan(history.get(lastFull).time(), policy.maxAgeHours())) {
      return VerifyMode.Full;
    }
    return mode;
  }

  private boolean olderThan(String time, double hours) {
    try {
      return Duration.between(Instant.parse(time), clock.instant()).toMinutes() > hours * 60;
    } catch (DateTimeParseException | NullPointerException e) {
      return true; // an unreadable time cannot prove a recent Full pass
    }
  }
}

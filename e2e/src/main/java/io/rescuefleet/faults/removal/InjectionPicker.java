package io.rescuefleet.faults.removal;

import java.util.List;
import java.util.Random;

/**
 * Picks where a fault goes, from a seeded random source: an action of the phase (each equally
 * likely), then a byte count into it when it writes (mostly) or a delay after it began within its
 * calibrated duration. Pure: the same seed gives the same points.
 */
public final class InjectionPicker {
  private final Random random;

  public InjectionPicker(Random random) {
    this.random = random;
  }

  /** Null when the calibrated run has no action of {@code phase}. */
  public InjectionPoint pick(Way way, Phase phase, Calibration calibration) {
    List<Calibration.Step> steps = calibration.of(phase);
    if (steps.isEmpty()) {
      return null;
    }
    Calibration.Step step = steps.get(random.nextInt(steps.size()));
    if (step.bytes() >= 4096 && random.nextInt(4) != 0) {
      long offset = 512 + (long) (random.nextDouble() * (step.bytes() - 512));
      return new InjectionPoint(way, phase, step, offset, 0);
    }
    long delay = (long) (random.nextDouble() * Math.max(20, step.seconds() * 1000));
    return new InjectionPoint(way, phase, step, 0, Math.max(1, delay));
  }
}

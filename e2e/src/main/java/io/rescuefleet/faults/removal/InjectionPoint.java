package io.rescuefleet.faults.removal;

import java.util.Locale;

/**
 * Where one fault goes: during which action of the run, as a byte count into it (the trigger is the
 * stick's own count of bytes written reaching {@code startBytes + offsetBytes}) or a delay after it
 * began ({@code startBytes} reached).
 */
public record InjectionPoint(Way way, Phase phase, Calibration.Step step, long offsetBytes, long delayMillis) {

  /** The kind of the ledger, e.g. {@code kill-writer/iso-sync}. */
  public String kind() {
    return way.label() + "/" + phase.label();
  }

  /** The device byte count at which to start waiting {@link #delayMillis}. */
  public long thresholdBytes() {
    return step.startBytes() + offsetBytes;
  }

  public String describe() {
    String where = delayMillis > 0 || step.bytes() == 0
        ? String.format(Locale.ROOT, "%d ms into", delayMillis)
        : String.format(Locale.ROOT, "byte %d of %d of", offsetBytes, step.bytes());
    return kind() + " " + where + " " + step.type() + " " + step.path();
  }
}

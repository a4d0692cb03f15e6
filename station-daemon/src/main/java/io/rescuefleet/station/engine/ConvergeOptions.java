package io.rescuefleet.station.engine;

import io.rescuefleet.station.discovery.Allowlist;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a run may treat the stick: which non-USB devices are admitted, whether it may write at all
 * (false while the operator quarantines the drive: observe and verify only), whether a serial that
 * differs from the spec's is accepted, where a Ventoy release to install is (null: none), and how
 * often throughput is sampled.
 */
public record ConvergeOptions(
    Allowlist allowlist, boolean writesAllowed, boolean ignoreSerial, Path ventoyRelease, Duration sampleInterval) {

  public static ConvergeOptions defaults() {
    return new ConvergeOptions(Allowlist.none(), true, false, null, Duration.ofSeconds(1));
  }

  public ConvergeOptions withAllowlist(Allowlist list) {
    return new ConvergeOptions(list, writesAllowed, ignoreSerial, ventoyRelease, sampleInterval);
  }

  public ConvergeOptions withWritesAllowed(boolean allowed) {
    return new ConvergeOptions(allowlist, allowed, ignoreSerial, ventoyRelease, sampleInterval);
  }

  public ConvergeOptions withIgnoreSerial(boolean ignore) {
    return new ConvergeOptions(allowlist, writesAllowed, ignore, ventoyRelease, sampleInterval);
  }

  public ConvergeOptions withVentoyRelease(Path dir) {
    return new ConvergeOptions(allowlist, writesAllowed, ignoreSerial, dir, sampleInterval);
  }

  public ConvergeOptions withSampleInterval(Duration interval) {
    return new ConvergeOptions(allowlist, writesAllowed, ignoreSerial, ventoyRelease, interval);
  }
}

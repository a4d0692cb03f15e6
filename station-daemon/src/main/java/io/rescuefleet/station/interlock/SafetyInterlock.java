package io.rescuefleet.station.interlock;

import io.rescuefleet.station.discovery.Allowlist;
import io.rescuefleet.station.discovery.BlockDeviceInfo;
import io.rescuefleet.station.discovery.Candidate;
import io.rescuefleet.station.discovery.Discovery;
import io.rescuefleet.station.discovery.SystemContext;
import io.rescuefleet.station.discovery.SystemProbe;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate in front of every write: a block device is admitted only if it is a whole, writable,
 * removable USB disk (or allow-listed), nothing on it is mounted, and it is not a system disk
 * (allow-listed or not). Refusal is a {@link DeviceRefusedException} naming the rule.
 */
public final class SafetyInterlock {
  private static final Logger LOG = LoggerFactory.getLogger(SafetyInterlock.class);

  private final Discovery discovery;
  private final Supplier<SystemContext> system;

  public SafetyInterlock(Discovery discovery, Supplier<SystemContext> system) {
    this.discovery = discovery;
    this.system = system;
  }

  /** The interlock over this machine's live state. */
  public static SafetyInterlock live(SystemProbe probe) {
    return new SafetyInterlock(new Discovery(), probe::capture);
  }

  /**
   * Admits {@code device} or refuses it.
   *
   * @throws DeviceRefusedException naming the first rule that excludes the device
   */
  public Admission admit(String device, Allowlist allowlist) {
    Objects.requireNonNull(device, "device");
    String real = realPath(device);
    SystemContext now = system.get();
    BlockDeviceInfo disk = now.disk(real)
        .or(() -> now.any(real))
        .orElseThrow(() -> new DeviceRefusedException(device + " is not a block device lsblk knows"));
    Candidate candidate = discovery.evaluate(disk, now, allowlist);
    if (!candidate.admitted()) {
      String reason = candidate.refusal().orElseThrow().reason();
      LOG.warn("device refused device={} filter={} reason={}", device, candidate.refusal().get().filter(), reason);
      throw new DeviceRefusedException("refusing " + device + ": " + reason);
    }
    LOG.info("device admitted device={} serial={} port={}", device, candidate.stick().serial(), candidate.stick().usbPort());
    return new Admission(candidate.stick(), candidate.verdicts());
  }

  /** {@code /dev/disk/by-id/...} names the same disk as {@code /dev/sdb}; lsblk only knows the latter. */
  private static String realPath(String device) {
    try {
      return java.nio.file.Path.of(device).toRealPath().toString();
    } catch (java.io.IOException | RuntimeException e) {
      return device;
    }
  }
}

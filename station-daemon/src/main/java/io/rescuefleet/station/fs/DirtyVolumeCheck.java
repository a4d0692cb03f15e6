package io.rescuefleet.station.fs;

import io.rescuefleet.station.device.RawDevice;
import io.rescuefleet.station.failure.FailureKind;
import io.rescuefleet.station.failure.StationException;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessResult;
import io.rescuefleet.station.process.ProcessRunner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before a run writes to an exFAT data partition that a driver left mounted (its VolumeDirty flag set:
 * the stick was pulled or the driver died), {@code fsck.exfat -n} checks it. exfat-fuse does not order
 * its metadata writes, so a cut may leave, say, a file whose cluster the bitmap calls free, and the next
 * file written there cross-linked with it: every write of one then changes the other. When everything
 * fsck names is RescueFleet's own (its {@code .rescuefleet/} directory, ventoy.json, the F6 menu), or it
 * names no file (the bitmap, the boot region), the volume is repaired with {@code fsck.exfat -y} and
 * checked again; a file of anyone else's is the user's to repair, and the run stops, naming it, without
 * writing.
 */
public final class DirtyVolumeCheck {
  private static final Logger LOG = LoggerFactory.getLogger(DirtyVolumeCheck.class);
  /** VolumeFlags (boot sector offset 106), bit 1: VolumeDirty. */
  private static final int VOLUME_DIRTY = 0x0002;
  /** fsck.exfat's "ERROR: /path: what" lines. */
  private static final Pattern NAMED = Pattern.compile("^ERROR: (/[^:]*): ", Pattern.MULTILINE);
  /** Where RescueFleet alone writes: what a repair may truncate or remove. */
  private static final List<String> OURS = List.of("/.rescuefleet/", "/ventoy/ventoy.json", "/ventoy/ventoy_grub.cfg");

  private final ProcessRunner runner;

  public DirtyVolumeCheck(ProcessRunner runner) {
    this.runner = runner;
  }

  /** What the check found on one device. */
  public enum Verdict {
    /** Not exFAT, or unmounted cleanly last time. */
    CLEAN,
    /** Left mounted, and fsck finds nothing wrong. */
    CONSISTENT,
    /** Left inconsistent in RescueFleet's own files only; repaired. */
    REPAIRED
  }

  /** Checks {@code device} (unmounted) and repairs what is RescueFleet's; throws when the user's files are hit. */
  public Verdict ensureConsistent(String device) {
    if (!leftDirty(device)) {
      return Verdict.CLEAN;
    }
    ProcessResult check = runner.runAllowingFailure(Command.of("fsck.exfat", "-n", device));
    if (check.exitCode() == 0) {
      return Verdict.CONSISTENT;
    }
    String report = check.stdout() + check.stderr();
    List<String> named = named(report);
    List<String> theirs = named.stream().filter(p -> !ours(p)).toList();
    if (!theirs.isEmpty()) {
      throw new CorruptVolumeException(device + " has a damaged exFAT filesystem (fsck.exfat -n: errors in "
          + String.join(", ", theirs) + "), and those files are not RescueFleet's: nothing was written; repair it "
          + "with fsck.exfat");
    }
    LOG.warn("data partition left inconsistent by an interrupted run, repairing device={} files={}", device, named);
    runner.runAllowingFailure(Command.of("fsck.exfat", "-y", device));
    ProcessResult again = runner.runAllowingFailure(Command.of("fsck.exfat", "-n", device));
    if (again.exitCode() != 0) {
      throw new CorruptVolumeException(device + " has a damaged exFAT filesystem that fsck.exfat -y did not repair: "
          + firstLine(again.stdout() + again.stderr()));
    }
    return Verdict.REPAIRED;
  }

  /** The paths fsck's report names, in order. */
  static List<String> named(String report) {
    Matcher m = NAMED.matcher(report);
    List<String> paths = new java.util.ArrayList<>();
    while (m.find()) {
      paths.add(m.group(1));
    }
    return paths;
  }

  static boolean ours(String path) {
    return OURS.stream().anyMatch(o -> o.endsWith("/") ? path.startsWith(o) : path.equalsIgnoreCase(o));
  }

  /** Whether {@code device} holds an exFAT boot sector with VolumeDirty set. */
  static boolean leftDirty(String device) {
    ByteBuffer boot = RawDevice.allocate(RawDevice.ALIGNMENT);
    try (RawDevice raw = RawDevice.openForRead(device)) {
      raw.readFully(0, boot);
    }
    boot.order(ByteOrder.LITTLE_ENDIAN);
    byte[] name = new byte[8];
    boot.get(3, name);
    return new String(name, StandardCharsets.US_ASCII).equals("EXFAT   ") && (boot.getShort(106) & VOLUME_DIRTY) != 0;
  }

  private static String firstLine(String report) {
    return report.lines().filter(l -> l.startsWith("ERROR")).findFirst()
        .orElse(report.lines().reduce((a, b) -> b).orElse("no output")).strip();
  }

  /** A data partition whose filesystem RescueFleet will not write to as it is. */
  public static final class CorruptVolumeException extends StationException {
    CorruptVolumeException(String message) {
      super("DataPartitionCorrupt", FailureKind.OTHER, message);
    }
  }
}

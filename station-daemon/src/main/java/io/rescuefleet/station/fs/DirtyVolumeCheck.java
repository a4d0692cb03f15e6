package io.rescuefleet.station.fs;

import io.rescuefleet.api.validate.PathRules;
import io.rescuefleet.station.failure.FailureKind;
import io.rescuefleet.station.failure.StationException;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessResult;
import io.rescuefleet.station.process.ProcessRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
  /** fsck.exfat's "ERROR: /path: what" lines. */
  private static final Pattern NAMED = Pattern.compile("^ERROR: /([^:]*): ", Pattern.MULTILINE);
  /** The files RescueFleet alone writes, besides its own directory: what a repair may truncate or remove. */
  private static final List<String> OUR_FILES = List.of(PathRules.VENTOY_JSON, PathRules.VENTOY_GRUB_CFG);

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

  /** The paths fsck's report names, relative to the volume root, in order. */
  static List<String> named(String report) {
    Matcher m = NAMED.matcher(report);
    List<String> paths = new ArrayList<>();
    while (m.find()) {
      paths.add(m.group(1));
    }
    return paths;
  }

  /** Whether {@code path} (relative to the volume root) is RescueFleet's, compared as exFAT compares names. */
  static boolean ours(String path) {
    String key = PathRules.collisionKey(path);
    return key.startsWith(PathRules.collisionKey(PathRules.MANIFEST_DIR + "/"))
        || OUR_FILES.stream().anyMatch(f -> PathRules.collisionKey(f).equals(key));
  }

  /** Whether {@code device} holds an exFAT volume with VolumeDirty set. */
  private static boolean leftDirty(String device) {
    Optional<ExfatVolume> volume = ExfatVolume.open(device);
    if (volume.isEmpty()) {
      return false;
    }
    try (ExfatVolume v = volume.get()) {
      return v.dirty();
    }
  }

  private static String firstLine(String report) {
    return report.lines().filter(l -> l.startsWith("ERROR")).findFirst()
        .orElseGet(() -> report.lines().reduce((a, b) -> b).orElse("no output")).strip();
  }

  /** A data partition whose filesystem RescueFleet will not write to as it is. */
  public static final class CorruptVolumeException extends StationException {
    CorruptVolumeException(String message) {
      super("DataPartitionCorrupt", FailureKind.OTHER, message);
    }
  }
}

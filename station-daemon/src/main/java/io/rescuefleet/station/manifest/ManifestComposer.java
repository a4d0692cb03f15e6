package io.rescuefleet.station.manifest;

import io.rescuefleet.api.validate.PathRules;
import io.rescuefleet.station.manifest.StickManifest.FileRecord;
import io.rescuefleet.station.manifest.StickManifest.VerifyRecord;
import io.rescuefleet.station.verify.VerifyPass;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Builds the manifest to write from the previous one and what a run established: the records the plan
 * carried over, the copies whose read-back passed, the verification pass, and counters.
 */
public final class ManifestComposer {
  public static final String WRITER = "rescuefleet-station 0.1.0";

  private final Clock clock;

  public ManifestComposer(Clock clock) {
    this.clock = clock;
  }

  /**
   * What the run established, to be recorded. {@code bytesWrittenThisRun} is what reached the device
   * before the manifest (its own write counter), or the actions' own count when the device keeps none.
   */
  public record Update(
      String driveKey,
      String specDigest,
      boolean specReached,
      String ventoyJsonSha256,
      List<FileRecord> carried,
      List<FileRecord> verifiedCopies,
      VerifyPass verifyPass,
      long bytesWrittenThisRun,
      WtgChange wtg) {}

  /** The Windows To Go record a run leaves: the system it applied, or null when it removed one. */
  public record WtgChange(StickManifest.WtgRecord record) {}

  public StickManifest compose(Optional<StickManifest> previous, Update update) {
    List<FileRecord> files = new ArrayList<>(update.carried());
    Set<String> carried = files.stream().map(FileRecord::path).collect(Collectors.toSet());
    update.verifiedCopies().stream().filter(f -> !carried.contains(f.path())).forEach(files::add);
    files.sort(Comparator.comparing(FileRecord::path));

    List<VerifyRecord> history = new ArrayList<>(previous.map(StickManifest::verifications).orElse(List.of()));
    VerifyPass pass = update.verifyPass();
    long cursor = previous.map(StickManifest::sampleCursor).orElse(0L);
    if (pass != null && pass.filesChecked() > 0) {
      history.add(new VerifyRecord(pass.mode().name(), clock.instant().toString(), pass.filesChecked(),
          pass.bytesHashed(), pass.mismatches(), Math.round(pass.readMBps() * 10) / 10.0));
      cursor = pass.nextSampleCursor();
    }
    if (history.size() > StickManifest.HISTORY) {
      history = history.subList(history.size() - StickManifest.HISTORY, history.size());
    }
    String uuid = previous.map(StickManifest::driveUuid).orElseGet(() -> UUID.randomUUID().toString());
    // Claim the spec only once everything in it is on the stick; otherwise keep what was last reached.
    String digest = update.specReached() ? update.specDigest() : previous.map(StickManifest::specDigest).orElse(null);
    // Nothing stays pending: the plan copied and verified, adopted or deleted every pending path before this write.
    return new StickManifest(StickManifest.SCHEMA_VERSION, uuid, update.driveKey(), digest, update.ventoyJsonSha256(),
        clock.instant().toString(), WRITER,
        previous.map(StickManifest::lifetimeBytesWritten).orElse(0L) + update.bytesWrittenThisRun(),
        cursor, files, history,
        update.wtg() != null ? update.wtg().record() : previous.map(StickManifest::wtg).orElse(null), List.of());
  }

  /**
   * A manifest for a data volume that has none (new, or formatted by this run) listing no file and
   * claiming no spec, with {@code paths} pending: written before files appear there unverified. The
   * drive's identity, wear count and history carry over from {@code previous}, the manifest observed
   * before the run, as the manifest written last carries them.
   */
  public StickManifest claim(Optional<StickManifest> previous, String driveKey, List<String> paths) {
    return new StickManifest(StickManifest.SCHEMA_VERSION,
        previous.map(StickManifest::driveUuid).orElseGet(() -> UUID.randomUUID().toString()), driveKey, null, null,
        clock.instant().toString(), WRITER, previous.map(StickManifest::lifetimeBytesWritten).orElse(0L),
        previous.map(StickManifest::sampleCursor).orElse(0L), List.of(),
        previous.map(StickManifest::verifications).orElse(List.of()), previous.map(StickManifest::wtg).orElse(null),
        paths);
  }

  /** The manifest without its Windows To Go record: written before that system is changed or removed. */
  public StickManifest withoutWtg(StickManifest previous) {
    return new StickManifest(previous.schemaVersion(), previous.driveUuid(), previous.driveKey(), null,
        previous.ventoyJsonSha256(), clock.instant().toString(), WRITER, previous.lifetimeBytesWritten(),
        previous.sampleCursor(), previous.files(), previous.verifications(), null, previous.pending());
  }

  /**
   * The previous manifest without {@code paths} and without its claim of a spec: written before those
   * files (or ventoy.json, which stays RescueFleet's anyway) are changed. The files stay RescueFleet's, as
   * pending, until a later manifest accounts for them.
   */
  public StickManifest retract(StickManifest previous, List<String> paths) {
    Set<String> gone = paths.stream().map(PathRules::collisionKey).collect(Collectors.toSet());
    String json = PathRules.collisionKey(PathRules.VENTOY_JSON);
    List<FileRecord> kept = previous.files().stream().filter(f -> !gone.contains(PathRules.collisionKey(f.path()))).toList();
    List<String> pending = new ArrayList<>(previous.pending());
    Set<String> known = pending.stream().map(PathRules::collisionKey).collect(Collectors.toSet());
    paths.stream().filter(p -> !PathRules.collisionKey(p).equals(json) && known.add(PathRules.collisionKey(p)))
        .forEach(pending::add);
    return new StickManifest(previous.schemaVersion(), previous.driveUuid(), previous.driveKey(), null,
        gone.contains(json) ? null : previous.ventoyJsonSha256(), clock.instant().toString(), WRITER,
        previous.lifetimeBytesWritten(), previous.sampleCursor(), kept, previous.verifications(), previous.wtg(), pending);
  }
}

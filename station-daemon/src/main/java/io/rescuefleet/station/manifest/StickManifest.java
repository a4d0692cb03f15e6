package io.rescuefleet.station.manifest;

import java.util.List;
import java.util.Optional;

/**
 * What RescueFleet wrote to a stick and last verified, kept on the stick itself at
 * {@code /.rescuefleet/manifest.json}: the fast path on reinsertion. It only ever lists files whose
 * content was verified from the device, and it is written last and atomically.
 *
 * @param driveUuid identity of the stick's content, made on first write and kept for its life
 * @param driveKey the RescueDrive ({@code namespace/name}) last applied
 * @param specDigest the assignment's content digest last applied in full
 * @param ventoyJsonSha256 SHA-256 of the /ventoy/ventoy.json written
 * @param lifetimeBytesWritten bytes RescueFleet wrote to the stick over its life, for wear alerts: what reached the
 *     device by its own write counter (filesystem metadata included; each run's manifest write itself not), the
 *     actions' own count only where the device keeps none
 * @param sampleCursor where the next Sampled verification starts, in chunks over all files
 * @param wtg the Windows To Go system applied, or null (written by the Windows To Go work)
 * @param pending paths RescueFleet still owns but no longer vouches for: retracted before being replaced
 *     or deleted, so that a run cut short between the retraction and the change leaves them RescueFleet's
 *     to finish, not a stranger's files it must never touch
 */
public record StickManifest(
    int schemaVersion,
    String driveUuid,
    String driveKey,
    String specDigest,
    String ventoyJsonSha256,
    String writtenAt,
    String writer,
    long lifetimeBytesWritten,
    long sampleCursor,
    List<FileRecord> files,
    List<VerifyRecord> verifications,
    WtgRecord wtg,
    List<String> pending) {

  /** The version this code writes; a manifest of a later version is read as "unknown state". */
  public static final int SCHEMA_VERSION = 1;
  /** Verification history kept on the stick. */
  public static final int HISTORY = 20;

  public StickManifest {
    files = files == null ? List.of() : List.copyOf(files);
    verifications = verifications == null ? List.of() : List.copyOf(verifications);
    pending = pending == null ? List.of() : List.copyOf(pending);
  }

  /** A manifest with nothing pending. */
  public StickManifest(int schemaVersion, String driveUuid, String driveKey, String specDigest, String ventoyJsonSha256,
      String writtenAt, String writer, long lifetimeBytesWritten, long sampleCursor, List<FileRecord> files,
      List<VerifyRecord> verifications, WtgRecord wtg) {
    this(schemaVersion, driveUuid, driveKey, specDigest, ventoyJsonSha256, writtenAt, writer, lifetimeBytesWritten,
        sampleCursor, files, verifications, wtg, List.of());
  }

  public Optional<FileRecord> file(String path) {
    return files.stream().filter(f -> f.path().equals(path)).findFirst();
  }

  /**
   * One file RescueFleet wrote and verified.
   *
   * @param mtimeMillis modification time as the filesystem reported it right after the write
   * @param chunkSize bytes per chunk of {@code chunks}
   * @param chunks SHA-256 of each chunk of the file, for sampled verification
   */
  public record FileRecord(
      String path,
      String entry,
      long size,
      long mtimeMillis,
      String sha256,
      long chunkSize,
      List<String> chunks,
      String verifiedAt) {

    public FileRecord {
      chunks = chunks == null ? List.of() : List.copyOf(chunks);
    }
  }

  /** One verification pass. */
  public record VerifyRecord(String mode, String time, int filesChecked, long bytesHashed, int mismatches, double readMBps) {}

  /**
   * The Windows To Go system applied to the stick, recorded once its volume was written, read back and
   * marked; its marker on the volume says the same and is what verification trusts.
   *
   * @param location {@code partition 3} or the VHD's path on the data partition
   * @param applyId the apply's identity, as the volume's marker records it
   * @param index the image applied; {@code edition} the edition the profile selected it by, or null
   * @param bootConfiguration {@code Generated} or {@code NotGenerated}
   */
  public record WtgRecord(
      String profile,
      String target,
      String location,
      String applyId,
      String imageSha256,
      Integer index,
      String edition,
      String imageName,
      String unattendSha256,
      String bootConfiguration,
      String appliedAt) {}
}

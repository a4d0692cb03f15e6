package io.rescuefleet.faults.check;

import java.util.List;
import java.util.Map;

/**
 * A stick as an independent reader found it: the partition table, every file of the data partition
 * with its SHA-256, ventoy.json, the manifest as plain JSON, and the Windows To Go volume compared
 * file by file with its image.
 *
 * @param tableLabel {@code gpt}, {@code dos}, or null when there is no table
 * @param dataProblem why the data partition could not be read, or null
 * @param manifest null when there is none or it is not JSON RescueFleet wrote ({@code manifestProblem} says)
 * @param files every regular file outside {@code .rescuefleet/}, by path
 * @param wtg the volume in partition 3, or null when there is no such partition
 */
public record StickContents(
    String tableLabel,
    String dataProblem,
    Manifest manifest,
    String manifestProblem,
    Map<String, FileFact> files,
    String ventoyJsonSha256,
    WtgVolume wtg) {

  public StickContents {
    files = Map.copyOf(files);
  }

  /** A file's size and content hash. */
  public record FileFact(long size, String sha256) {}

  /** What the manifest says: the spec it claims, the files it vouches for, the Windows To Go system it records. */
  public record Manifest(String driveKey, String specDigest, String ventoyJsonSha256, List<Listed> files, WtgClaim wtg) {
    public Manifest {
      files = List.copyOf(files);
    }
  }

  /** One file the manifest lists as verified. */
  public record Listed(String path, long size, String sha256) {}

  /** The Windows To Go system the manifest records as applied. */
  public record WtgClaim(String location, String applyId, String imageSha256, int index) {}

  /**
   * The Windows To Go volume: its marker (null fields when there is none) and every way its files differ
   * from the image the marker names; {@code problem} says why it could not be read.
   */
  public record WtgVolume(String markerApplyId, String markerImageSha256, Integer markerIndex, List<String> differences,
      String problem) {
    public WtgVolume {
      differences = List.copyOf(differences);
    }
  }
}

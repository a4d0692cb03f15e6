package io.rescuefleet.api.resolve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.api.v1alpha1.PartitionStyle;
import io.rescuefleet.api.v1alpha1.SanPolicy;
import io.rescuefleet.api.v1alpha1.WtgTarget;
import java.util.List;

/**
 * One RescueDrive with everything it references resolved: exactly what a station needs to make a
 * stick match, and nothing it would have to look up. {@code contentDigest} covers what ends up on
 * the stick (layout, files, ventoy.json, WTG), so a policy change does not look like content drift.
 */
public record DriveAssignment(
    String namespace,
    String driveName,
    long generation,
    String serial,
    ClaimRef claim,
    ResolvedLayout layout,
    List<ResolvedFile> files,
    ObjectNode ventoyJson,
    ResolvedWtg wtg,
    EffectivePolicy policy,
    String contentDigest) {

  public DriveAssignment {
    files = List.copyOf(files);
  }

  /** {@code namespace/name}, the drive's identity in messages and on the stick. */
  public String driveKey() {
    return namespace + "/" + driveName;
  }

  /** Sum of the declared sizes of the files; files without a declared size count as 0. */
  public long declaredBytes() {
    return files.stream().mapToLong(f -> f.size() == null ? 0 : f.size()).sum();
  }

  /** A station port whose stick the drive claims. */
  public record ClaimRef(String station, String port) {}

  /** The layout with defaults applied. */
  public record ResolvedLayout(
      PartitionStyle partitionStyle,
      DataFilesystem dataFilesystem,
      String dataLabel,
      String ventoyVersion,
      long reservedMiB,
      boolean secureBoot) {}

  /** One image to put on the data partition. */
  public record ResolvedFile(
      String name, String path, String url, String sha256, Long size, String menuAlias, ResolvedSignature signature) {}

  /** A detached signature and the armored public key that must have made it. */
  public record ResolvedSignature(String url, String publicKey) {}

  /** A Windows To Go system with its profile's defaults applied. */
  public record ResolvedWtg(
      String profileName,
      String imageUrl,
      String imageSha256,
      Long imageSize,
      Integer index,
      String edition,
      WtgTarget target,
      long sizeMiB,
      String vhdPath,
      ResolvedUnattend unattend,
      String driversPath) {}

  /** The unattend.xml settings. */
  public record ResolvedUnattend(
      String computerNamePattern, boolean copyProfile, boolean persistentPageFile, SanPolicy sanPolicy) {}
}

package io.rescuefleet.station.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rescuefleet.api.resolve.DriveAssignment;
import io.rescuefleet.api.resolve.DriveAssignment.ResolvedWtg;
import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.api.v1alpha1.PartitionStyle;
import io.rescuefleet.station.release.ReleaseInfo;
import io.rescuefleet.station.verify.Digests;
import java.util.List;

/**
 * What a stick must be, in the planner's terms: a resolved assignment plus the Ventoy release this
 * station can install (null when none was given) and the bytes of the ventoy.json to write.
 */
public record DesiredDrive(
    String driveKey,
    String specDigest,
    PartitionStyle style,
    DataFilesystem filesystem,
    String dataLabel,
    long reservedMiB,
    boolean secureBoot,
    String pinnedVentoyVersion,
    ReleaseInfo release,
    List<DesiredFile> files,
    String ventoyJson,
    String ventoyJsonSha256,
    ResolvedWtg wtg) {

  private static final ObjectMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  public DesiredDrive {
    files = List.copyOf(files);
  }

  public static DesiredDrive of(DriveAssignment a, ReleaseInfo release) {
    String json;
    try {
      json = PRETTY.writeValueAsString(a.ventoyJson()) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render ventoy.json", e);
    }
    List<DesiredFile> files = a.files().stream()
        .map(f -> new DesiredFile(f.name(), f.path(), f.url(), f.sha256(), f.size(), f.signature()))
        .toList();
    var layout = a.layout();
    return new DesiredDrive(a.driveKey(), a.contentDigest(), layout.partitionStyle(), layout.dataFilesystem(),
        layout.dataLabel(), layout.reservedMiB(), layout.secureBoot(), layout.ventoyVersion(), release, files, json,
        Digests.sha256(json), a.wtg());
  }

  /** The blkid type name of the data filesystem. */
  public String filesystemType() {
    return filesystem == DataFilesystem.NTFS ? "ntfs" : "exfat";
  }
}

package io.rescuefleet.station.observe;

import io.rescuefleet.station.fs.FsDriver;
import io.rescuefleet.station.manifest.ManifestRead;
import java.util.List;
import java.util.Optional;

/**
 * The mounted data partition: every regular file (RescueFleet's own directory excluded), the manifest
 * as read, the SHA-256 and text of /ventoy/ventoy.json (null if absent), the text of Ventoy's user
 * menu /ventoy/ventoy_grub.cfg (null if absent or too large to be RescueFleet's), leftovers of
 * interrupted copies, and space.
 */
public record VolumeState(
    FsDriver driver,
    List<ObservedFile> files,
    ManifestRead manifest,
    String ventoyJsonSha256,
    String ventoyJson,
    String ventoyMenu,
    List<String> stagingLeftovers,
    long freeBytes,
    long totalBytes) {

  public VolumeState {
    files = List.copyOf(files);
    stagingLeftovers = List.copyOf(stagingLeftovers);
  }

  public Optional<ObservedFile> file(String path) {
    return files.stream().filter(f -> f.path().equals(path)).findFirst();
  }
}

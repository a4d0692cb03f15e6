package io.rescuefleet.station.observe;

import io.rescuefleet.api.v1alpha1.WtgTarget;
import io.rescuefleet.station.layout.Region;
import io.rescuefleet.station.wtg.bcd.BcdDevice;
import io.rescuefleet.station.wtg.volume.MarkerRead;
import java.util.List;

/**
 * What sits where a Windows To Go system is or was: a partition in the reserved space, or a VHD file
 * on the data partition. {@code problem} says why it cannot be a good apply whatever its marker says
 * (no NTFS, a VHD without a valid footer, the wrong size); {@code samples} is the verification of its
 * sampled files this pass, null when the pass checked none.
 *
 * @param partition the partition's number, 0 for a VHD
 * @param region the partition on the stick, null for a VHD
 * @param vhdPath the VHD on the data partition, null for a partition
 * @param sizeBytes the partition's size, or the VHD's disk size (without its footer)
 * @param identity how a BCD store names the volume's partition now (disk and partition identity), if known
 * @param fsUuid the NTFS volume serial as {@code blkid} prints it (16 hex digits), how Ventoy's GRUB finds
 *     a partition volume ({@code search --fs-uuid}); null for a VHD or when unknown
 */
public record WtgVolumeState(
    WtgTarget target,
    int partition,
    Region region,
    String vhdPath,
    long sizeBytes,
    BcdDevice identity,
    String problem,
    MarkerRead marker,
    SampleResult samples,
    String fsUuid) {

  /** A volume whose filesystem UUID was not read. */
  public WtgVolumeState(WtgTarget target, int partition, Region region, String vhdPath, long sizeBytes, BcdDevice identity,
      String problem, MarkerRead marker, SampleResult samples) {
    this(target, partition, region, vhdPath, sizeBytes, identity, problem, marker, samples, null);
  }

  /** The result of checking sampled files of an applied image against the image's hashes. */
  public record SampleResult(int checked, List<String> mismatches) {
    public SampleResult {
      mismatches = List.copyOf(mismatches);
    }
  }

  /** True when the volume holds a complete, marked apply (its content may still be checked by samples). */
  public boolean marked() {
    return problem == null && marker instanceof MarkerRead.Valid;
  }

  public WtgVolumeState withSamples(SampleResult result) {
    return new WtgVolumeState(target, partition, region, vhdPath, sizeBytes, identity, problem, marker, result, fsUuid);
  }

  /** How to name it in plans and reports: {@code partition 3} or the VHD's path. */
  public String location() {
    return target == WtgTarget.Partition ? "partition " + partition : vhdPath;
  }
}

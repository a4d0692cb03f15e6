package io.rescuefleet.station.wtg.volume;

import io.rescuefleet.station.wtg.bcd.BcdDevice;
import io.rescuefleet.station.wtg.image.SampledFile;
import io.rescuefleet.station.wtg.image.WimImage;
import java.util.List;

/**
 * What RescueFleet applied to a Windows To Go volume, kept on that volume at
 * {@code .rescuefleet/wtg.json} and written last, only after the applied files were read back and
 * matched the image: a volume with this marker is a complete, verified apply; a volume without it is
 * not RescueFleet's good state, whatever else it holds.
 *
 * @param applyId identity of this apply; the manifest on the data partition records it too
 * @param edition the edition the profile selected by, or null when it selected by index
 * @param bootNote why no boot configuration was generated, or null
 * @param bootDevice the partition the BCD store names (disk and partition identity), null without one
 * @param catalog every image of the WIM the image came from: with the WIM's SHA-256 it lets a later pass
 *     tell, without the WIM, which image a profile's index or edition selects
 * @param offlineServicing what was written to the image's registry for unattend.xml's offlineServicing
 *     settings, or why not
 * @param samples files of the image to check on later insertions, with the image's SHA-1
 */
public record WtgMarker(
    int schemaVersion,
    String applyId,
    String profile,
    String target,
    String imageSha256,
    int imageIndex,
    String imageName,
    String edition,
    String architecture,
    String unattendSha256,
    BootConfiguration bootConfiguration,
    String bootNote,
    BcdDevice bootDevice,
    String appliedAt,
    List<WimImage> catalog,
    List<String> offlineServicing,
    List<SampledFile> samples) {

  public static final int SCHEMA_VERSION = 1;
  /** Where the marker lives on the volume. */
  public static final String PATH = ".rescuefleet/wtg.json";

  public WtgMarker {
    catalog = catalog == null ? List.of() : List.copyOf(catalog);
    offlineServicing = offlineServicing == null ? List.of() : List.copyOf(offlineServicing);
    samples = samples == null ? List.of() : List.copyOf(samples);
  }
}

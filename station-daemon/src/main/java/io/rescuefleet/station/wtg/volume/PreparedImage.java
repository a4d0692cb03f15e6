package io.rescuefleet.station.wtg.volume;

import io.rescuefleet.station.wtg.image.ImageContents;
import io.rescuefleet.station.wtg.image.ImageSelection;
import io.rescuefleet.station.wtg.image.WimImage;
import io.rescuefleet.station.wtg.image.WimInfo;
import java.nio.file.Path;

/**
 * An image checked and ready to apply, before anything on the stick is touched: the verified WIM,
 * the image the profile selects, what it contains and the boot files it allows.
 */
public record PreparedImage(
    Path wim, String sha256, WimInfo catalog, ImageSelection selection, WimImage image, ImageContents contents,
    BootFiles boot) {

  /** The architecture unattend.xml and the UEFI loader's name use; x64 when the image does not say. */
  public String architecture() {
    return image.architecture() == null ? "amd64" : image.architecture();
  }
}

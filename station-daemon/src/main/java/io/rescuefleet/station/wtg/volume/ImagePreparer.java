package io.rescuefleet.station.wtg.volume;

import io.rescuefleet.station.failure.InvalidInputException;
import io.rescuefleet.station.wtg.image.ImageContents;
import io.rescuefleet.station.wtg.image.ImageContentsCollector;
import io.rescuefleet.station.wtg.image.ImageSelection;
import io.rescuefleet.station.wtg.image.ImageSelector;
import io.rescuefleet.station.wtg.image.WimImage;
import io.rescuefleet.station.wtg.image.WimInfo;
import io.rescuefleet.station.wtg.image.WimTool;
import java.nio.file.Path;

/**
 * Reads a verified WIM and checks a profile against it (image selection, driver folder) without
 * writing anything, so invalid input is refused before a stick is touched.
 */
public final class ImagePreparer {
  private final WimTool wim;

  public ImagePreparer(WimTool wim) {
    this.wim = wim;
  }

  /**
   * @param source how to name the image in messages, e.g. {@code WtgProfile "win11-wtg" (install.wim)}
   * @param seed the choice of verification samples: the same seed picks the same files
   * @param driversPath the profile's driver folder, or null
   * @throws io.rescuefleet.station.wtg.image.WtgImageNotFoundException when the selection matches no image
   * @throws InvalidInputException when the driver folder is not in the image
   */
  public PreparedImage prepare(Path file, String sha256, ImageSelection selection, String source, long seed,
      String driversPath) {
    WimInfo catalog = wim.info(file);
    WimImage image = ImageSelector.select(catalog, selection, source);
    ImageContentsCollector collector = new ImageContentsCollector(seed, driversPath);
    wim.list(file, image.index(), collector);
    ImageContents contents = collector.contents();
    if (driversPath != null && !contents.driversFolderPresent()) {
      throw new InvalidInputException(source + ": spec.driversPath \"" + driversPath + "\" is not a folder of image "
          + image.describe());
    }
    PreparedImage prepared = new PreparedImage(file, sha256, catalog, selection, image, contents, null);
    return new PreparedImage(file, sha256, catalog, selection, image, contents,
        BootFiles.plan(contents, prepared.architecture()));
  }
}

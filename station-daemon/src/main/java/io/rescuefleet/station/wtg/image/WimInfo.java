package io.rescuefleet.station.wtg.image;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The images a WIM or ESD holds, in index order. */
public record WimInfo(List<WimImage> images) {
  public WimInfo {
    images = List.copyOf(images);
  }

  public Optional<WimImage> image(int index) {
    return images.stream().filter(i -> i.index() == index).findFirst();
  }

  /** Every image, for messages that must tell the user what to choose from. */
  public String describe() {
    if (images.isEmpty()) {
      return "no images";
    }
    return images.stream().map(WimImage::describe).collect(Collectors.joining(", "));
  }
}

package io.rescuefleet.station.connected;

import io.rescuefleet.station.device.ImageFileTarget;
import io.rescuefleet.station.device.LoopDevices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A hub of image-backed sticks for demos and tests: {@code <hub>/<port>/stick.img} is a stick in USB
 * port {@code <port>} (e.g. {@code 1-2.3}) whose serial is in {@code <hub>/<port>/serial}. Moving
 * the port directory away pulls the stick; putting it back reinserts it. A run attaches the image to
 * a loop device, which the interlock admits because the target attached it itself.
 */
public final class ImageHubSource implements StickSource {
  public static final String IMAGE = "stick.img";
  public static final String SERIAL = "serial";
  private static final Pattern PORT = Pattern.compile("^[0-9]+-[0-9]+(\\.[0-9]+)*$");

  private final Path hub;
  private final LoopDevices loops;

  public ImageHubSource(Path hub, LoopDevices loops) {
    this.hub = hub;
    this.loops = loops;
  }

  @Override
  public List<PresentStick> scan() {
    if (!Files.isDirectory(hub)) {
      return List.of();
    }
    List<PresentStick> sticks = new ArrayList<>();
    try (Stream<Path> ports = Files.list(hub)) {
      for (Path dir : ports.sorted().toList()) {
        String port = dir.getFileName().toString();
        Path image = dir.resolve(IMAGE);
        if (!PORT.matcher(port).matches() || !Files.isRegularFile(image)) {
          continue;
        }
        String serial = Files.isRegularFile(dir.resolve(SERIAL)) ? Files.readString(dir.resolve(SERIAL)).strip() : null;
        sticks.add(new PresentStick(PresentStick.keyOf(serial, port), serial, port, "RescueFleet", "image-backed stick",
            Files.size(image), () -> ImageFileTarget.attach(image, null, loops)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot scan image hub " + hub, e);
    }
    return sticks;
  }
}

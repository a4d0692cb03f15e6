package io.rescuefleet.station.connected;

import io.rescuefleet.station.device.DeviceTarget;
import io.rescuefleet.station.device.ImageFileTarget;
import io.rescuefleet.station.discovery.Allowlist;
import io.rescuefleet.station.device.LoopDevices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A hub of image-backed sticks for demos and tests: {@code <hub>/<port>/stick.img} is a stick in USB
 * port {@code <port>} (e.g. {@code 1-2.3}) whose serial is in {@code <hub>/<port>/serial}. Moving
 * the port directory away pulls the stick; putting it back reinserts it. A run attaches the image to
 * a loop device, which the interlock admits because the target attached it itself. A
 * {@code <hub>/<port>/write-mbps} file makes that stick a slow one: its loop device is throttled to
 * that many MB/s by the kernel for the run.
 */
public final class ImageHubSource implements StickSource {
  public static final String IMAGE = "stick.img";
  public static final String SERIAL = "serial";
  public static final String WRITE_MBPS = "write-mbps";
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
        Path throttle = dir.resolve(WRITE_MBPS);
        sticks.add(new PresentStick(PresentStick.keyOf(serial, port), serial, port, "RescueFleet", "image-backed stick",
            Files.size(image), () -> open(image, throttle)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot scan image hub " + hub, e);
    }
    return sticks;
  }

  private DeviceTarget open(Path image, Path throttle) {
    ImageFileTarget target = ImageFileTarget.attach(image, null, loops);
    if (!Files.isRegularFile(throttle)) {
      return target;
    }
    try {
      double mbps = Double.parseDouble(Files.readString(throttle).strip());
      WriteThrottle.set(target.device(), Math.round(mbps * 1_000_000));
      return new ThrottledTarget(target);
    } catch (IOException | RuntimeException e) {
      target.close();
      throw new IllegalStateException("cannot slow down " + image + " as " + throttle + " asks: " + e.getMessage(), e);
    }
  }

  /** A throttled image target; lifts the throttle before the loop device goes back to the pool. */
  private record ThrottledTarget(ImageFileTarget target) implements DeviceTarget {
    @Override
    public String device() {
      return target.device();
    }

    @Override
    public String describe() {
      return target.describe() + " (throttled)";
    }

    @Override
    public Optional<String> image() {
      return target.image();
    }

    @Override
    public Allowlist admitting(Allowlist base) {
      return target.admitting(base);
    }

    @Override
    public void close() {
      try {
        WriteThrottle.set(target.device(), 0);
      } finally {
        target.close();
      }
    }
  }
}

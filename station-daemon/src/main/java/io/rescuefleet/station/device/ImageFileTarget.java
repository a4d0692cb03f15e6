package io.rescuefleet.station.device;

import io.rescuefleet.station.discovery.Allowlist;
import io.rescuefleet.station.failure.InvalidInputException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An image-backed drive: an image file (created sparse at the requested size when missing) attached
 * to a loop device for the run and detached when closed, also after a failure.
 */
public final class ImageFileTarget implements DeviceTarget {
  private static final Logger LOG = LoggerFactory.getLogger(ImageFileTarget.class);

  private final Path image;
  private final LoopDevice loop;

  private ImageFileTarget(Path image, LoopDevice loop) {
    this.image = image;
    this.loop = loop;
  }

  /**
   * Attaches {@code image}, creating it with {@code createSize} bytes when it does not exist.
   *
   * @throws InvalidInputException when the image is missing and no size is given, the size does not
   *     match an existing image, or another loop device already uses the image
   */
  public static ImageFileTarget attach(Path image, Long createSize, LoopDevices loops) {
    Path file = image.toAbsolutePath().normalize();
    try {
      if (Files.notExists(file)) {
        if (createSize == null) {
          throw new InvalidInputException("--target " + image + ": no such file (apply --size creates an image-backed drive)");
        }
        create(file, createSize);
      } else if (!Files.isRegularFile(file)) {
        throw new InvalidInputException("--target " + image + ": neither a block device nor a regular file");
      } else if (createSize != null && Files.size(file) != createSize) {
        throw new InvalidInputException("--size " + createSize + " bytes, but image " + image + " already has "
            + Files.size(file) + " bytes; resizing an image is not supported");
      }
      if (Files.size(file) % 512 != 0) {
        throw new InvalidInputException("--target " + image + ": size " + Files.size(file) + " is not a whole number of 512-byte sectors");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare image " + image, e);
    }
    List<String> users = loops.usersOf(file.toString());
    if (!users.isEmpty()) {
      throw new InvalidInputException("--target " + image + " is already attached to " + String.join(", ", users)
          + "; detach it or give that device as --target");
    }
    LoopDevice loop = loops.attach(file.toString(), 0, 0);
    LOG.info("image attached image={} loop={}", file, loop.path());
    return new ImageFileTarget(file, loop);
  }

  private static void create(Path file, long size) throws IOException {
    if (size <= 0 || size % 512 != 0) {
      throw new InvalidInputException("--size " + size + ": must be a positive multiple of 512 bytes");
    }
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size); // sparse: a blank stick costs no disk space until written
    }
    LOG.info("image created image={} bytes={}", file, size);
  }

  @Override
  public String device() {
    return loop.path();
  }

  @Override
  public String describe() {
    return "image " + image + " (on " + loop.path() + ")";
  }

  @Override
  public Optional<String> image() {
    return Optional.of(image.toString());
  }

  @Override
  public Allowlist admitting(Allowlist base) {
    return base.with(loop.path());
  }

  @Override
  public void close() {
    loop.close();
    LOG.info("image detached image={} loop={}", image, loop.path());
  }
}

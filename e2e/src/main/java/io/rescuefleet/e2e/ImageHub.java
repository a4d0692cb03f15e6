package io.rescuefleet.e2e;

import io.rescuefleet.station.connected.ImageHubSource;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The hands of the demo and the e2e tests on a station's image hub: puts image-backed sticks in
 * ports, pulls them out (the port directory moves aside, as a stick leaves with its data) and
 * puts them back, in the layout {@link ImageHubSource} reads.
 */
public final class ImageHub {
  private final Path dir;
  private final Path pulled;

  public ImageHub(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.pulled = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-pulled"));
  }

  public Path dir() {
    return dir;
  }

  /** A new blank stick (a sparse image of {@code sizeBytes}) with {@code serial} in {@code port}. */
  public Path insertBlank(String port, String serial, long sizeBytes) throws IOException {
    Path portDir = Files.createDirectories(pulled.resolve(port));
    Path image = portDir.resolve(ImageHubSource.IMAGE);
    try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
      file.setLength(sizeBytes);
    }
    Files.writeString(portDir.resolve(ImageHubSource.SERIAL), serial + "\n");
    return reinsert(port);
  }

  /** Makes the stick in {@code port} write at most {@code mbps} MB/s from its next run on (0: full speed). */
  public void throttle(String port, double mbps) throws IOException {
    Path portDir = Files.isDirectory(dir.resolve(port)) ? dir.resolve(port) : pulled.resolve(port);
    if (mbps <= 0) {
      Files.deleteIfExists(portDir.resolve(ImageHubSource.WRITE_MBPS));
    } else {
      Files.writeString(portDir.resolve(ImageHubSource.WRITE_MBPS), Double.toString(mbps));
    }
  }

  /** Pulls the stick out of {@code port}; returns where its image now lies (for damaging it). */
  public Path pull(String port) throws IOException {
    Path target = pulled.resolve(port);
    Files.move(dir.resolve(port), target, StandardCopyOption.ATOMIC_MOVE);
    return target.resolve(ImageHubSource.IMAGE);
  }

  /** Puts a pulled stick back into {@code port}. */
  public Path reinsert(String port) throws IOException {
    Files.move(pulled.resolve(port), dir.resolve(port), StandardCopyOption.ATOMIC_MOVE);
    return dir.resolve(port).resolve(ImageHubSource.IMAGE);
  }

  /** Moves a pulled stick to another port (another hub slot, or another station's hub). */
  public void movePulled(String fromPort, ImageHub to, String toPort) throws IOException {
    Files.move(pulled.resolve(fromPort), to.pulled.resolve(toPort), StandardCopyOption.ATOMIC_MOVE);
  }

  /** The image of the stick in {@code port}, pulled or not. */
  public Path image(String port) {
    Path in = dir.resolve(port).resolve(ImageHubSource.IMAGE);
    return Files.exists(in) ? in : pulled.resolve(port).resolve(ImageHubSource.IMAGE);
  }
}

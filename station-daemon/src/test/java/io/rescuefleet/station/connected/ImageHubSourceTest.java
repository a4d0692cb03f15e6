package io.rescuefleet.station.connected;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageHubSourceTest {
  @TempDir Path hub;

  @Test
  void aPortDirectoryWithAnImageIsAStick() throws IOException {
    Files.createDirectories(hub.resolve("1-2.1"));
    Files.write(hub.resolve("1-2.1/stick.img"), new byte[4096]);
    Files.writeString(hub.resolve("1-2.1/serial"), "DEMO0001\n");
    Files.createDirectories(hub.resolve("1-2.2"));
    Files.write(hub.resolve("1-2.2/stick.img"), new byte[512]);
    Files.createDirectories(hub.resolve("1-2.3")); // an empty port
    Files.createDirectories(hub.resolve("not-a-port"));
    Files.write(hub.resolve("not-a-port/stick.img"), new byte[512]);

    assertThat(new ImageHubSource(hub, null).scan())
        .extracting(PresentStick::key, PresentStick::port, PresentStick::sizeBytes)
        .containsExactly(
            tuple("serial:DEMO0001", "1-2.1", 4096L),
            tuple("port:1-2.2", "1-2.2", 512L));
  }

  @Test
  void aMissingHubHoldsNoSticks() {
    assertThat(new ImageHubSource(hub.resolve("gone"), null).scan()).isEmpty();
  }
}

package io.rescuefleet.station.wtg.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.station.wtg.bcd.BcdDevice;
import io.rescuefleet.station.wtg.image.SampledFile;
import io.rescuefleet.station.wtg.image.WimImage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkerCodecTest {
  static final WtgMarker MARKER = new WtgMarker(1, "0b5e8a0e-58f3-4b55-9a36-8c1d0f3e7a11", "win11-wtg", "Partition",
      "a".repeat(64), 2, "Windows 11 Pro", "Windows 11 Pro", "amd64", "b".repeat(64), BootConfiguration.Generated, null,
      BcdDevice.gpt(UUID.fromString("11111111-2222-3333-4444-555555555555"), UUID.fromString("66666666-7777-8888-9999-aaaaaaaaaaaa")),
      "2026-11-25T12:00:00Z", List.of(new WimImage(2, "Windows 11 Pro", null, "Windows 11 Pro", "Professional",
      "Professional", "amd64", "en-US", 1000)), List.of("SanPolicy 4 set in SYSTEM\\ControlSet001"),
      List.of(new SampledFile("/Windows/explorer.exe", 250000, "c".repeat(40))));

  @Test
  void readsBackWhatItWrites() {
    assertThat(MarkerCodec.read(MarkerCodec.write(MARKER))).isEqualTo(new MarkerRead.Valid(MARKER));
  }

  @Test
  void absentWhenThereIsNoFile() {
    assertThat(MarkerCodec.read(null)).isEqualTo(new MarkerRead.Absent());
  }

  @ParameterizedTest(name = "unreadable: {0}")
  @ValueSource(strings = {
      "{",
      "[]",
      "{\"schemaVersion\": 2}",
      "{\"schemaVersion\": 1, \"applyId\": \"x\", \"imageSha256\": \"nothex\"}",
      "{\"schemaVersion\": 1, \"imageSha256\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}"})
  void classifiesDamagedMarkersAsUnreadable(String text) {
    assertThat(MarkerCodec.read(text.getBytes(StandardCharsets.UTF_8))).isInstanceOf(MarkerRead.Unreadable.class);
  }

  @Test
  void refusesSamplesThatEscapeTheVolume() {
    String json = new String(MarkerCodec.write(MARKER), StandardCharsets.UTF_8).replace("/Windows/explorer.exe", "/../etc/passwd");
    assertThat(MarkerCodec.read(json.getBytes(StandardCharsets.UTF_8))).isInstanceOf(MarkerRead.Unreadable.class);
  }
}

package io.rescuefleet.operator.stationapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescuefleet.api.wire.ReportBatch;
import io.rescuefleet.api.wire.ReportBatch.WindowsToGoState;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A report's Windows To Go state is read as sent and refused, naming the field, when it cannot be true. */
class WindowsToGoWireValidationTest {
  private static final String SHA = "0f".repeat(32);
  private static final String APPLIED = "{\"target\":\"Partition\",\"location\":\"partition 3\",\"state\":\"applied\","
      + "\"profile\":\"win11-wtg\",\"imageSha256\":\"" + SHA + "\",\"imageIndex\":2,\"imageName\":\"Windows 11 Pro\","
      + "\"bootConfiguration\":\"NotGenerated\",\"bootConfigurationReason\":\"the image has no BCD-Template\","
      + "\"appliedAt\":\"2025-01-01T00:00:00Z\"}";

  private static String batch(String wtg) {
    return "{\"batchId\":\"b\",\"reports\":[{\"driveKey\":\"ns/d\",\"serial\":\"S1\",\"port\":\"1-2.3\",\"insertionId\":\"i1\","
        + "\"sequence\":1,\"phase\":\"Ready\",\"time\":\"2025-01-01T00:00:00Z\",\"windowsToGo\":[" + wtg + "]}]}";
  }

  private static ReportBatch read(String body) {
    return WireJson.read(body.getBytes(StandardCharsets.UTF_8), ReportBatch.class);
  }

  @Test
  void aSystemWithoutBootConfigurationArrivesWithItsReason() {
    ReportBatch batch = read(batch(APPLIED));
    WireValidator.reportBatch(batch);
    WindowsToGoState w = batch.reports().get(0).windowsToGo().get(0);
    assertThat(w).extracting(WindowsToGoState::target, WindowsToGoState::imageIndex, WindowsToGoState::bootConfiguration,
        WindowsToGoState::bootConfigurationReason).containsExactly("Partition", 2, "NotGenerated", "the image has no BCD-Template");
  }

  @Test
  void anIncompleteSystemNeedsNoImageAndOmittedStateIsNull() {
    WireValidator.reportBatch(read(batch("{\"target\":\"VhdFile\",\"location\":\"wtg/w.vhd\",\"state\":\"incomplete\","
        + "\"detail\":\"no Windows To Go marker\"}")));
    ReportBatch without = read(batch("").replace(",\"windowsToGo\":[]", ""));
    WireValidator.reportBatch(without);
    assertThat(without.reports().get(0).windowsToGo()).as("not observed: the operator keeps what it knew").isNull();
  }

  static Stream<Arguments> broken() {
    String at = "reports[0].windowsToGo[0].";
    return Stream.of(
        Arguments.of("unknown target", APPLIED.replace("Partition", "Floppy"), at + "target"),
        Arguments.of("no location", APPLIED.replace("\"location\":\"partition 3\",", ""), at + "location"),
        Arguments.of("unknown state", APPLIED.replace("\"applied\"", "\"shiny\""), at + "state"),
        Arguments.of("profile not a DNS label", APPLIED.replace("win11-wtg", "Win 11"), at + "profile"),
        Arguments.of("image hash not hex", APPLIED.replace(SHA, "xyz"), at + "imageSha256"),
        Arguments.of("image index zero", APPLIED.replace("\"imageIndex\":2", "\"imageIndex\":0"), at + "imageIndex"),
        Arguments.of("boot configuration unknown", APPLIED.replace("\"NotGenerated\"", "\"Maybe\""), at + "bootConfiguration"),
        Arguments.of("not generated without a reason", APPLIED.replace(",\"bootConfigurationReason\":\"the image has no "
            + "BCD-Template\"", ""), at + "bootConfigurationReason"),
        Arguments.of("generated with a reason", APPLIED.replace("\"NotGenerated\"", "\"Generated\""), at + "bootConfigurationReason"),
        Arguments.of("applied without its image", APPLIED.replace("\"imageSha256\":\"" + SHA + "\",", ""), at + "imageSha256"),
        Arguments.of("applied time not RFC 3339", APPLIED.replace("2025-01-01T00:00:00Z", "last week"), at + "appliedAt"),
        Arguments.of("too many systems", String.join(",", java.util.Collections.nCopies(WireValidator.MAX_WTG + 1, APPLIED)),
            "reports[0].windowsToGo"));
  }

  @ParameterizedTest(name = "{0}: field \"{2}\"")
  @MethodSource("broken")
  void isRefusedNamingTheField(String name, String wtg, String field) {
    assertThatThrownBy(() -> WireValidator.reportBatch(read(batch(wtg))))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.field()).isEqualTo(field);
        });
  }
}

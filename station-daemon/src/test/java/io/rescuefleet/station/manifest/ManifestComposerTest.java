package io.rescuefleet.station.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.station.manifest.StickManifest.FileRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Retraction keeps what it withdraws RescueFleet's (pending) until the manifest written last accounts for it. */
class ManifestComposerTest {
  private static final String SHA = "ab".repeat(32);
  private static final ManifestComposer COMPOSER = new ManifestComposer(Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"),
      ZoneOffset.UTC));
  private static final StickManifest CONVERGED = new StickManifest(1, "uuid", "lab/stick", "cd".repeat(32), SHA, "t", "w",
      100, 0, List.of(record("iso/a.iso"), record("iso/b.iso")), List.of(), null);

  private static FileRecord record(String path) {
    return new FileRecord(path, "e", 10, 1, SHA, 0, List.of(), "t");
  }

  @Test
  void retractedPathsStayPendingAndTheClaimIsWithdrawn() {
    StickManifest once = COMPOSER.retract(CONVERGED, List.of("iso/a.iso"));
    assertThat(once.files()).extracting(FileRecord::path).containsExactly("iso/b.iso");
    assertThat(once.pending()).containsExactly("iso/a.iso");
    assertThat(once.specDigest()).isNull();

    StickManifest twice = COMPOSER.retract(once, List.of("ISO/A.iso", "iso/b.iso"));
    assertThat(twice.files()).isEmpty();
    assertThat(twice.pending()).as("a path pending already is not pending twice").containsExactly("iso/a.iso", "iso/b.iso");
    assertThat(COMPOSER.withoutWtg(twice).pending()).containsExactly("iso/a.iso", "iso/b.iso");
  }

  @Test
  void retractingVentoyJsonDropsItsHashButNeverMakesItPending() {
    StickManifest retracted = COMPOSER.retract(CONVERGED, List.of("ventoy/ventoy.json"));
    assertThat(retracted.ventoyJsonSha256()).isNull();
    assertThat(retracted.specDigest()).isNull();
    assertThat(retracted.pending()).isEmpty();
    assertThat(retracted.files()).hasSize(2);
    assertThat(COMPOSER.retract(CONVERGED, List.of()).specDigest()).as("the claim alone").isNull();
    assertThat(COMPOSER.retract(CONVERGED, List.of()).ventoyJsonSha256()).isEqualTo(SHA);
  }

  @Test
  void theManifestWrittenLastLeavesNothingPending() {
    StickManifest retracted = COMPOSER.retract(CONVERGED, List.of("iso/a.iso"));
    StickManifest last = COMPOSER.compose(Optional.of(retracted), new ManifestComposer.Update("lab/stick", "ef".repeat(32),
        true, SHA, List.of(record("iso/b.iso")), List.of(record("iso/a.iso")), null, 10, null));
    assertThat(last.pending()).isEmpty();
    assertThat(last.files()).extracting(FileRecord::path).containsExactly("iso/a.iso", "iso/b.iso");
    assertThat(last.specDigest()).isEqualTo("ef".repeat(32));
  }
}

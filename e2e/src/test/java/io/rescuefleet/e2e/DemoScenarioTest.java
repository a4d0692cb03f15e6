package io.rescuefleet.e2e;

import static io.rescuefleet.e2e.Scenarios.conditionIs;
import static io.rescuefleet.e2e.Scenarios.corrections;
import static io.rescuefleet.e2e.Scenarios.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.ApiConstants;
import io.rescuefleet.api.v1alpha1.CatalogEntry;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveStatus;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.demo.Cleanup;
import io.rescuefleet.demo.Demo;
import io.rescuefleet.demo.DemoFleet;
import io.rescuefleet.demo.StickDamage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's scenario as assertions: the example fleet on image-backed sticks converges; one stick is
 * pulled and damaged on "another PC" (an ISO deleted, a byte flipped inside another with its mtime
 * put back, ventoy.json edited), reinserted, and the drift is found and corrected writing about
 * what was damaged, not the whole stick. The silent corruption also quarantines the stick until it is
 * acknowledged; afterwards the stick holds exactly what it held before, and closing the demo leaves
 * no loop device or mount behind.
 */
class DemoScenarioTest {
  private static final String DELETED = "iso/windows/winpe-demo.iso";
  private static final String FLIPPED = "iso/linux/rescue-linux-demo.iso";
  private static final String MANIFEST = ".rescuefleet/manifest.json";
  private static final Duration STAGE = Duration.ofMinutes(3);

  @TempDir Path work;

  @Test
  void damagedStickIsCorrectedWritingWhatWasDamagedAndNothingIsLeftBehind() throws Exception {
    Root.require();
    Demo demo = Demo.start(new Demo.Options(2, 8, Path.of("../examples"), work, false), System.out);
    try {
      demo.awaitConverged(STAGE);
      LocalFleet fleet = demo.fleet();
      Scenarios kit = new Scenarios(fleet, null, null);
      String ns = fleet.client().resources(IsoCatalog.class).inAnyNamespace().list().getItems().get(0)
          .getMetadata().getNamespace();
      for (DemoFleet.Stick stick : demo.sticks()) {
        RescueDriveStatus s = kit.status(ns, stick.drive());
        assertThat(s.phase).as(stick.drive()).isEqualTo(DrivePhase.Ready);
        assertThat(conditionIs(s, "Synced", "True")).as(stick.drive() + " Synced").isTrue();
        assertThat(s.entriesSynced).as(stick.drive()).matches("(\\d+)/\\1");
        assertThat(s.port).isEqualTo(stick.port());
      }

      DemoFleet.Stick stick = demo.sticks().get(1);
      LocalFleet.Station station = fleet.station("lab-a");
      RescueDriveStatus before = kit.status(ns, stick.drive());
      // A flipped byte whose mtime was put back is silent corruption: only hashing every chunk finds it.
      fleet.client().resources(FleetPolicy.class).inNamespace(ns).withName("default")
          .edit(p -> {
            p.getSpec().sampling.verify.mode = VerifyMode.Full;
            return p;
          });

      Path image = station.hub().pull(stick.port());
      kit.awaitDrive(ns, stick.drive(), "Absent", Duration.ofSeconds(30), s -> s.phase == DrivePhase.Absent);
      Map<String, String> sound = contents(image);
      List<String> damage = new StickDamage().damage(image, DELETED, FLIPPED, "1", true);
      assertThat(damage).hasSize(3);
      Map<String, String> damaged = contents(image);
      assertThat(damaged.get(DELETED)).isNull();
      assertThat(damaged.get(FLIPPED)).isNotEqualTo(sound.get(FLIPPED));
      assertThat(damaged.get("ventoy/ventoy.json")).isNotEqualTo(sound.get("ventoy/ventoy.json"));

      station.hub().reinsert(stick.port());
      // The corrupted file is rewritten in the same run, and the corruption quarantines the stick.
      RescueDriveStatus corrected = kit.awaitDrive(ns, stick.drive(), "drift corrected, quarantined for the corruption",
          STAGE, s -> corrections(s) > corrections(before) && s.phase == DrivePhase.Quarantined
              && conditionIs(s, "Synced", "True"));
      assertThat(corrections(corrected)).isEqualTo(corrections(before) + 1);
      assertThat(conditionIs(corrected, "Quarantined", "True")).isTrue();
      kit.awaitEvent(ns, stick.drive(), "Warning", "VerifyMismatch");
      kit.awaitEvent(ns, stick.drive(), "Warning", "Quarantined");
      long rewritten = written(corrected) - written(before);
      String key = ns + "/" + stick.drive();
      kit.awaitDrive(ns, stick.drive(), "verified clean, still quarantined", STAGE, s -> s.phase == DrivePhase.Quarantined
          && s.lastVerify.mismatches == 0 && !station.daemon().running().contains(key));

      Instant acknowledged = Instant.now();
      fleet.client().resources(RescueDrive.class).inNamespace(ns).withName(stick.drive()).edit(d -> {
        d.getMetadata().getAnnotations().put(ApiConstants.ACKNOWLEDGE_ANNOTATION, acknowledged.toString());
        return d;
      });
      RescueDriveStatus after = kit.awaitDrive(ns, stick.drive(), "Ready and verified once acknowledged", STAGE,
          s -> s.phase == DrivePhase.Ready && Instant.parse(s.lastVerify.time).isAfter(acknowledged)
              && !station.daemon().running().contains(key));
      assertThat(corrections(after)).as("nothing more to correct").isEqualTo(corrections(corrected));
      assertThat(after.lastVerify.mode).isEqualTo(VerifyMode.Full);
      assertThat(after.lastVerify.mismatches).isZero();

      Map<String, CatalogEntry> entries = fleet.client().resources(IsoCatalog.class).inNamespace(ns).list().getItems()
          .get(0).getSpec().entries.stream().collect(Collectors.toMap(e -> e.path, e -> e));
      long damagedBytes = entries.get(DELETED).size + entries.get(FLIPPED).size;
      assertThat(rewritten).as("bytes written to correct the drift").isGreaterThanOrEqualTo(damagedBytes)
          .isLessThanOrEqualTo(damagedBytes + (4L << 20))
          .isLessThan(written(before) / 2);

      station.hub().pull(stick.port());
      kit.awaitDrive(ns, stick.drive(), "Absent", Duration.ofSeconds(30), s -> s.phase == DrivePhase.Absent);
      Map<String, String> restored = contents(image);
      // The manifest records the verifications since; everything else is as it was before the damage.
      restored.remove(MANIFEST);
      sound.remove(MANIFEST);
      assertThat(restored).isEqualTo(sound);
      assertThat(restored.get(DELETED)).isEqualTo(entries.get(DELETED).sha256);
      assertThat(restored.get(FLIPPED)).isEqualTo(entries.get(FLIPPED).sha256);
    } finally {
      demo.close();
    }
    assertThat(Cleanup.leftovers(work)).as("loop devices and mounts left behind").isEmpty();
  }

  /** Every file on the stick's data partition with its SHA-256 (ventoy.json and the manifest included). */
  private static Map<String, String> contents(Path image) throws Exception {
    try (StickVolume volume = StickVolume.open(image, false)) {
      Map<String, String> files = new java.util.TreeMap<>();
      try (var walk = Files.walk(volume.root())) {
        for (Path p : walk.filter(Files::isRegularFile).toList()) {
          String rel = volume.root().relativize(p).toString();
          files.put(rel, volume.sha256(rel));
        }
      }
      return files;
    }
  }
}

package io.rescuefleet.api.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rescuefleet.api.load.ManifestLoader;
import io.rescuefleet.api.load.ManifestSet;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.WtgProfile;
import io.rescuefleet.api.v1alpha1.WtgTarget;
import io.rescuefleet.api.validate.ManifestValidator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The example fleet a user copies loads, validates and resolves. */
class ExamplesTest {
  private static ManifestSet fleet;

  @BeforeAll
  static void load() {
    fleet = new ManifestLoader().load(List.of(Path.of("../examples")));
  }

  @Test
  void holdsACompleteFleet() {
    assertThat(fleet.all(IsoCatalog.class)).hasSize(1);
    assertThat(fleet.all(WtgProfile.class)).hasSize(1);
    assertThat(fleet.all(FleetPolicy.class)).extracting(p -> p.getMetadata().getName()).containsExactly("default");
    assertThat(fleet.all(ImagingStation.class)).hasSize(1);
    assertThat(fleet.drives()).hasSize(2);
    assertThat(fleet.drives()).anySatisfy(d -> assertThat(d.getSpec().serial).isNotBlank());
    assertThat(fleet.drives()).anySatisfy(d -> assertThat(d.getSpec().claim).isNotNull());
  }

  @Test
  void everyObjectIsValid() {
    ManifestValidator validator = new ManifestValidator();
    for (HasMetadata o : fleet.objects()) {
      assertThat(validator.validate(o)).as(o.getKind() + " " + o.getMetadata().getName()).isEmpty();
    }
  }

  @Test
  void everyDriveResolves() {
    Resolver resolver = new Resolver();
    for (RescueDrive drive : fleet.drives()) {
      DriveAssignment a = resolver.resolve(drive, fleet);
      assertThat(a.contentDigest()).matches("[0-9a-f]{64}");
      assertThat(a.policy().source()).isEqualTo("FleetPolicy it-ops/default");
      assertThat(a.policy().minWriteMBps()).isEqualTo(20.0);
      assertThat(a.policy().minReadMBps()).isEqualTo(40.0);
      assertThat(a.files()).isNotEmpty().allSatisfy(f -> assertThat(f.sha256()).matches("[0-9a-f]{64}"));
    }
  }

  @Test
  void serialDriveCarriesWindowsToGoAndEveryEntry() {
    DriveAssignment a = new Resolver().resolve(drive("ops-stick-01"), fleet);
    assertThat(a.serial()).isEqualTo("4C530001230918116023");
    assertThat(a.files()).extracting(DriveAssignment.ResolvedFile::name)
        .containsExactly("systemrescue", "winpe", "memtest86plus", "ipxe");
    assertThat(a.wtg().target()).isEqualTo(WtgTarget.Partition);
    assertThat(a.wtg().edition()).isEqualTo("Windows 11 Pro");
    assertThat(a.layout().reservedMiB()).isGreaterThanOrEqualTo(a.wtg().sizeMiB());
  }

  @Test
  void claimDriveSelectsToolsByLabel() {
    DriveAssignment a = new Resolver().resolve(drive("lab-a-slot-3"), fleet);
    assertThat(a.claim()).isEqualTo(new DriveAssignment.ClaimRef("lab-a", "1-2.3"));
    assertThat(a.files()).extracting(DriveAssignment.ResolvedFile::name).containsExactly("memtest86plus", "ipxe");
    assertThat(a.ventoyJson().toString()).contains("\"VTOY_DEFAULT_MENU_MODE\":\"1\"").contains("\"VTOY_MENU_TIMEOUT\":\"5\"");
  }

  private static RescueDrive drive(String name) {
    return fleet.drives().stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst().orElseThrow();
  }
}

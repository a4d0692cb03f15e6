package io.rescuefleet.station.engine;

import static io.rescuefleet.station.testing.StickLab.mib;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.manifest.ManifestCodec;
import io.rescuefleet.station.manifest.ManifestComposer;
import io.rescuefleet.station.manifest.ManifestRead;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.testing.Machine;
import io.rescuefleet.station.testing.StickLab;
import io.rescuefleet.station.testkit.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stick pulled after a run retracted files from the manifest but before it replaced or deleted them
 * (found by the surprise-removal drill): the next insertion finishes the job in one apply, instead of
 * taking the old content for a stranger's file in the way and the file to delete for unmanaged litter.
 */
class InterruptedRunComponentTest {
  @TempDir
  static Path shared;
  static StickLab lab;

  @TempDir
  Path dir;

  @BeforeAll
  static void lab() {
    Machine.requireEngineTools();
    lab = new StickLab(shared, mib(3), mib(2) + 17, mib(4) + 5);
  }

  private static String spec(int... images) {
    StringBuilder s = new StringBuilder("""
        apiVersion: rescuefleet.io/v1alpha1
        kind: IsoCatalog
        metadata: {name: set, namespace: lab}
        spec:
          entries:
        """);
    String[] paths = {"iso/a.iso", "iso/b.iso"};
    for (int i = 0; i < images.length; i++) {
      TestImages.Image img = lab.images.get(images[i]);
      s.append(String.format("    - {name: e%d, url: \"%s\", sha256: %s, size: %d, path: %s}%n", i, img.url(), img.sha256(),
          img.size(), paths[i]));
    }
    return s + """
        ---
        apiVersion: rescuefleet.io/v1alpha1
        kind: RescueDrive
        metadata: {name: stick, namespace: lab}
        spec:
          serial: "LAB0001"
          layout: {partitionStyle: GPT, dataFilesystem: exFAT, ventoyVersion: "1.1.05"}
          catalogRef: {name: set}
        """;
  }

  @Test
  void filesRetractedByARunThatDiedAreReplacedAndDeletedByTheNextOne() {
    Path image = dir.resolve("stick.img");
    assertThat(lab.apply(image, mib(128), spec(0, 1), VerifyMode.Quick).converged()).isTrue();
    // What the run towards spec(2) did before the stick was pulled: it retracted iso/a.iso (to be
    // replaced) and iso/b.iso (to be deleted), and changed neither.
    lab.edit(image, root -> retract(root, List.of("iso/a.iso", "iso/b.iso")));

    EngineResult next = lab.apply(image, 0, spec(2), null);
    assertThat(next.failure()).isNull();
    assertThat(next.converged()).isTrue();
    assertThat(next.unmanaged()).as("nothing RescueFleet wrote is left behind as a stranger's").isEmpty();
    assertThat(next.actions()).extracting(ActionReport::type, ActionReport::path).contains(
        org.assertj.core.groups.Tuple.tuple("CopyFile", "iso/a.iso"), org.assertj.core.groups.Tuple.tuple("DeleteFile", "iso/b.iso"));
    Inspection after = lab.inspect(image, VerifyMode.Full);
    assertThat(after.manifest().pending()).isEmpty();
    assertThat(after.files()).extracting(Inspection.FileView::path).containsExactly("iso/a.iso", "ventoy/ventoy.json");
    assertThat(after.verify().mismatches()).isZero();
  }

  private static void retract(Path root, List<String> paths) {
    Path file = root.resolve(".rescuefleet/manifest.json");
    try {
      StickManifest m = ((ManifestRead.Valid) ManifestCodec.read(Files.readAllBytes(file))).manifest();
      Files.write(file, ManifestCodec.write(new ManifestComposer(Clock.systemUTC()).retract(m, paths)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

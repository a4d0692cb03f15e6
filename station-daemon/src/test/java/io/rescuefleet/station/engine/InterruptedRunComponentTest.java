package io.rescuefleet.station.engine;

import static io.rescuefleet.station.testing.StickLab.mib;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.station.device.ImageFileTarget;
import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.manifest.ManifestCodec;
import io.rescuefleet.station.manifest.ManifestComposer;
import io.rescuefleet.station.manifest.ManifestRead;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.testing.Machine;
import io.rescuefleet.station.testing.StickLab;
import io.rescuefleet.station.testkit.TestImages;
import io.rescuefleet.station.testkit.TestWims;
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
 * Sticks pulled part way through a run, as the surprise-removal drill pulls them: after files were
 * retracted but before they were replaced or deleted, the next insertion finishes the job in one apply
 * (instead of taking the old content for a stranger's file in the way, and the file to delete for
 * unmanaged litter); after ventoy.json or the table was rewritten, the manifest left behind claims
 * neither the old spec nor the old ventoy.json.
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
    return spec("GPT", 5, images);
  }

  private static String spec(String style, int menuTimeout, int... images) {
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
          layout: {partitionStyle: %s, dataFilesystem: exFAT, ventoyVersion: "1.1.05"}
          catalogRef: {name: set}
          ventoy:
            control: {menuTimeoutSeconds: %d}
        """.formatted(style, menuTimeout);
  }

  /** Applies {@code yaml} and pulls the stick (cancels the run) as soon as an action of type {@code after} has finished. */
  private static EngineResult pulledAfter(Path image, String yaml, String after) {
    Cancellation pull = new Cancellation();
    EngineListener listener = new EngineListener() {
      @Override
      public void actionFinished(ActionReport report) {
        if (report.type().equals(after)) {
          pull.cancel("stick pulled");
        }
      }
    };
    try (ImageFileTarget target = ImageFileTarget.attach(image, null, lab.loops)) {
      return lab.engine.converge(target, StickLab.assignment(yaml), VerifyMode.Quick, lab.options(), listener, pull);
    }
  }

  @Test
  void aStickPulledAfterItsVentoyJsonWasRewrittenClaimsNeitherTheOldSpecNorTheOldSettings() {
    Path image = dir.resolve("json.img");
    assertThat(lab.apply(image, mib(128), spec("GPT", 5, 0), VerifyMode.Quick).converged()).isTrue();
    EngineResult pulled = pulledAfter(image, spec("GPT", 10, 0), "WriteVentoyJson");
    assertThat(pulled.converged()).isFalse();
    assertThat(pulled.failure().reason()).isEqualTo("Cancelled");

    StickManifest left = lab.inspect(image, VerifyMode.Quick).manifest();
    assertThat(left.specDigest()).as("no claim of the spec whose ventoy.json is gone").isNull();
    assertThat(left.ventoyJsonSha256()).as("no hash of a ventoy.json that is not there").isNull();
    assertThat(left.files()).extracting(StickManifest.FileRecord::path).containsExactly("iso/a.iso");
    assertThat(lab.apply(image, 0, spec("GPT", 10, 0), null).converged()).isTrue();
  }

  @Test
  void aStickPulledAfterItsTableWasRewrittenKeepsNoManifestClaimingTheOldLayout() {
    Path image = dir.resolve("layout.img");
    assertThat(lab.apply(image, mib(128), spec("GPT", 5, 0), VerifyMode.Quick).converged()).isTrue();
    EngineResult pulled = pulledAfter(image, spec("MBR", 5, 0), "WritePartitionTable");
    assertThat(pulled.failure().reason()).isEqualTo("Cancelled");

    Inspection left = lab.inspect(image, VerifyMode.Quick);
    assertThat(left.partitionStyle()).isEqualTo("dos");
    assertThat(left.manifest()).as("the old filesystem, manifest and all, went before the table changed").isNull();
    assertThat(lab.apply(image, 0, spec("MBR", 5, 0), null).converged()).isTrue();
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

  @Test
  void aStickPulledAfterWindowsToGoWasAppliedButBeforeItsManifestGetsTheSystemRecordedNotReapplied() throws IOException {
    Machine.requireRootAndTools(TestWims.TOOLS);
    Path wim = new TestWims().twoEditions(Files.createDirectories(dir.resolve("wim")), true);
    String yaml = spec("GPT", 5, 0).replace("reservedMiB: 0", "").replace("ventoyVersion: \"1.1.05\"}",
        "ventoyVersion: \"1.1.05\", reservedMiB: 1024}\n  wtgProfileRef: {name: wtg}") + """
        ---
        apiVersion: rescuefleet.io/v1alpha1
        kind: WtgProfile
        metadata: {name: wtg, namespace: lab}
        spec:
          image: {url: "%s", sha256: %s}
          index: 1
          target: Partition
          sizeMiB: 1024
          unattend: {computerNamePattern: "WTG-{serial}", copyProfile: true, persistentPageFile: true, sanPolicy: OfflineInternal}
        """.formatted(wim.toUri(), TestWims.sha256(wim));
    Path image = dir.resolve("wtg.img");
    assertThat(lab.apply(image, mib(1100), spec("GPT", 5, 0).replace("ventoyVersion: \"1.1.05\"}",
        "ventoyVersion: \"1.1.05\", reservedMiB: 1024}"), VerifyMode.Quick).converged()).isTrue();
    EngineResult pulled = pulledAfter(image, yaml, "ApplyWtg");
    assertThat(pulled.failure().reason()).isEqualTo("Cancelled");
    assertThat(lab.inspect(image, VerifyMode.Quick).manifest().wtg()).as("the run ended before its manifest").isNull();

    EngineResult next = lab.apply(image, 0, yaml, VerifyMode.Quick);
    assertThat(next.converged()).isTrue();
    assertThat(next.actions()).extracting(ActionReport::type).doesNotContain("ApplyWtg").contains("WriteManifest");
    StickManifest.WtgRecord recorded = lab.inspect(image, VerifyMode.Quick).manifest().wtg();
    assertThat(recorded).as("the complete system is recorded").isNotNull();
    assertThat(recorded.location()).isEqualTo("partition 3");
    assertThat(recorded.index()).isEqualTo(1);
    assertThat(lab.apply(image, 0, yaml, VerifyMode.Quick).actions()).as("and nothing is left to do").isEmpty();
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

package io.rescuefleet.station.engine;

import static io.rescuefleet.station.testing.StickLab.mib;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.testing.Machine;
import io.rescuefleet.station.testing.OnStickCases;
import io.rescuefleet.station.testing.OnStickCases.Case;
import io.rescuefleet.station.testing.StickLab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The live cases of the on-stick corpus (src/test/resources/bad-input/on-stick) written onto a
 * converged stick on a loop device, as another machine would leave it. Inspect reports the state as
 * unknown or untrusted, never crashes, trusts no file a bad manifest lists and shows no bad
 * ventoy.json; apply repairs the stick, adopting the images that are right without rewriting them.
 */
class BadStickDataComponentTest {
  @TempDir
  static Path shared;
  static StickLab lab;
  static String yaml;
  static Path golden;

  @BeforeAll
  static void aConvergedStick() {
    Machine.requireEngineTools();
    lab = new StickLab(shared, mib(4), mib(2) + 77);
    yaml = lab.drive("GPT", "exFAT");
    golden = shared.resolve("golden.img");
    assertThat(lab.apply(golden, mib(128), yaml, VerifyMode.Quick).converged()).isTrue();
  }

  static List<Case> cases() {
    return OnStickCases.live();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void inspectDoesNotTrustItAndApplyRepairsIt(Case c, @TempDir Path dir) {
    Path image = dir.resolve("stick.img");
    // A sparse copy of the converged stick: cheaper than converging one per case.
    lab.runner.run(Command.of("cp", "--sparse=always", golden.toString(), image.toString()));
    String file = c.manifest() ? ".rescuefleet/manifest.json" : "ventoy/ventoy.json";
    lab.edit(image, root -> write(root.resolve(file), c.content()));

    Inspection before = lab.inspect(image, VerifyMode.Full);
    if (c.manifest()) {
      assertThat(before.manifestStatus()).as(c.name()).contains(c.expect().strip());
      assertThat(before.manifest()).isNull();
      assertThat(before.files()).as("no file is trusted on a bad manifest's word")
          .allSatisfy(f -> assertThat(f.managed()).isEqualTo(f.path().equals("ventoy/ventoy.json")))
          .allSatisfy(f -> assertThat(f.sha256()).isNull());
    } else {
      assertThat(before.ventoyJsonStatus()).as(c.name()).contains(c.expect().strip());
      assertThat(before.manifestStatus()).isEqualTo("valid (2 files)");
      boolean edited = c.expect().startsWith("edited");
      assertThat(before.ventoyJson()).as("shown only when well-formed").matches(text -> edited == (text != null));
      assertThat(before.files()).filteredOn(f -> f.path().equals("ventoy/ventoy.json")).singleElement()
          .satisfies(f -> assertThat(f.state()).isEqualTo(edited ? "modified" : "untrusted"));
    }

    EngineResult r = lab.apply(image, mib(128), yaml, VerifyMode.Quick);
    assertThat(r.failure()).as(c.name()).isNull();
    assertThat(r.converged()).isTrue();
    assertThat(r.bytesWrittenBy("CopyFile")).as("no image rewritten").isZero();
    if (c.manifest()) {
      assertThat(r.verify().filesChecked()).as("every image hashed to be adopted").isEqualTo(2);
      assertThat(r.actions()).extracting(ActionReport::type).containsExactly("WriteManifest");
    } else {
      assertThat(r.actions()).extracting(ActionReport::type).contains("WriteVentoyJson")
          .isSubsetOf(Set.of("RetractManifestEntries", "WriteVentoyJson", "WriteManifest"));
    }
    Inspection after = lab.inspect(image, VerifyMode.Quick);
    assertThat(after.manifestStatus()).isEqualTo("valid (2 files)");
    assertThat(after.ventoyJsonStatus()).isEqualTo("written by RescueFleet");
  }

  @org.junit.jupiter.api.Test
  void aManifestPointingItsWindowsToGoAtAHostFileGetsItNeitherProbedNorRemoved(@TempDir Path dir) throws IOException {
    Path image = dir.resolve("stick.img");
    lab.runner.run(Command.of("cp", "--sparse=always", golden.toString(), image.toString()));
    Path victim = Files.writeString(dir.resolve("victim.vhd"), "a file of the station's host");
    // As many '..' as it takes from wherever the stick is mounted, then the victim's own path.
    String escape = "../".repeat(24) + victim.toString().substring(1);
    lab.edit(image, root -> {
      try {
        Path manifest = root.resolve(".rescuefleet/manifest.json");
        String json = Files.readString(manifest);
        String record = "{\"profile\":\"w\",\"target\":\"VhdFile\",\"location\":\"" + escape + "\",\"applyId\":\"a\","
            + "\"imageSha256\":\"" + "ab".repeat(32) + "\",\"index\":1,\"bootConfiguration\":\"Generated\"}";
        Files.writeString(manifest, json.replaceFirst("\"wtg\" : null", java.util.regex.Matcher.quoteReplacement("\"wtg\" : " + record)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Inspection seen = lab.inspect(image, VerifyMode.Quick);
    assertThat(seen.windowsToGo()).as("the host file is not probed as the stick's VHD").isEmpty();
    assertThat(seen.manifestStatus()).contains("wtg.location").contains("path must be");

    EngineResult r = lab.apply(image, mib(128), yaml, VerifyMode.Quick);
    assertThat(r.converged()).isTrue();
    assertThat(r.actions()).extracting(ActionReport::type).doesNotContain("RemoveWtg");
    assertThat(victim).hasContent("a file of the station's host");
  }

  private static void write(Path file, byte[] content) {
    try {
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

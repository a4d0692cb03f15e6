package io.rescuefleet.station.engine;

import static io.rescuefleet.station.testing.StickLab.mib;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.testing.Machine;
import io.rescuefleet.station.testing.StickLab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A damaged manifest on the stick means "unknown state", never a crash: inspect says so; apply owns
 * nothing it cannot prove, hashes the images from the device, adopts those that are right without
 * rewriting them, and writes a good manifest.
 */
class BadManifestComponentTest {
  @TempDir
  static Path shared;
  static StickLab lab;
  static String yaml;

  @BeforeAll
  static void lab() {
    Machine.requireEngineTools();
    lab = new StickLab(shared, mib(4), mib(2) + 77);
    yaml = lab.drive("GPT", "exFAT");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "truncated,            unreadable: not valid JSON",
      "garbled,              unreadable: not valid JSON",
      "from a later version, written by a later version (schema 99)",
      "listing a path outside the partition, unreadable: file ../../etc/passwd: path",
  })
  void aBadManifestIsUnknownStateThatApplyRepairsWithoutRewritingImages(String damage, String status,
      @TempDir Path dir) {
    Path image = dir.resolve("stick.img");
    assertThat(lab.apply(image, mib(128), yaml, VerifyMode.Quick).converged()).isTrue();
    lab.edit(image, root -> damage(root.resolve(".rescuefleet/manifest.json"), switch (damage) {
      case "truncated" -> b -> Arrays.copyOf(b, b.length / 3);
      case "garbled" -> b -> {
        byte[] g = b.clone();
        for (int i = 0; i < g.length; i += 7) {
          g[i] ^= 0x5a;
        }
        return g;
      };
      case "from a later version" -> b -> new String(b).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 99").getBytes();
      default -> b -> new String(b).replaceFirst("\"path\" : \"[^\"]+\"", "\"path\" : \"../../etc/passwd\"").getBytes();
    }));

    Inspection before = lab.inspect(image, VerifyMode.Full);
    assertThat(before.manifestStatus()).startsWith(status.strip());
    assertThat(before.files()).allSatisfy(f -> assertThat(f.managed()).isEqualTo(f.path().equals("ventoy/ventoy.json")));

    EngineResult r = lab.apply(image, mib(128), yaml, VerifyMode.Quick);
    assertThat(r.failure()).isNull();
    assertThat(r.converged()).isTrue();
    assertThat(r.verify().filesChecked()).as("every image hashed to be adopted").isEqualTo(2);
    assertThat(r.actions()).extracting(ActionReport::type).containsExactly("WriteManifest");
    assertThat(r.bytesWrittenBy("CopyFile")).isZero();
    assertThat(lab.inspect(image, VerifyMode.Full).manifestStatus()).isEqualTo("valid (2 files)");
  }

  private static void damage(Path manifest, UnaryOperator<byte[]> change) {
    try {
      Files.write(manifest, change.apply(Files.readAllBytes(manifest)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

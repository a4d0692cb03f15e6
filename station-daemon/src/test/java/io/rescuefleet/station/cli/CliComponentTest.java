package io.rescuefleet.station.cli;

import static io.rescuefleet.station.testing.StickLab.mib;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rescuefleet.station.device.LoopDevice;
import io.rescuefleet.station.layout.PartitionTable;
import io.rescuefleet.station.observe.TableProbe;
import io.rescuefleet.station.testing.Machine;
import io.rescuefleet.station.testing.StickLab;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rescue-station as a technician runs it: outputs and exit codes, on image files and loop devices. */
class CliComponentTest {
  @TempDir
  static Path shared;
  static StickLab lab;

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream savedOut;
  private PrintStream savedErr;

  @BeforeAll
  static void lab() {
    Machine.requireEngineTools();
    lab = new StickLab(shared, mib(2), mib(1) + 3);
  }

  @BeforeEach
  void capture() {
    savedOut = System.out;
    savedErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(savedOut);
    System.setErr(savedErr);
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.get(0).equals("inspect") && !all.contains("--cache")) {
      all.addAll(List.of("--cache", lab.cache.toString()));
    }
    return RescueStationCli.commandLine().execute(all.toArray(String[]::new));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private JsonNode json() throws Exception {
    return Output.JSON.readTree(stdout());
  }

  @Test
  void applyCreatesTheImageConvergesAndReportsInJson() throws Exception {
    Path yaml = lab.writeYaml("drive.yaml", lab.drive("GPT", "exFAT"));
    Path image = dir.resolve("stick.img");
    int code = run("apply", "-f", yaml.toString(), "--target", image.toString(), "--size", "128M", "--ventoy-release",
        lab.release.toString(), "--output", "json");
    assertThat(code).as(stderr()).isZero();
    JsonNode r = json();
    assertThat(r.get("converged").asBoolean()).isTrue();
    assertThat(r.get("actions")).isNotEmpty().allSatisfy(a -> assertThat(a.fieldNames()).toIterable()
        .contains("type", "path", "bytes", "seconds"));
    assertThat(r.get("bytesWritten").asLong()).isGreaterThan(mib(3));
    assertThat(r.get("writeMBps").asDouble()).isPositive();
    assertThat(r.get("bytesRead").asLong()).isGreaterThan(mib(3));
    assertThat(r.get("verify").fieldNames()).toIterable().contains("mode", "filesChecked", "bytesHashed", "mismatches");
    long imageBytes = lab.images.stream().mapToLong(img -> img.size()).sum();
    JsonNode verify = r.get("verify");
    // A fresh stick has nothing to check before writing; every copy is hashed again from the device after.
    assertThat(verify.get("pass").get("filesChecked").asInt()).isZero();
    assertThat(verify.get("readBack").get("filesChecked").asInt()).isEqualTo(2);
    assertThat(verify.get("readBack").get("bytesHashed").asLong()).isEqualTo(imageBytes);
    assertThat(verify.get("filesChecked").asInt()).as("the summary counts the read-back").isEqualTo(2);
    assertThat(verify.get("bytesHashed").asLong()).isEqualTo(imageBytes);
    assertThat(verify.get("mismatches").asInt()).isZero();
    assertThat(Files.size(image)).isEqualTo(mib(128));

    assertThat(run("diff", "-f", yaml.toString(), "--target", image.toString(), "--verify", "quick")).as(stderr()).isZero();
    assertThat(stdout()).contains("lab/stick on image " + image, "nothing to do");

    assertThat(run("diff", "-f", yaml.toString(), "--target", image.toString(), "--verify", "full", "--output", "json"))
        .as(stderr()).isZero();
    JsonNode d = json();
    assertThat(d.get("verify").get("pass").get("filesChecked").asInt()).isEqualTo(2);
    assertThat(d.get("verify").get("readBack").get("filesChecked").asInt()).isZero();
    assertThat(d.get("actions")).singleElement().satisfies(a -> {
      assertThat(a.get("type").asText()).isEqualTo("WriteManifest");
      assertThat(a.get("bytes").isNull()).as("its size is known only once written: null, not -1").isTrue();
    });

    assertThat(run("inspect", "--target", image.toString(), "--output", "json", "--verify", "full")).isZero();
    JsonNode i = json();
    assertThat(i.get("ventoyVersion").asText()).isEqualTo("1.1.05");
    assertThat(i.get("partitionStyle").asText()).isEqualTo("gpt");
    assertThat(i.get("partitions").get(0).get("start").asLong()).isEqualTo(2048);
    assertThat(i.get("files")).anySatisfy(f -> {
      assertThat(f.get("path").asText()).isEqualTo(StickLab.path(0));
      assertThat(f.get("sha256").asText()).isEqualTo(lab.images.get(0).sha256());
      assertThat(f.get("managed").asBoolean()).isTrue();
    });
    assertThat(i.get("manifest").get("files")).hasSize(2);
    assertThat(i.get("ventoyJson").get("control").findValue("VTOY_MENU_TIMEOUT").asText()).isEqualTo("5");
    assertThat(i.get("target").asText()).isEqualTo("image " + image + " (on " + i.get("device").asText() + ")");
  }

  @Test
  void withoutAReleaseTheLayoutIsMadeAndTheBootloaderReportedNotInstalled() throws Exception {
    Path yaml = lab.writeYaml("unpinned.yaml", lab.drive("MBR", "exFAT").replace(", ventoyVersion: \"1.1.05\"", ""));
    Path image = dir.resolve("plain.img");
    assertThat(run("apply", "-f", yaml.toString(), "--target", image.toString(), "--size", "96M")).as(stderr()).isZero();
    assertThat(stdout()).contains("BootloaderNotInstalled");
    assertThat(run("inspect", "--target", image.toString())).isZero();
    assertThat(stdout()).contains("Ventoy: not installed", "partition table: dos");
  }

  @Test
  void withoutSecureBootSupportGrubBootsDirectlyAsVentoysInstallerArrangesIt() throws Exception {
    Path yaml = lab.writeYaml("nosb.yaml", lab.drive("GPT", "exFAT").replace("ventoyVersion: \"1.1.05\"}",
        "ventoyVersion: \"1.1.05\", secureBoot: false}"));
    Path image = dir.resolve("nosb.img");
    assertThat(run("apply", "-f", yaml.toString(), "--target", image.toString(), "--size", "96M", "--ventoy-release",
        lab.release.toString())).as(stderr()).isZero();
    assertThat(run("inspect", "--target", image.toString(), "--output", "json")).isZero();
    assertThat(json().get("secureBoot").asBoolean()).isFalse();
    assertThat(run("apply", "-f", yaml.toString(), "--target", image.toString(), "--ventoy-release", lab.release.toString(),
        "--verify", "quick", "--output", "json")).isZero();
    assertThat(json().get("actions")).as("converged: nothing rewritten").isEmpty();
  }

  @Test
  void aPinnedVersionWithoutAReleaseIsASourceFailureAfterTheRestIsDone() {
    Path yaml = lab.writeYaml("pinned.yaml", lab.drive("GPT", "exFAT"));
    Path image = dir.resolve("pinned.img");
    assertThat(run("apply", "-f", yaml.toString(), "--target", image.toString(), "--size", "96M")).isEqualTo(4);
    assertThat(stderr()).contains("rescue-station: BootloaderUnavailable: spec.layout.ventoyVersion: Ventoy 1.1.05 is required");
    assertThat(stdout()).contains("CopyFile");
  }

  @Test
  void invalidInputExitsTwoNamingFileAndField() {
    Path yaml = lab.writeYaml("bad.yaml", lab.drive("GPT", "exFAT").replace(lab.images.get(0).sha256(),
        lab.images.get(0).sha256().toUpperCase()));
    assertThat(run("apply", "-f", yaml.toString(), "--target", dir.resolve("x.img").toString(), "--size", "96M"))
        .isEqualTo(2);
    assertThat(stderr()).contains("IsoCatalog lab/set: spec.entries[0].sha256: must be 64 lowercase hex digits");
    assertThat(dir.resolve("x.img")).doesNotExist();

    assertThat(run("apply", "-f", yaml.toString(), "--target", dir.resolve("y.img").toString(), "--size", "lots"))
        .isEqualTo(2);
    assertThat(run("apply", "-f", lab.writeYaml("ok.yaml", lab.drive("GPT", "exFAT")).toString(), "--target",
        dir.resolve("missing.img").toString())).isEqualTo(2);
    assertThat(stderr()).contains("no such file (apply --size creates an image-backed drive)");
    assertThat(run("apply", "--target", "x")).isEqualTo(2);
  }

  @Test
  void aLoopDeviceNotAllowListedIsRefusedWithExitThree() throws Exception {
    Path yaml = lab.writeYaml("drive.yaml", lab.drive("GPT", "exFAT"));
    Path file = dir.resolve("loop.img");
    try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(mib(96));
    }
    try (LoopDevice loop = lab.loops.attach(file.toString(), 0, 0)) {
      assertThat(run("apply", "-f", yaml.toString(), "--target", loop.path(), "--ventoy-release", lab.release.toString()))
          .isEqualTo(3);
      assertThat(stderr()).contains("rescue-station: DeviceRefused: refusing " + loop.path() + ": ", "not usb");
      assertThat(new TableProbe(lab.runner).read(loop.path())).isEqualTo(PartitionTable.none());

      assertThat(run("apply", "-f", yaml.toString(), "--target", loop.path(), "--allow-device", loop.path(),
          "--ventoy-release", lab.release.toString())).as(stderr()).isZero();
      assertThat(stdout()).contains("lab/stick on " + loop.path() + ": converged");
    }
  }

  @Test
  void aSourceThatDoesNotMatchItsHashExitsFourAndLeavesTheStickUntouched() throws Exception {
    Path tampered = dir.resolve("tampered.iso");
    Files.copy(lab.images.get(1).file(), tampered);
    try (var raf = new java.io.RandomAccessFile(tampered.toFile(), "rw")) {
      raf.seek(10);
      raf.write(0x42);
    }
    Path yaml = lab.writeYaml("tampered.yaml", lab.drive("GPT", "exFAT").replace(lab.images.get(1).url(), tampered.toUri().toString()));
    Path image = dir.resolve("untouched.img");
    // A cache of its own: the shared one already holds the genuine image under this SHA-256.
    assertThat(run("apply", "-f", yaml.toString(), "--target", image.toString(), "--size", "96M", "--ventoy-release",
        lab.release.toString(), "--cache", dir.resolve("cache").toString())).isEqualTo(4);
    assertThat(stderr()).contains("rescue-station: SourceFailed: img1: " + tampered.toUri() + " has SHA-256");
    assertThat(Files.readAllBytes(image)).as("sources are checked before the stick is touched").containsOnly(0);
  }
}

package io.rescuefleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ResolveCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream savedOut;
  private PrintStream savedErr;

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

  @Test
  void resolvesTheExampleFleet() {
    int code = new CommandLine(new RescueFleetCli()).execute("resolve", "-f", "../examples");
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("2 RescueDrives resolved", "it-ops/ops-stick-01", "it-ops/lab-a-slot-3", "iso/tools/memtest86+x64.iso");
  }

  @Test
  void exitsTwoNamingTheField(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, Files.readString(Path.of("../examples/rescue-drives.yaml")).replace("reservedMiB: 65536", "reservedMiB: 1024"));
    int code = new CommandLine(new RescueFleetCli()).execute("resolve", "-f", "../examples/iso-catalog.yaml",
        "-f", "../examples/wtg-profile.yaml", "-f", bad.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("RescueDrive it-ops/ops-stick-01: spec.layout.reservedMiB: 1024 MiB reserved, but WtgProfile \"win11-wtg\" needs 65536 MiB");
  }
}

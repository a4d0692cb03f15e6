package io.rescuefleet.station.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared manifest corpus ({@code crds/src/test/resources/invalid}, one case per file, its first
 * line naming the field) through the CLI as a technician runs it: {@code apply} and {@code diff}
 * exit 2 with lines naming the field, print nothing else, and leave the target image byte for byte
 * as it was, or do not create it. Input is checked before any target is opened, so this needs
 * neither root nor tools.
 */
class CliBadManifestCorpusTest {
  /** Surefire runs in the module directory; the corpus belongs to the crds module. */
  private static final Path CORPUS = Path.of("../crds/src/test/resources/invalid");
  private static final String PREFIX = "rescue-station: invalid: ";

  @TempDir
  static Path dir;
  private static Path image;
  private static String imageSha;
  private static FileTime imageMtime;
  /** One command line for all runs (picocli resets options before each parse); building one costs more than a run. */
  private static final picocli.CommandLine CLI = RescueStationCli.commandLine();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream savedOut;
  private PrintStream savedErr;

  @BeforeAll
  static void anImageWithContent() throws Exception {
    assertThat(CORPUS.resolve("_base.yaml")).as("the manifest corpus of the crds module").isRegularFile();
    image = dir.resolve("stick.img");
    byte[] content = new byte[1 << 20];
    new Random(42).nextBytes(content);
    Files.write(image, content);
    imageMtime = FileTime.fromMillis(1_600_000_000_000L);
    Files.setLastModifiedTime(image, imageMtime);
    imageSha = sha256(image);
  }

  static Stream<Path> cases() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files.filter(p -> !p.getFileName().toString().startsWith("_")).sorted().toList().stream();
    }
  }

  @Test
  void theCorpusIsTheWholeManifestCorpus() throws IOException {
    assertThat(cases().count()).isGreaterThanOrEqualTo(85);
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void applyAndDiffExitTwoNamingTheFieldAndTouchNothing(Path file) throws Exception {
    String field = expectedField(file);
    String base = CORPUS.resolve("_base.yaml").toString();
    String cache = dir.resolve("cache").toString();

    for (String command : List.of("apply", "diff")) {
      int code = run(command, "-f", base, "-f", file.toString(), "--target", image.toString(), "--cache", cache);
      assertRefused(command + " " + file.getFileName(), code, field);
    }
    assertThat(sha256(image)).as("the image after %s", file.getFileName()).isEqualTo(imageSha);
    assertThat(Files.getLastModifiedTime(image)).isEqualTo(imageMtime);

    Path missing = dir.resolve("new-" + file.getFileName() + ".img");
    int code = run("apply", "-f", base, "-f", file.toString(), "--target", missing.toString(), "--size", "64M",
        "--cache", cache);
    assertRefused("apply --size " + file.getFileName(), code, field);
    assertThat(missing).as("no image is created for invalid input").doesNotExist();
    assertThat(dir.resolve("cache")).as("nothing fetched").doesNotExist();
  }

  private void assertRefused(String what, int code, String field) {
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as("%s exit code; stderr: %s", what, stderr).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).as("%s stdout", what).isEmpty();
    List<String> lines = stderr.lines().toList();
    assertThat(lines).as("%s stderr", what).isNotEmpty().allSatisfy(line -> {
      assertThat(line).startsWith(PREFIX);
      assertThat(line.chars()).as("control characters reach the terminal").noneMatch(ch -> ch < 0x20 || ch == 0x7f);
    });
    if (field.equals("(yaml)")) {
      assertThat(lines).anySatisfy(line -> assertThat(line).contains("line ").contains(": not valid YAML: "));
    } else {
      assertThat(lines).as("%s names %s", what, field).anySatisfy(line -> assertThat(line).contains(": " + field + ": "));
    }
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return CLI.execute(args);
  }

  private static String expectedField(Path file) throws IOException {
    String first = Files.readAllLines(file).get(0);
    assertThat(first).startsWith("# field: ");
    return first.substring("# field: ".length()).trim();
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}

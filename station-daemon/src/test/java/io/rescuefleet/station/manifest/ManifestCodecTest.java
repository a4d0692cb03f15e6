package io.rescuefleet.station.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.station.manifest.StickManifest.FileRecord;
import io.rescuefleet.station.manifest.StickManifest.VerifyRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Reading a manifest never throws: it is valid, absent, unreadable (with why) or from a later version. */
class ManifestCodecTest {
  private static final String SHA = "ab".repeat(32);
  static final StickManifest MANIFEST = new StickManifest(1, "9b1f6a52-7c1e-4f0e-8a3c-2d9e5b7a6c41", "lab/stick",
      "cd".repeat(32), SHA, "2025-06-01T12:00:00Z", ManifestComposer.WRITER, 123456, 4,
      List.of(new FileRecord("iso/a.iso", "a", 20_000_000, 1_700_000_000_000L, SHA, 16 << 20, List.of(SHA, SHA),
          "2025-06-01T12:00:00Z")),
      List.of(new VerifyRecord("Sampled", "2025-06-01T12:00:00Z", 1, 16 << 20, 0, 512.5)), null);

  private static String json() {
    return new String(ManifestCodec.write(MANIFEST), StandardCharsets.UTF_8);
  }

  @Test
  void readsWhatItWrites() {
    assertThat(ManifestCodec.read(ManifestCodec.write(MANIFEST))).isEqualTo(new ManifestRead.Valid(MANIFEST));
  }

  @Test
  void aManifestWrittenBeforePendingPathsExistedHasNonePending() {
    String old = json().replaceFirst(",\\s*\"pending\" : \\[ \\]", "");
    assertThat(old).doesNotContain("pending");
    assertThat(ManifestCodec.read(old.getBytes(StandardCharsets.UTF_8))).isEqualTo(new ManifestRead.Valid(MANIFEST));
  }

  @Test
  void aTruncatedManifestIsUnreadable() {
    byte[] bytes = ManifestCodec.write(MANIFEST);
    assertThat(ManifestCodec.read(Arrays.copyOf(bytes, bytes.length / 2)))
        .isInstanceOfSatisfying(ManifestRead.Unreadable.class, u -> assertThat(u.why()).startsWith("not valid JSON"));
    assertThat(ManifestCodec.read(new byte[0])).isInstanceOf(ManifestRead.Unreadable.class);
  }

  @Test
  void garbageIsUnreadable() {
    byte[] garbage = new byte[4096];
    new java.util.Random(7).nextBytes(garbage);
    assertThat(ManifestCodec.read(garbage)).isInstanceOf(ManifestRead.Unreadable.class);
  }

  @Test
  void aLaterSchemaIsNotGuessedAt() {
    assertThat(ManifestCodec.read(json().replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 3").getBytes()))
        .isEqualTo(new ManifestRead.FutureVersion(3));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a path escaping the data partition | \"path\" : \"iso/a.iso\" | \"path\" : \"../etc/passwd\" | file ../etc/passwd: path",
      "an absolute path                   | \"path\" : \"iso/a.iso\" | \"path\" : \"/iso/a.iso\"     | must be relative",
      "an uppercase hash                  | \"sha256\" : \"abab      | \"sha256\" : \"ABAB           | sha256 is not 64 lowercase hex",
      "chunks that do not cover the file  | \"size\" : 20000000      | \"size\" : 90000000           | chunk hashes do not match",
      "a version that is not a number     | \"schemaVersion\" : 1    | \"schemaVersion\" : \"one\"   | schemaVersion missing",
      "an identity that is no identifier  | \"driveUuid\" : \"9b1f   | \"driveUuid\" : \" 9b1f         | driveUuid is not an identifier",
      "a field this version does not write| \"sampleCursor\" : 4     | \"sampleCursor\" : 4, \"owner\" : 0 | owner: unknown field",
      "a wrongly typed counter            | \"sampleCursor\" : 4     | \"sampleCursor\" : \"four\"   | unexpected content",
      "a pending path escaping            | \"pending\" : [ ]        | \"pending\" : [ \"../x\" ]    | pending ../x: path",
      "a pending path that is also listed | \"pending\" : [ ]        | \"pending\" : [ \"iso/A.iso\" ] | listed twice",
  })
  void contentThatCannotBeTrustedIsUnreadable(String what, String from, String to, String why) {
    String bad = json().replaceFirst(java.util.regex.Pattern.quote(from.strip()), java.util.regex.Matcher.quoteReplacement(to.strip()));
    assertThat(bad).isNotEqualTo(json());
    assertThat(ManifestCodec.read(bad.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(ManifestRead.Unreadable.class, u -> assertThat(u.why()).contains(why.strip()));
  }

  @Test
  void aJsonArrayIsNotAManifest() {
    assertThat(ManifestCodec.read("[1,2]".getBytes())).isEqualTo(new ManifestRead.Unreadable("not a JSON object"));
  }
}

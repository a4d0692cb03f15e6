package io.rescuefleet.station.connected;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.wire.ReportBatch;
import io.rescuefleet.api.wire.ReportBatch.Direction;
import io.rescuefleet.api.wire.ReportBatch.DriveReport;
import io.rescuefleet.api.wire.ReportBatch.ThroughputSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
  @TempDir Path dir;

  @Test
  void keepsBatchesInOrderAcrossReopening() {
    Outbox outbox = new Outbox(dir, 10);
    outbox.append(batch("b1", 1));
    outbox.append(batch("b2", 2));
    Outbox reopened = new Outbox(dir, 10);
    assertThat(reopened.size()).isEqualTo(2);
    assertThat(reopened.head()).hasValueSatisfying(e -> assertThat(e.batch().batchId()).isEqualTo("b1"));
    reopened.remove(reopened.head().orElseThrow());
    reopened.append(batch("b3", 3));
    assertThat(drainIds(reopened)).containsExactly("b2", "b3");
  }

  @Test
  void summarisesTheOldestBatchesAfterTheHeadWhenFull() {
    Outbox outbox = new Outbox(dir, 3);
    outbox.append(batch("head", 1));
    outbox.append(batch("b2", 2));
    outbox.append(batch("b3", 3));
    outbox.append(batch("b4", 4));
    assertThat(outbox.size()).isEqualTo(3);
    assertThat(outbox.summarisedCount()).isEqualTo(1);
    List<ReportBatch> left = drain(outbox);
    assertThat(left.get(0).batchId()).isEqualTo("head");
    assertThat(left.get(1).batchId()).startsWith("summary-");
    assertThat(left.get(2).batchId()).isEqualTo("b4");
    DriveReport summary = left.get(1).reports().get(0);
    assertThat(summary.sequence()).isEqualTo(3);
    assertThat(summary.samples()).singleElement().satisfies(s -> {
      assertThat(s.bytes()).isEqualTo(2_000_000 + 3_000_000);
      assertThat(s.seconds()).isEqualTo(2.0);
    });
  }

  @Test
  void finishesASummaryInterruptedAfterTheSecondBatchWasDeleted() throws IOException {
    Outbox outbox = new Outbox(dir, 10);
    outbox.append(batch("head", 1));
    outbox.append(batch("b2", 2));
    outbox.append(batch("b3", 3));
    outbox.append(batch("b4", 4));
    List<Path> files = jsonFiles();
    // Simulate a crash between deleting the second original and renaming the summary into place.
    Path summary = dir.resolve(files.get(1).getFileName() + ".merging." + files.get(2).getFileName());
    Files.copy(files.get(3), summary);
    Files.delete(files.get(2));
    assertThat(drainIds(new Outbox(dir, 10))).containsExactly("head", "b4", "b4");
  }

  @Test
  void undoesASummaryInterruptedBeforeTheSecondBatchWasDeleted() throws IOException {
    Outbox outbox = new Outbox(dir, 10);
    outbox.append(batch("head", 1));
    outbox.append(batch("b2", 2));
    outbox.append(batch("b3", 3));
    List<Path> files = jsonFiles();
    Files.writeString(dir.resolve(files.get(1).getFileName() + ".merging." + files.get(2).getFileName()), "{garbage");
    Files.writeString(dir.resolve("00000000000000000009.json.tmp"), "half");
    assertThat(drainIds(new Outbox(dir, 10))).containsExactly("head", "b2", "b3");
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp") || n.contains("merging"));
  }

  @Test
  void setsRejectedBatchesAsideWithTheReason() throws IOException {
    Outbox outbox = new Outbox(dir, 10);
    outbox.append(batch("bad", 1));
    outbox.reject(outbox.head().orElseThrow(), "reports answered HTTP 400: reports[0].driveKey: is required");
    assertThat(outbox.size()).isZero();
    assertThat(Files.readString(dir.resolve("rejected/00000000000000000001.json.reason"))).contains("driveKey");
  }

  private List<Path> jsonFiles() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static List<String> drainIds(Outbox outbox) {
    return drain(outbox).stream().map(ReportBatch::batchId).toList();
  }

  private static List<ReportBatch> drain(Outbox outbox) {
    List<ReportBatch> all = new ArrayList<>();
    while (outbox.head().isPresent()) {
      Outbox.Entry e = outbox.head().get();
      all.add(e.batch());
      outbox.remove(e);
    }
    return all;
  }

  static ReportBatch batch(String id, long sequence) {
    DriveReport report = new DriveReport("ops/d1", "S1", "1-2.3", "ins-1", sequence, DrivePhase.Reconciling,
        "2026-11-25T00:00:0" + sequence + "Z", null, List.of(), null,
        List.of(new ThroughputSample(Direction.write, "t", sequence * 1_000_000, 1.0)), null, sequence * 1_000_000, null);
    return new ReportBatch(id, List.of(report));
  }
}

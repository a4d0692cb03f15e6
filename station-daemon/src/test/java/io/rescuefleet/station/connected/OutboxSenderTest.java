package io.rescuefleet.station.connected;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.wire.ReportAck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxSenderTest {
  @TempDir Path dir;

  @Test
  void deliversInOrderAndStopsAtARetryableFailureWithoutLosingTheBatch() {
    Outbox outbox = new Outbox(dir, 10);
    outbox.append(OutboxTest.batch("b1", 1));
    outbox.append(OutboxTest.batch("b2", 2));
    List<String> delivered = new ArrayList<>();
    boolean[] down = {false};
    OutboxSender sender = new OutboxSender(outbox, batch -> {
      if (down[0]) {
        throw new OperatorCallException("operator unreachable", true);
      }
      delivered.add(batch.batchId());
      down[0] = true;
      return new ReportAck(batch.batchId(), 1, false);
    });

    assertThat(sender.drain()).isFalse();
    assertThat(delivered).containsExactly("b1");
    assertThat(outbox.size()).isEqualTo(1);

    down[0] = false;
    assertThat(sender.drain()).isTrue();
    assertThat(delivered).containsExactly("b1", "b2");
    assertThat(outbox.size()).isZero();
  }

  @Test
  void countsDuplicatesAndSetsAsideWhatTheOperatorRefuses() {
    Outbox outbox = new Outbox(dir, 10);
    outbox.append(OutboxTest.batch("dup", 1));
    outbox.append(OutboxTest.batch("bad", 2));
    outbox.append(OutboxTest.batch("ok", 3));
    OutboxSender sender = new OutboxSender(outbox, batch -> switch (batch.batchId()) {
      case "dup" -> new ReportAck("dup", 0, true);
      case "bad" -> throw new OperatorCallException("reports answered HTTP 400", false, 400);
      default -> new ReportAck(batch.batchId(), 1, false);
    });
    assertThat(sender.drain()).isTrue();
    assertThat(sender.sentCount()).isEqualTo(2);
    assertThat(sender.duplicateCount()).isEqualTo(1);
    assertThat(dir.resolve("rejected/00000000000000000002.json")).exists();
  }

  @Test
  void keepsBatchesWhileTheTokenIsRefused() {
    Outbox outbox = new Outbox(dir, 10);
    outbox.append(OutboxTest.batch("b1", 1));
    OutboxSender sender = new OutboxSender(outbox, batch -> {
      throw new OperatorCallException("reports answered HTTP 401", false, 401);
    });
    assertThat(sender.drain()).isFalse();
    assertThat(outbox.size()).isEqualTo(1);
  }
}

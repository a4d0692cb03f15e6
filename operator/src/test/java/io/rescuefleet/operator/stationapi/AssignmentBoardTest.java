package io.rescuefleet.operator.stationapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.resolve.DriveAssignment;
import io.rescuefleet.api.resolve.EffectivePolicy;
import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.api.wire.Assignments;
import io.rescuefleet.api.wire.Assignments.StationAssignment;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AssignmentBoardTest {
  @Test
  void versionMovesOnlyWhenTheSetChanges() {
    AssignmentBoard board = new AssignmentBoard(1000);
    assertThat(board.version("lab-a")).isEqualTo(1000);
    board.publish("ns/a", "lab-a", work("S1", "d1"));
    assertThat(board.version("lab-a")).isEqualTo(1001);
    board.publish("ns/a", "lab-a", work("S1", "d1"));
    assertThat(board.version("lab-a")).isEqualTo(1001);
    board.publish("ns/a", "lab-a", work("S1", "d2"));
    assertThat(board.version("lab-a")).isEqualTo(1002);
    board.withdraw("ns/a");
    board.withdraw("ns/a");
    assertThat(board.version("lab-a")).isEqualTo(1003);
  }

  @Test
  void aDriveMovingStationsLeavesTheFirst() throws Exception {
    AssignmentBoard board = new AssignmentBoard(1);
    board.publish("ns/a", "lab-a", work("S1", "d1"));
    board.publish("ns/a", "lab-b", work("S1", "d1"));
    assertThat(read(board.current("lab-a")).assignments()).isEmpty();
    assertThat(read(board.current("lab-b")).assignments()).singleElement().extracting(StationAssignment::serial).isEqualTo("S1");
  }

  @Test
  void waitersCompleteOnChangeAndUnchangedVersionsWait() throws Exception {
    AssignmentBoard board = new AssignmentBoard(7);
    assertThat(board.changedFrom("lab-a", 3)).isDone();
    CompletableFuture<AssignmentBoard.Snapshot> waiting = board.changedFrom("lab-a", 7);
    assertThat(waiting).isNotDone();
    board.publish("ns/a", "lab-b", work("S1", "d1"));
    assertThat(waiting).isNotDone();
    board.publish("ns/b", "lab-a", work("S2", "d1"));
    assertThat(waiting).isDone();
    assertThat(waiting.join().version()).isEqualTo(8);
    assertThat(read(waiting.join()).assignments()).hasSize(1);
  }

  @Test
  void aCancelledWaiterIsForgotten() {
    AssignmentBoard board = new AssignmentBoard(7);
    CompletableFuture<AssignmentBoard.Snapshot> waiting = board.changedFrom("lab-a", 7);
    waiting.cancel(false);
    board.publish("ns/b", "lab-a", work("S2", "d1"));
    assertThat(waiting).isCancelled();
  }

  @Test
  void theJsonOfAVersionIsBuiltOnce() {
    AssignmentBoard board = new AssignmentBoard(1);
    board.publish("ns/a", "lab-a", work("S1", "d1"));
    assertThat(board.current("lab-a").json()).isSameAs(board.current("lab-a").json());
  }

  private static Assignments read(AssignmentBoard.Snapshot snapshot) throws Exception {
    return WireJson.MAPPER.readValue(snapshot.json(), Assignments.class);
  }

  static StationAssignment work(String serial, String digest) {
    DriveAssignment a = new DriveAssignment("ns", "d", 1, serial, null, null, List.of(), null, null,
        EffectivePolicy.defaults(), digest);
    return new StationAssignment(serial, "1-2.3", "ins", VerifyMode.Sampled, true, a);
  }
}

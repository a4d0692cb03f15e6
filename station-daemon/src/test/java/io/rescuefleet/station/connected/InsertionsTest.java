package io.rescuefleet.station.connected;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InsertionsTest {
  private static PresentStick stick(String serial, String port) {
    return new PresentStick(PresentStick.keyOf(serial, port), serial, port, "v", "m", 1, () -> null);
  }

  @Test
  void aReinsertedStickGetsANewInsertionId() {
    Insertions insertions = new Insertions();
    Insertions.Changes first = insertions.update(List.of(stick("S1", "1-1"), stick("S2", "1-2")));
    assertThat(first.inserted()).hasSize(2);
    String id = first.inserted().get(0).insertionId();

    assertThat(insertions.update(List.of(stick("S1", "1-1"), stick("S2", "1-2"))).any()).isFalse();

    Insertions.Changes pulled = insertions.update(List.of(stick("S2", "1-2")));
    assertThat(pulled.removed()).extracting(p -> p.stick().serial()).containsExactly("S1");

    Insertions.Changes back = insertions.update(List.of(stick("S1", "1-3"), stick("S2", "1-2")));
    assertThat(back.inserted()).singleElement().satisfies(p -> {
      assertThat(p.stick().port()).isEqualTo("1-3");
      assertThat(p.insertionId()).isNotEqualTo(id);
    });
  }

  @Test
  void sticksWithoutSerialAreKnownByTheirPort() {
    assertThat(PresentStick.keyOf(null, "1-2.3")).isEqualTo("port:1-2.3");
    assertThat(PresentStick.keyOf(" ", "1-2.3")).isEqualTo("port:1-2.3");
    assertThat(PresentStick.keyOf("ABC", "1-2.3")).isEqualTo("serial:ABC");
  }
}

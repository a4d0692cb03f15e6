package io.rescuefleet.station.connected;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.wire.Assignments.StationAssignment;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WriteRevocationTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("quarantined while writing", true, assignment("i1", false), true),
        Arguments.of("quarantined, the operator names no insertion", true, assignment(null, false), true),
        Arguments.of("writes still allowed", true, assignment("i1", true), false),
        Arguments.of("the run was observing only", false, assignment("i1", false), false),
        Arguments.of("decided for another insertion", true, assignment("i2", false), false),
        Arguments.of("no assignment any more", true, null, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void revokes(String name, boolean runWrites, StationAssignment now, boolean stop) {
    assertThat(WriteRevocation.revokes(runWrites, "i1", now)).isEqualTo(stop);
  }

  private static StationAssignment assignment(String insertion, boolean writesAllowed) {
    return new StationAssignment("S1", "1-1", insertion, null, writesAllowed, null);
  }
}

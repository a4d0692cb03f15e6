package io.rescuefleet.operator.binding;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.wire.Heartbeat.StickInfo;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BinderTest {
  private static final LocatedStick S1_AT_LAB_A = new LocatedStick("lab-a", stick("S1", "1-2.3", null));

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("by serial, stick present", bySerial("ns/a", "S1", Optional.of(S1_AT_LAB_A), Set.of("ns/a")),
            BindingState.BoundBySerial, "lab-a", "1-2.3"),
        Arguments.of("by serial, stick absent", bySerial("ns/a", "S1", Optional.empty(), Set.of("ns/a")),
            BindingState.StickAbsent, null, null),
        Arguments.of("by serial, an earlier drive names the same serial",
            bySerial("ns/b", "S1", Optional.of(S1_AT_LAB_A), Set.of("ns/a", "ns/b")), BindingState.Conflict, null, null),
        Arguments.of("by serial, this drive sorts first among namers",
            bySerial("ns/a", "S1", Optional.of(S1_AT_LAB_A), Set.of("ns/a", "ns/b")), BindingState.BoundBySerial, "lab-a", "1-2.3"),
        Arguments.of("claim, stick in the port", claim("ns/c", Optional.of(S1_AT_LAB_A), true, Set.of(), Set.of("ns/c"), Set.of()),
            BindingState.BoundByClaim, "lab-a", "1-2.3"),
        Arguments.of("claim, port empty", claim("ns/c", Optional.empty(), true, Set.of(), Set.of("ns/c"), Set.of()),
            BindingState.StickAbsent, null, null),
        Arguments.of("claim, station does not exist", claim("ns/c", Optional.of(S1_AT_LAB_A), false, Set.of(), Set.of("ns/c"), Set.of()),
            BindingState.StationNotFound, null, null),
        Arguments.of("claim, the stick's serial is another drive's", claim("ns/c", Optional.of(S1_AT_LAB_A), true,
            Set.of("ns/a"), Set.of("ns/c"), Set.of("ns/a")), BindingState.Conflict, null, null),
        Arguments.of("claim, an earlier drive claims the same port", claim("ns/d", Optional.of(S1_AT_LAB_A), true,
            Set.of(), Set.of("ns/c", "ns/d"), Set.of()), BindingState.Conflict, null, null),
        Arguments.of("claim, the stick's manifest names another existing drive",
            claim("ns/c", Optional.of(new LocatedStick("lab-a", stick("S1", "1-2.3", "ns/old"))), true, Set.of(), Set.of("ns/c"),
                Set.of("ns/old")), BindingState.Conflict, null, null),
        Arguments.of("claim, the manifest names a deleted drive: taken",
            claim("ns/c", Optional.of(new LocatedStick("lab-a", stick("S1", "1-2.3", "ns/gone"))), true, Set.of(), Set.of("ns/c"),
                Set.of()), BindingState.BoundByClaim, "lab-a", "1-2.3"),
        Arguments.of("claim, the manifest names this drive",
            claim("ns/c", Optional.of(new LocatedStick("lab-a", stick("S1", "1-2.3", "ns/c"))), true, Set.of(), Set.of("ns/c"),
                Set.of("ns/c")), BindingState.BoundByClaim, "lab-a", "1-2.3"),
        Arguments.of("neither serial nor claim", new BindingInputs("ns/e", null, null, null, Optional.empty(),
            Optional.empty(), true, Set.of(), Set.of(), k -> true), BindingState.StickAbsent, null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void bind(String name, BindingInputs inputs, BindingState state, String station, String port) {
    Binding b = Binder.bind(inputs);
    assertThat(b.state()).isEqualTo(state);
    assertThat(b.station()).isEqualTo(station);
    assertThat(b.port()).isEqualTo(port);
    assertThat(b.bound()).isEqualTo(state.bound());
    assertThat(b.message()).isNotBlank();
    if (b.bound()) {
      assertThat(b.serial()).isEqualTo("S1");
      assertThat(b.insertionId()).isEqualTo("ins-S1");
    }
  }

  private static BindingInputs bySerial(String key, String serial, Optional<LocatedStick> at, Set<String> naming) {
    return new BindingInputs(key, serial, null, null, at, Optional.empty(), true, naming, Set.of(), k -> true);
  }

  private static BindingInputs claim(String key, Optional<LocatedStick> inPort, boolean stationExists, Set<String> naming,
      Set<String> claiming, Set<String> existing) {
    return new BindingInputs(key, null, "lab-a", "1-2.3", Optional.empty(), inPort, stationExists, naming, claiming,
        existing::contains);
  }

  private static StickInfo stick(String serial, String port, String manifestDrive) {
    return new StickInfo(serial, port, "V", "M", 1L, null, manifestDrive, "ins-" + serial);
  }
}

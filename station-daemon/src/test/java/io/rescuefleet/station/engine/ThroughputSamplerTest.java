package io.rescuefleet.station.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescuefleet.api.wire.ReportBatch.Direction;
import io.rescuefleet.api.wire.ReportBatch.ThroughputSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThroughputSamplerTest {
  private final AtomicLong nanos = new AtomicLong();
  private final List<ThroughputSample> samples = new ArrayList<>();
  private final ThroughputSampler sampler = new ThroughputSampler(Duration.ofSeconds(1),
      Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC), nanos::get, samples::add);

  @Test
  void emitsOneSamplePerIntervalPerDirection() {
    sampler.add(Direction.write, 10_000_000);
    nanos.set(500_000_000);
    sampler.add(Direction.write, 10_000_000);
    sampler.add(Direction.read, 1_000);
    assertThat(samples).isEmpty();
    nanos.set(1_000_000_000);
    sampler.add(Direction.write, 20_000_000);
    assertThat(samples).singleElement().satisfies(s -> {
      assertThat(s.direction()).isEqualTo(Direction.write);
      assertThat(s.bytes()).isEqualTo(40_000_000);
      assertThat(s.seconds()).isEqualTo(1.0);
      assertThat(s.mbps()).isEqualTo(40.0);
    });
  }

  @Test
  void aWindowBegunWithItsWorkCountsTheTimeOfTheFirstChunk() {
    sampler.begin();
    nanos.set(2_000_000_000);
    sampler.add(Direction.write, 8_000_000);
    nanos.set(4_000_000_000L);
    sampler.add(Direction.write, 8_000_000);
    assertThat(samples).extracting(ThroughputSample::mbps).containsExactly(4.0, 4.0);
  }

  @Test
  void flushEmitsWhatIsLeft() {
    sampler.add(Direction.read, 5_000_000);
    nanos.set(250_000_000);
    sampler.flush();
    assertThat(samples).singleElement().satisfies(s -> {
      assertThat(s.direction()).isEqualTo(Direction.read);
      assertThat(s.seconds()).isEqualTo(0.25);
    });
    sampler.flush();
    assertThat(samples).hasSize(1);
  }
}

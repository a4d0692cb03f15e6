package io.rescuefleet.operator.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StatusCoalescerTest {
  @Test
  void manyChangesWithinAnIntervalFireOnceOrTwice() throws Exception {
    ConcurrentHashMap<String, AtomicInteger> fired = new ConcurrentHashMap<>();
    try (StatusCoalescer coalescer = new StatusCoalescer(Duration.ofMillis(500), sink(fired))) {
      for (int i = 0; i < 200; i++) {
        coalescer.drive("ns/a", false);
        Thread.sleep(1);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> count(fired, "ns/a") >= 1);
      Thread.sleep(700);
      // 200 changes over at least 200 ms: the first fires at once, the rest in at most one more per 500 ms.
      assertThat(count(fired, "ns/a")).isBetween(1, 3);
    }
  }

  @Test
  void urgentChangesAndDrivesFireAtOnceEachTime() {
    ConcurrentHashMap<String, AtomicInteger> fired = new ConcurrentHashMap<>();
    try (StatusCoalescer coalescer = new StatusCoalescer(Duration.ofSeconds(60), sink(fired))) {
      coalescer.drive("ns/a", true);
      coalescer.drive("ns/a", true);
      coalescer.drives(List.of("ns/b", "ns/c"));
      assertThat(count(fired, "ns/a")).isEqualTo(2);
      assertThat(count(fired, "ns/b")).isEqualTo(1);
    }
  }

  private static int count(ConcurrentHashMap<String, AtomicInteger> fired, String key) {
    AtomicInteger n = fired.get(key);
    return n == null ? 0 : n.get();
  }

  private static StatusCoalescer.Sink sink(ConcurrentHashMap<String, AtomicInteger> fired) {
    return new StatusCoalescer.Sink() {
      @Override
      public void drive(String driveKey) {
        fired.computeIfAbsent(driveKey, k -> new AtomicInteger()).incrementAndGet();
      }

      @Override
      public void station(String name) {}
    };
  }
}

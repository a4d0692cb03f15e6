package io.rescuefleet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Entry point of {@code bench/run}: runs the named benchmarks; {@code --list} prints their names.
 * {@code -Dbench.keep=true} (in {@code RESCUEFLEET_JAVA_OPTS}) keeps each work directory for a look after.
 */
public final class Bench {
  static {
    // Before any engine class is loaded: they take their logger at class initialisation.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getenv().getOrDefault("RESCUEFLEET_LOG", "warn"));
  }

  /** Every Java benchmark; colleagues add theirs here (operator, wtg, faults). */
  private static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

  static {
    register(new StationBenchmark());
    register(new WtgBenchmark());
    register(new FaultsBenchmark());
  }

  private Bench() {}

  private static void register(Benchmark b) {
    BENCHMARKS.put(b.name(), b);
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("--list")) {
      BENCHMARKS.keySet().forEach(System.out::println);
      return;
    }
    for (String name : args) {
      Benchmark b = BENCHMARKS.get(name);
      if (b == null) {
        System.err.println("bench: no benchmark \"" + name + "\"; there are " + BENCHMARKS.keySet());
        System.exit(2);
      }
      Path work = Files.createTempDirectory("rescuefleet-bench-" + name + "-");
      try {
        b.run(work, System.out);
      } finally {
        if (Boolean.getBoolean("bench.keep")) {
          System.out.println("bench: work directory kept: " + work);
        } else {
          deleteTree(work);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

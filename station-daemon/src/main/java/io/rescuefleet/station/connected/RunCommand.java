package io.rescuefleet.station.connected;

import io.rescuefleet.station.device.LoopDevices;
import io.rescuefleet.station.discovery.Discovery;
import io.rescuefleet.station.discovery.SystemProbe;
import io.rescuefleet.station.engine.StationEngine;
import io.rescuefleet.station.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rescue-station run --config station.yaml}: the station daemon, connected to the operator. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the station daemon: discover sticks, take assignments from the operator, converge, report.")
public final class RunCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The station config (YAML).")
  Path config;

  @Override
  public Integer call() throws Exception {
    StationConfig c;
    try {
      c = StationConfigLoader.load(config);
    } catch (StationConfigLoader.ConfigException e) {
      System.err.println("rescue-station: invalid config: " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (StationDaemon daemon = create(c, Clock.systemUTC())) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        daemon.close();
        stopped.countDown();
      }, "rescue-station-stop"));
      daemon.start();
      stopped.await();
    }
    return 0;
  }

  /** The daemon a config describes, with the real engine, discovery and operator client. */
  public static StationDaemon create(StationConfig c, Clock clock) throws IOException {
    ProcessRunner runner = new ProcessRunner();
    StationAllowlist allowlist = new StationAllowlist(c.allowDevices);
    List<StickSource> sources = new ArrayList<>();
    if (c.discovery.usb) {
      sources.add(new UsbStickSource(new Discovery(), new SystemProbe(runner), allowlist::effective));
    }
    if (c.discovery.imageHub != null) {
      sources.add(new ImageHubSource(c.discovery.imageHub, new LoopDevices(runner)));
    }
    OperatorClient client = new OperatorClient(null, c.operatorUrl, c.station, new TokenFile(c.tokenFile), c.caFile);
    Files.createDirectories(c.stateDir);
    Outbox outbox = new Outbox(c.stateDir.resolve("outbox"), c.outboxCapacity);
    return new StationDaemon(c.station, sources, client, StationEngine.create(runner, c.cacheDir), outbox, allowlist,
        c.ventoyReleaseDir, c.maxParallelSticks, Duration.ofMillis((long) (c.discovery.pollSeconds * 1000)), clock);
  }
}

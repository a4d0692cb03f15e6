package io.rescuefleet.faults.lab;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.station.device.ImageFileTarget;
import io.rescuefleet.station.device.LoopDevices;
import io.rescuefleet.station.discovery.Allowlist;
import io.rescuefleet.station.engine.ConvergeOptions;
import io.rescuefleet.station.engine.EngineListener;
import io.rescuefleet.station.engine.EngineResult;
import io.rescuefleet.station.engine.Inspection;
import io.rescuefleet.station.engine.StationEngine;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The station engine in this process, for the insertions around a fault: the same engine the CLI runs,
 * on an image-backed stick attached for each call, without starting a JVM each time.
 */
public final class LocalStation {
  private final ProcessRunner runner = new ProcessRunner();
  private final LoopDevices loops = new LoopDevices(runner);
  private final StationEngine engine;
  private final Path release;

  public LocalStation(Path cacheDir, Path release) {
    this.engine = StationEngine.create(runner, cacheDir);
    this.release = release;
  }

  /** {@code apply}: converges the stick in {@code image} (created at {@code createSize} when missing; null: must exist). */
  public EngineResult apply(Path image, Long createSize, DriveSpec spec, VerifyMode mode) {
    try (ImageFileTarget target = ImageFileTarget.attach(image, Files.exists(image) ? null : createSize, loops)) {
      return engine.converge(target, spec.assignment(), mode, options(), EngineListener.NONE, Cancellation.none());
    }
  }

  /** {@code inspect}: the stick as it is, with {@code mode} verification of what its manifest lists. */
  public Inspection inspect(Path image, VerifyMode mode) {
    try (ImageFileTarget target = ImageFileTarget.attach(image, null, loops)) {
      return engine.inspect(target, mode, options(), EngineListener.NONE, Cancellation.none());
    }
  }

  private ConvergeOptions options() {
    return ConvergeOptions.defaults().withAllowlist(Allowlist.none()).withVentoyRelease(release);
  }
}

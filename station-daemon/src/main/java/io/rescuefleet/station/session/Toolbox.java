package io.rescuefleet.station.session;

import io.rescuefleet.station.device.BlockDevices;
import io.rescuefleet.station.device.LoopDevices;
import io.rescuefleet.station.device.RegionDevices;
import io.rescuefleet.station.fs.FsProbe;
import io.rescuefleet.station.fs.Mounter;
import io.rescuefleet.station.process.ProcessRunner;

/** The tool wrappers an engine uses, all over one process runner; built once, passed in. */
public record Toolbox(
    ProcessRunner runner,
    LoopDevices loops,
    RegionDevices regions,
    BlockDevices blocks,
    Mounter mounter,
    FsProbe probe) {

  public static Toolbox of(ProcessRunner runner) {
    LoopDevices loops = new LoopDevices(runner);
    return new Toolbox(runner, loops, new RegionDevices(loops), new BlockDevices(runner), new Mounter(runner),
        new FsProbe(runner));
  }
}

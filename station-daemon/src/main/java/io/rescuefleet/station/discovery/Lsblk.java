package io.rescuefleet.station.discovery;

import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import java.util.List;

/** Runs {@code lsblk -J -O -b}: every block device with every column, sizes in bytes. */
public final class Lsblk {
  private final ProcessRunner runner;

  public Lsblk(ProcessRunner runner) {
    this.runner = runner;
  }

  /** Every block device of the system, as a forest of disks with their partitions and holders. */
  public List<BlockDeviceInfo> all() {
    return LsblkParser.parse(runner.run(Command.of("lsblk", "-J", "-O", "-b")).stdout());
  }
}

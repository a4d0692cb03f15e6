package io.rescuefleet.station.observe;

import io.rescuefleet.station.layout.PartitionTable;
import io.rescuefleet.station.layout.SfdiskParser;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessResult;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.process.ToolFailedException;

/** Reads a disk's partition table with {@code sfdisk -J}; a disk without one reads as {@link PartitionTable#none()}. */
public final class TableProbe {
  private final ProcessRunner runner;

  public TableProbe(ProcessRunner runner) {
    this.runner = runner;
  }

  public PartitionTable read(String disk) {
    ProcessResult r = runner.run(Command.of("sfdisk", "--json", disk).allowingExitCodes(1));
    if (r.exitCode() != 0) {
      if (r.stderr().contains("does not contain a recognized partition table")) {
        return PartitionTable.none();
      }
      throw new ToolFailedException(r, "sfdisk cannot read the partition table of " + disk + ": " + r.stderr().strip());
    }
    return SfdiskParser.parse(r.stdout());
  }
}

package io.rescuefleet.station.execute;

import io.rescuefleet.station.layout.SfdiskScript;
import io.rescuefleet.station.plan.WritePartitionTable;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import java.nio.charset.StandardCharsets;

/**
 * Writes the table with sfdisk. Old table signatures on the disk are wiped (a GPT's backup header
 * included); signatures inside the new partitions are not, since a good filesystem may already sit
 * exactly where a partition goes (a wiped table is restored without reformatting). The kernel is not
 * told during the run: the engine reaches regions through its own devices.
 */
public final class SfdiskPartitionWork implements PartitionWork {
  private final ProcessRunner runner;

  public SfdiskPartitionWork(ProcessRunner runner) {
    this.runner = runner;
  }

  @Override
  public void writeTable(String disk, WritePartitionTable action) {
    String script = SfdiskScript.render(action.layout(), action.labelId(), action.keep());
    runner.run(Command.of("sfdisk", "--quiet", "--wipe", "always", "--wipe-partitions", "never", "--no-reread",
        "--no-tell-kernel", disk).withStdin(script.getBytes(StandardCharsets.US_ASCII)));
    if (!disk.startsWith("/dev/loop")) {
      // A real stick should show its new partitions once it is done; a busy disk just keeps the old view.
      runner.runAllowingFailure(Command.of("blockdev", "--rereadpt", disk));
    }
  }
}

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
 * told during the run (the engine reaches regions through its own devices), only afterwards.
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
  }

  /**
   * Lets the kernel see the new table once the run is over (never during it: a desktop would mount the
   * new partitions under our feet). Best effort; a loop device without partition scanning refuses.
   */
  public static void announce(ProcessRunner runner, String disk) {
    runner.runAllowingFailure(Command.of("blockdev", "--rereadpt", disk));
  }
}

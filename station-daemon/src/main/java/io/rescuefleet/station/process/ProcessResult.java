package io.rescuefleet.station.process;

/** What a tool did: its exit code and captured output (stdout is empty when it went to a file). */
public record ProcessResult(Command command, int exitCode, String stdout, String stderr) {

  public boolean succeeded() {
    return command.okExitCodes().contains(exitCode);
  }
}

package io.rescuefleet.station.cli;

import io.rescuefleet.station.connected.RunCommand;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rescue-station}: the station's standalone CLI, the same engine a station daemon runs. */
@Command(name = "rescue-station", mixinStandardHelpOptions = true, version = "rescue-station 0.1.0",
    description = "Converge USB rescue sticks (or image files) to their RescueDrive spec, without a cluster.",
    subcommands = {ApplyCommand.class, DiffCommand.class, InspectCommand.class, RunCommand.class})
public final class RescueStationCli {

  public static void main(String[] args) {
    configureLogging(List.of(args));
    System.exit(commandLine().execute(args));
  }

  /** The command line, for tests too: enum values case-insensitive, invalid usage exits 2. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new RescueStationCli());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  /** Quiet unless asked (failures already print their one line): RESCUEFLEET_LOG=warn, info or debug for logs on stderr. */
  private static void configureLogging(List<String> args) {
    // The daemon logs what it does; the one-shot commands print their own output and stay quiet.
    String fallback = !args.isEmpty() && args.get(0).equals("run") ? "info" : "error";
    String level = System.getenv().getOrDefault("RESCUEFLEET_LOG", fallback);
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
  }
}

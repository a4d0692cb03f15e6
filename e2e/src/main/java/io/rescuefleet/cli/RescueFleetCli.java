package io.rescuefleet.cli;

import io.rescuefleet.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rescuefleet}: the fleet-side command line (resolve a fleet, run the demo). */
@Command(
    name = "rescuefleet",
    mixinStandardHelpOptions = true,
    version = "rescuefleet 0.1.0",
    description = "Declarative fleets of USB rescue sticks.",
    subcommands = {ResolveCommand.class, DemoCommand.class})
public final class RescueFleetCli {
  public static void main(String[] args) {
    System.exit(new CommandLine(new RescueFleetCli()).execute(args));
  }
}

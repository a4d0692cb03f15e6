package io.rescuefleet.faults.lab;

import io.rescuefleet.api.load.ManifestLoader;
import io.rescuefleet.api.load.ManifestSet;
import io.rescuefleet.api.resolve.DriveAssignment;
import io.rescuefleet.api.resolve.Resolver;
import io.rescuefleet.station.plan.DesiredDrive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One RescueDrive with what it references, as YAML in a file (for the CLI) and resolved (for the
 * in-process engine and for knowing what the stick must hold afterwards).
 */
public record DriveSpec(String name, Path file, DriveAssignment assignment) {

  /** Writes {@code yaml} to {@code dir/name.yaml} and resolves it with the shared loader and resolver. */
  public static DriveSpec write(Path dir, String name, String yaml) {
    try {
      Path file = Files.createDirectories(dir).resolve(name + ".yaml");
      Files.writeString(file, yaml);
      ManifestSet set = new ManifestLoader().load(file.toString(), yaml);
      return new DriveSpec(name, file, new Resolver().resolve(set.drives().get(0), set));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + name, e);
    }
  }

  /** The SHA-256 of the ventoy.json this spec puts on the stick. */
  public String ventoyJsonSha256() {
    return DesiredDrive.of(assignment, null).ventoyJsonSha256();
  }

  @Override
  public String toString() {
    return name;
  }
}

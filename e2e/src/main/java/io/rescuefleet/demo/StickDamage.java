package io.rescuefleet.demo;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.station.device.LoopDevice;
import io.rescuefleet.station.device.LoopDevices;
import io.rescuefleet.station.device.RegionDevice;
import io.rescuefleet.station.device.RegionDevices;
import io.rescuefleet.station.fs.MountedVolume;
import io.rescuefleet.station.fs.Mounter;
import io.rescuefleet.station.layout.PartitionEntry;
import io.rescuefleet.station.layout.PartitionTable;
import io.rescuefleet.station.observe.TableProbe;
import io.rescuefleet.station.process.ProcessRunner;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Damages a pulled stick the way a user on another PC would, through its filesystem: deletes an
 * ISO, changes a byte inside another (so its size stays and its mtime moves), edits ventoy.json.
 * Uses the station's own device and mount code on the stick's image.
 */
public final class StickDamage {
  private final ProcessRunner runner = new ProcessRunner();
  private final LoopDevices loops = new LoopDevices(runner);

  /** What was done, one line per change. */
  public List<String> damage(Path image, String deletePath, String flipPath, String timeoutValue) throws IOException {
    List<String> done = new ArrayList<>();
    try (LoopDevice disk = loops.attach(image.toString(), 0, 0)) {
      PartitionTable table = new TableProbe(runner).read(disk.path());
      PartitionEntry data = table.partitions().stream().filter(p -> p.number() == 1).findFirst()
          .orElseThrow(() -> new IOException(image + " has no data partition"));
      try (RegionDevice partition = new RegionDevices(loops).open(disk.path(), data.region());
           MountedVolume volume = new Mounter(runner).mount(partition.path(), DataFilesystem.exFAT, false)) {
        Path root = volume.root();
        Path deleted = root.resolve(deletePath);
        long deletedBytes = Files.size(deleted);
        Files.delete(deleted);
        done.add("deleted " + deletePath + " (" + deletedBytes + " bytes)");

        Path flipped = root.resolve(flipPath);
        try (RandomAccessFile f = new RandomAccessFile(flipped.toFile(), "rw")) {
          long at = f.length() / 2;
          f.seek(at);
          int b = f.read();
          f.seek(at);
          f.write(b ^ 0x01);
          done.add("flipped one bit at byte " + at + " of " + flipPath);
        }

        Path ventoyJson = root.resolve("ventoy/ventoy.json");
        String json = Files.readString(ventoyJson);
        String edited = json.replaceAll("\"VTOY_MENU_TIMEOUT\"\\s*:\\s*\"[0-9]+\"", "\"VTOY_MENU_TIMEOUT\" : \"" + timeoutValue + "\"");
        if (edited.equals(json)) {
          edited = json.replaceFirst("\\{", "{ \"password\" : { \"bootpwd\" : \"txt#hunter2\" },");
        }
        Files.writeString(ventoyJson, edited);
        done.add("edited ventoy/ventoy.json (menu timeout set to " + timeoutValue + " s)");
      }
    }
    return done;
  }
}

package io.rescuefleet.demo;

import io.rescuefleet.e2e.StickVolume;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Damages a pulled stick the way a user on another PC would, through its filesystem: deletes an
 * ISO, changes a byte inside another (its size stays; its mtime moves, or is put back so that only
 * hashing can find the change, as with silent corruption), edits ventoy.json.
 */
public final class StickDamage {
  /** What was done, one line per change; the flipped file's mtime moves. */
  public List<String> damage(Path image, String deletePath, String flipPath, String timeoutValue) throws IOException {
    return damage(image, deletePath, flipPath, timeoutValue, false);
  }

  /** As {@link #damage(Path, String, String, String)}; {@code keepMtime} puts the flipped file's mtime back. */
  public List<String> damage(Path image, String deletePath, String flipPath, String timeoutValue, boolean keepMtime)
      throws IOException {
    List<String> done = new ArrayList<>();
    try (StickVolume volume = StickVolume.open(image, true)) {
      Path root = volume.root();
      Path deleted = root.resolve(deletePath);
      long deletedBytes = Files.size(deleted);
      Files.delete(deleted);
      done.add("deleted " + deletePath + " (" + deletedBytes + " bytes)");

      Path flipped = root.resolve(flipPath);
      FileTime mtime = Files.getLastModifiedTime(flipped);
      long at;
      try (RandomAccessFile f = new RandomAccessFile(flipped.toFile(), "rw")) {
        at = f.length() / 2;
        f.seek(at);
        int b = f.read();
        f.seek(at);
        f.write(b ^ 0x01);
      }
      if (keepMtime) {
        Files.setLastModifiedTime(flipped, mtime);
      }
      done.add("flipped one bit at byte " + at + " of " + flipPath + (keepMtime ? " (mtime kept)" : ""));

      Path ventoyJson = root.resolve("ventoy/ventoy.json");
      String json = Files.readString(ventoyJson);
      String edited = json.replaceAll("\"VTOY_MENU_TIMEOUT\"\\s*:\\s*\"[0-9]+\"", "\"VTOY_MENU_TIMEOUT\" : \"" + timeoutValue + "\"");
      if (edited.equals(json)) {
        edited = json.replaceFirst("\\{", "{ \"password\" : { \"bootpwd\" : \"txt#hunter2\" },");
      }
      Files.writeString(ventoyJson, edited);
      done.add("edited ventoy/ventoy.json (menu timeout set to " + timeoutValue + " s)");
    }
    return done;
  }
}

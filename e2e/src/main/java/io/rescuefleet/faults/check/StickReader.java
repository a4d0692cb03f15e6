package io.rescuefleet.faults.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rescuefleet.station.device.LoopDevice;
import io.rescuefleet.station.device.LoopDevices;
import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessResult;
import io.rescuefleet.station.process.ProcessRunner;
import io.rescuefleet.station.process.ToolFailedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads a stick image the way a careful colleague would check RescueFleet's work, sharing none of its
 * observation or verification code: sfdisk's view of the table, read-only loop devices of its own, a
 * read-only FUSE mount (exfat-fuse, ntfs-3g), SHA-256 of every file read through it, the manifest and
 * the Windows To Go marker parsed as plain JSON, and the Windows To Go volume compared with the image.
 */
public final class StickReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Hives the station's offline servicing edits on purpose (SAN policy, driver path). */
  private static final List<String> SERVICED = List.of("windows/system32/config/system", "windows/system32/config/software");

  private final ProcessRunner runner;
  private final LoopDevices loops;
  private final WimReference wims;

  public StickReader(ProcessRunner runner, WimReference wims) {
    this.runner = runner;
    this.loops = new LoopDevices(runner);
    this.wims = wims;
  }

  public StickContents read(Path image) {
    JsonNode table = table(image);
    String label = table == null ? null : table.path("label").asText(null);
    JsonNode data = partition(table, 1);
    if (data == null) {
      return new StickContents(label, "no partition 1", null, null, Map.of(), null, null);
    }
    StickContents.WtgVolume wtg = partition(table, 3) == null ? null : readWtg(image, partition(table, 3));
    try (LoopDevice device = region(image, data);
         Mount mount = Mount.of(runner, device.path(), "mount.exfat-fuse")) {
      Path root = mount.dir();
      Map<String, StickContents.FileFact> files = files(root);
      StickContents.FileFact json = files.get("ventoy/ventoy.json");
      Path manifestFile = root.resolve(".rescuefleet/manifest.json");
      StickContents.Manifest manifest = null;
      String problem = null;
      if (Files.exists(manifestFile)) {
        try {
          manifest = manifest(JSON.readTree(Files.readAllBytes(manifestFile)));
        } catch (IOException | RuntimeException e) {
          problem = "manifest not readable: " + e.getMessage();
        }
      }
      return new StickContents(label, null, manifest, problem, files, json == null ? null : json.sha256(), wtg);
    } catch (ToolFailedException | UncheckedIOException e) {
      return new StickContents(label, e.getMessage(), null, null, Map.of(), null, wtg);
    }
  }

  private JsonNode table(Path image) {
    ProcessResult r = runner.runAllowingFailure(Command.of("sfdisk", "--json", image.toString()));
    if (r.exitCode() != 0 || r.stdout().isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(r.stdout()).path("partitiontable");
    } catch (IOException e) {
      return null;
    }
  }

  /** Partition {@code n} of the table: sfdisk names them after the image, ending in the number. */
  private static JsonNode partition(JsonNode table, int n) {
    if (table == null) {
      return null;
    }
    for (JsonNode p : table.path("partitions")) {
      if (p.path("node").asText().matches(".*\\D" + n)) {
        return p;
      }
    }
    return null;
  }

  private LoopDevice region(Path image, JsonNode partition) {
    long start = partition.path("start").asLong() * 512;
    long size = partition.path("size").asLong() * 512;
    return loops.attach(image.toString(), start, size, true);
  }

  private StickContents.WtgVolume readWtg(Path image, JsonNode partition) {
    try (LoopDevice device = region(image, partition);
         Mount mount = Mount.of(runner, device.path(), "ntfs-3g")) {
      Path root = mount.dir();
      Path markerFile = root.resolve(".rescuefleet/wtg.json");
      if (!Files.exists(markerFile)) {
        return new StickContents.WtgVolume(null, null, null, List.of(), null);
      }
      JsonNode marker = JSON.readTree(Files.readAllBytes(markerFile));
      String sha = marker.path("imageSha256").asText(null);
      int index = marker.path("imageIndex").asInt();
      Map<String, String> expected = wims.files(sha, index);
      List<String> differences = new ArrayList<>();
      if (expected.isEmpty()) {
        differences.add("the marker names image " + index + " of a WIM this check does not know: " + sha);
      }
      Map<String, String> actual = lowerCased(Hashing.tree(root));
      for (Map.Entry<String, String> e : expected.entrySet()) {
        String key = e.getKey().toLowerCase(Locale.ROOT);
        if (SERVICED.contains(key)) {
          continue;
        }
        String have = actual.get(key);
        if (have == null) {
          differences.add(e.getKey() + " missing");
        } else if (!have.equals(e.getValue())) {
          differences.add(e.getKey() + " differs from the image");
        }
      }
      return new StickContents.WtgVolume(marker.path("applyId").asText(null), sha, index, differences, null);
    } catch (IOException | ToolFailedException | UncheckedIOException e) {
      return new StickContents.WtgVolume(null, null, null, List.of(), "cannot read the volume: " + e.getMessage());
    }
  }

  private static Map<String, String> lowerCased(Map<String, String> files) {
    Map<String, String> out = new TreeMap<>();
    files.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
    return out;
  }

  private static Map<String, StickContents.FileFact> files(Path root) {
    Map<String, StickContents.FileFact> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        String rel = root.relativize(p).toString();
        if (!rel.startsWith(".rescuefleet/")) {
          out.put(rel, new StickContents.FileFact(Files.size(p), Hashing.sha256(p)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the files of the data partition", e);
    }
    return out;
  }

  private static StickContents.Manifest manifest(JsonNode m) {
    List<StickContents.Listed> files = new ArrayList<>();
    for (JsonNode f : m.path("files")) {
      files.add(new StickContents.Listed(f.path("path").asText(), f.path("size").asLong(-1), f.path("sha256").asText()));
    }
    JsonNode w = m.path("wtg");
    StickContents.WtgClaim wtg = w.isObject() ? new StickContents.WtgClaim(w.path("location").asText(null),
        w.path("applyId").asText(null), w.path("imageSha256").asText(null), w.path("index").asInt()) : null;
    Function<String, String> text = field -> m.path(field).isTextual() ? m.path(field).asText() : null;
    return new StickContents.Manifest(text.apply("driveKey"), text.apply("specDigest"), text.apply("ventoyJsonSha256"),
        files, wtg);
  }
}

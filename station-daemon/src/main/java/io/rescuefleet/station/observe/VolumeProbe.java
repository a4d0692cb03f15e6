package io.rescuefleet.station.observe;

import io.rescuefleet.api.validate.PathRules;
import io.rescuefleet.station.fs.FsDriver;
import io.rescuefleet.station.manifest.ManifestCodec;
import io.rescuefleet.station.manifest.ManifestRead;
import io.rescuefleet.station.verify.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the content of a mounted data partition: every regular file with size and mtime (RescueFleet's
 * own directory apart), the manifest, ventoy.json and ventoy_grub.cfg, leftovers of interrupted copies, and space.
 */
public final class VolumeProbe {
  /** RescueFleet's directory on the stick: manifest and staging area. */
  public static final String OWN_DIR = PathRules.MANIFEST_DIR;
  public static final String STAGING_DIR = OWN_DIR + "/staging";
  public static final String MANIFEST = OWN_DIR + "/manifest.json";
  /** A larger ventoy.json is not read into memory; it is still hashed. */
  static final long MAX_VENTOY_JSON = 1 << 20;

  public VolumeState probe(Path root, FsDriver driver) {
    try {
      List<ObservedFile> files = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> !p.equals(root)).forEach(p -> {
          String rel = relative(root, p);
          if (rel.equals(OWN_DIR) || rel.startsWith(OWN_DIR + "/")) {
            return;
          }
          try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            if (a.isRegularFile()) {
              files.add(new ObservedFile(rel, a.size(), a.lastModifiedTime().toMillis()));
            }
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read attributes of " + rel, e);
          }
        });
      }
      files.sort(java.util.Comparator.comparing(ObservedFile::path));
      ManifestRead manifest = readManifest(root.resolve(MANIFEST));
      Path ventoyJson = root.resolve(PathRules.VENTOY_JSON);
      String ventoySha = null;
      String ventoyContent = null;
      if (Files.isRegularFile(ventoyJson)) {
        byte[] bytes = Files.size(ventoyJson) <= MAX_VENTOY_JSON ? Files.readAllBytes(ventoyJson) : null;
        ventoySha = bytes != null ? Digests.sha256(bytes) : hashLarge(ventoyJson);
        ventoyContent = bytes == null ? null : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      }
      Path menu = root.resolve(PathRules.VENTOY_GRUB_CFG);
      String menuContent = Files.isRegularFile(menu) && Files.size(menu) <= MAX_VENTOY_JSON
          ? new String(Files.readAllBytes(menu), java.nio.charset.StandardCharsets.UTF_8) : null;
      List<String> leftovers = new ArrayList<>();
      Path staging = root.resolve(STAGING_DIR);
      if (Files.isDirectory(staging)) {
        try (Stream<Path> list = Files.list(staging)) {
          list.map(p -> relative(root, p)).sorted().forEach(leftovers::add);
        }
      }
      FileStore store = Files.getFileStore(root);
      return new VolumeState(driver, files, manifest, ventoySha, ventoyContent, menuContent, leftovers, store.getUsableSpace(),
          store.getTotalSpace());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the data partition at " + root, e);
    }
  }

  static ManifestRead readManifest(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return new ManifestRead.Absent();
    }
    if (Files.size(file) > ManifestCodec.MAX_BYTES) {
      return new ManifestRead.Unreadable("manifest is " + Files.size(file) + " bytes");
    }
    return ManifestCodec.read(Files.readAllBytes(file));
  }

  private static String hashLarge(Path file) throws IOException {
    var digest = Digests.sha256();
    try (var in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return Digests.hex(digest.digest());
  }

  private static String relative(Path root, Path p) {
    return root.relativize(p).toString().replace(java.io.File.separatorChar, '/');
  }
}

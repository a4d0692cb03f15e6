package io.rescuefleet.station.execute;

import io.rescuefleet.api.v1alpha1.DataFilesystem;
import io.rescuefleet.api.v1alpha1.PartitionStyle;
import io.rescuefleet.station.cache.CachedImage;
import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.observe.FileCheck;
import io.rescuefleet.station.plan.ApplyWtg;
import io.rescuefleet.station.plan.CreateWtgPartition;
import io.rescuefleet.station.plan.FetchImage;
import io.rescuefleet.station.plan.PrepareWtgImage;
import io.rescuefleet.station.plan.RemoveWtg;
import io.rescuefleet.station.plan.WritePartitionTable;
import io.rescuefleet.station.release.VentoyRelease;
import io.rescuefleet.station.session.StickSession;
import io.rescuefleet.station.wtg.image.ImageContents;
import io.rescuefleet.station.wtg.image.ImageSelection;
import io.rescuefleet.station.wtg.image.WimImage;
import io.rescuefleet.station.wtg.image.WimInfo;
import io.rescuefleet.station.wtg.volume.BootConfiguration;
import io.rescuefleet.station.wtg.volume.BootFiles;
import io.rescuefleet.station.wtg.volume.PreparedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Every kind of device work, faked: records what it was asked to do, in order. File work really
 * creates files of the right size under the fake mount, so what reads them back has something to see.
 */
final class RecordingWork
    implements SourceWork, PartitionWork, FilesystemWork, BootWork, VolumeWork, ReadBackWork, WtgWork {
  final List<String> calls = new ArrayList<>();
  final Map<String, byte[]> written = new HashMap<>();
  final Map<String, CachedImage> cache = new HashMap<>();
  final Set<String> corruptOnDevice = new java.util.HashSet<>();
  final Set<String> unreadableOnDevice = new java.util.HashSet<>();
  /** SHA-256s of cached images that no longer hash right. */
  final Set<String> corruptInCache = new java.util.HashSet<>();
  String failOn;
  /** What the call named by {@link #failOn} throws; null: an IllegalStateException. */
  RuntimeException failWith;

  Works works() {
    return new Works(this, this, this, this, this, this, this);
  }

  private void record(String call) {
    calls.add(call);
    if (failOn != null && call.startsWith(failOn)) {
      throw failWith != null ? failWith : new IllegalStateException("injected failure in " + call);
    }
  }

  @Override
  public CachedImage fetch(FetchImage action, Cancellation cancellation, LongConsumer progress) {
    record("fetch " + action.entry());
    CachedImage image = new CachedImage(action.sha256(), Path.of("/cache", action.sha256()), action.size(), 16 << 20,
        List.of(action.sha256()));
    cache.put(action.sha256(), image);
    return image;
  }

  @Override
  public boolean intact(CachedImage image) {
    record("rehash " + image.sha256().substring(0, 8));
    return !corruptInCache.contains(image.sha256());
  }

  @Override
  public void evict(String sha256) {
    record("evict " + sha256.substring(0, 8));
    cache.remove(sha256);
  }

  @Override
  public Optional<CachedImage> cached(String sha256) {
    return Optional.ofNullable(cache.get(sha256));
  }

  @Override
  public void writeTable(String disk, WritePartitionTable action) {
    record("table " + disk + " " + action.layout().style());
  }

  @Override
  public void formatData(String device, DataFilesystem filesystem, String label, long sizeBytes) {
    record("format " + device + " " + filesystem + " " + label);
  }

  @Override
  public void relabelData(String device, DataFilesystem filesystem, String label) {
    record("relabel " + device + " " + label);
  }

  @Override
  public void formatEfi(String device) {
    record("formatEfi " + device);
  }

  @Override
  public long writeBootCode(String disk, VentoyRelease release, PartitionStyle style) {
    record("bootCode " + disk);
    return 512;
  }

  @Override
  public long writeEfiImage(String efiDevice, VentoyRelease release, boolean secureBoot, LongConsumer progress) {
    record("efiImage " + efiDevice);
    return 33554432;
  }

  @Override
  public void cleanStaging(Path root) {
    record("cleanStaging");
  }

  @Override
  public void delete(Path root, String path) {
    record("delete " + path);
  }

  @Override
  public void copyAll(StickSession session, List<Copy> batch, Cancellation cancellation, CopyEvents events) {
    Path root = session.writableRoot();
    for (int i = 0; i < batch.size(); i++) {
      Copy copy = batch.get(i);
      record("copy " + copy.path());
      try {
        Path target = root.resolve(copy.path());
        Files.createDirectories(target.getParent());
        try (var raf = new java.io.RandomAccessFile(target.toFile(), "rw")) {
          raf.setLength(copy.size());
        }
        events.progress(i, copy.size());
        events.placed(i);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void writeAtomically(Path root, String path, byte[] content) {
    record("write " + path);
    written.put(path, content);
  }

  @Override
  public FileCheck readBack(StickSession session, String path, CachedImage source, Cancellation cancellation,
      LongConsumer progress) {
    record("readBack " + path);
    progress.accept(source.size());
    if (unreadableOnDevice.contains(path)) {
      return new FileCheck(path, FileCheck.Status.UNREADABLE, null, List.of(), 0, "cannot read /dev/fake-data at 4096");
    }
    boolean corrupt = corruptOnDevice.contains(path);
    return new FileCheck(path, corrupt ? FileCheck.Status.MISMATCH : FileCheck.Status.MATCH, source.sha256(),
        source.chunks(), source.size(), corrupt ? "chunk 0 differs" : null);
  }

  @Override
  public PreparedImage prepare(PrepareWtgImage action, CachedImage image) {
    record("wtgPrepare " + action.profile());
    WimImage home = new WimImage(2, "Windows 11 Home", null, null, "Core", "Core", "amd64", null, 1000);
    return new PreparedImage(image.file(), action.sha256(), new WimInfo(List.of(home)),
        new ImageSelection(action.index(), action.edition()), home,
        new ImageContents(1, 1000, List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), false, List.of()),
        new BootFiles(BootConfiguration.NotGenerated, List.of(), null, "no template"));
  }

  @Override
  public void createPartition(String disk, CreateWtgPartition action) {
    record("wtgPartition " + action.number());
  }

  @Override
  public StickManifest.WtgRecord apply(StickSession session, ApplyWtg action, PreparedImage image,
      Cancellation cancellation, LongConsumer progress) {
    record("wtgApply " + action.target());
    progress.accept(1000);
    return new StickManifest.WtgRecord(action.wtg().profileName(), action.wtg().target().name(), action.target(), "id",
        image.sha256(), image.image().index(), action.wtg().edition(), image.image().name(), "u".repeat(64),
        "NotGenerated", "2025-06-01T00:00:00Z");
  }

  @Override
  public void remove(StickSession session, RemoveWtg action) {
    record("wtgRemove " + action.target());
  }
}

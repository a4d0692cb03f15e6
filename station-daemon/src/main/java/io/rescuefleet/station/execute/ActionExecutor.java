package io.rescuefleet.station.execute;

import io.rescuefleet.station.fs.StickPaths;
import io.rescuefleet.api.validate.PathRules;
import io.rescuefleet.api.wire.ReportBatch.Direction;
import io.rescuefleet.station.cache.CachedImage;
import io.rescuefleet.station.cache.SourceFailedException;
import io.rescuefleet.station.device.BlockDevices;
import io.rescuefleet.station.failure.StationException;
import io.rescuefleet.station.failure.StickIoException;
import io.rescuefleet.station.manifest.ManifestCodec;
import io.rescuefleet.station.manifest.ManifestComposer;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.manifest.StickManifest.FileRecord;
import io.rescuefleet.station.observe.FileCheck;
import io.rescuefleet.station.observe.VolumeProbe;
import io.rescuefleet.station.plan.Action;
import io.rescuefleet.station.plan.ApplyWtg;
import io.rescuefleet.station.plan.CleanStaging;
import io.rescuefleet.station.plan.CopyFile;
import io.rescuefleet.station.plan.CreateWtgPartition;
import io.rescuefleet.station.plan.DeleteFile;
import io.rescuefleet.station.plan.FetchImage;
import io.rescuefleet.station.plan.FormatDataPartition;
import io.rescuefleet.station.plan.FormatEfiPartition;
import io.rescuefleet.station.plan.Plan;
import io.rescuefleet.station.plan.PrepareWtgImage;
import io.rescuefleet.station.plan.RecordWtg;
import io.rescuefleet.station.plan.RelabelDataPartition;
import io.rescuefleet.station.plan.RemoveVentoyMenu;
import io.rescuefleet.station.plan.RemoveWtg;
import io.rescuefleet.station.plan.RetractManifestEntries;
import io.rescuefleet.station.plan.RetractWtgRecord;
import io.rescuefleet.station.plan.VerifyFile;
import io.rescuefleet.station.plan.WriteBootCode;
import io.rescuefleet.station.plan.WriteEfiImage;
import io.rescuefleet.station.plan.WriteManifest;
import io.rescuefleet.station.plan.WritePartitionTable;
import io.rescuefleet.station.plan.WriteVentoyJson;
import io.rescuefleet.station.plan.WriteVentoyMenu;
import io.rescuefleet.station.plan.WtgAction;
import io.rescuefleet.station.session.StickSession;
import io.rescuefleet.station.wtg.volume.PreparedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a plan's actions in order, dispatching each to the device work of its kind. Decides
 * nothing: every choice is in the plan. Stops at the first failure; because the plan fetches sources
 * first, retracts manifest entries before changing files and writes the manifest last, a failure
 * leaves a stick whose manifest lists only verified content.
 */
public final class ActionExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(ActionExecutor.class);

  private final Works works;
  private final ManifestComposer composer;

  public ActionExecutor(Works works, ManifestComposer composer) {
    this.works = works;
    this.composer = composer;
  }

  public ExecutionResult execute(Plan plan, ExecutionContext ctx, ExecutionListener listener) {
    Run run = new Run(ctx, listener);
    List<ActionReport> reports = new ArrayList<>();
    List<Action> actions = plan.actions();
    String disk = ctx.session().disk();
    long writtenBefore = run.sectorsAtStart;
    for (int i = 0; i < actions.size(); ) {
      if (actions.get(i) instanceof CopyFile) {
        // Consecutive copies go to the volume work as one batch (it may prepare them together); each
        // still gets its own report, timed from the previous file's placement to its own.
        int end = i;
        while (end < actions.size() && actions.get(end) instanceof CopyFile) {
          end++;
        }
        RuntimeException failure = run.copyBatch(i, actions.size(), actions.subList(i, end), reports);
        if (failure != null) {
          return new ExecutionResult(reports, written(disk, writtenBefore, run), run.read.get(), failure);
        }
        i = end;
        continue;
      }
      Action action = actions.get(i);
      Window window = Window.open(disk);
      listener.started(i, actions.size(), action);
      try {
        ctx.cancellation().check();
        long moved = run.perform(action);
        reports.add(window.report(action, moved, true, null));
        listener.finished(action, reports.get(reports.size() - 1));
      } catch (RuntimeException e) {
        RuntimeException failure = onTheStick(action, e);
        reports.add(window.report(action, 0, false, failure.getMessage()));
        listener.finished(action, reports.get(reports.size() - 1));
        return new ExecutionResult(reports, written(disk, writtenBefore, run), run.read.get(), failure);
      }
      i++;
    }
    return new ExecutionResult(reports, written(disk, writtenBefore, run), run.read.get(), null);
  }

  /** One action's stretch of time and of the disk's write counter, and its report once it ends. */
  private record Window(String disk, long sectorsBefore, long started) {
    static Window open(String disk) {
      return new Window(disk, BlockDevices.sectorsWritten(disk), System.nanoTime());
    }

    ActionReport report(Action action, long moved, boolean ok, String error) {
      double seconds = (System.nanoTime() - started) / 1e9;
      long deviceBytes = (BlockDevices.sectorsWritten(disk) - sectorsBefore) * 512;
      long bytes = !ok ? 0 : action.writesToStick() && sectorsBefore >= 0 ? deviceBytes : moved;
      if (ok) {
        LOG.info("action done type={} target={} bytes={} seconds={}", action.type(), action.target(), bytes,
            String.format("%.3f", seconds));
      } else {
        LOG.warn("action failed type={} target={} error={}", action.type(), action.target(), error);
      }
      return new ActionReport(action.type(), action.target(), action.describe(), direction(action), bytes, seconds, ok,
          error);
    }
  }

  /**
   * An I/O error of an action on the stick, as the condition it is: the data partition full, or the stick
   * failing or gone (pulled, its FUSE daemon dead), with what the system said. Other failures as they are.
   */
  private static RuntimeException onTheStick(Action action, RuntimeException e) {
    if (e instanceof StationException || action instanceof FetchImage || action instanceof PrepareWtgImage) {
      return e;
    }
    return StickIoException.ioCause(e).<RuntimeException>map(io -> {
      String says = StickIoException.systemSays(io);
      if (says.contains("No space left on device")) {
        return new InsufficientSpaceException(action.describe() + ": the data partition is full (" + says + ")");
      }
      return StickIoException.of(action.describe(), io);
    }).orElse(e);
  }

  private static Direction direction(Action action) {
    if (action.writesToStick()) {
      return Direction.write;
    }
    return action instanceof VerifyFile ? Direction.read : null;
  }

  private static long written(String disk, long before, Run run) {
    long after = BlockDevices.sectorsWritten(disk);
    return before >= 0 && after >= 0 ? (after - before) * 512 : run.written.get();
  }

  /** The state of one execution: sources fetched, copies made and verified, bytes moved. */
  private final class Run {
    private final ExecutionContext ctx;
    private final ExecutionListener listener;
    private final StickSession session;
    private final Map<String, CachedImage> sources = new HashMap<>();
    private final Map<String, FileRecord> verified = new LinkedHashMap<>();
    /** Bytes moved by the actions' own count: what the manifest records only when the device keeps no count. */
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong read = new AtomicLong();
    /** The device's write counter when the run began (-1: the kernel keeps none for it). */
    private final long sectorsAtStart;
    /** The manifest on the stick now: the one observed, or what this run retracted it to. */
    private Optional<StickManifest> onStick;
    /** The Windows To Go image checked for this run's apply. */
    private PreparedImage prepared;
    /** What the manifest is to say about Windows To Go; null while this run has not changed it. */
    private ManifestComposer.WtgChange wtg;

    Run(ExecutionContext ctx, ExecutionListener listener) {
      this.ctx = ctx;
      this.listener = listener;
      this.session = ctx.session();
      this.onStick = ctx.previousManifest();
      this.sectorsAtStart = BlockDevices.sectorsWritten(session.disk());
    }

    /** Performs one action; returns the bytes it moved by its own count. */
    long perform(Action action) {
      if (action instanceof FetchImage a) {
        CachedImage image = works.sources().fetch(a, ctx.cancellation(), progress(a, null));
        sources.put(a.sha256(), image);
        return image.size();
      }
      if (action instanceof WritePartitionTable a) {
        session.quiesced();
        works.partitions().writeTable(session.disk(), a);
        return count(a.bytes());
      }
      if (action instanceof FormatDataPartition a) {
        String device = session.quiesced();
        works.filesystems().formatData(device, a.filesystem(), a.label(), a.region().sizeBytes());
        onStick = Optional.empty(); // the new filesystem holds no manifest
        return 0;
      }
      if (action instanceof RelabelDataPartition a) {
        works.filesystems().relabelData(session.quiesced(), a.filesystem(), a.label());
        return count(a.bytes());
      }
      if (action instanceof FormatEfiPartition) {
        works.filesystems().formatEfi(session.efiDevice());
        return 0;
      }
      if (action instanceof WriteBootCode a) {
        return count(works.boot().writeBootCode(session.disk(), release(a.version()), a.style()));
      }
      if (action instanceof WriteEfiImage a) {
        // Its progress already counts what it writes.
        return works.boot().writeEfiImage(session.efiDevice(), release(a.version()), a.secureBoot(),
            progress(a, Direction.write));
      }
      if (action instanceof CleanStaging) {
        works.volume().cleanStaging(session.writableRoot());
        return 0;
      }
      if (action instanceof RetractManifestEntries a) {
        StickManifest previous = onStick.orElseThrow(
            () -> new IllegalStateException("the plan retracts entries from a manifest the stick does not have"));
        StickManifest retracted = composer.retract(previous, a.paths());
        byte[] bytes = ManifestCodec.write(retracted);
        works.volume().writeAtomically(session.writableRoot(), VolumeProbe.MANIFEST, bytes);
        onStick = Optional.of(retracted);
        return count(bytes.length);
      }
      if (action instanceof DeleteFile a) {
        works.volume().delete(session.writableRoot(), a.path());
        return 0;
      }
      if (action instanceof VerifyFile a) {
        CachedImage source = source(a.sha256(), a.path());
        FileCheck check = works.readBack().readBack(session, a.path(), source, ctx.cancellation(), progress(a, Direction.read));
        if (!check.matches()) {
          throw unverified(a, source, check);
        }
        verified.put(a.path(), new FileRecord(a.path(), a.entry(), source.size(), 0, a.sha256(), source.chunkSize(),
            source.chunks(), java.time.Instant.now().toString()));
        return check.bytesHashed();
      }
      if (action instanceof WriteVentoyJson a) {
        byte[] bytes = a.content().getBytes(StandardCharsets.UTF_8);
        works.volume().writeAtomically(session.writableRoot(), PathRules.VENTOY_JSON, bytes);
        return count(bytes.length);
      }
      if (action instanceof WriteVentoyMenu a) {
        byte[] bytes = a.content().getBytes(StandardCharsets.UTF_8);
        works.volume().writeAtomically(session.writableRoot(), PathRules.VENTOY_GRUB_CFG, bytes);
        return count(bytes.length);
      }
      if (action instanceof RemoveVentoyMenu) {
        works.volume().delete(session.writableRoot(), PathRules.VENTOY_GRUB_CFG);
        return 0;
      }
      if (action instanceof WriteManifest a) {
        // The drive's identity and history come from the manifest observed, or, on a stick that had none,
        // from the claim this run wrote before its first in-place copy.
        byte[] bytes = ManifestCodec.write(composer.compose(ctx.previousManifest().or(() -> onStick), update(a)));
        works.volume().writeAtomically(session.writableRoot(), VolumeProbe.MANIFEST, bytes);
        return count(bytes.length);
      }
      if (action instanceof WtgAction a) {
        return windowsToGo(a);
      }
      throw new IllegalStateException("no executor for " + action.type());
    }

    /**
     * Copies {@code batch} (actions {@code first}.. of {@code count}), reporting each as its own action;
     * returns the failure that stopped it, or null.
     */
    RuntimeException copyBatch(int first, int count, List<Action> batch, List<ActionReport> reports) {
      List<VolumeWork.Copy> copies = new ArrayList<>();
      for (Action action : batch) {
        CopyFile a = (CopyFile) action;
        CachedImage source;
        try {
          source = source(a.sha256(), a.path());
        } catch (RuntimeException e) {
          listener.started(first + copies.size(), count, a);
          reports.add(Window.open(session.disk()).report(a, 0, false, e.getMessage()));
          listener.finished(a, reports.get(reports.size() - 1));
          return e;
        }
        copies.add(new VolumeWork.Copy(a.path(), source.file(), source.size()));
      }
      BatchReports events = new BatchReports(first, count, batch, reports);
      try {
        ctx.cancellation().check();
        works.volume().copyAll(session, copies, ctx.cancellation(), events);
        return null;
      } catch (RuntimeException e) {
        RuntimeException failure = onTheStick(batch.get(Math.min(events.current, batch.size() - 1)), e);
        events.failed(failure);
        return failure;
      }
    }

    /** A batch's placements as one report per copy, each timed from the previous placement to its own. */
    private final class BatchReports implements VolumeWork.CopyEvents {
      private final int first;
      private final int count;
      private final List<Action> batch;
      private final List<ActionReport> reports;
      private final List<LongConsumer> progress = new ArrayList<>();
      private int current;
      private Window window;

      BatchReports(int first, int count, List<Action> batch, List<ActionReport> reports) {
        this.first = first;
        this.count = count;
        this.batch = batch;
        this.reports = reports;
        batch.forEach(a -> progress.add(Run.this.progress(a, Direction.write)));
        begin(0);
      }

      @Override
      public void claiming(List<String> paths) {
        claim(paths);
      }

      @Override
      public void progress(int index, long bytes) {
        progress.get(index).accept(bytes);
      }

      @Override
      public void placed(int index) {
        CopyFile done = (CopyFile) batch.get(index);
        reports.add(window.report(done, done.size(), true, null));
        listener.finished(done, reports.get(reports.size() - 1));
        if (index + 1 < batch.size()) {
          begin(index + 1);
        } else {
          current = batch.size();
        }
      }

      void failed(RuntimeException e) {
        if (current < batch.size()) {
          Action action = batch.get(current);
          reports.add(window.report(action, 0, false, e.getMessage()));
          listener.finished(action, reports.get(reports.size() - 1));
        }
      }

      private void begin(int index) {
        current = index;
        window = Window.open(session.disk());
        listener.started(first + index, count, batch.get(index));
      }
    }

    /**
     * Why a copy did not read back as its source, after taking the copy away (it is this run's, and wrong:
     * left in place, the next run would take it for a stranger's file in the way). A source that no
     * longer hashes right is the cache's fault, not the stick's: it leaves the cache, to be fetched again.
     */
    private RuntimeException unverified(VerifyFile a, CachedImage source, FileCheck check) {
      try {
        works.volume().delete(session.writableRoot(), a.path());
      } catch (RuntimeException e) {
        LOG.warn("unverified copy not removed path={} error={}", a.path(), e.getMessage());
      }
      if (check.status() == FileCheck.Status.UNREADABLE) {
        return new StickIoException("verify " + a.path() + " from " + session.disk() + ": " + check.detail()
            + " (the stick did not answer: was it pulled, or is it failing?)", null);
      }
      if (!works.sources().intact(source)) {
        works.sources().evict(source.sha256());
        return new SourceFailedException("the station's cached copy of " + a.entry() + " (cache/"
            + source.sha256().substring(0, 12) + ") is corrupt: it no longer hashes to its SHA-256; it was removed from "
            + "the cache and is fetched again on the next run (" + a.path() + " was not kept)");
      }
      return new VerifyFailedException(a.path() + " read back from " + session.disk() + " differs from what was "
          + "written: " + check.detail() + " (the copy was removed)");
    }

    /**
     * Makes {@code paths} RescueFleet's on the stick before files appear under them unverified: pending in
     * a manifest written now (on a stick without one, a manifest that lists nothing else). Paths the
     * manifest already lists as pending cost no write.
     */
    private void claim(List<String> paths) {
      Set<String> known = onStick.map(StickManifest::pending).orElse(List.of()).stream()
          .map(PathRules::collisionKey).collect(Collectors.toSet());
      List<String> fresh = paths.stream().filter(p -> !known.contains(PathRules.collisionKey(p))).toList();
      if (fresh.isEmpty()) {
        return;
      }
      StickManifest claimed = onStick.isPresent() ? composer.retract(onStick.get(), fresh)
          : composer.claim(ctx.previousManifest(), ctx.desired().driveKey(), fresh);
      byte[] bytes = ManifestCodec.write(claimed);
      works.volume().writeAtomically(session.writableRoot(), VolumeProbe.MANIFEST, bytes);
      onStick = Optional.of(claimed);
      count(bytes.length);
    }

    /** Windows To Go steps; what they apply or remove is recorded by the manifest written after them. */
    private long windowsToGo(WtgAction action) {
      if (action instanceof PrepareWtgImage a) {
        prepared = works.wtg().prepare(a, source(a.sha256(), "WtgProfile \"" + a.profile() + "\""));
        return 0;
      }
      if (action instanceof RetractWtgRecord) {
        wtg = new ManifestComposer.WtgChange(null);
        if (onStick.isEmpty() || onStick.get().wtg() == null) {
          return 0;
        }
        StickManifest retracted = composer.withoutWtg(onStick.get());
        byte[] bytes = ManifestCodec.write(retracted);
        works.volume().writeAtomically(session.writableRoot(), VolumeProbe.MANIFEST, bytes);
        onStick = Optional.of(retracted);
        return count(bytes.length);
      }
      if (action instanceof RecordWtg a) {
        wtg = new ManifestComposer.WtgChange(a.record());
        return 0;
      }
      if (action instanceof CreateWtgPartition a) {
        session.quiesced();
        works.wtg().createPartition(session.disk(), a);
        return count(a.bytes());
      }
      if (action instanceof ApplyWtg a) {
        if (prepared == null || !prepared.sha256().equals(a.wtg().imageSha256())) {
          throw new IllegalStateException("the plan applies Windows To Go without checking its image first");
        }
        wtg = new ManifestComposer.WtgChange(works.wtg().apply(session, a, prepared, ctx.cancellation(),
            progress(a, Direction.write)));
        return prepared.contents().bytes();
      }
      RemoveWtg a = (RemoveWtg) action; // the last kind of a sealed hierarchy
      works.wtg().remove(session, a);
      if (wtg == null || (wtg.record() != null && a.target().equals(wtg.record().location()))) {
        wtg = new ManifestComposer.WtgChange(null);
      }
      return 0;
    }

    /** The manifest update: verified copies get their size and mtime from the filesystem as it is now. */
    private ManifestComposer.Update update(WriteManifest a) {
      Path root = session.writableRoot();
      List<FileRecord> copies = new ArrayList<>();
      for (String path : a.pending()) {
        FileRecord v = verified.get(path);
        if (v == null) {
          continue; // not verified: never listed
        }
        try {
          BasicFileAttributes attrs = Files.readAttributes(StickPaths.resolve(root, path), BasicFileAttributes.class);
          if (attrs.size() != v.size()) {
            throw new VerifyFailedException(path + " has " + attrs.size() + " bytes after verification, expected " + v.size());
          }
          copies.add(new FileRecord(v.path(), v.entry(), v.size(), attrs.lastModifiedTime().toMillis(), v.sha256(),
              v.chunkSize(), v.chunks(), v.verifiedAt()));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + path + " back for the manifest", e);
        }
      }
      var desired = ctx.desired();
      boolean allPresent = a.pending().stream().allMatch(verified::containsKey);
      // The lifetime count is what reached the device, as the run's bytesWritten is: one meaning for wear.
      return new ManifestComposer.Update(desired.driveKey(), desired.specDigest(), a.claimsSpec() && allPresent,
          desired.ventoyJsonSha256(), a.carried(), copies, a.verifyPass(), written(session.disk(), sectorsAtStart, this),
          wtg);
    }

    private CachedImage source(String sha256, String path) {
      CachedImage image = sources.get(sha256);
      if (image == null) {
        image = works.sources().cached(sha256).orElseThrow(
            () -> new IllegalStateException("the source of " + path + " is not in the cache"));
        sources.put(sha256, image);
      }
      return image;
    }

    private io.rescuefleet.station.release.VentoyRelease release(String version) {
      var release = ctx.release();
      if (release == null || !release.version().equals(version)) {
        throw new IllegalStateException("the plan installs Ventoy " + version + " but no such release is loaded");
      }
      return release;
    }

    private long count(long bytes) {
      written.addAndGet(bytes);
      return bytes;
    }

    private LongConsumer progress(Action action, Direction direction) {
      return n -> {
        if (direction == Direction.write) {
          written.addAndGet(n);
        } else if (direction == Direction.read) {
          read.addAndGet(n);
        }
        listener.progress(action, direction, n);
      };
    }
  }
}

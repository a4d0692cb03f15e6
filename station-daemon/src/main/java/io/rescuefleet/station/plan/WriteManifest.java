package io.rescuefleet.station.plan;

import io.rescuefleet.station.manifest.StickManifest.FileRecord;
import io.rescuefleet.station.verify.VerifyPass;
import java.util.List;

/**
 * Write the manifest, always as the last step and atomically: the files kept or adopted as they are
 * ({@code carried}), plus the files this run copies once their read-back verification passed
 * ({@code pending}), and this pass's verification when one is worth recording. {@code claimsSpec}:
 * once every pending file verified, the stick holds the whole spec and the manifest may say so.
 * {@code bookkeeping}: the stick already matches its spec and only the verification is recorded.
 */
public record WriteManifest(String why, List<FileRecord> carried, List<String> pending, VerifyPass verifyPass,
    boolean claimsSpec, boolean bookkeeping) implements Action {
  public static final String PATH = ".rescuefleet/manifest.json";

  public WriteManifest {
    carried = List.copyOf(carried);
    pending = List.copyOf(pending);
  }

  @Override
  public String target() {
    return PATH;
  }

  @Override
  public long bytes() {
    return -1;
  }

  @Override
  public String describe() {
    return "write manifest (" + why + ")";
  }
}

package io.rescuefleet.station.plan;

/**
 * Write an image to the data partition from the cache: to a staging name, fsync, rename into place,
 * fsync the directory.
 */
public record CopyFile(String path, String entry, String sha256, long size, Reason reason) implements Action {

  /** Why the file is (re)written. */
  public enum Reason {
    MISSING("missing"),
    FORMATTED("new filesystem"),
    SIZE_DIFFERS("size differs"),
    CORRUPT("content differs from its verified hash"),
    SPEC_CHANGED("spec names new content"),
    UNFINISHED("left unverified by an interrupted run");

    private final String words;

    Reason(String words) {
      this.words = words;
    }

    @Override
    public String toString() {
      return words;
    }
  }

  @Override
  public String target() {
    return path;
  }

  @Override
  public long bytes() {
    return size;
  }

  @Override
  public String describe() {
    return "copy " + path + " (" + reason + ")";
  }
}

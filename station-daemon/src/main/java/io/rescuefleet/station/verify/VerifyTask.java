package io.rescuefleet.station.verify;

import java.util.List;

/**
 * One range of one file to hash from the device and what it must hash to: a chunk against its
 * recorded chunk hash, or a whole file against its SHA-256 (optionally also yielding chunk hashes).
 */
public record VerifyTask(String path, long fileSize, Kind kind, int chunkIndex, long offset, long length,
    String expectedSha256, boolean computeChunks) {

  /** Whether the task covers one chunk or the whole file. */
  public enum Kind {
    CHUNK,
    WHOLE
  }

  public static VerifyTask whole(String path, long size, String expectedSha256, boolean computeChunks) {
    return new VerifyTask(path, size, Kind.WHOLE, -1, 0, size, expectedSha256, computeChunks);
  }

  /** Tasks for every chunk of a file whose chunk hashes are known. */
  public static List<VerifyTask> allChunks(String path, long size, long chunkSize, List<String> chunks) {
    List<VerifyTask> tasks = new java.util.ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      tasks.add(chunk(path, size, chunkSize, i, chunks.get(i)));
    }
    return tasks;
  }

  public static VerifyTask chunk(String path, long size, long chunkSize, int index, String expectedSha256) {
    long offset = index * chunkSize;
    return new VerifyTask(path, size, Kind.CHUNK, index, offset, Math.max(0, Math.min(chunkSize, size - offset)),
        expectedSha256, false);
  }
}

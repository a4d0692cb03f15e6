package io.rescuefleet.station.observe;

import java.util.List;

/**
 * The result of hashing (part of) one file from the device. A whole-file check also yields the file's
 * SHA-256 and chunk hashes, so a matching file RescueFleet did not record can be adopted unwritten.
 */
public record FileCheck(String path, Status status, String sha256, List<String> chunks, long bytesHashed, String detail) {
  public FileCheck {
    chunks = chunks == null ? List.of() : List.copyOf(chunks);
  }

  /** How the content compared with what was expected. */
  public enum Status {
    MATCH,
    MISMATCH,
    UNREADABLE
  }

  public boolean matches() {
    return status == Status.MATCH;
  }
}

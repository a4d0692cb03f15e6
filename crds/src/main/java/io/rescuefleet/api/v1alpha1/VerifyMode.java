package io.rescuefleet.api.v1alpha1;

/** How deeply a stick is verified, from cheapest to most thorough. */
public enum VerifyMode {
  /** Layout, manifest, file sizes and mtimes; hashes nothing. */
  Quick,
  /** Quick, plus a rotating sample of the data hashed from the device. */
  Sampled,
  /** Every managed byte hashed from the device. */
  Full;

  /** The deeper of two modes. */
  public VerifyMode atLeast(VerifyMode other) {
    return compareTo(other) >= 0 ? this : other;
  }
}

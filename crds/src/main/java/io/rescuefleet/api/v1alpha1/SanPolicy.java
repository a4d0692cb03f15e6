package io.rescuefleet.api.v1alpha1;

/** Windows SAN policies, as the Partition Manager's SanPolicy setting numbers them. */
public enum SanPolicy {
  OnlineAll(1),
  OfflineShared(2),
  OfflineAll(3),
  OfflineInternal(4);

  private final int windowsValue;

  SanPolicy(int windowsValue) {
    this.windowsValue = windowsValue;
  }

  /** The number unattend.xml's {@code SanPolicy} element takes. */
  public int windowsValue() {
    return windowsValue;
  }
}

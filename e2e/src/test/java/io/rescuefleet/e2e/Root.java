package io.rescuefleet.e2e;

/** End-to-end tests attach loop devices and mount filesystems: they need root and say so loudly. */
final class Root {
  private Root() {}

  static void require() {
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException("end-to-end tests need root (loop devices, mounts); run bin/test as root");
    }
  }
}

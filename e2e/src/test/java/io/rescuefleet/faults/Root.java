package io.rescuefleet.faults;

/** The drills attach loop devices, mount filesystems and kill processes: they need root and say so loudly. */
final class Root {
  private Root() {}

  static void require() {
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException("the fault drills need root (loop devices, mounts); run bin/test as root");
    }
  }
}

package io.rescuefleet.station.testkit;

import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * SYSTEM and SOFTWARE registry hives with the keys Windows To Go's offline servicing edits, and other
 * values beside them that must survive it; built from {@link MinimalHive} with hivexsh.
 */
public final class WindowsHives {
  private WindowsHives() {}

  /** {@code Select\Current} = 1 and {@code ControlSet001\Services\partmgr\Parameters} holding other values. */
  public static void system(Path file) throws IOException {
    MinimalHive.write(file, "SYSTEM");
    edit(file, String.join("\n",
        "add Select", "cd Select", "setval 1", "Current", "dword:0x00000001",
        "cd \\", "add ControlSet001", "cd ControlSet001", "add Services", "cd Services", "add partmgr", "cd partmgr",
        "add Parameters", "cd Parameters", "setval 2", "Other", "dword:0x00000007", "Path", "string:C:\\keep\\me \"quoted\"",
        "commit", ""));
  }

  /** {@code Microsoft\Windows\CurrentVersion} with DevicePath and other values. */
  public static void software(Path file) throws IOException {
    MinimalHive.write(file, "SOFTWARE");
    edit(file, String.join("\n",
        "add Microsoft", "cd Microsoft", "add Windows", "cd Windows", "add CurrentVersion", "cd CurrentVersion",
        "setval 3", "DevicePath", "expandstring:%SystemRoot%\\inf", "ProgramFilesDir", "string:C:\\Program Files",
        "InstallTime", "hex:11:00,01,02,03,04,05,06,07", "commit", ""));
  }

  private static void edit(Path file, String script) {
    new ProcessRunner().run(Command.of("hivexsh", "-w", file.toString()).withStdin(script.getBytes(StandardCharsets.UTF_8)));
  }
}

package io.rescuefleet.station.cache;

import io.rescuefleet.station.process.Command;
import io.rescuefleet.station.process.ProcessResult;
import io.rescuefleet.station.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Checks a detached GPG signature with Debian's gpgv against exactly one armored public key (the one
 * the catalog names), in a throw-away keyring: nothing from the machine's keyrings is trusted.
 */
final class SignatureChecker {
  private final ProcessRunner runner;

  SignatureChecker(ProcessRunner runner) {
    this.runner = runner;
  }

  /** @throws SourceFailedException when the signature does not verify, naming {@code what} */
  void check(Path file, Path signature, String armoredKey, String what) {
    Path home = null;
    try {
      home = Files.createTempDirectory("rescuefleet-gpg-");
      Path key = home.resolve("key.asc");
      Path keyring = home.resolve("key.gpg");
      Files.writeString(key, armoredKey, StandardCharsets.US_ASCII);
      ProcessResult dearmor = runner.runAllowingFailure(Command.of("gpg", "--batch", "--homedir", home.toString(),
          "--dearmor", "--output", keyring.toString(), key.toString()));
      if (!dearmor.succeeded()) {
        throw new SourceFailedException(what + ": the public key is not an armored OpenPGP key");
      }
      ProcessResult verify = runner.runAllowingFailure(Command.of("gpgv", "--homedir", home.toString(), "--keyring",
          keyring.toString(), signature.toString(), file.toString()));
      if (!verify.succeeded()) {
        throw new SourceFailedException(what + ": GPG signature does not verify with the given key ("
            + verify.stderr().strip().replace('\n', ' ') + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a keyring", e);
    } finally {
      deleteTree(home);
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a stray temporary keyring holds only a public key
    }
  }
}

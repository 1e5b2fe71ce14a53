package org.relay247.pki.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.relay247.pki.Password;
import org.relay247.pki.Passwords;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where a keystore password comes from when it is not the {@code .pass} file beside the
 * keystore: a file or an environment variable. There is deliberately no option that takes the
 * password itself (it would show in {@code ps} and shell history).
 */
final class PasswordOptions {
  @ArgGroup(exclusive = true)
  Source source;

  static final class Source {
    @Option(names = "--password-file", paramLabel = "FILE",
        description = "Read the keystore password from FILE (default: the .pass file beside the keystore).")
    Path file;

    @Option(names = "--password-env", paramLabel = "VAR",
        description = "Read the keystore password from environment variable VAR.")
    String variable;
  }

  /** The passwords to use, with the override (if any) applying to {@code keystore}. */
  Passwords passwordsFor(Path keystore) throws IOException {
    Optional<Password> override = override();
    return override.isPresent() ? Passwords.override(keystore, override.get()) : Passwords.siblingFiles();
  }

  private Optional<Password> override() throws IOException {
    if (source == null) {
      return Optional.empty();
    }
    if (source.file != null) {
      return Optional.of(Password.fromFile(source.file));
    }
    return Optional.of(Password.fromEnvironment(source.variable, System.getenv()));
  }
}

package org.relay247.protocol.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.relay247.pki.SecureFiles;

/** Output files of the CLI: never replaced silently, written whole (atomically). */
final class OutputFiles {
  private OutputFiles() {}

  /** Fails before any work is done if {@code file} exists and {@code force} is off. */
  static void requireWritable(Path file, boolean force) {
    if (!force && Files.exists(file)) {
      throw new IllegalStateException(file + " already exists (add --force to replace it)");
    }
  }

  /** Writes public (signed or encrypted) bytes. */
  static void write(Path file, byte[] content, boolean force) throws IOException {
    requireWritable(file, force);
    SecureFiles.writePublic(file, content);
  }
}

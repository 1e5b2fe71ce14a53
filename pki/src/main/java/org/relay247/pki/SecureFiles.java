package org.relay247.pki;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files whole and atomically (a reader never sees half a CRL), with owner-only permissions
 * for secrets.
 */
public final class SecureFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private SecureFiles() {}

  /** Writes a secret (key, password): mode 0600 from the moment the file exists. */
  public static void writePrivate(Path file, byte[] content) throws IOException {
    write(file, content, true);
  }

  /** Writes public material (certificates, CRLs). */
  public static void writePublic(Path file, byte[] content) throws IOException {
    write(file, content, false);
  }

  private static void write(Path file, byte[] content, boolean secret) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path tmp = secret && posix
        ? Files.createTempFile(dir, ".tmp-", "", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
        : Files.createTempFile(dir, ".tmp-", "");
    try {
      Files.write(tmp, content);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      if (!secret && posix) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}

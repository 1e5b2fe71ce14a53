package org.relay247.pki;

import java.io.IOException;
import java.nio.file.Path;

/** Where the password of a keystore comes from. */
@FunctionalInterface
public interface Passwords {
  Password forKeystore(Path keystore) throws IOException;

  /** {@code keys.p12} opens with the content of {@code keys.pass} beside it. */
  static Passwords siblingFiles() {
    return keystore -> {
      String name = keystore.getFileName().toString();
      return Password.fromFile(keystore.resolveSibling(name.replaceFirst("\\.p12$", "") + ".pass"));
    };
  }

  /** One password for the named keystore (from a file or a variable), sibling files for others. */
  static Passwords override(Path keystore, Password password) {
    Passwords fallback = siblingFiles();
    Path target = keystore.toAbsolutePath().normalize();
    return ks -> ks.toAbsolutePath().normalize().equals(target) ? password : fallback.forKeystore(ks);
  }
}

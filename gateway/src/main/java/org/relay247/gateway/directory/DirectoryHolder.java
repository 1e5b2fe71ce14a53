package org.relay247.gateway.directory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.relay247.protocol.seal.DirectoryVerificationException;
import org.relay247.protocol.seal.DirectoryVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the verified network directory. It loads the signed file at start (a node does not start
 * without a valid one) and can replace it while running by a newer signed version; an older or
 * badly signed file is refused and the held version stays.
 */
public final class DirectoryHolder {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryHolder.class);

  private final Path file;
  private final TrustSource trust;
  private final List<Consumer<DirectoryView>> listeners = new CopyOnWriteArrayList<>();
  private volatile DirectoryView current;

  public DirectoryHolder(Path file, TrustSource trust) throws IOException, DirectoryVerificationException {
    this.file = file;
    this.trust = trust;
    this.current = load(0);
    trust.useDirectory(current);
  }

  public DirectoryView current() {
    return current;
  }

  public void onChange(Consumer<DirectoryView> listener) {
    listeners.add(listener);
  }

  /** Re-reads the file; adopts it only if it verifies and is newer. Returns whether it changed. */
  public synchronized boolean reload() {
    try {
      DirectoryView next = load(current.version());
      if (next.version() == current.version()) {
        return false;
      }
      current = next;
      trust.useDirectory(next);
      listeners.forEach(l -> l.accept(next));
      LOG.atInfo().addKeyValue("version", next.version()).log("directory replaced");
      return true;
    } catch (IOException | DirectoryVerificationException e) {
      LOG.atWarn().addKeyValue("file", file).addKeyValue("held", current.version())
          .log("directory file refused, keeping the held version: {}", e.getMessage());
      return false;
    }
  }

  private DirectoryView load(long held) throws IOException, DirectoryVerificationException {
    byte[] signed = Files.readAllBytes(file);
    return new DirectoryView(new DirectoryVerifier(trust.validator()).verify(signed, held));
  }
}

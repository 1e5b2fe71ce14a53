package org.relay247.gateway.directory;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.relay247.pki.CertificateValidator;
import org.relay247.pki.Pem;
import org.relay247.pki.TrustMaterial;

/**
 * The node's current trust: the network root, the Party CAs of the current directory, and the CRL
 * files (re-read on {@link #refresh}). Every check asks {@link #validator()} for the current state.
 */
public final class TrustSource {
  private final X509Certificate root;
  private final List<Path> crlFiles;
  private final Clock clock;
  private volatile List<X509Certificate> partyCas = List.of();
  private volatile List<X509CRL> crls = List.of();
  private volatile CertificateValidator validator;

  public TrustSource(X509Certificate root, List<Path> crlFiles, Clock clock) throws IOException {
    this.root = Objects.requireNonNull(root, "root");
    this.crlFiles = List.copyOf(crlFiles);
    this.clock = clock;
    refresh();
  }

  public X509Certificate root() {
    return root;
  }

  /** The CRLs the current validator relies on (one per issuer that has one). */
  public List<X509CRL> crls() {
    return crls;
  }

  public CertificateValidator validator() {
    return validator;
  }

  /** Adopts the Party CAs of a newly verified directory. */
  public void useDirectory(DirectoryView directory) {
    partyCas = directory.allCaCertificates();
    rebuild();
  }

  /** Re-reads the CRL files; a file that cannot be read keeps its previous CRL out (fail closed). */
  public void refresh() throws IOException {
    List<X509CRL> read = new ArrayList<>();
    for (Path f : crlFiles) {
      read.add(Pem.readCrl(f));
    }
    crls = read;
    rebuild();
  }

  private synchronized void rebuild() {
    validator = new CertificateValidator(new TrustMaterial(root, partyCas, crls), clock);
  }
}

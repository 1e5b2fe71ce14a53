package org.relay247.gateway.expiry;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.relay247.gateway.directory.DirectoryView;
import org.relay247.pki.DistinguishedNames;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.v1.Node;
import org.relay247.protocol.v1.NodeCertificate;
import org.relay247.protocol.v1.Party;

/**
 * Everything a node relies on that runs out, listed from what it holds: its own three
 * certificates, the root and every Party CA (the chains it validates), the CRL of every issuer
 * ({@code nextUpdate}: after it, the issuer's certificates are refused with CRL_EXPIRED), the
 * directory signer, and every peer node certificate the directory lists.
 */
public final class ExpiryInventory {
  private ExpiryInventory() {}

  /** The node's own three certificates (of its keystore). */
  public record Own(X509Certificate tls, X509Certificate signing, X509Certificate encryption) {}

  /**
   * @param directorySigner the certificate that signed the held directory, when known
   */
  public static List<ExpiryItem> of(PartyCode self, Own own, X509Certificate root, List<X509CRL> crls,
      DirectoryView directory, Optional<X509Certificate> directorySigner) {
    List<ExpiryItem> items = new ArrayList<>();
    items.add(certificate("own/tls", "certificate", own.tls()));
    items.add(certificate("own/sign", "certificate", own.signing()));
    items.add(certificate("own/enc", "certificate", own.encryption()));

    Map<X500Principal, String> issuers = new HashMap<>();
    items.add(certificate("ca/root", "ca", root));
    issuers.put(root.getSubjectX500Principal(), "root");
    for (Party p : directory.directory().getPartiesList()) {
      List<X509Certificate> cas = directory.caCertificates(new PartyCode(p.getCode()));
      for (int i = 0; i < cas.size(); i++) {
        items.add(certificate("ca/" + p.getCode() + suffix(i), "ca", cas.get(i)));
        issuers.putIfAbsent(cas.get(i).getSubjectX500Principal(), p.getCode());
      }
    }
    for (X509CRL crl : crls) {
      String issuer = issuers.getOrDefault(crl.getIssuerX500Principal(), crl.getIssuerX500Principal().getName());
      if (crl.getNextUpdate() != null) {
        items.add(new ExpiryItem("crl/" + issuer, "crl", "CRL of " + crl.getIssuerX500Principal().getName(),
            crl.getNextUpdate().toInstant()));
      }
    }
    directorySigner.ifPresent(c -> items.add(certificate("directory", "directory", c)));

    for (Party p : directory.directory().getPartiesList()) {
      if (p.getCode().equals(self.code())) {
        continue;
      }
      for (Node n : p.getNodesList()) {
        Map<String, Integer> seen = new HashMap<>();
        for (NodeCertificate c : n.getCertificatesList()) {
          String usage = c.getUsage().name().replaceFirst("^CERTIFICATE_USAGE_", "").toLowerCase();
          int index = seen.merge(usage, 1, Integer::sum) - 1;
          items.add(certificate("peer/" + p.getCode() + "/" + n.getId() + "/" + usage + suffix(index), "peer",
              parse(c.getDer().toByteArray())));
        }
      }
    }
    return items;
  }

  /** The certificate that signed a directory file, or empty when the file cannot be read or parsed. */
  public static Optional<X509Certificate> directorySigner(java.nio.file.Path signedDirectory) {
    try {
      return Optional.of(org.relay247.protocol.seal.SignedDataCodec.verify(
          java.nio.file.Files.readAllBytes(signedDirectory)).signer());
    } catch (java.io.IOException | org.relay247.protocol.seal.CmsException e) {
      return Optional.empty();
    }
  }

  private static String suffix(int index) {
    return index == 0 ? "" : "#" + (index + 1);
  }

  private static ExpiryItem certificate(String id, String kind, X509Certificate c) {
    return new ExpiryItem(id, kind, DistinguishedNames.describe(c), c.getNotAfter().toInstant());
  }

  private static X509Certificate parse(byte[] der) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalStateException("directory holds an unreadable certificate", e);
    }
  }
}

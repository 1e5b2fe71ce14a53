package org.relay247.protocol.seal;

import com.google.protobuf.ByteString;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.relay247.pki.DistinguishedNames;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.v1.CertificateUsage;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.Node;
import org.relay247.protocol.v1.NodeCertificate;
import org.relay247.protocol.v1.Party;

/**
 * The node certificates one signed directory version lists, per Party and usage. A certificate
 * that chains to a Party's CA proves only that the CA issued it; a node accepts a TLS peer, an
 * envelope signer or a receipt signer only if it is also one of the certificates the directory
 * lists for that Party's nodes. During a rotation the directory lists old and new together, so
 * both are accepted until the old one is removed.
 */
public final class ListedCertificates {
  private final long version;
  private final Map<Key, Set<ByteString>> listed;

  private record Key(String party, CertificateUsage usage) {}

  private ListedCertificates(long version, Map<Key, Set<ByteString>> listed) {
    this.version = version;
    this.listed = listed;
  }

  /** The certificates of every node of every Party in {@code directory}. */
  public static ListedCertificates of(Directory directory) {
    Map<Key, Set<ByteString>> listed = new HashMap<>();
    for (Party party : directory.getPartiesList()) {
      for (Node node : party.getNodesList()) {
        for (NodeCertificate c : node.getCertificatesList()) {
          listed.computeIfAbsent(new Key(party.getCode(), c.getUsage()), k -> new HashSet<>()).add(c.getDer());
        }
      }
    }
    return new ListedCertificates(directory.getVersion(), Map.copyOf(listed));
  }

  /**
   * @throws NotListedException when {@code certificate} is not listed with {@code usage} for a node
   *     of {@code party}
   */
  public void requireListed(PartyCode party, CertificateUsage usage, X509Certificate certificate)
      throws NotListedException {
    Objects.requireNonNull(party, "party");
    ByteString der;
    try {
      der = ByteString.copyFrom(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new NotListedException("certificate cannot be encoded: " + e.getMessage());
    }
    if (!listed.getOrDefault(new Key(party.code(), usage), Set.of()).contains(der)) {
      throw new NotListedException(describe(usage) + " certificate " + DistinguishedNames.describe(certificate)
          + " (serial " + certificate.getSerialNumber().toString(16) + ") is not one the directory (version "
          + version + ") lists for a node of " + party);
    }
  }

  private static String describe(CertificateUsage usage) {
    return switch (usage) {
      case CERTIFICATE_USAGE_TLS -> "TLS";
      case CERTIFICATE_USAGE_SIGNING -> "signing";
      case CERTIFICATE_USAGE_ENCRYPTION -> "encryption";
      default -> usage.name();
    };
  }

  /** A certificate that validates but is not listed for the Party's nodes. */
  public static final class NotListedException extends Exception {
    NotListedException(String message) {
      super(message);
    }
  }
}

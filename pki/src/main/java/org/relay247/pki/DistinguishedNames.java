package org.relay247.pki;

import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** The subject names of the network's certificates, and reading attributes back from them. */
public final class DistinguishedNames {
  private DistinguishedNames() {}

  static X500Name root(String network) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, network).addRDN(BCStyle.CN, network + " Root CA").build();
  }

  static X500Name partyCa(String network, PartyCode party) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.C, party.code()).addRDN(BCStyle.O, network)
        .addRDN(BCStyle.CN, network + " Party CA " + party.code()).build();
  }

  static X500Name node(String network, NodeIdentity node, CertificatePurpose purpose) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.C, node.party().code()).addRDN(BCStyle.O, network)
        .addRDN(BCStyle.OU, purpose.label()).addRDN(BCStyle.CN, node.nodeName()).build();
  }

  static X500Name directorySigner(String network) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, network).addRDN(BCStyle.OU, CertificatePurpose.DIRECTORY.label())
        .addRDN(BCStyle.CN, network + " Directory Signer").build();
  }

  /** The country attribute (C) of a name, if it has exactly one. */
  public static Optional<String> country(X500Principal name) {
    return attribute(name, BCStyle.C);
  }

  /** The organisation attribute (O), which carries the network's name. */
  public static Optional<String> organisation(X500Principal name) {
    return attribute(name, BCStyle.O);
  }

  /** The common name (CN). */
  public static Optional<String> commonName(X500Principal name) {
    return attribute(name, BCStyle.CN);
  }

  /** The subject of a certificate as a short readable string for messages. */
  public static String describe(X509Certificate cert) {
    return cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
  }

  private static Optional<String> attribute(X500Principal principal, ASN1ObjectIdentifier oid) {
    RDN[] rdns = X500Name.getInstance(principal.getEncoded()).getRDNs(oid);
    if (rdns.length != 1) {
      return Optional.empty();
    }
    return Optional.of(IETFUtils.valueToString(rdns[0].getFirst().getValue()));
  }
}

package org.relay247.protocol.directory;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.NetworkLayout;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Pem;
import org.relay247.pki.SecureFiles;
import org.relay247.protocol.seal.DirectorySigner;
import org.relay247.protocol.seal.SigningKey;
import org.relay247.protocol.v1.Authority;
import org.relay247.protocol.v1.AuthorityRole;
import org.relay247.protocol.v1.CertificateUsage;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.DataProtectionRegime;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.LanguageAcceptance;
import org.relay247.protocol.v1.Node;
import org.relay247.protocol.v1.NodeCertificate;
import org.relay247.protocol.v1.Party;
import org.relay247.protocol.v1.PartyPair;
import org.relay247.protocol.v1.PartyStatus;

/**
 * The directory a freshly created development network starts with: {@code pki init-network}
 * writes it, signed, to {@code DIR/directory.bin} so that nodes can start at once.
 *
 * <p>Contract, for every Party that has a CA in the network, in code order (index {@code i}
 * from 0):
 * <ul>
 *   <li>its Party CA certificate;
 *   <li>one node {@code "<xx>-node"} (the lower-case code, the name {@code init-network} gives
 *       the node's certificates) with the single endpoint {@code "localhost:<7400 + 10 * i>"},
 *       e.g. DE, FR, US on 7400, 7410, 7420: ten ports per Party leave room for a node's other
 *       listeners (national API, console, metrics) next to its exchange port; and the node's
 *       TLS, signing and encryption certificates;
 *   <li>two authorities on that node, both reachable 24/7: {@code poc} (point of contact) and
 *       {@code ca} (central authority);
 *   <li>English ({@code "en"}) accepted for every form of cooperation;
 *   <li>the Convention and the Protocol in force (fictitious dates, {@link #IN_FORCE_FROM}), no
 *       declarations or reservations;
 * </ul>
 * and one pair entry for every two Parties with the Protocol in force between them and the
 * Art. 14 data-protection regime. Version 1. Anything more realistic is written as YAML and
 * signed with {@code relay247 directory sign}.
 */
public final class DefaultDirectory {
  /** First exchange port; Party {@code i} (in code order) listens on {@code BASE_PORT + 10 * i}. */
  public static final int BASE_PORT = 7400;
  /** Ports reserved per Party. */
  public static final int PORT_STRIDE = 10;
  /** When the Convention and the Protocol are in force for every Party and pair (fictitious). */
  public static final Instant IN_FORCE_FROM = Instant.parse("2022-05-12T00:00:00Z");

  private static final String FILE_NAME = "directory.bin";

  private DefaultDirectory() {}

  /** {@code DIR/directory.bin}: where {@code init-network} writes the signed default directory. */
  public static Path file(NetworkLayout layout) {
    return layout.dir().resolve(FILE_NAME);
  }

  /** The node id a development network's Party gets: {@code fr-node} for FR. */
  public static String nodeId(PartyCode party) {
    return party.code().toLowerCase(Locale.ROOT) + "-node";
  }

  /** The exchange endpoint of the {@code index}-th Party in code order. */
  public static String endpoint(int index) {
    return "localhost:" + (BASE_PORT + PORT_STRIDE * index);
  }

  /** The default directory of the network (see the class contract), unsigned. */
  public static Directory forNetwork(NetworkPki pki, Instant issuedAt) throws IOException {
    NetworkLayout layout = pki.layout();
    List<PartyCode> parties = layout.parties();
    if (parties.isEmpty()) {
      throw new IllegalStateException(layout.dir() + " has no Party CA yet (expected: at least one;"
          + " add one with 'relay247 pki add-party')");
    }
    Directory.Builder directory = Directory.newBuilder()
        .setVersion(1)
        .setIssuedAt(timestamp(issuedAt))
        .setIssuer(pki.settings().name() + " (default directory of init-network)");
    for (int i = 0; i < parties.size(); i++) {
      directory.addParties(party(layout, parties.get(i), i));
    }
    for (int a = 0; a < parties.size(); a++) {
      for (int b = a + 1; b < parties.size(); b++) {
        directory.addPairs(PartyPair.newBuilder()
            .setPartyA(parties.get(a).code()).setPartyB(parties.get(b).code())
            .setProtocolInForceFrom(timestamp(IN_FORCE_FROM))
            .setDataProtectionRegime(DataProtectionRegime.DATA_PROTECTION_REGIME_ART14));
      }
    }
    return directory.build();
  }

  /** Signs a directory with the network's directory key ({@code root/directory.p12}). */
  public static byte[] sign(NetworkPki pki, Directory directory, Clock clock) throws IOException {
    return new DirectorySigner(directoryKey(pki), clock).sign(directory);
  }

  /**
   * Builds the default directory as of now, signs it and writes {@link #file}: what
   * {@code init-network} runs.
   *
   * @return the line init-network prints
   */
  public static String write(NetworkPki pki, Clock clock) throws IOException {
    Path file = file(pki.layout());
    SecureFiles.writePublic(file, sign(pki, forNetwork(pki, clock.instant()), clock));
    return "signed default directory: " + file;
  }

  /** The directory signer's key with its chain (signer certificate, root) to embed. */
  public static SigningKey directoryKey(NetworkPki pki) throws IOException {
    NetworkLayout layout = pki.layout();
    return new SigningKey(pki.directoryKey(), List.of(
        Pem.readCertificate(layout.directoryCertificate()), Pem.readCertificate(layout.rootCertificate())));
  }

  private static Party party(NetworkLayout layout, PartyCode code, int index) throws IOException {
    String name = new Locale("", code.code()).getDisplayCountry(Locale.ENGLISH);
    String nodeId = nodeId(code);
    Node.Builder node = Node.newBuilder().setId(nodeId).addEndpoints(endpoint(index));
    addCertificate(node, layout, code, CertificatePurpose.TLS, CertificateUsage.CERTIFICATE_USAGE_TLS);
    addCertificate(node, layout, code, CertificatePurpose.SIGN, CertificateUsage.CERTIFICATE_USAGE_SIGNING);
    addCertificate(node, layout, code, CertificatePurpose.ENC, CertificateUsage.CERTIFICATE_USAGE_ENCRYPTION);
    Party.Builder party = Party.newBuilder()
        .setCode(code.code())
        .setName(name)
        .setStatus(PartyStatus.newBuilder()
            .setConventionInForceFrom(timestamp(IN_FORCE_FROM))
            .setProtocolSignedAt(timestamp(IN_FORCE_FROM))
            .setProtocolInForceFrom(timestamp(IN_FORCE_FROM)))
        .addCaCertificates(der(Pem.readCertificate(layout.partyCaCertificate(code))))
        .addNodes(node)
        .addAuthorities(authority("poc", name + ", 24/7 point of contact",
            AuthorityRole.AUTHORITY_ROLE_POINT_OF_CONTACT, nodeId))
        .addAuthorities(authority("ca", name + ", central authority",
            AuthorityRole.AUTHORITY_ROLE_CENTRAL_AUTHORITY, nodeId));
    for (CooperationType type : CooperationType.values()) {
      if (type != CooperationType.COOPERATION_TYPE_UNSPECIFIED && type != CooperationType.UNRECOGNIZED) {
        party.addLanguages(LanguageAcceptance.newBuilder().setCooperationType(type).addLanguages("en"));
      }
    }
    return party.build();
  }

  private static Authority authority(String id, String name, AuthorityRole role, String nodeId) {
    return Authority.newBuilder().setId(id).setName(name).addRoles(role).setReachable247(true)
        .setNodeId(nodeId).build();
  }

  private static void addCertificate(Node.Builder node, NetworkLayout layout, PartyCode party,
      CertificatePurpose purpose, CertificateUsage usage) throws IOException {
    Path file = layout.nodeCertificate(party, purpose);
    // A Party added without a node yet (pki add-party) simply has no node certificates.
    if (Files.exists(file)) {
      node.addCertificates(NodeCertificate.newBuilder().setUsage(usage).setDer(der(Pem.readCertificate(file))));
    }
  }

  private static ByteString der(X509Certificate certificate) {
    try {
      return ByteString.copyFrom(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("unencodable certificate " + certificate.getSubjectX500Principal(), e);
    }
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamps.fromMillis(instant.toEpochMilli());
  }
}

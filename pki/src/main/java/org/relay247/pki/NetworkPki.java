package org.relay247.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * A network's CA operations over its files ({@link NetworkLayout}): create the root, add Parties,
 * issue and renew node certificates, revoke, publish CRLs, and build the trust material relying
 * parties validate with. Keystore passwords come from {@link Passwords}.
 */
public final class NetworkPki {
  private final NetworkLayout layout;
  private final NetworkSettings settings;
  private final Clock clock;
  private final Passwords passwords;

  private NetworkPki(NetworkLayout layout, NetworkSettings settings, Clock clock, Passwords passwords) {
    this.layout = layout;
    this.settings = settings;
    this.clock = clock;
    this.passwords = passwords;
  }

  /** Creates the root CA, its first CRL and the directory-signing pair in an empty directory. */
  public static NetworkPki create(Path dir, NetworkSettings settings, Clock clock) throws IOException {
    NetworkLayout layout = new NetworkLayout(dir);
    if (Files.exists(layout.rootCertificate())) {
      throw new IllegalStateException(dir + " already holds a network root (" + layout.rootCertificate()
          + "); choose another directory");
    }
    NetworkPki pki = new NetworkPki(layout, settings, clock, Passwords.siblingFiles());
    settings.write(layout.properties());
    CertificateAuthority root = CertificateAuthority.createRoot(
        settings.name(), Validity.ofDays(clock, settings.rootDays()), settings.crlUrl(Optional.empty()));
    pki.storeCa(root, List.of(root.certificate()), layout.rootKeystore(), layout.rootPassword(),
        layout.rootCertificate());
    pki.writeCrl(root, null, List.of(), layout.rootCrl());

    KeyPair dirKeys = Crypto.newKeyPair();
    X509Certificate dirCert = root.issueDirectorySigner(dirKeys.getPublic(),
        Validity.ofDays(clock, settings.directoryDays()));
    pki.storeKey(layout.directoryKeystore(), layout.directoryPassword(), "directory",
        dirKeys.getPrivate(), List.of(dirCert, root.certificate()));
    Pem.writeCertificate(layout.directoryCertificate(), dirCert);
    return pki;
  }

  /** Opens an existing network directory, reading keystore passwords from the sibling .pass files. */
  public static NetworkPki open(Path dir, Clock clock) throws IOException {
    return open(dir, clock, Passwords.siblingFiles());
  }

  public static NetworkPki open(Path dir, Clock clock, Passwords passwords) throws IOException {
    NetworkLayout layout = new NetworkLayout(dir);
    if (!Files.exists(layout.rootCertificate())) {
      throw new java.nio.file.NoSuchFileException(dir + " is not a network directory (no "
          + layout.rootCertificate() + "); create one with 'relay247 pki init-network' or 'pki create-root'");
    }
    NetworkSettings settings = Files.exists(layout.properties())
        ? NetworkSettings.read(layout.properties()) : NetworkSettings.defaults();
    return new NetworkPki(layout, settings, clock, passwords);
  }

  public NetworkLayout layout() {
    return layout;
  }

  public NetworkSettings settings() {
    return settings;
  }

  /** Adds a Party: its CA under the root and its first (empty) CRL. */
  public CertificateAuthority addParty(PartyCode party) throws IOException {
    if (Files.exists(layout.partyCaCertificate(party))) {
      throw new IllegalStateException("Party " + party + " already has a CA ("
          + layout.partyCaCertificate(party) + ")");
    }
    CertificateAuthority root = rootCa();
    CertificateAuthority ca = root.issuePartyCa(party, Validity.ofDays(clock, settings.partyCaDays()),
        settings.crlUrl(Optional.of(party)));
    storeCa(ca, List.of(ca.certificate(), root.certificate()), layout.partyCaKeystore(party),
        layout.partyCaPassword(party), layout.partyCaCertificate(party));
    writeCrl(ca, null, List.of(), layout.partyCrl(party));
    return ca;
  }

  /** Issues a node certificate for one purpose with a fresh key, kept in {@code XX/keys.p12}. */
  public X509Certificate issueNodeCertificate(NodeIdentity node, CertificatePurpose purpose)
      throws IOException {
    return issueNodeCertificate(node, purpose, Validity.ofDays(clock, settings.nodeDays()));
  }

  public X509Certificate issueNodeCertificate(NodeIdentity node, CertificatePurpose purpose,
      Validity validity) throws IOException {
    CertificateAuthority ca = partyCa(node.party());
    KeyPair keys = Crypto.newKeyPair();
    X509Certificate cert = ca.issueNodeCertificate(node, purpose, keys.getPublic(), validity);
    Path keystore = layout.nodeKeystore(node.party());
    Path passFile = layout.nodePassword(node.party());
    if (!Files.exists(passFile)) {
      Password.random().writeTo(passFile);
    }
    storeKey(keystore, passFile, purpose.label(), keys.getPrivate(),
        List.of(cert, ca.certificate(), rootCa().certificate()));
    Pem.writeCertificate(layout.nodeCertificate(node.party(), purpose), cert);
    return cert;
  }

  /**
   * Issues a node certificate for each of {@code purposes}, each with a fresh key, as {@link
   * #issueNodeCertificate(NodeIdentity, CertificatePurpose)} does one by one, but reading the
   * Party CA's key and writing {@code XX/keys.p12} once (each is a PKCS #12 key derivation).
   */
  public List<X509Certificate> issueNodeCertificates(NodeIdentity node, List<CertificatePurpose> purposes)
      throws IOException {
    CertificateAuthority ca = partyCa(node.party());
    X509Certificate root = Pem.readCertificate(layout.rootCertificate());
    Validity validity = Validity.ofDays(clock, settings.nodeDays());
    Path keystore = layout.nodeKeystore(node.party());
    Path passFile = layout.nodePassword(node.party());
    if (!Files.exists(passFile)) {
      Password.random().writeTo(passFile);
    }
    Pkcs12 store = Pkcs12.loadOrCreate(keystore, passwords.forKeystore(keystore));
    List<X509Certificate> issued = new ArrayList<>();
    for (CertificatePurpose purpose : purposes) {
      KeyPair keys = Crypto.newKeyPair();
      X509Certificate cert = ca.issueNodeCertificate(node, purpose, keys.getPublic(), validity);
      store.put(purpose.label(), keys.getPrivate(), List.of(cert, ca.certificate(), root));
      issued.add(cert);
    }
    store.save(keystore);
    for (int i = 0; i < purposes.size(); i++) {
      Pem.writeCertificate(layout.nodeCertificate(node.party(), purposes.get(i)), issued.get(i));
    }
    return List.copyOf(issued);
  }

  /**
   * Issues a node certificate to the key of a certificate request. The CSR's signature proves
   * possession of the key; its subject is ignored, the profile decides the name.
   */
  public X509Certificate issueFromCsr(NodeIdentity node, CertificatePurpose purpose,
      PKCS10CertificationRequest csr) throws IOException {
    PublicKey key;
    try {
      if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
          .setProvider(Crypto.provider()).build(csr.getSubjectPublicKeyInfo()))) {
        throw new IllegalArgumentException("CSR signature does not verify (no proof of key possession)");
      }
      key = new JcaPKCS10CertificationRequest(csr).setProvider(Crypto.provider()).getPublicKey();
    } catch (OperatorCreationException | PKCSException | GeneralSecurityException e) {
      throw new IllegalArgumentException("CSR unreadable: " + e.getMessage(), e);
    }
    if (!"EC".equals(key.getAlgorithm()) && !"ECDSA".equals(key.getAlgorithm())) {
      throw new IllegalArgumentException("CSR key: " + key.getAlgorithm() + " (expected: EC P-256)");
    }
    return partyCa(node.party()).issueNodeCertificate(node, purpose, key,
        Validity.ofDays(clock, settings.nodeDays()));
  }

  /**
   * Replaces a node certificate and its key with fresh ones for the same node name and hosts.
   * The old certificate stays valid until it expires or is revoked.
   */
  public X509Certificate renew(PartyCode party, CertificatePurpose purpose) throws IOException {
    X509Certificate old = Pem.readCertificate(layout.nodeCertificate(party, purpose));
    return issueNodeCertificate(identityOf(party, old), purpose);
  }

  /** Adds a certificate to its Party CA's CRL and republishes it. */
  public RevocationOutcome revoke(PartyCode party, X509Certificate cert, RevocationReason reason)
      throws IOException {
    CertificateAuthority ca = partyCa(party);
    try {
      cert.verify(ca.certificate().getPublicKey(), Crypto.provider());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(DistinguishedNames.describe(cert)
          + " was not issued by the CA of " + party + " (its issuer is "
          + cert.getIssuerX500Principal().getName() + ")");
    }
    X509CRL current = Pem.readCrl(layout.partyCrl(party));
    X509CRLEntry existing = current.getRevokedCertificate(cert.getSerialNumber());
    if (existing != null) {
      return new RevocationOutcome(current, false, existing.getRevocationDate().toInstant());
    }
    Instant now = clock.instant();
    X509CRL next = writeCrl(ca, current,
        List.of(new Revocation(cert.getSerialNumber(), now, reason)), layout.partyCrl(party));
    return new RevocationOutcome(next, true, now);
  }

  /** The result of {@link #revoke}: the CRL now published, and whether this call added the entry. */
  public record RevocationOutcome(X509CRL crl, boolean newlyRevoked, Instant revokedAt) {}

  /** Re-signs the CRL of the root (empty party) or of a Party CA with a fresh validity window. */
  public X509CRL publishCrl(Optional<PartyCode> party) throws IOException {
    CertificateAuthority ca = party.isPresent() ? partyCa(party.get()) : rootCa();
    Path file = party.map(layout::partyCrl).orElse(layout.rootCrl());
    X509CRL current = Files.exists(file) ? Pem.readCrl(file) : null;
    return writeCrl(ca, current, List.of(), file);
  }

  /** Root, every Party CA, and every CRL of this network, as relying parties need them. */
  public TrustMaterial trustMaterial() throws IOException {
    List<X509Certificate> cas = new ArrayList<>();
    List<X509CRL> crls = new ArrayList<>();
    crls.add(Pem.readCrl(layout.rootCrl()));
    for (PartyCode party : layout.parties()) {
      cas.add(Pem.readCertificate(layout.partyCaCertificate(party)));
      if (Files.exists(layout.partyCrl(party))) {
        crls.add(Pem.readCrl(layout.partyCrl(party)));
      }
    }
    return new TrustMaterial(Pem.readCertificate(layout.rootCertificate()), cas, crls);
  }

  public CertificateValidator validator() throws IOException {
    return new CertificateValidator(trustMaterial(), clock);
  }

  /** A node's private key for one purpose, from {@code XX/keys.p12}. */
  public PrivateKey nodeKey(PartyCode party, CertificatePurpose purpose) throws IOException {
    Path keystore = layout.nodeKeystore(party);
    return Pkcs12.load(keystore, passwords.forKeystore(keystore)).privateKey(purpose.label());
  }

  /** The directory signer's private key, from {@code root/directory.p12}. */
  public PrivateKey directoryKey() throws IOException {
    Path keystore = layout.directoryKeystore();
    return Pkcs12.load(keystore, passwords.forKeystore(keystore)).privateKey("directory");
  }

  public CertificateAuthority rootCa() throws IOException {
    return loadCa(layout.rootKeystore(), settings.crlUrl(Optional.empty()));
  }

  public CertificateAuthority partyCa(PartyCode party) throws IOException {
    if (!Files.exists(layout.partyCaKeystore(party))) {
      throw new IllegalArgumentException("Party " + party + " has no CA in " + layout.dir()
          + " (add it with 'relay247 pki add-party --party " + party + "')");
    }
    return loadCa(layout.partyCaKeystore(party), settings.crlUrl(Optional.of(party)));
  }

  private CertificateAuthority loadCa(Path keystore, String crlUrl) throws IOException {
    Pkcs12 store = Pkcs12.load(keystore, passwords.forKeystore(keystore));
    return new CertificateAuthority(store.chain("ca").get(0), store.privateKey("ca"), crlUrl);
  }

  private void storeCa(CertificateAuthority ca, List<X509Certificate> chain, Path keystore,
      Path passFile, Path certFile) throws IOException {
    Password.random().writeTo(passFile);
    storeKey(keystore, passFile, "ca", ca.privateKey(), chain);
    Pem.writeCertificate(certFile, ca.certificate());
  }

  private void storeKey(Path keystore, Path passFile, String alias, PrivateKey key,
      List<X509Certificate> chain) throws IOException {
    if (!Files.exists(passFile)) {
      Password.random().writeTo(passFile);
    }
    Password password = passwords.forKeystore(keystore);
    Pkcs12.loadOrCreate(keystore, password).put(alias, key, chain).save(keystore);
  }

  private X509CRL writeCrl(CertificateAuthority ca, X509CRL previous, Collection<Revocation> added,
      Path file) throws IOException {
    Instant now = clock.instant();
    X509CRL crl = ca.issueCrl(previous, List.copyOf(added), now, now.plus(Duration.ofDays(settings.crlDays())));
    Pem.writeCrl(file, crl);
    return crl;
  }

  private static NodeIdentity identityOf(PartyCode party, X509Certificate cert) throws IOException {
    String name = DistinguishedNames.commonName(cert.getSubjectX500Principal())
        .orElseThrow(() -> new IOException("certificate has no CN to renew"));
    List<String> hosts = new ArrayList<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        sans.forEach(san -> hosts.add(Objects.toString(san.get(1))));
      }
    } catch (java.security.cert.CertificateParsingException e) {
      throw new IOException("unreadable subjectAltName: " + e.getMessage(), e);
    }
    return NodeIdentity.of(party, name, hosts);
  }
}

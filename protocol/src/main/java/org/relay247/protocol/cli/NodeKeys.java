package org.relay247.protocol.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.CertificateValidationException;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Passwords;
import org.relay247.pki.Pem;
import org.relay247.pki.Pkcs12;
import org.relay247.protocol.seal.DecryptionKey;
import org.relay247.protocol.seal.SigningKey;

/**
 * A node's keys and certificates as {@code init-network} lays them out: {@code DIR/XX/keys.p12}
 * (aliases sign and enc, opened with {@code keys.pass}) and {@code DIR/XX/enc.pem}.
 */
final class NodeKeys {
  private NodeKeys() {}

  /** The signing key of the Party's node with the chain the keystore holds (embedded in signatures). */
  static SigningKey signing(NetworkPki pki, PartyCode party) throws IOException {
    Pkcs12 store = keystore(pki, party);
    String alias = CertificatePurpose.SIGN.label();
    return new SigningKey(store.privateKey(alias), store.chain(alias));
  }

  /** The key-agreement key of the Party's node with its encryption certificate. */
  static DecryptionKey decryption(NetworkPki pki, PartyCode party) throws IOException {
    Pkcs12 store = keystore(pki, party);
    String alias = CertificatePurpose.ENC.label();
    return new DecryptionKey(store.privateKey(alias), store.chain(alias).get(0));
  }

  /**
   * The Party's encryption certificate, validated for encryption first: sealing to a revoked or
   * expired key would hand the message to whoever now holds it.
   */
  static X509Certificate validatedEncryptionCertificate(NetworkPki pki, PartyCode party) throws IOException {
    Path file = pki.layout().nodeCertificate(party, CertificatePurpose.ENC);
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("Party " + party + " has no node in " + pki.layout().dir()
          + " (no " + file + ")");
    }
    X509Certificate certificate = Pem.readCertificate(file);
    try {
      pki.validator().validate(certificate, CertificatePurpose.ENC);
    } catch (CertificateValidationException e) {
      throw new IllegalStateException("encryption certificate " + file + " of " + party
          + " is not valid, refusing to encrypt to it: " + e.getMessage(), e);
    }
    return certificate;
  }

  private static Pkcs12 keystore(NetworkPki pki, PartyCode party) throws IOException {
    Path file = pki.layout().nodeKeystore(party);
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("Party " + party + " has no node keys in " + pki.layout().dir()
          + " (no " + file + ")");
    }
    return Pkcs12.load(file, Passwords.siblingFiles().forKeystore(file));
  }
}

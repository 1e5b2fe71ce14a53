package org.relay247.gateway.node;

import java.io.IOException;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.relay247.gateway.expiry.ExpiryInventory;
import org.relay247.pki.EcKeys;
import org.relay247.pki.Password;
import org.relay247.pki.Pkcs12;
import org.relay247.protocol.seal.DecryptionKey;
import org.relay247.protocol.seal.SigningKey;

/** A node's three keys (TLS, signing, encryption) as loaded from its PKCS#12 keystore. */
public record NodeKeys(PrivateKey tlsKey, List<X509Certificate> tlsChain, SigningKey signing, DecryptionKey decryption) {

  public static NodeKeys load(Path keystore, Password password) throws IOException {
    Pkcs12 store = Pkcs12.load(keystore, password);
    List<X509Certificate> enc = store.chain("enc");
    return new NodeKeys(bouncyCastle(store.privateKey("tls")), store.chain("tls"),
        new SigningKey(bouncyCastle(store.privateKey("sign")), store.chain("sign")),
        new DecryptionKey(bouncyCastle(store.privateKey("enc")), enc.get(0)));
  }

  // Converted once here: BouncyCastle keeps its precomputed tables in its own key objects (EcKeys).
  private static PrivateKey bouncyCastle(PrivateKey key) throws IOException {
    try {
      return EcKeys.forBouncyCastle(key);
    } catch (InvalidKeyException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** The three certificates, for the expiry watch. */
  public ExpiryInventory.Own certificates() {
    return new ExpiryInventory.Own(tlsChain.get(0), signing.certificate(), decryption.certificate());
  }

  @Override
  public String toString() {
    return "NodeKeys[" + tlsChain.get(0).getSubjectX500Principal() + "]";
  }
}

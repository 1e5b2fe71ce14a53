package org.relay247.gateway.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The node's TLS identity, replaceable while running: every new handshake (server or client side)
 * presents the key and chain held at that moment; connections already open keep theirs. One
 * alias only, so the JDK never chooses between identities.
 */
public final class ReloadableKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS = "node";

  private record Identity(PrivateKey key, X509Certificate[] chain) {}

  private volatile Identity identity;

  public ReloadableKeyManager(PrivateKey key, List<X509Certificate> chain) {
    use(key, chain);
  }

  /** New handshakes from now on present this key and chain. */
  public void use(PrivateKey key, List<X509Certificate> chain) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("TLS chain: empty (expected: the node certificate first)");
    }
    identity = new Identity(key, chain.toArray(X509Certificate[]::new));
  }

  /** The certificate new handshakes present. */
  public X509Certificate certificate() {
    return identity.chain()[0];
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return new String[] {ALIAS};
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return ALIAS;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    return ALIAS;
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return new String[] {ALIAS};
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return ALIAS;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return ALIAS;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return identity.chain().clone();
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return identity.key();
  }
}

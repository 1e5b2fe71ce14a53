package org.relay247.gateway.console;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CRL;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.relay247.gateway.config.ConsoleSettings;
import org.relay247.pki.Pem;

/**
 * The console's HTTPS connector: TLS 1.3 and 1.2 only (browsers of agencies may still need 1.2),
 * with the certificate named in the config, or the node's TLS key on a development network. With
 * client certificates on, the handshake asks for (wants, does not need) a certificate of this
 * Party's CA; see {@link ClientCertificates}.
 */
final class ConsoleTls {
  private static final char[] IN_MEMORY = "console".toCharArray();

  private ConsoleTls() {}

  static ServerConnector connector(Server server, HttpConfiguration base, String host, int port,
      ConsoleSettings settings, PrivateKey nodeTlsKey, List<X509Certificate> nodeTlsChain,
      Optional<ClientCertificates> clientCertificates) {
    SslContextFactory.Server ssl = clientCertificates.isEmpty() ? new SslContextFactory.Server()
        : new SslContextFactory.Server() {
          @Override
          protected TrustManager[] getTrustManagers(KeyStore trustStore, Collection<? extends CRL> crls) {
            return new TrustManager[] {clientCertificates.get().handshake()};
          }
        };
    // Wanted, never needed: password sign-in must keep working for a browser without a certificate.
    ssl.setWantClientAuth(clientCertificates.isPresent());
    ssl.setKeyStore(keyStore(settings, nodeTlsKey, nodeTlsChain));
    ssl.setKeyStorePassword(new String(IN_MEMORY));
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    HttpConfiguration https = new HttpConfiguration(base);
    https.setSendServerVersion(false);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    // The browser checks the name; a loopback demo is reached as 127.0.0.1 or localhost alike.
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
        new HttpConnectionFactory(https));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  private static KeyStore keyStore(ConsoleSettings settings, PrivateKey nodeTlsKey,
      List<X509Certificate> nodeTlsChain) {
    try {
      PrivateKey key;
      List<X509Certificate> chain;
      if (settings.usesNodeTlsKey()) {
        key = nodeTlsKey;
        chain = nodeTlsChain;
      } else {
        key = Pem.readPrivateKey(settings.key().orElseThrow());
        chain = Pem.readCertificates(settings.certificate().orElseThrow());
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("console", key, IN_MEMORY, chain.toArray(new Certificate[0]));
      return ks;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("console certificate or key unreadable: " + e.getMessage(), e);
    }
  }
}

package org.relay247.gateway.console;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.Crypto;
import org.relay247.pki.NodeIdentity;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Pem;
import org.relay247.pki.Validity;

/**
 * Real nodes with their consoles on loopback (HTTPS with the node's TLS key, trusted through the
 * test network's root), one account per role per Party, and an HTTPS client that behaves like a
 * browser for the security tests (cookies by hand, Origin header, CSRF token read from the page).
 */
final class ConsoleNetwork implements AutoCloseable {
  static final String PASSWORD = "correct horse battery staple";
  static final String CONSOLE = "console { port = 0, idle-timeout = 15m, max-failures = 5, lockout = 15m }";

  final TestNetwork net;
  final Map<String, GatewayNode> nodes = new LinkedHashMap<>();
  private final HttpClient http;

  private ConsoleNetwork(TestNetwork net) throws Exception {
    this.net = net;
    this.http = httpClient(null);
  }

  /** Trusts the test network's root; presents {@code identity}'s certificate when given. */
  private HttpClient httpClient(PersonalCertificate identity) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("root", Pem.readCertificate(net.pki.layout().rootCertificate()));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(identity == null ? null : new KeyManager[] {identity.keyManager()}, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** Nodes for {@code parties}, started with the system clock, each with operator, supervisor and auditor accounts. */
  static ConsoleNetwork start(Path dir, String... parties) throws Exception {
    return start(dir, Clock.systemUTC(), parties);
  }

  static ConsoleNetwork start(Path dir, Clock clock, String... parties) throws Exception {
    return start(dir, clock, party -> CONSOLE, parties);
  }

  /** As {@link #start(Path, Clock, String...)}, with {@code console.apply(party)} as each node's console section. */
  static ConsoleNetwork start(Path dir, Clock clock, java.util.function.Function<String, String> console,
      String... parties) throws Exception {
    TestNetwork net = TestNetwork.create(dir, parties);
    ConsoleNetwork c = new ConsoleNetwork(net);
    try {
      for (String p : parties) {
        net.writeConfig(new PartyCode(p), console.apply(p));
        GatewayNode node = GatewayNode.start(net.config(new PartyCode(p)), clock);
        c.nodes.put(p, node);
        ConsoleUsers users = node.console().orElseThrow().users();
        String lower = p.toLowerCase();
        users.add(lower + "-operator", p + " Duty Officer", ConsoleRole.OPERATOR, "en", PASSWORD.toCharArray(), "test");
        users.add(lower + "-supervisor", p + " Supervisor", ConsoleRole.SUPERVISOR, "en", PASSWORD.toCharArray(),
            "test");
        users.add(lower + "-auditor", p + " Auditor", ConsoleRole.AUDITOR, "en", PASSWORD.toCharArray(), "test");
      }
    } catch (Exception | Error e) {
      c.close();
      throw e;
    }
    return c;
  }

  GatewayNode node(String party) {
    return nodes.get(party);
  }

  /** https://localhost:PORT of the Party's console. */
  String url(String party) {
    return "https://localhost:" + node(party).console().orElseThrow().port();
  }

  /** A browser-like client of one console. */
  Client client(String party) {
    return new Client(url(party), http);
  }

  /** A browser-like client of {@code party}'s console that presents {@code identity} when asked. */
  Client client(String party, PersonalCertificate identity) throws Exception {
    return new Client(url(party), httpClient(identity));
  }

  /** A fresh key with a TLS certificate (clientAuth) issued by {@code party}'s CA, and its chain to the CA. */
  PersonalCertificate issueCertificate(String party) throws Exception {
    PartyCode p = new PartyCode(party);
    KeyPair keys = Crypto.newKeyPair();
    X509Certificate cert = net.pki.partyCa(p).issueNodeCertificate(NodeIdentity.localDefault(p),
        CertificatePurpose.TLS, keys.getPublic(), Validity.ofDays(Clock.systemUTC(), 30));
    return new PersonalCertificate(keys.getPrivate(), List.of(cert,
        Pem.readCertificate(net.pki.layout().partyCaCertificate(p))), new java.util.concurrent.CopyOnWriteArrayList<>());
  }

  /**
   * A person's key and certificate chain. Its key manager presents the certificate whatever CAs
   * the server names, as a browser whose user picks it would: so a test can show the server
   * refusing a certificate it did not ask for. {@code requests} records, per certificate request
   * of a server, the CAs it named.
   */
  record PersonalCertificate(PrivateKey key, List<X509Certificate> chain, List<List<Principal>> requests) {
    X509Certificate certificate() {
      return chain.get(0);
    }

    X509ExtendedKeyManager keyManager() {
      return new X509ExtendedKeyManager() {
        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
          return new String[] {"me"};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
          requests.add(issuers == null ? List.of() : List.of(issuers));
          return "me";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
          return chooseClientAlias(keyType, issuers, null);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
          return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
          return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
          return chain.toArray(X509Certificate[]::new);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
          return key;
        }
      };
    }
  }

  @Override
  public void close() {
    List<GatewayNode> all = new java.util.ArrayList<>(nodes.values());
    java.util.Collections.reverse(all);
    all.forEach(GatewayNode::close);
  }

  final class Client {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    final String base;
    private final HttpClient http;
    String sessionCookie;
    String csrf;

    Client(String base, HttpClient http) {
      this.base = base;
      this.http = http;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
      cookie(b);
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      Matcher m = CSRF.matcher(r.body());
      if (m.find()) {
        csrf = m.group(1);
      }
      return r;
    }

    /** A form POST with the Origin a browser sends; {@code form} is already url-encoded. */
    HttpResponse<String> post(String path, String form, Optional<String> origin, Optional<String> csrfHeader)
        throws IOException, InterruptedException {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form));
      origin.ifPresent(o -> b.header("Origin", o));
      csrfHeader.ifPresent(t -> b.header("X-CSRF-Token", t));
      cookie(b);
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      r.headers().firstValue("Set-Cookie").ifPresent(c -> {
        if (c.startsWith(ConsoleServer.COOKIE + "=") && !c.contains("Max-Age=0")) {
          sessionCookie = c.substring(ConsoleServer.COOKIE.length() + 1, c.indexOf(';'));
        }
      });
      return r;
    }

    /** Same-origin POST as the browser sends it. */
    HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
      return post(path, form, Optional.of(base), Optional.empty());
    }

    HttpResponse<String> signIn(String user, String password) throws IOException, InterruptedException {
      return post("/signin", "username=" + enc(user) + "&password=" + enc(password));
    }

    private void cookie(HttpRequest.Builder b) {
      if (sessionCookie != null) {
        b.header("Cookie", ConsoleServer.COOKIE + "=" + sessionCookie);
      }
    }
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}

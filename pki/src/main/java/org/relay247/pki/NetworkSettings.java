package org.relay247.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * Network-wide CA settings, kept in {@code DIR/network.properties}: the network's name (the O of
 * every subject), where CRLs are published, and default lifetimes in days.
 */
public record NetworkSettings(
    String name, String crlBaseUrl, int rootDays, int partyCaDays, int nodeDays, int directoryDays,
    int crlDays) {

  public static final String DEFAULT_NAME = "Relay247 development network";
  /**
   * No CRL distribution point: Relay247 nodes get CRLs from their files and from each other over
   * the node exchange (GetCrl), never from a URL in a certificate; a URL is written only when an
   * operator gives one that serves the CRLs (docs/pki.md).
   */
  public static final String DEFAULT_CRL_BASE_URL = "";

  public NetworkSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(crlBaseUrl, "crlBaseUrl");
    if (!crlBaseUrl.isEmpty() && !crlBaseUrl.matches("https?://\\S+")) {
      throw new IllegalArgumentException("crl base URL: \"" + crlBaseUrl + "\" (expected: http(s)://..., or empty for none)");
    }
    positive("root days", rootDays);
    positive("party CA days", partyCaDays);
    positive("node days", nodeDays);
    positive("directory days", directoryDays);
    positive("CRL days", crlDays);
  }

  /** Ten-year root, five-year Party CAs, 397-day node certificates, CRLs valid 30 days. */
  public static NetworkSettings defaults() {
    return new NetworkSettings(DEFAULT_NAME, DEFAULT_CRL_BASE_URL, 3650, 1825, 397, 730, 30);
  }

  public NetworkSettings withName(String newName) {
    return new NetworkSettings(newName, crlBaseUrl, rootDays, partyCaDays, nodeDays, directoryDays, crlDays);
  }

  public NetworkSettings withNodeDays(int days) {
    return new NetworkSettings(name, crlBaseUrl, rootDays, partyCaDays, days, directoryDays, crlDays);
  }

  public NetworkSettings withCrlDays(int days) {
    return new NetworkSettings(name, crlBaseUrl, rootDays, partyCaDays, nodeDays, directoryDays, days);
  }

  /** URL of the root's CRL ({@code party} empty) or of a Party CA's CRL; empty when no base URL is set. */
  public String crlUrl(java.util.Optional<PartyCode> party) {
    if (crlBaseUrl.isEmpty()) {
      return "";
    }
    return crlBaseUrl.replaceAll("/+$", "") + "/" + party.map(PartyCode::code).orElse("root") + ".crl";
  }

  public static NetworkSettings read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    NetworkSettings d = defaults();
    try {
      return new NetworkSettings(
          p.getProperty("name", d.name()), p.getProperty("crl.base-url", d.crlBaseUrl()),
          intOf(p, "days.root", d.rootDays()), intOf(p, "days.party-ca", d.partyCaDays()),
          intOf(p, "days.node", d.nodeDays()), intOf(p, "days.directory", d.directoryDays()),
          intOf(p, "days.crl", d.crlDays()));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  public void write(Path file) throws IOException {
    Properties p = new Properties();
    p.setProperty("name", name);
    p.setProperty("crl.base-url", crlBaseUrl);
    p.setProperty("days.root", Integer.toString(rootDays));
    p.setProperty("days.party-ca", Integer.toString(partyCaDays));
    p.setProperty("days.node", Integer.toString(nodeDays));
    p.setProperty("days.directory", Integer.toString(directoryDays));
    p.setProperty("days.crl", Integer.toString(crlDays));
    StringWriter out = new StringWriter();
    p.store(out, "Relay247 network CA settings");
    SecureFiles.writePublic(file, out.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static int intOf(Properties p, String key, int fallback) {
    String v = p.getProperty(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": \"" + v + "\" (expected: a whole number of days)");
    }
  }

  private static void positive(String what, int days) {
    if (days <= 0) {
      throw new IllegalArgumentException(what + ": " + days + " (expected: > 0)");
    }
  }
}

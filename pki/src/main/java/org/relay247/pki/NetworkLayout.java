package org.relay247.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where a network's files live (the contract other tools and tests rely on):
 * <pre>
 * DIR/network.properties        network name, CRL base URL
 * DIR/root/ca.pem  ca.p12  ca.pass  crl.pem                  network root CA
 * DIR/root/directory.pem  directory.p12  directory.pass      directory-signing pair
 * DIR/XX/ca.pem  ca.p12  ca.pass  crl.pem                    Party CA of XX
 * DIR/XX/tls.pem  sign.pem  enc.pem  keys.p12  keys.pass     node of XX (aliases tls, sign, enc)
 * </pre>
 */
public record NetworkLayout(Path dir) {
  public NetworkLayout {
    Objects.requireNonNull(dir, "dir");
  }

  public Path properties() {
    return dir.resolve("network.properties");
  }

  public Path rootDir() {
    return dir.resolve("root");
  }

  public Path rootCertificate() {
    return rootDir().resolve("ca.pem");
  }

  public Path rootKeystore() {
    return rootDir().resolve("ca.p12");
  }

  public Path rootPassword() {
    return rootDir().resolve("ca.pass");
  }

  public Path rootCrl() {
    return rootDir().resolve("crl.pem");
  }

  public Path directoryCertificate() {
    return rootDir().resolve("directory.pem");
  }

  public Path directoryKeystore() {
    return rootDir().resolve("directory.p12");
  }

  public Path directoryPassword() {
    return rootDir().resolve("directory.pass");
  }

  public Path partyDir(PartyCode party) {
    return dir.resolve(party.code());
  }

  public Path partyCaCertificate(PartyCode party) {
    return partyDir(party).resolve("ca.pem");
  }

  public Path partyCaKeystore(PartyCode party) {
    return partyDir(party).resolve("ca.p12");
  }

  public Path partyCaPassword(PartyCode party) {
    return partyDir(party).resolve("ca.pass");
  }

  public Path partyCrl(PartyCode party) {
    return partyDir(party).resolve("crl.pem");
  }

  /** {@code DIR/XX/tls.pem}, {@code sign.pem} or {@code enc.pem}. */
  public Path nodeCertificate(PartyCode party, CertificatePurpose purpose) {
    return partyDir(party).resolve(purpose.label() + ".pem");
  }

  public Path nodeKeystore(PartyCode party) {
    return partyDir(party).resolve("keys.p12");
  }

  public Path nodePassword(PartyCode party) {
    return partyDir(party).resolve("keys.pass");
  }

  /** The Parties that have a CA in this network, in code order. */
  public List<PartyCode> parties() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(p -> p.getFileName().toString().matches("[A-Z]{2}"))
          .filter(p -> Files.exists(p.resolve("ca.pem")))
          .map(p -> new PartyCode(p.getFileName().toString()))
          .sorted()
          .toList();
    }
  }
}

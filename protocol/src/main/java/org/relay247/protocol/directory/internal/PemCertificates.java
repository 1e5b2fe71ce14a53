package org.relay247.protocol.directory.internal;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/** Loads one X.509 certificate from a PEM file named relative to the directory YAML file. */
final class PemCertificates {

  private static final String EXPECTED =
      "a path, relative to the YAML file, of a PEM file holding one X.509 certificate";

  private final Path baseDirectory;

  PemCertificates(Path baseDirectory) {
    this.baseDirectory = baseDirectory;
  }

  /** DER bytes of the certificate in the PEM file {@code node} names. */
  ByteString der(YamlNode node) {
    String relative = node.text(EXPECTED);
    if (baseDirectory == null) {
      throw node.error("\"" + relative + "\" cannot be resolved (expected: a YAML file read from"
          + " disk, or a base directory)");
    }
    Path file;
    try {
      file = baseDirectory.resolve(relative).normalize();
    } catch (InvalidPathException e) {  // e.g. a NUL written as "\0" in a quoted scalar
      throw node.error("\"" + relative + "\" is not a valid path (expected: " + EXPECTED + ")");
    }
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(file)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      throw node.error("\"" + relative + "\" cannot be read: " + e.getClass().getSimpleName()
          + " (expected: " + EXPECTED + ")");
    } catch (CertificateException e) {
      throw node.error("\"" + relative + "\" is not a PEM X.509 certificate (expected: "
          + EXPECTED + ")");
    }
    if (certificates.size() != 1) {
      throw node.error("\"" + relative + "\" holds " + certificates.size()
          + " certificates (expected: exactly one)");
    }
    try {
      return ByteString.copyFrom(certificates.iterator().next().getEncoded());
    } catch (CertificateException e) {
      throw node.error("\"" + relative + "\" cannot be encoded (expected: " + EXPECTED + ")");
    }
  }
}

package org.relay247.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** PEM reading and writing of certificates, CRLs, CSRs and (on explicit request) private keys. */
public final class Pem {
  private Pem() {}

  public static String encode(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object o : objects) {
        writer.writeObject(o);
      }
    } catch (IOException e) {
      throw new IllegalStateException("PEM encoding failed", e);
    }
    return out.toString();
  }

  public static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
    SecureFiles.writePublic(file, encode(certificate).getBytes(StandardCharsets.US_ASCII));
  }

  public static void writeCrl(Path file, X509CRL crl) throws IOException {
    SecureFiles.writePublic(file, encode(crl).getBytes(StandardCharsets.US_ASCII));
  }

  /** Writes an unencrypted PKCS#8 private key, owner-readable only. */
  public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    try {
      // PKCS#8 (PEM label "PRIVATE KEY"), which every tool reads; JcaPEMWriter alone writes SEC1.
      SecureFiles.writePrivate(file, encode(new JcaPKCS8Generator(key, null))
          .getBytes(StandardCharsets.US_ASCII));
    } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
      throw new IOException("cannot encode private key: " + e.getMessage(), e);
    }
  }

  /** Every certificate in a PEM file, in order. */
  public static List<X509Certificate> readCertificates(Path file) throws IOException {
    List<X509Certificate> certs = new ArrayList<>();
    for (Object o : readObjects(file)) {
      if (o instanceof X509CertificateHolder holder) {
        try {
          certs.add(new JcaX509CertificateConverter().getCertificate(holder));
        } catch (CertificateException e) {
          throw new IOException(file + ": unreadable certificate: " + e.getMessage(), e);
        }
      }
    }
    if (certs.isEmpty()) {
      throw new IOException(file + ": no PEM certificate found");
    }
    return certs;
  }

  /** The first certificate of a PEM file. */
  public static X509Certificate readCertificate(Path file) throws IOException {
    return readCertificates(file).get(0);
  }

  public static X509CRL readCrl(Path file) throws IOException {
    for (Object o : readObjects(file)) {
      if (o instanceof X509CRLHolder holder) {
        try {
          return new JcaX509CRLConverter().getCRL(holder);
        } catch (CRLException e) {
          throw new IOException(file + ": unreadable CRL: " + e.getMessage(), e);
        }
      }
    }
    throw new IOException(file + ": no PEM CRL found");
  }

  public static PKCS10CertificationRequest readCsr(Path file) throws IOException {
    for (Object o : readObjects(file)) {
      if (o instanceof PKCS10CertificationRequest csr) {
        return csr;
      }
    }
    throw new IOException(file + ": no PEM certificate request (CSR) found");
  }

  /** Reads a PKCS#8 or SEC1 ("EC PRIVATE KEY") private key. */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    for (Object o : readObjects(file)) {
      if (o instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (o instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
    }
    throw new IOException(file + ": no unencrypted PEM private key found");
  }

  private static List<Object> readObjects(Path file) throws IOException {
    return readObjects(Files.newBufferedReader(file, StandardCharsets.US_ASCII), file.toString());
  }

  static List<Object> readObjects(String pem) throws IOException {
    return readObjects(new StringReader(pem), "PEM text");
  }

  private static List<Object> readObjects(Reader reader, String what) throws IOException {
    List<Object> objects = new ArrayList<>();
    try (PEMParser parser = new PEMParser(reader)) {
      Object o;
      while ((o = parser.readObject()) != null) {
        objects.add(o);
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException(what + ": not valid PEM: " + e.getMessage(), e);
    }
    return objects;
  }
}

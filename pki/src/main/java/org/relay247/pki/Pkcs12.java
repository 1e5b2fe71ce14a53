package org.relay247.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * PKCS#12 keystores (the JDK's, PBES2 with AES-256): one private key per alias with its chain.
 * Files are written owner-readable only.
 */
public final class Pkcs12 {
  private final KeyStore store;
  private final Password password;

  private Pkcs12(KeyStore store, Password password) {
    this.store = store;
    this.password = password;
  }

  public static Pkcs12 empty(Password password) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      return new Pkcs12(ks, password);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("PKCS12 keystores unavailable", e);
    }
  }

  public static Pkcs12 load(Path file, Password password) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password.chars());
      return new Pkcs12(ks, password);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file + ": keystore not found");
    } catch (GeneralSecurityException e) {
      throw new IOException(file + ": cannot open keystore: " + e.getMessage(), e);
    } catch (IOException e) {
      // The JDK reports a wrong password as an IOException whose cause is UnrecoverableKeyException.
      throw new IOException(file + ": cannot open keystore (wrong password or damaged file)", e);
    }
  }

  /** Loads the file if it exists, else starts an empty keystore with this password. */
  public static Pkcs12 loadOrCreate(Path file, Password password) throws IOException {
    return Files.exists(file) ? load(file, password) : empty(password);
  }

  public Pkcs12 put(String alias, PrivateKey key, List<X509Certificate> chain) {
    try {
      store.setKeyEntry(alias, key, password.chars(), chain.toArray(Certificate[]::new));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("keystore entry " + alias + ": " + e.getMessage(), e);
    }
    return this;
  }

  public PrivateKey privateKey(String alias) throws IOException {
    try {
      if (!store.isKeyEntry(alias)) {
        throw new IOException("keystore has no key \"" + alias + "\" (it has: " + aliases() + ")");
      }
      return (PrivateKey) store.getKey(alias, password.chars());
    } catch (GeneralSecurityException e) {
      throw new IOException("keystore key " + alias + ": " + e.getMessage(), e);
    }
  }

  public List<X509Certificate> chain(String alias) throws IOException {
    try {
      Certificate[] chain = store.getCertificateChain(alias);
      if (chain == null) {
        throw new IOException("keystore has no key \"" + alias + "\" (it has: " + aliases() + ")");
      }
      return Arrays.stream(chain).map(X509Certificate.class::cast).toList();
    } catch (java.security.KeyStoreException e) {
      throw new IOException(e);
    }
  }

  public List<String> aliases() {
    try {
      return java.util.Collections.list(store.aliases());
    } catch (java.security.KeyStoreException e) {
      throw new IllegalStateException(e);
    }
  }

  public void save(Path file) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      store.store(out, password.chars());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot write keystore " + file + ": " + e.getMessage(), e);
    }
    SecureFiles.writePrivate(file, out.toByteArray());
  }
}

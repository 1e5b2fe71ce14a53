package org.relay247.protocol.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relay247.protocol.seal.TestNodes.FR;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.pki.Password;
import org.relay247.pki.Pkcs12;
import org.relay247.protocol.v1.Directory;

/** The signed directory: only the root's directory signer may sign it, and it never rolls back. */
class DirectoryVerifierTest {
  @TempDir static Path dir;
  static TestNodes nodes;
  static SigningKey directoryKey;

  @BeforeAll
  static void network() throws Exception {
    nodes = new TestNodes(dir.resolve("net"));
    Pkcs12 store = Pkcs12.load(nodes.pki.layout().directoryKeystore(),
        Password.fromFile(nodes.pki.layout().directoryPassword()));
    directoryKey = new SigningKey(store.privateKey("directory"), store.chain("directory"));
  }

  private static Directory version(long v) {
    return Directory.newBuilder().setVersion(v).build();
  }

  @Test
  void signedDirectory_verifies_whenNotOlderThanHeld() throws Exception {
    byte[] signed = new DirectorySigner(directoryKey, nodes.clock).sign(version(7));
    DirectoryVerifier verifier = new DirectoryVerifier(nodes.validator());
    assertThat(verifier.verify(signed, 0).getVersion()).isEqualTo(7);
    assertThat(verifier.verify(signed, 7).getVersion()).isEqualTo(7);
  }

  @Test
  void olderVersion_isRefused() throws Exception {
    byte[] signed = new DirectorySigner(directoryKey, nodes.clock).sign(version(3));
    assertThatThrownBy(() -> new DirectoryVerifier(nodes.validator()).verify(signed, 4))
        .isInstanceOf(DirectoryVerificationException.class)
        .hasMessageContaining("older than the version held (4)");
  }

  @Test
  void directorySignedByANodeKey_isRefused() throws Exception {
    byte[] signed = new DirectorySigner(nodes.signingKey(FR), nodes.clock).sign(version(9));
    assertThatThrownBy(() -> new DirectoryVerifier(nodes.validator()).verify(signed, 0))
        .hasMessageContaining("directory signer").hasMessageContaining("WRONG_PURPOSE");
  }

  @Test
  void directoryOfAnotherNetwork_isRefused() throws Exception {
    TestNodes other = new TestNodes(dir.resolve("other"));
    Pkcs12 store = Pkcs12.load(other.pki.layout().directoryKeystore(),
        Password.fromFile(other.pki.layout().directoryPassword()));
    byte[] signed = new DirectorySigner(new SigningKey(store.privateKey("directory"), store.chain("directory")),
        other.clock).sign(version(9));
    assertThatThrownBy(() -> new DirectoryVerifier(nodes.validator()).verify(signed, 0))
        .hasMessageContaining("UNTRUSTED");
  }

  @Test
  void versionZero_cannotBeSigned() {
    assertThatThrownBy(() -> new DirectorySigner(directoryKey, nodes.clock).sign(version(0)))
        .hasMessageContaining("version: 0");
  }
}

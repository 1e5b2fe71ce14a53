package org.relay247.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;

/** A running node replaces its directory by a newer signed one and refuses anything else. */
class DirectoryReloadTest {
  @TempDir Path dir;

  @Test
  void newerSignedDirectory_replacesTheHeldOne_olderOrBadOnesAreRefused() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    Path file = net.pki.layout().dir().resolve("directory.bin");
    try (GatewayNode fr = net.start("FR")) {
      assertThat(fr.directory().current().version()).isEqualTo(1);

      net.writeDirectory(3);
      assertThat(fr.directory().reload()).isTrue();
      assertThat(fr.directory().current().version()).isEqualTo(3);

      net.writeDirectory(2);  // validly signed, but older: a rollback attempt
      assertThat(fr.directory().reload()).isFalse();
      assertThat(fr.directory().current().version()).isEqualTo(3);

      byte[] signed = Files.readAllBytes(file);
      signed[signed.length / 2] ^= 0x01;  // broken signature
      Files.write(file, signed);
      assertThat(fr.directory().reload()).isFalse();
      assertThat(fr.directory().current().version()).isEqualTo(3);
    }
  }
}

package org.relay247.protocol.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relay247.protocol.seal.TestNodes.DE;
import static org.relay247.protocol.seal.TestNodes.FR;
import static org.relay247.protocol.seal.TestNodes.US;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.protocol.v1.InnerMessage;

/** The signed ping and pong of the node exchange's Ping call, and the forgeries either end must refuse. */
class SignedPingsTest {
  @TempDir static Path dir;
  static TestNodes nodes;
  static SignedPings pings;

  @BeforeAll
  static void network() throws Exception {
    nodes = new TestNodes(dir.resolve("net"));
    pings = new SignedPings(nodes.validator(), nodes.listed());
  }

  private static byte[] signedBy(org.relay247.pki.PartyCode party, InnerMessage message) throws Exception {
    return SignedPings.sign(message, nodes.signingKey(party), nodes.clock);
  }

  private static byte[] frPingsDe(String nonce) throws Exception {
    return signedBy(FR, SignedPings.ping(nodes.clock, FR, DE, nonce));
  }

  @Test
  void ping_verifiedByTheCallee_andItsPong_verifiedByTheCaller() throws Exception {
    InnerMessage ping = pings.verifyPing(frPingsDe("n-1"), FR, DE);
    assertThat(ping.getPing().getNonce()).isEqualTo("n-1");
    assertThat(ping.getRouting().getSender()).isEqualTo("FR/poc");

    InnerMessage pong = pings.verifyPong(signedBy(DE, SignedPings.pong(nodes.clock, ping)), ping, DE);
    assertThat(pong.getPong().getNonce()).isEqualTo("n-1");
    assertThat(pong.getRouting().getReplyToId()).isEqualTo(ping.getRouting().getMessageId());
    assertThat(pong.getRouting().getSender()).isEqualTo("DE/poc");
  }

  @Test
  void pingSignedByAnotherPartyThanTheCallersTlsCertificate_isRefused() throws Exception {
    byte[] byUs = signedBy(US, SignedPings.ping(nodes.clock, FR, DE, "n"));
    assertThatThrownBy(() -> pings.verifyPing(byUs, FR, DE))
        .isInstanceOf(PingVerificationException.class).hasMessage("ping signed by a node of US, not of FR");
  }

  @Test
  void pingAddressedToAnotherParty_isRefused() throws Exception {
    byte[] toUs = signedBy(FR, SignedPings.ping(nodes.clock, FR, US, "n"));
    assertThatThrownBy(() -> pings.verifyPing(toUs, FR, DE))
        .isInstanceOf(PingVerificationException.class)
        .hasMessage("ping routed from FR/poc to US/poc (expected: from FR/poc to DE/poc)");
  }

  @Test
  void pingSignedByAnUnlistedKey_isRefused() throws Exception {
    byte[] unlisted = SignedPings.sign(SignedPings.ping(nodes.clock, FR, DE, "n"), nodes.unlistedSigningKey(FR), nodes.clock);
    assertThatThrownBy(() -> pings.verifyPing(unlisted, FR, DE))
        .isInstanceOf(PingVerificationException.class).hasMessageStartingWith("ping signer: ");
  }

  @Test
  void tamperedPing_failsItsSignature() throws Exception {
    byte[] ping = frPingsDe("nonce-to-flip");
    byte[] tampered = ping.clone();
    int at = new String(ping, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("nonce-to-flip");
    tampered[at] ^= 1;
    assertThatThrownBy(() -> pings.verifyPing(tampered, FR, DE))
        .isInstanceOf(PingVerificationException.class).hasMessageStartingWith("ping signature: ");
  }

  @Test
  void pongOfAnEarlierPing_doesNotAnswerANewOne() throws Exception {
    InnerMessage earlier = pings.verifyPing(frPingsDe("n-1"), FR, DE);
    byte[] oldPong = signedBy(DE, SignedPings.pong(nodes.clock, earlier));
    InnerMessage now = pings.verifyPing(frPingsDe("n-2"), FR, DE);
    assertThatThrownBy(() -> pings.verifyPong(oldPong, now, DE))
        .isInstanceOf(PingVerificationException.class).hasMessageStartingWith("pong answers " + earlier.getRouting()
            .getMessageId());
  }

  @Test
  void pongSignedByAnotherParty_isRefused() throws Exception {
    InnerMessage ping = pings.verifyPing(frPingsDe("n"), FR, DE);
    byte[] byUs = signedBy(US, SignedPings.pong(nodes.clock, ping));
    assertThatThrownBy(() -> pings.verifyPong(byUs, ping, DE))
        .isInstanceOf(PingVerificationException.class).hasMessage("pong signed by a node of US, not of DE");
  }

  @Test
  void receiptOfferedAsAPong_isRefused() throws Exception {
    InnerMessage ping = pings.verifyPing(frPingsDe("n"), FR, DE);
    byte[] receipt = new ReceiptSigner(nodes.signingKey(DE), nodes.clock).sign(ping.getRouting(),
        org.relay247.protocol.v1.Receipt.newBuilder().setMessageId(ping.getRouting().getMessageId()).build());
    assertThatThrownBy(() -> pings.verifyPong(receipt, ping, DE))
        .isInstanceOf(PingVerificationException.class).hasMessage("signed message is a RECEIPT, not a pong");
  }
}

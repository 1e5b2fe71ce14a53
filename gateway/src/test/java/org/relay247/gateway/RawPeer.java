package org.relay247.gateway;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.relay247.gateway.node.NodeKeys;
import org.relay247.gateway.tls.NodeTls;
import org.relay247.gateway.tls.PkiTrustManager;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Password;
import org.relay247.protocol.v1.NodeExchangeServiceGrpc;

/**
 * A hand-held node-exchange client with a Party's real keys: what a test (or an attacker holding
 * those keys) uses to send exact bytes to a node.
 */
public final class RawPeer implements AutoCloseable {
  public final NodeKeys keys;
  private final ManagedChannel channel;

  public RawPeer(TestNetwork net, String fromParty, String toParty) throws IOException {
    PartyCode from = new PartyCode(fromParty);
    this.keys = NodeKeys.load(net.pki.layout().nodeKeystore(from), Password.fromFile(net.pki.layout().nodePassword(from)));
    PartyCode to = new PartyCode(toParty);
    var validator = net.pki.validator();
    this.channel = NettyChannelBuilder.forTarget("localhost:" + net.ports.get(to))
        .sslContext(NodeTls.client(keys.tlsKey(), keys.tlsChain(), PkiTrustManager.forClient(() -> validator, to)))
        .build();
  }

  public NodeExchangeServiceGrpc.NodeExchangeServiceBlockingStub stub() {
    return NodeExchangeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}

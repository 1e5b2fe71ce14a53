package org.relay247.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.RawPeer;
import org.relay247.gateway.TestNetwork;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.v1.DeliverRequest;

/** An envelope above the configured limit is refused by the transport before it is buffered. */
class EnvelopeSizeLimitTest {
  @TempDir Path dir;

  @Test
  void envelopeOverTheLimit_isRefusedWithResourceExhausted() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    net.writeConfig(new PartyCode("DE"), "limits.max-envelope-bytes = 16384");
    try (GatewayNode de = net.start("DE"); RawPeer fr = new RawPeer(net, "FR", "DE")) {
      DeliverRequest big = DeliverRequest.newBuilder().setEnvelope(ByteString.copyFrom(new byte[64 * 1024])).build();
      assertThatThrownBy(() -> fr.stub().deliver(big))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
      assertThat(de.inbox().count()).isZero();
      assertThat(de.quarantine().count()).isZero();

      // Under the limit, the same bytes reach the node and are judged (unreadable: INVALID_ARGUMENT).
      DeliverRequest small = DeliverRequest.newBuilder().setEnvelope(ByteString.copyFrom(new byte[] {1, 2, 3})).build();
      assertThatThrownBy(() -> fr.stub().deliver(small))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }
  }
}

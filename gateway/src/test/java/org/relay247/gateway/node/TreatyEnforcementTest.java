package org.relay247.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.delivery.TreatyRuleViolation;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.RejectionReason;

/**
 * The treaty rules at both ends, over real nodes: DE declared under Art. 9.1.b that it does not
 * execute subscriber-only Art. 9 requests. FR's node stops such a draft before it leaves; and
 * when FR's directory does not (yet) show the declaration, DE's node refuses the message with a
 * signed rejection naming the article.
 */
class TreatyEnforcementTest {
  @TempDir Path dir;

  static final Consumer<Directory.Builder> DE_DECLARES_9_1_B = d -> {
    for (int i = 0; i < d.getPartiesCount(); i++) {
      if (d.getParties(i).getCode().equals("DE")) {
        d.getPartiesBuilder(i).addDeclarations(Declaration.newBuilder()
            .setKind(DeclarationKind.DECLARATION_KIND_D_9_1_B)
            .setEffectiveFrom(Timestamps.fromMillis(0)).setText("no subscriber-only Art. 9 requests"));
      }
    }
  };

  static InnerMessage subscriberOnlyArt9() throws Exception {
    InnerMessage.Builder b = InnerMessage.newBuilder();
    JsonFormat.parser().merge(Files.readString(Path.of("../docs/examples/art9-request.json")), b);
    b.getArt9RequestBuilder().getDataBuilder().clearCategories().addCategories(DataCategory.DATA_CATEGORY_SUBSCRIBER);
    b.getRoutingBuilder().clearMessageId().clearCaseId().clearCreatedAt().clearReplyToId();
    return b.build();
  }

  @Test
  void blockedDraft_isRefusedBySenderNode_withArticleAndAdvice() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    net.writeDirectory(2, net.pki.layout().dir().resolve("directory.bin"), DE_DECLARES_9_1_B);
    try (GatewayNode fr = net.start("FR")) {
      assertThatThrownBy(() -> fr.outbox().submit(subscriberOnlyArt9()))
          .isInstanceOf(TreatyRuleViolation.class)
          .hasMessageContaining("DECL_9_1_B (Art. 9.1.b)").hasMessageContaining("Art. 7 or Art. 8");
      assertThat(fr.outboxStore().recent(10)).isEmpty();
    }
  }

  @Test
  void blockedMessage_isRejectedByReceiverNode_withSignedTreatyRuleRejection() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    Path deDirectory = dir.resolve("de-directory.bin");
    net.writeDirectory(2, deDirectory, DE_DECLARES_9_1_B);
    net.writeConfig(new PartyCode("DE"), "directory-file = \"" + deDirectory + "\"");
    try (GatewayNode fr = net.start("FR"); GatewayNode de = net.start("DE")) {
      String id = fr.outbox().submit(subscriberOnlyArt9()).getRouting().getMessageId();
      OutboxEntry done = Awaits.completed(fr, id);
      assertThat(done.state()).isEqualTo(OutboxEntry.State.REJECTED);
      assertThat(done.receiptReason()).contains(RejectionReason.REJECTION_REASON_TREATY_RULE.name());
      assertThat(done.receiptArticle()).contains("9.1.b");
      assertThat(de.inbox().count()).isZero();
      assertThat(de.quarantine().count()).isEqualTo(1);
    }
  }
}

package org.relay247.simulator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.relay247.protocol.v1.EvidenceItem;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;

class DemoMessagesTest {
  private static final Path EXAMPLES = Path.of("..", "docs", "examples");

  @Test
  void art9Request_isTheDocumentedExample_withTheDemoRouting() throws Exception {
    InnerMessage.Builder example = InnerMessage.newBuilder();
    JsonFormat.parser().merge(Files.readString(EXAMPLES.resolve("art9-request.json")), example);

    InnerMessage draft = DemoMessages.art9Request("DE/poc");

    assertThat(draft.toBuilder().clearRouting().build()).isEqualTo(example.clearRouting().build());
    assertThat(draft.getRouting().getRecipient()).isEqualTo("DE/poc");
    assertThat(draft.getRouting().getPriority()).isEqualTo(Priority.PRIORITY_EMERGENCY);
    // The node assigns ids and times.
    assertThat(draft.getRouting().getMessageId()).isEmpty();
    assertThat(draft.getRouting().getCaseId()).isEmpty();
  }

  @Test
  void resultItems_describeTheProviderData() {
    EvidenceItem[] items = DemoMessages.resultItems(Instant.parse("2025-11-21T06:10:00Z"));

    assertThat(items).hasSize(2);
    for (EvidenceItem item : items) {
      assertThat(item.getSizeBytes()).isEqualTo(DemoMessages.content(item).length);
      assertThat(item.getSha256().size()).isEqualTo(32);
      assertThat(item.getChunkCount()).isEqualTo(1);
    }
  }
}

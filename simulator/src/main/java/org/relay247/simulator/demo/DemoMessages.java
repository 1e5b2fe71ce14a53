package org.relay247.simulator.demo;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.relay247.protocol.results.ChunkSize;
import org.relay247.protocol.results.EvidenceItems;
import org.relay247.protocol.v1.ContactDetails;
import org.relay247.protocol.v1.CopyKind;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.Determination;
import org.relay247.protocol.v1.DeterminationOutcome;
import org.relay247.protocol.v1.EvidenceChunk;
import org.relay247.protocol.v1.EvidenceItem;
import org.relay247.protocol.v1.EvidenceManifest;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.ResultsChannel;
import org.relay247.protocol.v1.Routing;

/**
 * The messages of the demo case, scenario 1 of the protocol requirements (a kidnapper's e-mail
 * account): the Art. 9 request is {@code docs/examples/art9-request.json} (a test keeps the two
 * equal), the answers are built from {@code determination.json} and {@code evidence-manifest.json}
 * with an unconditional determination and two small results items the simulated provider
 * "returns". Drafts carry no message id, time or case unless they answer something: the sending
 * node fills them in.
 */
public final class DemoMessages {
  /**
   * Body and metadata of docs/examples/art9-request.json, without its routing (the demo's request,
   * and the load harness's payload).
   */
  public static final String ART9_REQUEST_JSON = """
      {
        "senderContact": {
          "name": "Capitaine Hélène Marchetti",
          "title": "Duty officer, OFAC 24/7 point of contact",
          "phone": "+33 1 00 00 24 07",
          "email": "poc247@ofac.interieur.example.fr"
        },
        "language": "en",
        "senderReference": "OFAC-2025-0412",
        "art9Request": {
          "competentAuthority": {
            "name": "Parquet de Paris, section J3 (cybercriminalité)",
            "kind": "AUTHORITY_KIND_PROSECUTOR",
            "address": "FR/tj-paris-j3",
            "contact": {
              "name": "M. Julien Ferrand",
              "title": "Vice-procureur, section J3",
              "phone": "+33 1 00 00 33 33",
              "email": "j3-cyber@justice.example.fr"
            }
          },
          "issuedAt": "2025-11-21T02:12:00Z",
          "issuedUnderProtocol": true,
          "providers": [
            {
              "name": "Postfach24 GmbH",
              "address": "Beispielstraße 12, 10115 Berlin, Germany",
              "party": "DE"
            }
          ],
          "offences": [
            {
              "description": "Kidnapping of a minor with ransom demand (enlèvement et séquestration de mineur)",
              "legalProvisions": "Code pénal, art. 224-1, 224-4 and 224-5",
              "penalties": "Up to life imprisonment"
            }
          ],
          "emergencyFacts": "On 20 November 2025 at 17:40 a 9-year-old girl, Camille R., was taken from a car park in Lyon. At 23:55 her parents received a ransom demand from kr-lieferung@postfach24.example threatening to kill her if the police were informed. A second message at 01:30 set a deadline of 12:00 today. Her life is at serious and imminent risk.",
          "relationToEmergency": "Both ransom messages were sent from the Postfach24 account. Subscriber data, login IP addresses and the mailbox content (drafts, sent items) are the only leads to the kidnappers' identity and the place where the child is held.",
          "data": {
            "categories": [
              "DATA_CATEGORY_SUBSCRIBER",
              "DATA_CATEGORY_TRAFFIC",
              "DATA_CATEGORY_CONTENT"
            ],
            "description": "For the account kr-lieferung@postfach24.example: subscriber registration data and payment details; login records with IP address, port and time; content of all folders including drafts.",
            "identifiers": [
              "kr-lieferung@postfach24.example"
            ],
            "periodStart": "2025-11-01T00:00:00Z",
            "periodEnd": "2025-11-21T02:00:00Z"
          },
          "specialInstructions": {
            "nonDisclosure": true,
            "certificationForm": false,
            "text": "The provider must not inform the account holder. Please send login records first, as soon as obtained."
          },
          "otherInformation": "A French police liaison can be reached at any time at the FR/poc phone number. English or French answers are fine.",
          "investigationReference": "Parquet de Paris J3 25/325/0117"
        }
      }
      """;

  /** The German duty officer, as in docs/examples/determination.json. */
  static final ContactDetails DE_DUTY_OFFICER = ContactDetails.newBuilder()
      .setName("KHK Jonas Brenner")
      .setTitle("Lagedienst, BKA 24/7 Kontaktstelle")
      .setPhone("+49 611 00 00 247")
      .setEmail("poc247@bka.example.de")
      .build();

  static final String DE_REFERENCE = "BKA-LD-2025-88231";

  /** What the simulated provider (Postfach24 GmbH) hands over: two small CSV files. */
  static final String SUBSCRIBER_CSV = """
      account,registered_at,name,postal_address,payment_reference,recovery_phone
      kr-lieferung@postfach24.example,2025-10-30T21:17:44Z,"Max Mustermann (declared)","Teststraße 1, 12345 Musterstadt",PP-7741-0090,+33 6 00 00 00 00
      """;
  static final String LOGINS_CSV = """
      account,login_at_utc,ip_address,source_port,client
      kr-lieferung@postfach24.example,2025-11-20T23:51:08Z,198.51.100.23,50412,webmail
      kr-lieferung@postfach24.example,2025-11-21T01:27:55Z,198.51.100.23,50877,webmail
      kr-lieferung@postfach24.example,2025-11-21T01:29:40Z,203.0.113.77,41202,imap
      """;

  private DemoMessages() {}

  /** The Art. 9 emergency request from FR/poc to {@code recipient}; the node completes routing. */
  static InnerMessage art9Request(String recipient) {
    InnerMessage.Builder draft = InnerMessage.newBuilder();
    try {
      JsonFormat.parser().merge(ART9_REQUEST_JSON, draft);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("built-in Art. 9 request unreadable: " + e.getMessage(), e);
    }
    return draft.setRouting(Routing.newBuilder().setRecipient(recipient).setPriority(Priority.PRIORITY_EMERGENCY))
        .build();
  }

  /** The answering routing: same case, replying to {@code requestId}, back to the requester. */
  static Routing answer(String requester, String caseId, String requestId) {
    return Routing.newBuilder().setRecipient(requester).setPriority(Priority.PRIORITY_EMERGENCY)
        .setCaseId(caseId).setReplyToId(requestId).build();
  }

  /** Art. 9.6 determination: will provide, without conditions. */
  static InnerMessage determination(Routing routing, String requestId, Instant decidedAt) {
    return InnerMessage.newBuilder().setRouting(routing).setSenderContact(DE_DUTY_OFFICER).setLanguage("en")
        .setSenderReference(DE_REFERENCE)
        .setDetermination(Determination.newBuilder()
            .setRequestMessageId(requestId)
            .setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE)
            .setArticle("9.6")
            .setGroundsText("Emergency accepted. Postfach24 GmbH has produced the subscriber data and login records;"
                + " the mailbox content follows under the court order of the Amtsgericht Tiergarten.")
            .addCategoriesProvided(DataCategory.DATA_CATEGORY_SUBSCRIBER)
            .addCategoriesProvided(DataCategory.DATA_CATEGORY_TRAFFIC)
            .setExecutingAuthority("DE/poc")
            .setDecidedAt(timestamp(decidedAt)))
        .build();
  }

  /** The two results items, described (size, SHA-256, chunk count) for the manifest. */
  static EvidenceItem[] resultItems(Instant obtainedAt) {
    return new EvidenceItem[] {
        item("item-1", "postfach24-kr-lieferung-subscriber.csv", SUBSCRIBER_CSV,
            DataCategory.DATA_CATEGORY_SUBSCRIBER, "Registration and payment data of the account", obtainedAt),
        item("item-2", "postfach24-kr-lieferung-logins.csv", LOGINS_CSV, DataCategory.DATA_CATEGORY_TRAFFIC,
            "Login records with IP address, source port and time (UTC)", obtainedAt)};
  }

  /** The item's bytes, as the provider produced them. */
  static byte[] content(EvidenceItem item) {
    return switch (item.getItemId()) {
      case "item-1" -> SUBSCRIBER_CSV.getBytes(StandardCharsets.UTF_8);
      case "item-2" -> LOGINS_CSV.getBytes(StandardCharsets.UTF_8);
      default -> throw new IllegalArgumentException("no demo item " + item.getItemId());
    };
  }

  /** The signed evidence manifest, official copy, through the points of contact. */
  static InnerMessage manifest(Routing routing, String requestId, String determinationId, EvidenceItem[] items,
      Instant producedAt) {
    EvidenceManifest.Builder manifest = EvidenceManifest.newBuilder()
        .setRequestMessageId(requestId)
        .setAuthorisationMessageId(determinationId)
        .setCopyKind(CopyKind.COPY_KIND_OFFICIAL)
        .setChannel(ResultsChannel.RESULTS_CHANNEL_POINT_OF_CONTACT)
        .setChunkSizeBytes(ChunkSize.DEFAULT)
        .setProducedAt(timestamp(producedAt));
    for (EvidenceItem item : items) {
      manifest.addItems(item);
    }
    return InnerMessage.newBuilder().setRouting(routing).setSenderContact(DE_DUTY_OFFICER).setLanguage("en")
        .setSenderReference(DE_REFERENCE).setEvidenceManifest(manifest).build();
  }

  /** One chunk of results data, in its own envelope. */
  static InnerMessage chunk(Routing routing, EvidenceChunk chunk) {
    return InnerMessage.newBuilder().setRouting(routing).setLanguage("en").setEvidenceChunk(chunk).build();
  }

  /** First bytes of a SHA-256 in hex, for the timeline. */
  static String shortHash(ByteString sha256) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < 6 && i < sha256.size(); i++) {
      hex.append(String.format("%02x", sha256.byteAt(i) & 0xff));
    }
    return hex + "...";
  }

  private static EvidenceItem item(String id, String name, String csv, DataCategory category, String description,
      Instant obtainedAt) {
    try {
      return EvidenceItems.describe(id, name, "text/csv",
              new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), ChunkSize.DEFAULT)
          .toBuilder().setCategory(category).setDescription(description).setSource("Postfach24 GmbH")
          .setObtainedAt(timestamp(obtainedAt)).build();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);  // an in-memory stream does not fail
    }
  }

  private static Timestamp timestamp(Instant at) {
    return Timestamps.fromMillis(at.toEpochMilli());
  }
}

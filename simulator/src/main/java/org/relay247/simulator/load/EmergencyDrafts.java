package org.relay247.simulator.load;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import org.relay247.protocol.v1.Art9Request;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/**
 * The message the harness sends: the Art. 9 emergency request of the demo case
 * ({@code docs/examples/art9-request.json} without its routing: complete, so the treaty rules on
 * both nodes let it through) from FR/poc to DE/poc, its emergency facts padded with text that
 * does not compress to nothing until the draft has the requested serialized size. The node fills
 * in id, time and case at submission, adding about 100 bytes of routing.
 */
final class EmergencyDrafts {
  static final String RECIPIENT = "DE/poc";

  /** docs/examples/art9-request.json without its routing (as the demo's DemoMessages). */
  private static final String REQUEST_JSON = """
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

  private EmergencyDrafts() {}

  /** A draft of {@code payloadBytes} serialized bytes (or the smallest possible, about 1,600). */
  static InnerMessage draft(int payloadBytes) {
    InnerMessage base = build("");
    int missing = payloadBytes - base.getSerializedSize();
    if (missing <= 0) {
      return base;
    }
    // The length prefix of emergency_facts grows with the text; converge in a few steps.
    int fill = missing;
    InnerMessage m = build(filler(fill));
    for (int i = 0; i < 4 && m.getSerializedSize() != payloadBytes; i++) {
      fill += payloadBytes - m.getSerializedSize();
      m = build(filler(Math.max(0, fill)));
    }
    return m;
  }

  private static InnerMessage build(String padding) {
    InnerMessage.Builder draft = InnerMessage.newBuilder();
    try {
      JsonFormat.parser().merge(REQUEST_JSON, draft);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("built-in Art. 9 request unreadable: " + e.getMessage(), e);
    }
    Art9Request.Builder request = draft.getArt9RequestBuilder();
    request.setEmergencyFacts(request.getEmergencyFacts() + (padding.isEmpty() ? "" : " " + padding));
    return draft.setRouting(Routing.newBuilder().setRecipient(RECIPIENT).setPriority(Priority.PRIORITY_EMERGENCY))
        .build();
  }

  /** Deterministic, varied printable text. */
  private static String filler(int length) {
    StringBuilder s = new StringBuilder(length);
    long x = 0x9E3779B97F4A7C15L;
    String alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,";
    for (int i = 0; i < length; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      s.append(alphabet.charAt((int) Long.remainderUnsigned(x, alphabet.length())));
    }
    return s.toString();
  }
}

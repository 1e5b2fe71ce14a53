package org.relay247.gateway.protection;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.delivery.OutboxService;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.v1.ContactDetails;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;
import org.relay247.protocol.v1.SecurityIncidentNotification;

/**
 * Art. 14.7.b-c: an operator reports a security incident affecting a case's data; the node
 * addresses one SecurityIncidentNotification to each Party whose data the case holds: to the
 * authority that transferred the data, or, for data obtained under Art. 6 or 7 (Section 2), to
 * the authority that Party designated under 14.7.c in the directory. The node fills in the
 * affected message ids and the data origin; the operator's report gives the facts (ER §254).
 * Each notification is submitted like any message (treaty rules, outbox, audit) and the incident
 * is recorded in the audit log (INCIDENT_RECORDED).
 */
public final class IncidentNotifier {
  private final CaseMessages messages;
  private final TransferringAuthorities authorities;
  private final OutboxService outbox;
  private final AuditLog audit;
  private final Clock clock;

  IncidentNotifier(CaseMessages messages, TransferringAuthorities authorities, OutboxService outbox, AuditLog audit,
      Clock clock) {
    this.messages = messages;
    this.authorities = authorities;
    this.outbox = outbox;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Sends the notifications and returns them as submitted.
   *
   * @param report the facts: description and detection time required; affected_message_ids and
   *     data_origin are set by the node
   * @param contact the person acting (001 V§24), may be the default instance
   * @throws IllegalArgumentException naming the missing field of the report
   * @throws IllegalStateException if the case holds no data received from another Party
   */
  public List<InnerMessage> notify(String caseId, SecurityIncidentNotification report, ContactDetails contact,
      String actor) {
    MessageIds.requireValid("case_id", caseId);
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(actor, "actor");
    if (report.getDescription().isBlank()) {
      throw new IllegalArgumentException("incident.description: empty (expected: the nature of the incident, ER §254)");
    }
    if (!report.hasDetectedAt()) {
      throw new IllegalArgumentException("incident.detected_at: missing (expected: when the incident was detected)");
    }
    Instant now = clock.instant();
    List<CaseMessage> all = messages.of(caseId);
    List<TransferringAuthorities.Source> sources = TransferringAuthorities.sources(all);
    if (sources.isEmpty()) {
      throw new IllegalStateException("case " + caseId + " holds no personal data received from another Party"
          + " (expected: a case with received data; Art. 14.7.b notifies the transferring authority)");
    }
    CooperationType origin = TransferringAuthorities.origin(all);
    List<InnerMessage> sent = new ArrayList<>();
    for (TransferringAuthorities.Source source : sources) {
      SecurityIncidentNotification body = report.toBuilder().clearAffectedMessageIds()
          .addAllAffectedMessageIds(source.data().stream().map(CaseMessage::messageId).toList())
          .setDataOrigin(origin).build();
      InnerMessage draft = InnerMessage.newBuilder()
          .setRouting(Routing.newBuilder().setCaseId(caseId)
              .setRecipient(authorities.authority(source, origin, DeclarationKind.DECLARATION_KIND_N_14_7_C, now)
                  .toString())
              .setReplyToId(source.data().get(source.data().size() - 1).messageId())
              .setPriority(Priority.PRIORITY_URGENT))
          .setSenderContact(contact).setLanguage("en").setSenderReference(report.getIncidentId())
          .setSecurityIncidentNotification(body).build();
      sent.add(outbox.submit(draft, actor));
    }
    audit.append(new AuditEvent(actor, AuditAction.INCIDENT_RECORDED, caseId, null, "incident "
        + (report.getIncidentId().isBlank() ? "(no reference)" : report.getIncidentId()) + " notified to "
        + String.join(", ", sent.stream().map(m -> m.getRouting().getRecipient()).toList())));
    return sent;
  }
}

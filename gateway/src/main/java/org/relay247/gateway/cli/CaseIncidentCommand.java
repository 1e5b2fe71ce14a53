package org.relay247.gateway.cli;

import com.google.protobuf.util.Timestamps;
import java.time.Clock;
import java.time.Instant;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.protocol.v1.NotifyIncidentRequest;
import org.relay247.protocol.v1.NotifyIncidentResponse;
import org.relay247.protocol.v1.SecurityIncidentNotification;
import org.relay247.protocol.v1.SubjectNotification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relay247 case incident CASE ...}: security-incident notification (Art. 14.7.b-c). */
@Command(name = "incident", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Notify a security incident affecting a case's data to the authority that transferred them "
        + "(the Art. 14.7.c authority for Art. 6 and 7 data), with the facts of ER §254."},
    footer = {"", "Example:", "  relay247 case incident --node localhost:7401 --network net --party FR \\",
        "      019aa42c-f0c0-7755-815a-581a56888679 --id OCLCTIC-SI-2026-01 \\",
        "      --description \"case files exposed on an internal share\" --detected 2026-01-09T09:15:00Z \\",
        "      --measures \"share closed\" --no-onward --subject-notice DEFERRED --role \"24/7 duty officer\""})
final class CaseIncidentCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "CASE", description = "The case id.")
  String caseId;

  @Option(names = "--id", paramLabel = "REF", description = "Your incident reference.")
  String incidentId = "";

  @Option(names = "--description", required = true, paramLabel = "TEXT", description = "Nature of the incident.")
  String description;

  @Option(names = "--detected", required = true, paramLabel = "INSTANT", description = "When it was detected.")
  Instant detected;

  @Option(names = "--measures", paramLabel = "TEXT", description = "Measures taken to mitigate.")
  String measures = "";

  @Option(names = "--no-onward", description = "The notice may not be transmitted further (ER §252).")
  boolean restricted;

  @Option(names = "--subject-notice", paramLabel = "STATE",
      description = "NOTIFIED, PLANNED, DEFERRED or NOT_REQUIRED (ER §253).")
  String subjectNotice = "";

  @Option(names = "--consultation", description = "Ask the transferring authority for consultation (ER §255).")
  boolean consultation;

  @Option(names = "--role", required = true, paramLabel = "ROLE", description = "Your desk or function (audited).")
  String role;

  CaseIncidentCommand(Clock clock) {
    super(clock);
  }

  @Override
  int run(NationalApiClient client) {
    SecurityIncidentNotification.Builder incident = SecurityIncidentNotification.newBuilder()
        .setIncidentId(incidentId).setDescription(description).setDetectedAt(Timestamps.fromMillis(detected.toEpochMilli()))
        .setMeasuresTaken(measures).setOnwardTransmissionRestricted(restricted).setConsultationRequested(consultation);
    if (!subjectNotice.isBlank()) {
      incident.setSubjectNotification(SubjectNotification.valueOf("SUBJECT_NOTIFICATION_" + subjectNotice.strip()));
    }
    NotifyIncidentResponse r = client.blocking(TIMEOUT).notifyIncident(NotifyIncidentRequest.newBuilder()
        .setCaseId(caseId).setIncident(incident).setOperatorRole(role).build());
    r.getNotificationsList().forEach(n -> out().println("Incident notification " + n.getMessageId() + " sent to "
        + n.getRouting().getRecipient() + "."));
    return 0;
  }
}

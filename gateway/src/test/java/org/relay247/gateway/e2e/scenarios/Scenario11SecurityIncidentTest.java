package org.relay247.gateway.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.TrackState;
import org.relay247.protocol.v1.AuthorityDesignation;
import org.relay247.protocol.v1.AuthorityRole;
import org.relay247.protocol.v1.ConsultationMessage;
import org.relay247.protocol.v1.ContactDetails;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.NotificationMode;
import org.relay247.protocol.v1.NotificationRequirement;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.SecurityIncidentNotification;
import org.relay247.protocol.v1.SubjectNotification;

/**
 * Requirements 6.11, security incident (Art. 14.7): DE's systems leak the data of FR's Art. 9
 * request. DE's node addresses the notification (ER §254 content, onward transmission restricted,
 * notice to the persons deferred under 12.a.i) to the authority that transferred the data, FR's
 * point of contact; FR asks for consultation in the same case. Variant: the data came under Art. 7
 * (Section 2), so the notification goes to the authority FR designated under Art. 14.7.c.
 */
class Scenario11SecurityIncidentTest {
  @TempDir Path dir;
  ScenarioNetwork net;

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  private static SecurityIncidentNotification leak(ScenarioNetwork net) {
    return SecurityIncidentNotification.newBuilder().setIncidentId("BKA-SI-2026-004")
        .setDetectedAt(Timestamps.fromMillis(net.clock.millis()))
        .setDescription("A misconfigured case-file share exposed the request's annex to unauthorised staff.")
        .setPersonsConcerned(2).setLikelyConsequences("identification of the victim's family")
        .setMeasuresTaken("share closed, access logs secured").setOnwardTransmissionRestricted(true)
        .setSubjectNotification(SubjectNotification.SUBJECT_NOTIFICATION_DEFERRED).setConsultationRequested(true)
        .build();
  }

  private static ContactDetails dutyOfficer() {
    return ContactDetails.newBuilder().setName("KHK Jonas Brenner").build();
  }

  @Test
  void leakedArt9Data_isNotifiedToTheTransferringAuthority_whichAsksForConsultation() throws Exception {
    net = ScenarioNetwork.start(dir, DirectoryEdits.none(), "FR", "DE");
    var request = net.deliver(Drafts.request("art9-request", "FR/poc", "DE/poc", Priority.PRIORITY_EMERGENCY, ""));
    String caseId = request.caseId();

    List<InnerMessage> notices = net.node("DE").protection().incidents().notify(caseId, leak(net), dutyOfficer(),
        "KHK Jonas Brenner");

    assertThat(notices).singleElement().satisfies(n -> assertThat(n.getRouting().getRecipient()).isEqualTo("FR/poc"));
    var notice = net.delivered("DE", notices.get(0));
    SecurityIncidentNotification received = net.receivedMessage("FR", notice.id()).getSecurityIncidentNotification();
    assertThat(received.getAffectedMessageIdsList()).containsExactly(request.id());
    assertThat(received.getDataOrigin()).isEqualTo(CooperationType.COOPERATION_TYPE_ART9);
    assertThat(received.getOnwardTransmissionRestricted()).isTrue();
    assertThat(received.getSubjectNotification()).isEqualTo(SubjectNotification.SUBJECT_NOTIFICATION_DEFERRED);

    var consultation = net.deliver(Drafts.reply("FR/poc", "DE/poc", Priority.PRIORITY_URGENT, caseId, notice.id(),
        "Cdt Claire Martin").setConsultationMessage(ConsultationMessage.newBuilder()
            .setSubject("Consultation on incident BKA-SI-2026-004 (Art. 14.7.b)")
            .setText("Please call before any notice to the family; the suspects must not learn of the request.")
            .setRegardingMessageId(notice.id()).setArticle("14.7.b").setReplyRequested(true)));
    assertThat(consultation.findingCodes()).isEmpty();

    assertThat(net.sent("DE", caseId)).containsExactly("SECURITY_INCIDENT_NOTIFICATION -> FR/poc DELIVERED");
    assertThat(net.received("FR", caseId)).containsExactly("SECURITY_INCIDENT_NOTIFICATION <- DE/poc");
    assertThat(net.sent("FR", caseId)).containsExactly("ART9_REQUEST -> DE/poc DELIVERED",
        "CONSULTATION_MESSAGE -> DE/poc DELIVERED");
    assertThat(net.received("DE", caseId)).containsExactly("ART9_REQUEST <- FR/poc", "CONSULTATION_MESSAGE <- FR/poc");
    for (String party : new String[] {"FR", "DE"}) {
      // The incident neither answers nor ends the request: the Art. 9 track stays where it was.
      assertThat(net.track(party, caseId, request.id()).kind()).isEqualTo(TrackKind.ART9);
      assertThat(net.track(party, caseId, request.id()).state()).isEqualTo(TrackState.OPEN);
      assertThat(net.caseAt(party, caseId).flags()).isEmpty();
    }
    assertThat(net.node("DE").audit().entries(caseId)).filteredOn(e -> e.action().equals("INCIDENT_RECORDED"))
        .singleElement().satisfies(e -> {
          assertThat(e.actor()).isEqualTo("KHK Jonas Brenner");
          assertThat(e.details()).contains("BKA-SI-2026-004").contains("FR/poc");
        });
  }

  @Test
  void leakedArt7Data_isNotifiedToThe14_7_cAuthority() throws Exception {
    net = ScenarioNetwork.start(dir, DirectoryEdits.authority("DE", "gsta-berlin",
            "Generalstaatsanwaltschaft Berlin", AuthorityRole.AUTHORITY_ROLE_DESIGNATED)
        .andThen(DirectoryEdits.authority("FR", "tj-paris-j3", "Parquet de Paris, J3",
            AuthorityRole.AUTHORITY_ROLE_JUDICIAL))
        .andThen(DirectoryEdits.authority("FR", "dpo-justice", "Délégué à la protection des données, Justice",
            AuthorityRole.AUTHORITY_ROLE_DESIGNATED))
        .andThen(DirectoryEdits.declaration("DE", Declaration.newBuilder()
            .setKind(DeclarationKind.DECLARATION_KIND_D_7_5_A).setText("simultaneous notification always")
            .setNotificationRequirement(NotificationRequirement.newBuilder()
                .setMode(NotificationMode.NOTIFICATION_MODE_ALWAYS).setAuthorityId("gsta-berlin"))))
        .andThen(DirectoryEdits.declaration("FR", Declaration.newBuilder()
            .setKind(DeclarationKind.DECLARATION_KIND_N_14_7_C).setText("incidents on Section 2 data")
            .setAuthorityDesignation(AuthorityDesignation.newBuilder().setAuthorityId("dpo-justice")))),
        "FR", "DE");
    var notification = net.deliver(Drafts.request("simultaneous-notification", "FR/tj-paris-j3", "DE/gsta-berlin",
        Priority.PRIORITY_ROUTINE, "").setLanguage("en"));
    String caseId = notification.caseId();

    List<InnerMessage> notices = net.node("DE").protection().incidents().notify(caseId, leak(net), dutyOfficer(),
        "KHK Jonas Brenner");

    // Not the sender of the data (FR/tj-paris-j3) but the authority of the 14.7.c designation.
    assertThat(notices).singleElement().satisfies(n -> assertThat(n.getRouting().getRecipient())
        .isEqualTo("FR/dpo-justice"));
    var notice = net.delivered("DE", notices.get(0));
    SecurityIncidentNotification received = net.receivedMessage("FR", notice.id()).getSecurityIncidentNotification();
    assertThat(received.getDataOrigin()).isEqualTo(CooperationType.COOPERATION_TYPE_ART7);
    assertThat(received.getAffectedMessageIdsList()).containsExactly(notification.id());
    assertThat(net.received("FR", caseId)).containsExactly("SECURITY_INCIDENT_NOTIFICATION <- DE/poc");
    assertThat(net.inbox("FR", caseId)).singleElement()
        .satisfies(e -> assertThat(e.recipient()).isEqualTo("FR/dpo-justice"));
    assertThat(net.track("DE", caseId, notification.id()).kind()).isEqualTo(TrackKind.ART7);
  }
}

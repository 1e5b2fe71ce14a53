package org.relay247.gateway.protection;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.cases.CaseService;
import org.relay247.gateway.cases.ConditionViolation;
import org.relay247.gateway.cases.UseIntent;
import org.relay247.gateway.delivery.TreatyRuleViolation;
import org.relay247.gateway.rules.Finding;
import org.relay247.gateway.rules.Severity;
import org.relay247.gateway.rules.Text;
import org.relay247.protocol.Address;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.OnwardTransferOutcome;

/**
 * Art. 14.10: export of a case's received data to another State or an international
 * organisation. Refused until every Party whose data the case holds has authorised the transfer
 * to that destination (an OnwardTransferDecision AUTHORISED or AUTHORISED_WITH_CONDITIONS, not
 * expired, answering a request this node sent); the refusal names the article and the request
 * to send. An allowed export returns the data and is recorded in the audit log (Art. 14.8).
 */
public final class CaseExports {
  /** Finding code of a refused export. */
  public static final String CODE = "ONWARD_14_10";

  /** What an allowed export hands over: the received messages with personal data, and the decisions relied on. */
  public record Export(String caseId, String destination, List<InnerMessage> messages, List<String> decisionIds,
      List<org.relay247.gateway.cases.ConditionView> conditions) {
    public Export {
      messages = List.copyOf(messages);
      decisionIds = List.copyOf(decisionIds);
      conditions = List.copyOf(conditions);
    }
  }

  private final CaseMessages messages;
  private final OnwardTransfers transfers;
  private final TransferringAuthorities authorities;
  private final CaseService cases;
  private final AuditLog audit;
  private final Clock clock;

  CaseExports(CaseMessages messages, OnwardTransfers transfers, TransferringAuthorities authorities, CaseService cases,
      AuditLog audit, Clock clock) {
    this.cases = cases;
    this.messages = messages;
    this.transfers = transfers;
    this.authorities = authorities;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Checks and performs the export.
   *
   * @throws IllegalArgumentException if {@code destination} is blank
   * @throws IllegalStateException if the case holds no received personal data (unknown, or purged)
   * @throws TreatyRuleViolation ({@value #CODE}, Art. 14.10 or 14.10.b) naming, per Party without
   *     authorisation, the request to send or the decision awaited
   * @throws ConditionViolation when a condition the requesting side accepted forbids the export
   *     (Art. 9.7.a, 8.9.a), even with an onward-transfer authorisation
   */
  public Export export(String caseId, String destination, String actor) {
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(actor, "actor");
    if (destination == null || destination.isBlank()) {
      throw new IllegalArgumentException("destination: empty (expected: a State, ISO 3166 code, or an"
          + " international organisation, e.g. US or Europol)");
    }
    String dest = destination.strip();
    if (cases.find(caseId).isPresent()) {
      cases.checkUse(caseId, UseIntent.export(dest, ""));
    }
    Instant now = clock.instant();
    List<CaseMessage> all = messages.of(caseId);
    List<TransferringAuthorities.Source> sources = TransferringAuthorities.sources(all);
    if (sources.isEmpty()) {
      throw new IllegalStateException("case " + caseId + " holds no personal data received from another Party"
          + (all.stream().anyMatch(CaseMessage::purged) ? " (its content was purged)" : "")
          + " (expected: a case with received data to export)");
    }
    CooperationType origin = TransferringAuthorities.origin(all);
    List<OnwardTransfers.Authorisation> requests = transfers.of(caseId);
    List<Finding> refusals = new ArrayList<>();
    List<String> decisions = new ArrayList<>();
    List<InnerMessage> data = new ArrayList<>();
    for (TransferringAuthorities.Source source : sources) {
      List<OnwardTransfers.Authorisation> fromParty = requests.stream()
          .filter(a -> a.requestedOf().party().equals(source.party())).toList();
      Optional<OnwardTransfers.Authorisation> ok = fromParty.stream().filter(a -> a.authorises(dest, now)).findFirst();
      if (ok.isPresent()) {
        decisions.add(ok.get().decisionMessageId().orElseThrow());
        // An authorisation covers exactly what its request named: those messages, those items.
        source.data().stream().map(m -> m.inner().orElseThrow()).filter(ok.get()::covers).map(ok.get()::narrow)
            .forEach(data::add);
      } else {
        Address ask = authorities.authority(source, origin, DeclarationKind.DECLARATION_KIND_N_14_10_B, now);
        refusals.add(refusal(caseId, dest, source, ask, origin, fromParty));
      }
    }
    if (!refusals.isEmpty()) {
      throw new TreatyRuleViolation(refusals);
    }
    List<org.relay247.gateway.cases.ConditionView> attached = cases.find(caseId)
        .map(v -> v.conditions().stream().filter(c -> c.onwardTransfer() && decisions.contains(c.determinationMessageId()))
            .toList()).orElse(List.of());
    audit.append(new AuditEvent(actor, AuditAction.DATA_EXPORTED, caseId, null, "onward transfer to " + dest + ", "
        + data.size() + " messages, authorised by " + String.join(" ", decisions)
        + (attached.isEmpty() ? "" : ", conditions " + String.join(" ", attached.stream()
            .map(c -> c.conditionId() + "(" + c.kind().name().replaceFirst("^CONDITION_KIND_", "") + ")").toList()))));
    return new Export(caseId, dest, data, decisions, attached);
  }

  private static Finding refusal(String caseId, String dest, TransferringAuthorities.Source source, Address ask,
      CooperationType origin, List<OnwardTransfers.Authorisation> fromParty) {
    String article = TransferringAuthorities.section2(origin) ? "14.10.b" : "14.10";
    String state = fromParty.stream().filter(a -> a.destination().equalsIgnoreCase(dest)).reduce((a, b) -> b)
        .map(a -> a.outcome().map(o -> o == OnwardTransferOutcome.ONWARD_TRANSFER_OUTCOME_REFUSED
                ? " " + source.party() + " refused it (decision " + a.decisionMessageId().orElse("") + ")."
                : " The authorisation " + a.decisionMessageId().orElse("") + " has expired.")
            .orElse(" Request " + a.requestMessageId() + " awaits " + source.party() + "'s decision."))
        .orElse(" No authorisation was requested.");
    return new Finding(Severity.BLOCK, CODE, article,
        Text.of("Case " + caseId + " holds personal data received from " + source.party() + " (" + source.sender()
                + "); transferring them to " + dest + " needs " + source.party() + "'s prior authorisation under Art. "
                + article + "." + state,
            "Le dossier " + caseId + " contient des données à caractère personnel reçues de " + source.party()
                + " (" + source.sender() + ") ; leur transfert vers " + dest + " exige l'autorisation préalable de "
                + source.party() + " en vertu de l'art. " + article + "."),
        Text.of("Send an OnwardTransferAuthorisationRequest to " + ask + " (destination " + dest
                + ") and export once it answers AUTHORISED.",
            "Envoyez une demande d'autorisation de transfert ultérieur (OnwardTransferAuthorisationRequest) à " + ask
                + " (destination " + dest + ") et exportez après une réponse AUTHORISED."));
  }
}

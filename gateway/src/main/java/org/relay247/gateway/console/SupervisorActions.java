package org.relay247.gateway.console;

import com.google.protobuf.util.Timestamps;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.relay247.gateway.cases.CaseView;
import org.relay247.gateway.cases.ConditionView;
import org.relay247.gateway.rules.Text;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.protocol.v1.Condition;
import org.relay247.protocol.v1.ConditionAcceptance;
import org.relay247.protocol.v1.ConditionAnswer;
import org.relay247.protocol.v1.ConditionKind;
import org.relay247.protocol.v1.ConditionResponse;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.OnwardTransferAuthorisationRequest;
import org.relay247.protocol.v1.OnwardTransferDecision;
import org.relay247.protocol.v1.OnwardTransferOutcome;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;
import org.relay247.protocol.v1.SuspensionKind;
import org.relay247.protocol.v1.SuspensionNotice;
import org.relay247.protocol.v1.SuspensionStep;

/**
 * The legal acts on a case that belong to a supervisor (docs/console.md): answering conditions
 * (Art. 9.7.a, 8.9.a), retention (Art. 14.5), purge with signed proof, suspension notices
 * (Art. 14.15), onward-transfer requests and decisions (Art. 14.10). Each checks the role from
 * the account first (403 otherwise) and goes through the node service the CLI's {@code relay247
 * case} commands reach, under the person's name: the services write the audit log.
 */
final class SupervisorActions {
  private static final List<String> SUSPENSION_STEPS = values(ConsoleViews.SupervisorView.SUSPENSION_STEPS);
  private static final List<String> SUSPENSION_KINDS = values(ConsoleViews.SupervisorView.SUSPENSION_KINDS);
  private static final List<String> SCOPES = values(ConsoleViews.SupervisorView.SCOPES);
  private static final List<String> ONWARD_OUTCOMES = values(ConsoleViews.SupervisorView.ONWARD_OUTCOMES);

  private final ConsoleServices node;
  private final Pages pages;
  private final DeskQueries queries;

  SupervisorActions(ConsoleServices node, Pages pages, DeskQueries queries) {
    this.node = node;
    this.pages = pages;
    this.queries = queries;
  }

  void retention(Context ctx) {
    ConsoleSession s = requireSupervisor(ctx, Text.of("Retention periods", "Les durées de conservation"));
    CaseView c = requireCase(ctx);
    long days;
    try {
      days = Long.parseLong(text(ctx, "days"));
    } catch (NumberFormatException e) {
      throw new Refusal("days: \"" + text(ctx, "days") + "\" (expected: 1 to 36500)", "jours : « " + text(ctx, "days")
          + " » (attendu : de 1 à 36500)");
    }
    var status = node.protection().retention().set(c.caseId(), days, s.actor());
    done(ctx, c, s.t("retention set to ", "conservation fixée à ") + status.retentionDays() + s.t(" days", " jours")
        + status.expiresAt().map(t -> s.t(", expires ", ", expire le ") + t).orElse(""));
  }

  void purge(Context ctx) {
    ConsoleSession s = requireSupervisor(ctx, Text.of("Purges", "Les effacements"));
    CaseView c = requireCase(ctx);
    if (ctx.formParam("confirm") == null) {
      throw new Refusal("confirm: not ticked (expected: the box confirming the content of every message of the"
          + " case is deleted)", "confirmation : non cochée (attendu : la case confirmant que le contenu de chaque"
          + " message du dossier est effacé)");
    }
    var proof = node.protection().purger().purge(c.caseId(), s.actor(), text(ctx, "reason"));
    done(ctx, c, s.t("purged: content of ", "effacé : contenu de ") + proof.record().getMessagesCount()
        + s.t(" messages deleted; signed proof at ", " messages supprimé ; preuve signée à ") + "/cases/" + c.caseId()
        + "/purge-proof");
  }

  /** The last signed proof of purge of the case (DER CMS, checked by 'relay247 verify'). */
  void purgeProof(Context ctx) {
    ConsoleSession s = ConsoleServer.session(ctx);
    if (s.role() == ConsoleRole.OPERATOR) {
      throw new ConsoleServer.Forbidden("Proofs of purge are for supervisors and auditors; your account is operator.",
          "Les preuves d'effacement sont réservées aux superviseurs et auditeurs ; votre compte est opérateur.");
    }
    CaseView c = requireCase(ctx);
    List<byte[]> proofs = node.protection().purger().proofs(c.caseId());
    if (proofs.isEmpty()) {
      throw new io.javalin.http.NotFoundResponse("case " + c.caseId() + " was not purged");
    }
    ctx.header("Content-Disposition", "attachment; filename=\"purge-" + c.caseId() + ".p7m\"");
    ctx.contentType("application/pkcs7-mime").result(proofs.get(proofs.size() - 1));
  }

  void suspension(Context ctx) {
    ConsoleSession s = requireSupervisor(ctx, Text.of("Suspensions", "Les suspensions"));
    CaseView c = requireCase(ctx);
    String recipient = text(ctx, "recipient");
    if (c.tracks().stream().noneMatch(t -> t.counterpart().equals(recipient))) {
      throw new Refusal("recipient: \"" + recipient + "\" (expected: a counterpart of case " + c.caseId() + ")",
          "destinataire : « " + recipient + " » (attendu : un correspondant du dossier " + c.caseId() + ")");
    }
    SuspensionNotice.Builder n = SuspensionNotice.newBuilder()
        .setStep(SuspensionStep.valueOf("SUSPENSION_STEP_" + oneOf(ctx, "step", SUSPENSION_STEPS)))
        .setKind(SuspensionKind.valueOf("SUSPENSION_KIND_" + oneOf(ctx, "kind", SUSPENSION_KINDS)))
        .setEffectiveAt(Timestamps.fromMillis(node.clock().millis())).setGrounds(text(ctx, "grounds"))
        .setRelatedNoticeMessageId(text(ctx, "related"))
        .setConsultationOffered(ctx.formParam("consultation") != null);
    for (String scope : ctx.formParams("scope")) {
      if (!SCOPES.contains(scope)) {
        throw new Refusal("scope: \"" + scope + "\" (expected: one of " + SCOPES + ")", "portée : « " + scope
            + " » (attendu, l'une de : " + SCOPES + ")");
      }
      n.addScope(CooperationType.valueOf("COOPERATION_TYPE_" + scope.toUpperCase(Locale.ROOT)));
    }
    send(ctx, c, s, InnerMessage.newBuilder().setRouting(Routing.newBuilder().setRecipient(recipient)
        .setCaseId(c.caseId()).setPriority(Priority.PRIORITY_URGENT)).setSuspensionNotice(n),
        Text.of("suspension notice sent: ", "avis de suspension envoyé : "));
  }

  void onwardRequest(Context ctx) {
    ConsoleSession s = requireSupervisor(ctx, Text.of("Onward transfers", "Les transferts ultérieurs"));
    CaseView c = requireCase(ctx);
    InboxEntry data = received(c, text(ctx, "data"));
    InnerMessage m = Pages.parse(data.innerMessage());
    OnwardTransferAuthorisationRequest.Builder r = OnwardTransferAuthorisationRequest.newBuilder()
        .addDataMessageIds(data.messageId()).setDataOrigin(origin(c, data))
        .setDestination(text(ctx, "destination")).setDestinationAuthority(text(ctx, "destinationAuthority"))
        .setPurpose(text(ctx, "purpose")).setLegalBasis(text(ctx, "legalBasis")).setSafeguards(text(ctx, "safeguards"));
    if (m.hasEvidenceManifest()) {
      m.getEvidenceManifest().getItemsList().forEach(i -> r.addItemIds(i.getItemId()));
    }
    send(ctx, c, s, InnerMessage.newBuilder().setRouting(Pages.answer(data).toBuilder()
        .setPriority(Priority.PRIORITY_URGENT)).setOnwardTransferAuthorisationRequest(r),
        Text.of("onward transfer request sent: ", "demande de transfert ultérieur envoyée : "));
  }

  void onwardDecision(Context ctx) {
    ConsoleSession s = requireSupervisor(ctx, Text.of("Onward-transfer decisions",
        "Les décisions de transfert ultérieur"));
    CaseView c = requireCase(ctx);
    InboxEntry request = received(c, text(ctx, "request"));
    if (!request.bodyCase().equals("ONWARD_TRANSFER_AUTHORISATION_REQUEST")) {
      throw new Refusal("request: " + request.messageId() + " is a " + Names.body(request.bodyCase()).en()
          + " (expected: a received onward-transfer request)", "demande : " + request.messageId() + " est un message « "
          + Names.body(request.bodyCase()).fr() + " » (attendu : une demande de transfert ultérieur reçue)");
    }
    OnwardTransferDecision.Builder d = OnwardTransferDecision.newBuilder().setRequestMessageId(request.messageId())
        .setOutcome(OnwardTransferOutcome.valueOf("ONWARD_TRANSFER_OUTCOME_" + oneOf(ctx, "outcome", ONWARD_OUTCOMES)))
        .setReasons(text(ctx, "reasons"));
    int n = 0;
    for (String line : text(ctx, "conditions").split("\\R")) {
      if (!line.isBlank()) {
        d.addConditions(Condition.newBuilder().setId("c" + (++n)).setKind(ConditionKind.CONDITION_KIND_USE_LIMITATION)
            .setText(line.strip()).setArticle("14.10"));
      }
    }
    FormValues.of(ctx.formParamMap()).date("validUntil").ifPresent(t -> d.setValidUntil(Timestamps.fromMillis(
        t.toEpochMilli())));
    send(ctx, c, s, InnerMessage.newBuilder().setRouting(Pages.answer(request)).setOnwardTransferDecision(d),
        Text.of("onward transfer decision sent: ", "décision de transfert ultérieur envoyée : "));
  }

  void answerConditions(Context ctx) {
    ConsoleSession s = requireSupervisor(ctx, Text.of("Answers to conditions",
        "Les réponses aux conditions"));
    CaseView c = requireCase(ctx);
    InboxEntry determination = received(c, text(ctx, "determination"));
    boolean accept = switch (text(ctx, "answer")) {
      case "accept" -> true;
      case "cannot_comply" -> false;
      default -> throw new Refusal("answer: \"" + text(ctx, "answer") + "\" (expected: accept or cannot_comply)",
          "réponse : « " + text(ctx, "answer") + " » (attendu : accept ou cannot_comply)");
    };
    String track = pendingConditions(c, determination.messageId()).stream().findFirst().map(ConditionView::trackId)
        .orElseThrow(() -> new Refusal("determination: " + determination.messageId()
            + " has no conditions awaiting an answer (expected: a determination whose conditions are IMPOSED)",
            "décision : " + determination.messageId() + " n'a pas de conditions en attente de réponse (attendu : une"
                + " décision dont les conditions sont IMPOSED)"));
    boolean art8 = c.tracks().stream().anyMatch(t -> t.requestMessageId().equals(track)
        && t.kind().name().equals("ART8"));
    ConditionResponse.Builder r = ConditionResponse.newBuilder().setDeterminationMessageId(determination.messageId())
        .setArticle(art8 ? "8.9.a" : "9.7.a");
    for (ConditionView v : pendingConditions(c, determination.messageId())) {
      r.addAnswers(ConditionAnswer.newBuilder().setConditionId(v.conditionId()).setExplanation(text(ctx, "explanation"))
          .setAcceptance(accept ? ConditionAcceptance.CONDITION_ACCEPTANCE_ACCEPT_BOUND
              : ConditionAcceptance.CONDITION_ACCEPTANCE_CANNOT_COMPLY));
    }
    send(ctx, c, s, InnerMessage.newBuilder().setRouting(Pages.answer(determination)).setConditionResponse(r),
        accept ? Text.of("conditions accepted sent: ", "acceptation des conditions envoyée : ")
            : Text.of("conditions answered (cannot comply) sent: ", "réponse aux conditions (impossible) envoyée : "));
  }

  /** What the case page offers a supervisor: the choices each action needs. */
  ConsoleViews.SupervisorView view(CaseView c, ConsoleSession s) {
    List<InboxEntry> received = queries.inboxOfCase(c.caseId()).stream()
        .filter(l -> !l.bodyCase().equals("EVIDENCE_CHUNK"))
        .map(l -> node.inbox().find(l.messageId())).flatMap(Optional::stream).toList();
    return new ConsoleViews.SupervisorView(
        c.tracks().stream().map(t -> t.counterpart()).distinct().toList(),
        received.stream().filter(e -> !pendingConditions(c, e.messageId()).isEmpty()).map(InboxEntry::messageId)
            .toList(),
        received.stream().filter(e -> !e.bodyCase().equals("ONWARD_TRANSFER_AUTHORISATION_REQUEST"))
            .map(e -> new ConsoleViews.Link(e.messageId(), s.t(Names.body(e.bodyCase())) + " " + e.messageId()))
            .toList(),
        received.stream().filter(e -> e.bodyCase().equals("ONWARD_TRANSFER_AUTHORISATION_REQUEST"))
            .map(InboxEntry::messageId).toList(),
        node.protection().retention().status(c.caseId()).retentionDays());
  }

  private static List<ConditionView> pendingConditions(CaseView c, String determination) {
    return c.conditions().stream().filter(v -> v.determinationMessageId().equals(determination)
        && v.status() == ConditionView.Status.IMPOSED && !v.onwardTransfer()).toList();
  }

  /** How the data of a received message came (Section 2 origin selects the 14.10.b authority). */
  private static CooperationType origin(CaseView c, InboxEntry data) {
    String kind = c.tracks().stream().filter(t -> t.requestMessageId().equals(data.replyToId())
        || t.requestMessageId().equals(data.messageId())).map(t -> t.kind().name()).findFirst().orElse("");
    return switch (kind) {
      case "ART9", "ORAL_ART9" -> CooperationType.COOPERATION_TYPE_ART9;
      case "ART10" -> CooperationType.COOPERATION_TYPE_ART10;
      case "ART8" -> CooperationType.COOPERATION_TYPE_ART8;
      case "PRESERVATION" -> CooperationType.COOPERATION_TYPE_PRESERVATION;
      default -> CooperationType.COOPERATION_TYPE_POC;
    };
  }

  private void send(Context ctx, CaseView c, ConsoleSession s, InnerMessage.Builder draft, Text sent) {
    draft.setSenderContact(Pages.person(s)).setLanguage(s.language());
    String flash = pages.submit(draft.build(), s, ctx).map(m -> s.t(sent) + m.getRouting().getMessageId())
        .orElseGet(() -> ctx.attribute("refusal"));
    done(ctx, c, flash);
  }

  /** An action whose input or case state does not allow it: back to the case, saying why. */
  static io.javalin.http.Handler explained(io.javalin.http.Handler action) {
    return ctx -> {
      try {
        action.handle(ctx);
      } catch (ConsoleServer.Forbidden e) {
        throw e;
      } catch (IllegalArgumentException | IllegalStateException e) {
        ConsoleSession s = ConsoleServer.session(ctx);
        ctx.redirect(Pages.withFlash("/cases/" + ctx.pathParam("id"), s.t("Not done: ", "Non fait : ")
            + Refusal.explain(e, s)));
      }
    };
  }

  private static void done(Context ctx, CaseView c, String flash) {
    ctx.redirect(Pages.withFlash("/cases/" + c.caseId(), flash));
  }

  private InboxEntry received(CaseView c, String id) {
    return node.inbox().find(id).filter(e -> c.caseId().equals(e.caseId())).orElseThrow(() ->
        new Refusal("message \"" + id + "\": not received in case " + c.caseId()
            + " (expected: a message id from the case page)", "message « " + id + " » : non reçu dans le dossier "
            + c.caseId() + " (attendu : un identifiant de la page du dossier)"));
  }

  private CaseView requireCase(Context ctx) {
    String id = ctx.pathParam("id");
    return node.cases().find(id).orElseThrow(() -> new io.javalin.http.NotFoundResponse("case " + id
        + " is not a case of this node"));
  }

  private static ConsoleSession requireSupervisor(Context ctx, Text what) {
    ConsoleSession s = ConsoleServer.session(ctx);
    if (!s.role().mayDetermine()) {
      throw new ConsoleServer.Forbidden(what.en() + " are a supervisor's act; your account is "
          + Names.role(s.role()).en() + ".", what.fr() + " sont un acte de superviseur ; votre compte est "
          + Names.role(s.role()).fr() + ".");
    }
    return s;
  }

  private static String oneOf(Context ctx, String name, List<String> allowed) {
    String v = text(ctx, name);
    if (!allowed.contains(v)) {
      throw new Refusal(name + ": \"" + v + "\" (expected: one of " + allowed + ")", name + " : « " + v
          + " » (attendu, l'une de : " + allowed + ")");
    }
    return v.toUpperCase(Locale.ROOT);
  }

  private static List<String> values(List<FormField.Option> options) {
    return FormField.Option.values(options);
  }

  private static String text(Context ctx, String name) {
    String v = ctx.formParam(name);
    return v == null ? "" : v.strip();
  }
}

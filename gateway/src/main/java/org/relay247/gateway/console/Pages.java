package org.relay247.gateway.console;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.cases.CaseRuleViolation;
import org.relay247.gateway.delivery.TreatyRuleViolation;
import org.relay247.gateway.rules.Finding;
import org.relay247.gateway.rules.TreatyRules;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.results.ChunkSize;
import org.relay247.protocol.results.EvidenceAssembler;
import org.relay247.protocol.results.EvidenceChunker;
import org.relay247.protocol.results.EvidenceIntegrityException;
import org.relay247.protocol.results.EvidenceItems;
import org.relay247.protocol.v1.ContactDetails;
import org.relay247.protocol.v1.CopyKind;
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
 * The console's pages and actions over the node's services. Each action checks the role of the
 * signed-in account first, and writes what it did to the audit log under the person's name
 * (through the services, which audit every submission, or directly for reads of content).
 */
final class Pages {
  interface Renderer {
    void render(Context ctx, String template, Map<String, Object> params);
  }

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);
  private static final int DESK_LIMIT = 200;

  private final ConsoleServices node;
  private final Clock clock;
  private final Renderer renderer;
  private final DeskQueries queries;
  private final Path uploads;
  private final SupervisorActions supervisor;

  Pages(ConsoleServices node, Clock clock, Renderer renderer, DeskQueries queries, Path uploads) {
    this.node = node;
    this.clock = clock;
    this.renderer = renderer;
    this.queries = queries;
    this.uploads = uploads;
    this.supervisor = new SupervisorActions(node, this, queries);
  }

  SupervisorActions supervisor() {
    return supervisor;
  }

  // --- desk ------------------------------------------------------------------------------------

  void desk(Context ctx) {
    ConsoleSession s = ConsoleServer.session(ctx);
    renderer.render(ctx, "desk.jte", Map.of("page", ConsoleServer.page(ctx, s.t("Desk", "Bureau"), s), "rows", rows(s),
        "party", node.party().code()));
  }

  void deskRows(Context ctx) {
    ConsoleSession s = ConsoleServer.session(ctx);
    renderer.render(ctx, "rows.jte", Map.of("rows", rows(s), "page", ConsoleServer.page(ctx, "", s)));
  }

  private List<ConsoleViews.InboxRow> rows(ConsoleSession s) {
    List<ConsoleViews.InboxRow> out = new ArrayList<>();
    for (DeskQueries.Line l : queries.desk(DESK_LIMIT)) {
      long deadline = 0;
      String deadlineName = "";
      if (l.caseId() != null && l.acknowledgedAt().isEmpty()) {
        var next = node.cases().find(l.caseId()).flatMap(c -> c.timers().stream()
            .filter(t -> t.status() == org.relay247.gateway.cases.TimerView.Status.ACTIVE)
            .min(java.util.Comparator.comparing(org.relay247.gateway.cases.TimerView::dueAt)));
        if (next.isPresent()) {
          deadline = next.get().dueAt().toEpochMilli();
          deadlineName = next.get().name() + " (Art. " + next.get().article() + ")";
        }
      }
      out.add(new ConsoleViews.InboxRow(l.messageId(), l.sender(), s.t(Names.priority(l.priorityRank())),
          l.priorityRank() == 1, s.t(Names.body(l.bodyCase())), TIME.format(l.receivedAt()),
          l.caseId() == null ? "" : l.caseId(),
          l.acknowledgedAt().isPresent(), l.acknowledgedBy().orElse(""), deadline, deadlineName));
    }
    return out;
  }

  // --- one message -----------------------------------------------------------------------------

  void message(Context ctx) {
    ConsoleSession s = ConsoleServer.session(ctx);
    String id = ctx.pathParam("id");
    Optional<InboxEntry> received = node.inbox().find(id);
    if (received.isPresent()) {
      InboxEntry e = received.get();
      InnerMessage m = parse(e.innerMessage());
      ConsoleViews.Page page = ConsoleServer.page(ctx, s.t("Message", "Message"), s);
      // Reading content is an action on personal data (Art. 14.8): who read which message.
      node.audit().append(new AuditEvent(s.actor(), AuditAction.MESSAGE_OPENED, e.caseId(), id, "read in the console"));
      boolean isRequest = isRequest(m);
      var view = new ConsoleViews.MessageView(id, true, e.sender(), e.recipient(),
          s.t(Names.priority(e.priorityRank())), s.t(Names.body(e.bodyCase())), nz(e.caseId()), nz(e.replyToId()),
          e.signerSubject(), TIME.format(e.signedAt()),
          TIME.format(e.receivedAt()), HexFormat.of().formatHex(e.envelopeSha256()),
          s.t("ACCEPTED, signed by this node", "ACCEPTED, signé par ce nœud"),
          e.acknowledgedAt().map(t -> TIME.format(t) + s.t(" by ", " par ") + e.acknowledgedBy().orElse("")).orElse(""),
          json(m), s.role().mayAct() && e.acknowledgedAt().isEmpty(), s.role().mayDetermine() && isRequest,
          s.role().mayAct() && isRequest, m.hasEvidenceManifest() ? resultItems(id, m.getEvidenceManifest()) : List.of(),
          s.role().mayAct() ? Compose.answersTo(e, page) : List.of());
      renderer.render(ctx, "message.jte", Map.of("page", page, "m", view,
          "flash", nz(ctx.queryParam("flash"))));
      return;
    }
    var sent = node.outboxStore().find(id).orElseThrow(() -> new io.javalin.http.NotFoundResponse(
        "message " + id + " is neither in the inbox nor in the outbox of this node"));
    InnerMessage m = parse(sent.innerMessage());
    node.audit().append(new AuditEvent(s.actor(), AuditAction.MESSAGE_OPENED, sent.caseId(), id, "read in the console"));
    var view = new ConsoleViews.MessageView(id, false, m.getRouting().getSender(), sent.recipient(),
        s.t(Names.priority(sent.priorityRank())), s.t(Names.body(sent.bodyCase())), nz(sent.caseId()),
        m.getRouting().getReplyToId(), s.t("this node", "ce nœud"), TIME.format(sent.sealedAt()),
        TIME.format(sent.createdAt()), "", sent.state() + sent.receiptStatus().map(r -> s.t(", receipt ", ", accusé ")
            + r).orElse("")
            + sent.receiptReason().map(r -> " " + r).orElse(""), "", json(m), false, false, false, List.of(), List.of());
    renderer.render(ctx, "message.jte", Map.of("page", ConsoleServer.page(ctx, s.t("Message", "Message"), s), "m", view,
        "flash", nz(ctx.queryParam("flash"))));
  }

  void acknowledge(Context ctx) {
    ConsoleSession s = ConsoleServer.session(ctx);
    requireAct(s);
    String id = ctx.pathParam("id");
    requireReceived(id);
    // The role sent abroad is the account's function, from the account: never a form field.
    node.acknowledgements().acknowledge(id, "24/7 " + s.role().code() + " (" + s.user().displayName() + ")");
    node.audit().append(new AuditEvent(s.actor(), AuditAction.MESSAGE_ACKNOWLEDGED, node.inbox().find(id)
        .map(InboxEntry::caseId).orElse(null), id, "acknowledged in the console"));
    ctx.redirect(withFlash("/messages/" + id, s.t("Acknowledged: the sender is told you have it.",
        "Pris en charge : l'expéditeur en est informé.")));
  }

  void determine(Context ctx) {
    ConsoleSession s = ConsoleServer.session(ctx);
    if (!s.role().mayDetermine()) {
      throw new ConsoleServer.Forbidden("Determinations are made by a supervisor; your account is "
          + Names.role(s.role()).en() + ".", "Les décisions sont prises par un superviseur ; votre compte est "
          + Names.role(s.role()).fr() + ".");
    }
    String id = ctx.pathParam("id");
    InboxEntry request = requireReceived(id);
    InnerMessage m = parse(request.innerMessage());
    DeterminationOutcome outcome;
    try {
      outcome = DeterminationOutcome.valueOf("DETERMINATION_OUTCOME_" + nz(ctx.formParam("outcome")).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      String expected = " will_provide, conditions, will_not_provide, postponed, not_an_emergency)";
      throw new Refusal("outcome: \"" + ctx.formParam("outcome") + "\" (expected one of:" + expected,
          "décision : « " + ctx.formParam("outcome") + " » (attendu, l'une de :" + expected);
    }
    String article = m.hasArt10Request() ? "10.7" : m.hasArt8Order() ? "8.8" : "9.6";
    InnerMessage draft = InnerMessage.newBuilder()
        .setRouting(answer(request))
        .setSenderContact(person(s)).setLanguage(s.language())
        .setDetermination(determination(id, outcome, article, nz(ctx.formParam("grounds")),
            nz(ctx.formParam("conditions"))))
        .build();
    String flash = submit(draft, s, ctx).map(sent -> s.t("determination sent: ", "décision envoyée : ")
        + sent.getRouting().getMessageId()).orElseGet(() -> ctx.attribute("refusal"));
    ctx.redirect(withFlash("/messages/" + id, flash));
  }

  /**
   * The determination; each line of {@code conditions} is one condition, "confidentiality: ..."
   * or "other: ..." for those kinds, a use limitation otherwise (Art. 9.6, Conv. 28.2).
   */
  private Determination determination(String requestId, DeterminationOutcome outcome, String article, String grounds,
      String conditions) {
    Determination.Builder d = Determination.newBuilder().setRequestMessageId(requestId).setOutcome(outcome)
        .setArticle(article).setGroundsText(grounds).setExecutingAuthority(node.party().code() + "/poc")
        .setDecidedAt(Timestamps.fromMillis(clock.millis()));
    int n = 0;
    for (String line : conditions.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      String text = line.strip();
      org.relay247.protocol.v1.ConditionKind kind = org.relay247.protocol.v1.ConditionKind.CONDITION_KIND_USE_LIMITATION;
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.startsWith("confidentiality:")) {
        kind = org.relay247.protocol.v1.ConditionKind.CONDITION_KIND_CONFIDENTIALITY;
        text = text.substring("confidentiality:".length()).strip();
      } else if (lower.startsWith("other:")) {
        kind = org.relay247.protocol.v1.ConditionKind.CONDITION_KIND_OTHER;
        text = text.substring("other:".length()).strip();
      } else if (lower.startsWith("use:")) {
        text = text.substring("use:".length()).strip();
      }
      d.addConditions(org.relay247.protocol.v1.Condition.newBuilder().setId("c" + (++n)).setKind(kind).setText(text)
          .setArticle(article));
    }
    return d.build();
  }

  void sendResults(Context ctx) throws IOException {
    ConsoleSession s = ConsoleServer.session(ctx);
    requireAct(s);
    String id = ctx.pathParam("id");
    InboxEntry request = requireReceived(id);
    String authorisation = determinationFor(request).orElseThrow(() -> new Refusal(
        "no determination was sent for this request yet (expected: a supervisor's determination first, Art. 9.6)",
        "aucune décision n'a encore été envoyée sur cette demande (attendu : d'abord la décision d'un superviseur,"
            + " art. 9.6)"));
    List<UploadedFile> files = ctx.uploadedFiles("files");
    if (files.isEmpty()) {
      throw new Refusal("files: none (expected: at least one file)", "fichiers : aucun (attendu : au moins un fichier)");
    }
    int chunkSize = ChunkSize.DEFAULT;
    List<Path> stored = new ArrayList<>();
    List<EvidenceItem> items = new ArrayList<>();
    try {
      for (int i = 0; i < files.size(); i++) {
        UploadedFile f = files.get(i);
        Path tmp = Files.createTempFile(uploads, "item-", ".bin");
        stored.add(tmp);
        try (InputStream in = f.content()) {
          Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        String name = f.filename() == null || f.filename().isBlank() ? "item-" + (i + 1) : f.filename();
        String type = f.contentType() == null || f.contentType().isBlank() ? "application/octet-stream" : f.contentType();
        try (InputStream in = Files.newInputStream(tmp)) {
          items.add(EvidenceItems.describe("item-" + (i + 1), Path.of(name).getFileName().toString(), type, in,
              chunkSize).toBuilder().setObtainedAt(Timestamps.fromMillis(clock.millis())).build());
        }
      }
      String manifestId = MessageIds.next(clock);
      InnerMessage manifest = InnerMessage.newBuilder()
          .setRouting(answer(request).toBuilder().setMessageId(manifestId))
          .setSenderContact(person(s)).setLanguage(s.language())
          .setEvidenceManifest(EvidenceManifest.newBuilder().setRequestMessageId(id)
              .setAuthorisationMessageId(authorisation).setCopyKind(CopyKind.COPY_KIND_OFFICIAL)
              .setChannel(ResultsChannel.RESULTS_CHANNEL_POINT_OF_CONTACT).addAllItems(items)
              .setChunkSizeBytes(chunkSize).setProducedAt(Timestamps.fromMillis(clock.millis())))
          .build();
      Optional<InnerMessage> sent = submit(manifest, s, ctx);
      if (sent.isEmpty()) {
        go(ctx, withFlash("/messages/" + id, ctx.attribute("refusal")));
        return;
      }
      EvidenceChunker chunker = new EvidenceChunker(manifestId, chunkSize);
      Routing chunkRouting = answer(request).toBuilder().setReplyToId(manifestId).build();
      for (int i = 0; i < items.size(); i++) {
        try (InputStream in = Files.newInputStream(stored.get(i))) {
          chunker.forEachChunk(items.get(i), in, chunk -> node.outbox().submit(InnerMessage.newBuilder()
              .setRouting(chunkRouting).setLanguage(s.language()).setEvidenceChunk(chunk).build(), s.actor()));
        }
      }
      go(ctx, withFlash("/messages/" + id, s.t("results sent: manifest ", "résultats envoyés : manifeste ")
          + manifestId + ", " + items.size() + s.t(" item(s)", " élément(s)")));
    } catch (EvidenceIntegrityException e) {
      throw new IllegalStateException("a file changed while it was being sent: " + e.getMessage(), e);
    } finally {
      for (Path p : stored) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Streams one received evidence item after the assembler verified every chunk and the item's SHA-256. */
  void download(Context ctx) throws IOException {
    ConsoleSession s = ConsoleServer.session(ctx);
    String manifestId = ctx.pathParam("manifest");
    String itemId = ctx.pathParam("item");
    InboxEntry entry = node.inbox().find(manifestId).filter(e -> e.bodyCase().equals("EVIDENCE_MANIFEST"))
        .orElseThrow(() -> new io.javalin.http.NotFoundResponse("no received evidence manifest " + manifestId));
    EvidenceManifest manifest = parse(entry.innerMessage()).getEvidenceManifest();
    Path target = uploads.resolve("download-" + ConsoleServer.randomToken(12));
    boolean served = false;
    try (EvidenceAssembler assembler = EvidenceAssembler.create(manifestId, manifest, itemId, target)) {
      for (byte[] inner : queries.answers(manifestId, "EVIDENCE_CHUNK")) {
        EvidenceChunk chunk = parse(inner).getEvidenceChunk();
        if (chunk.getItemId().equals(itemId)) {
          assembler.accept(chunk);
        }
      }
      if (!assembler.missing().isEmpty()) {
        Files.deleteIfExists(target);
        ctx.status(409).result(s.t("not all chunks have arrived yet: ", "tous les fragments ne sont pas encore arrivés : ")
            + assembler.missing().size() + s.t(" missing", " manquant(s)"));
        return;
      }
      assembler.complete();
      EvidenceItem item = assembler.item();
      node.audit().append(new AuditEvent(s.actor(), AuditAction.MESSAGE_OPENED, entry.caseId(), manifestId,
          "evidence item " + itemId + " downloaded, SHA-256 verified"));
      String sha = HexFormat.of().formatHex(item.getSha256().toByteArray());
      ctx.header("X-Relay247-SHA256", sha);
      ctx.header("Content-Disposition", "attachment; filename=\"" + safeName(item) + "\"");
      ctx.contentType("application/octet-stream");
      // Streamed from the verified file (never the whole item in memory); deleted once sent.
      ctx.result(new java.io.FilterInputStream(Files.newInputStream(target)) {
        @Override
        public void close() throws IOException {
          try {
            super.close();
          } finally {
            Files.deleteIfExists(target);
          }
        }
      });
      served = true;
    } catch (EvidenceIntegrityException e) {
      ctx.status(422).result(s.t("evidence item refused: ", "élément refusé : ") + e.getMessage());
    } finally {
      if (!served) {
        Files.deleteIfExists(target);
      }
    }
  }

  /** Submits through the outbox as the person; a refusal is explained (ctx attributes), never half-sent. */
  Optional<InnerMessage> submit(InnerMessage draft, ConsoleSession s, Context ctx) {
    return submit(() -> node.outbox().submitChecked(draft, s.actor()).message(), s, ctx);
  }

  /** Runs a submission through a node service; a refusal is explained (ctx attributes), never half-sent. */
  Optional<InnerMessage> submit(java.util.function.Supplier<InnerMessage> submission, ConsoleSession s, Context ctx) {
    try {
      return Optional.of(submission.get());
    } catch (TreatyRuleViolation e) {
      ctx.attribute("findings", views(e.findings(), s.language()));
      Finding first = TreatyRules.firstBlock(e.findings()).orElseThrow();
      ctx.attribute("refusal", notSent(s) + "Art. " + first.article() + s.t(": ", " : ")
          + s.t(first.explanation()) + " " + s.t(first.advice()));
    } catch (CaseRuleViolation | org.relay247.gateway.cases.ConditionViolation | IllegalArgumentException
        | IllegalStateException e) {
      // The node's services explain in English (as in the CLI and the log); our own refusals in both languages.
      ctx.attribute("refusal", notSent(s) + Refusal.explain(e, s));
    }
    return Optional.empty();
  }

  static String notSent(ConsoleSession s) {
    return s.t("Not sent: ", "Non envoyé : ");
  }

  // --- cases -----------------------------------------------------------------------------------

  void cases(Context ctx) {
    ConsoleSession s = ConsoleServer.session(ctx);
    List<ConsoleViews.CaseLine> lines = node.cases().list(100).stream().map(c -> new ConsoleViews.CaseLine(
        c.caseId(), "", c.tracks().stream().map(t -> t.counterpart()).distinct().reduce((a, b) -> a + ", " + b).orElse(""),
        c.tracks().stream().map(t -> t.kind() + " " + t.state()).reduce((a, b) -> a + "; " + b).orElse(""),
        TIME.format(c.openedAt()), "")).toList();
    renderer.render(ctx, "cases.jte", Map.of("page", ConsoleServer.page(ctx, s.t("Cases", "Dossiers"), s),
        "cases", lines));
  }

  void caseView(Context ctx) {
    ConsoleSession s = ConsoleServer.session(ctx);
    String id = ctx.pathParam("id");
    var c = node.cases().find(id).orElseThrow(() -> new io.javalin.http.NotFoundResponse("case " + id
        + " is not a case of this node"));
    List<ConsoleViews.CaseLine> messages = new ArrayList<>();
    List<ConsoleViews.ResultItem> results = new ArrayList<>();
    for (DeskQueries.Line l : queries.inboxOfCase(id)) {
      if (l.bodyCase().equals("EVIDENCE_CHUNK")) {
        continue;
      }
      messages.add(new ConsoleViews.CaseLine(l.messageId(), s.t("received", "reçu"), l.sender(),
          s.t(Names.body(l.bodyCase())), TIME.format(l.receivedAt()), l.acknowledgedAt().isPresent()
              ? s.t("acknowledged", "pris en charge") : s.t("not acknowledged", "non pris en charge")));
      if (l.bodyCase().equals("EVIDENCE_MANIFEST")) {
        node.inbox().find(l.messageId()).ifPresent(e -> results.addAll(resultItems(l.messageId(),
            parse(e.innerMessage()).getEvidenceManifest())));
      }
    }
    for (DeskQueries.Sent sent : queries.sentInCase(id)) {
      messages.add(new ConsoleViews.CaseLine(sent.messageId(), s.t("sent", "envoyé"), sent.recipient(),
          s.t(Names.body(sent.bodyCase())), TIME.format(sent.createdAt()), sent.state()));
    }
    messages.sort(java.util.Comparator.comparing(ConsoleViews.CaseLine::at));
    var view = new ConsoleViews.CaseView(c.caseId(), TIME.format(c.openedAt()),
        c.tracks().stream().map(t -> t.kind() + s.t(" with ", " avec ") + t.counterpart() + " (" + t.role() + "): "
            + t.state()).toList(),
        c.timers().stream().map(t -> t.name() + " (Art. " + t.article() + ")" + s.t(" due ", " échéance ")
            + TIME.format(t.dueAt()) + ", " + t.status()).toList(),
        c.conditions().stream().map(k -> k.conditionId() + " " + k.kind() + ": " + k.status()).toList(),
        c.obligations().stream().map(o -> (o.closedBy().isEmpty() ? s.t("open: ", "ouverte : ")
            : s.t("closed: ", "close : ")) + o.kind() + s.t(", owed by ", ", due par ") + o.owedBy() + " (Art. "
            + o.article() + ")" + o.closedBy().map(by -> s.t(", closed by ", ", close par ") + by).orElse("")).toList(),
        messages,
        node.cases().timeline(id).stream().map(e -> TIME.format(e.at()) + " " + e.event()).toList(),
        results, s.role().mayDetermine() ? supervisor.view(c, s) : null);
    renderer.render(ctx, "case.jte", Map.of("page", ConsoleServer.page(ctx, s.t("Case", "Dossier"), s,
        nz(ctx.queryParam("flash"))),
        "c", view));
  }

  void audit(Context ctx) {
    ConsoleSession s = ConsoleServer.session(ctx);
    if (s.role() == ConsoleRole.OPERATOR) {
      throw new ConsoleServer.Forbidden("The audit log is for auditors and supervisors; your account is operator.",
          "Le journal d'audit est réservé aux auditeurs et superviseurs ; votre compte est opérateur.");
    }
    String verdict;
    try {
      var head = node.audit().verify();
      verdict = s.t("audit chain intact: ", "chaîne d'audit intacte : ") + head.entries() + s.t(" entries, head ",
          " entrées, tête ") + head.hash().hex();
    } catch (org.relay247.gateway.audit.AuditChainBrokenException e) {
      verdict = e.getMessage();
    }
    renderer.render(ctx, "audit.jte", Map.of("page", ConsoleServer.page(ctx, s.t("Audit log", "Journal d'audit"), s),
        "verdict", verdict));
  }

  // --- directory -------------------------------------------------------------------------------

  void directory(Context ctx) {
    ConsoleSession s = ConsoleServer.session(ctx);
    long now = clock.millis();
    var dir = node.directory().current();
    List<ConsoleViews.PartyView> parties = dir.directory().getPartiesList().stream().map(p -> new ConsoleViews.PartyView(
        p.getCode(), p.getName(), p.getCode().equals(node.party().code()),
        p.getLanguagesList().stream().map(l -> l.getCooperationType().name().replaceFirst("^COOPERATION_TYPE_", "")
            + ": " + String.join(", ", l.getLanguagesList())).toList(),
        p.getDeclarationsList().stream()
            .filter(d -> !d.hasEffectiveFrom() || Timestamps.toMillis(d.getEffectiveFrom()) <= now)
            .filter(d -> !d.hasEffectiveTo() || Timestamps.toMillis(d.getEffectiveTo()) > now)
            .map(d -> d.getKind().name().replaceFirst("^DECLARATION_KIND_", "") + (d.getText().isBlank() ? ""
                : ": " + d.getText())).toList(),
        p.getAuthoritiesList().stream().map(a -> p.getCode() + "/" + a.getId() + " " + a.getName()
            + (a.getReachable247() ? " (24/7)" : "") + (a.getContact().getPhone().isBlank() ? ""
                : ", " + a.getContact().getPhone()) + (a.getContact().getEmail().isBlank() ? ""
                : ", " + a.getContact().getEmail())).toList())).toList();
    renderer.render(ctx, "directory.jte", Map.of("page", ConsoleServer.page(ctx, s.t("Directory", "Annuaire"), s),
        "parties", parties,
        "version", dir.version(), "flash", nz(ctx.queryParam("flash"))));
  }

  void ping(Context ctx) {
    ConsoleSession s = ConsoleServer.session(ctx);
    requireAct(s);
    String party = nz(ctx.pathParam("party"));
    InnerMessage ping = InnerMessage.newBuilder()
        .setRouting(Routing.newBuilder().setRecipient(party + "/poc").setPriority(Priority.PRIORITY_ROUTINE))
        .setPing(org.relay247.protocol.v1.Ping.newBuilder().setNonce(ConsoleServer.randomToken(12))
            .setSentAt(Timestamps.fromMillis(clock.millis())))
        .build();
    String flash = submit(ping, s, ctx).map(m -> s.t("ping sent to ", "ping envoyé à ") + party + "/poc: "
        + m.getRouting().getMessageId() + s.t(" (the pong arrives in the inbox)", " (le pong arrive dans la boîte de"
            + " réception)")).orElseGet(() -> ctx.attribute("refusal"));
    ctx.redirect(withFlash("/directory", flash));
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** {@code path} showing {@code flash} (already in the person's language) at the top of the page. */
  static String withFlash(String path, String flash) {
    return path + "?flash=" + java.net.URLEncoder.encode(flash, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A redirect that htmx requests follow as a page load (HX-Redirect), plain forms as a 302. */
  private static void go(Context ctx, String url) {
    if ("true".equals(ctx.header("HX-Request"))) {
      ctx.header("HX-Redirect", url);
    } else {
      ctx.redirect(url);
    }
  }

  private List<ConsoleViews.ResultItem> resultItems(String manifestId, EvidenceManifest manifest) {
    Map<String, Integer> received = new java.util.HashMap<>();
    for (byte[] inner : queries.answers(manifestId, "EVIDENCE_CHUNK")) {
      received.merge(parse(inner).getEvidenceChunk().getItemId(), 1, Integer::sum);
    }
    return manifest.getItemsList().stream().map(i -> new ConsoleViews.ResultItem(manifestId, i.getItemId(),
        i.getName(), i.getSizeBytes(), HexFormat.of().formatHex(i.getSha256().toByteArray()), i.getChunkCount(),
        received.getOrDefault(i.getItemId(), 0))).toList();
  }

  private Optional<String> determinationFor(InboxEntry request) {
    if (request.caseId() == null) {
      return Optional.empty();
    }
    return queries.sentInCase(request.caseId()).stream().filter(s -> s.bodyCase().equals("DETERMINATION"))
        .filter(s -> parse(s.innerMessage()).getDetermination().getRequestMessageId().equals(request.messageId()))
        .map(DeskQueries.Sent::messageId).reduce((a, b) -> b);
  }

  private InboxEntry requireReceived(String id) {
    return node.inbox().find(id).orElseThrow(() -> new io.javalin.http.NotFoundResponse("message " + id
        + " is not in the inbox of this node"));
  }

  static void requireAct(ConsoleSession s) {
    if (!s.role().mayAct()) {
      throw new ConsoleServer.Forbidden("Your account (" + Names.role(s.role()).en() + ") may read, not act.",
          "Votre compte (" + Names.role(s.role()).fr() + ") peut lire, pas agir.");
    }
  }

  static Routing answer(InboxEntry request) {
    return Routing.newBuilder().setRecipient(request.sender()).setPriority(Priority.forNumber(request.priorityRank()))
        .setCaseId(nz(request.caseId())).setReplyToId(request.messageId()).build();
  }

  static ContactDetails person(ConsoleSession s) {
    return ContactDetails.newBuilder().setName(s.user().displayName()).setTitle("24/7 " + s.role().code()).build();
  }

  private static boolean isRequest(InnerMessage m) {
    return m.hasArt9Request() || m.hasArt10Request() || m.hasArt8Order() || m.hasArt9Confirmation();
  }

  static List<ConsoleViews.FindingView> views(List<Finding> findings, String language) {
    return findings.stream().map(f -> new ConsoleViews.FindingView(f.blocks(), f.code(), f.article(),
        f.explanation().in(language), f.advice().in(language))).toList();
  }

  private static String safeName(EvidenceItem item) {
    String name = item.getName().replaceAll("[^A-Za-z0-9._-]", "_");
    return name.isEmpty() || name.startsWith(".") ? item.getItemId() : name;
  }

  private static String json(InnerMessage m) {
    try {
      // JsonFormat hides < > & = ' as \\uXXXX; put them back so the officer reads the text as sent.
      // The template escapes it for HTML: that, not JSON, is what keeps foreign markup inert.
      return JsonFormat.printer().print(m).replace("\\u003c", "<").replace("\\u003e", ">")
          .replace("\\u0026", "&").replace("\\u003d", "=").replace("\\u0027", "'");
    } catch (InvalidProtocolBufferException e) {
      return "(unprintable: " + e.getMessage() + ")";
    }
  }

  static InnerMessage parse(byte[] bytes) {
    try {
      return InnerMessage.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("stored message unreadable", e);
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}

package org.relay247.gateway.console;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.relay247.gateway.rules.TreatyRules;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.protocol.Address;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Party;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/**
 * The compose pages of every form ({@link ComposeForm}): one template, one findings fragment, one
 * path from typed values to a draft, the same rule check while typing as at sending, and one
 * submission through the node's services under the person's name.
 */
final class Compose {
  private final ConsoleServices node;
  private final Clock clock;
  private final Pages.Renderer renderer;
  private final Pages pages;
  private final Map<String, ComposeForm> forms = new LinkedHashMap<>();

  Compose(ConsoleServices node, Clock clock, Pages.Renderer renderer, Pages pages) {
    this.node = node;
    this.clock = clock;
    this.renderer = renderer;
    this.pages = pages;
    ComposeForm.all().forEach(f -> forms.put(f.slug(), f));
  }

  /** The forms that start a new message (answers are reached from the message they answer). */
  void index(Context ctx) {
    ConsoleSession s = ConsoleServer.session(ctx);
    Pages.requireAct(s);
    List<ConsoleViews.Link> links = forms.values().stream().filter(f -> f.answers().isEmpty())
        .map(f -> new ConsoleViews.Link("/compose/" + f.slug(), s.t(f.titleEn(), f.titleFr()))).toList();
    renderer.render(ctx, "compose-index.jte", Map.of("page", ConsoleServer.page(ctx, s.t("New message",
        "Nouveau message"), s),
        "links", links));
  }

  void show(Context ctx) {
    ConsoleSession s = ConsoleServer.session(ctx);
    Pages.requireAct(s);
    ComposeForm form = form(ctx);
    render(ctx, s, form, answered(form, ctx.queryParam("replyTo")), FormValues.empty(), List.of(), "");
  }

  void check(Context ctx) {
    ConsoleSession s = ConsoleServer.session(ctx);
    Pages.requireAct(s);
    ComposeForm form = form(ctx);
    FormValues values = FormValues.of(ctx.formParamMap());
    List<ConsoleViews.FindingView> findings;
    String problem = "";
    try {
      InnerMessage draft = draft(form, values, answered(form, values.text("replyTo")), s);
      findings = Pages.views(TreatyRules.standard().evaluate(draft, Address.parse(draft.getRouting().getSender()),
          Address.parse(draft.getRouting().getRecipient()), node.directory().current().directory(),
          clock.instant()), s.language());
    } catch (IllegalArgumentException e) {
      findings = List.of();
      problem = Refusal.explain(e, s);
    }
    renderer.render(ctx, "findings.jte", Map.of("findings", findings, "problem", problem,
        "page", ConsoleServer.page(ctx, "", s)));
  }

  void send(Context ctx) {
    ConsoleSession s = ConsoleServer.session(ctx);
    Pages.requireAct(s);
    ComposeForm form = form(ctx);
    FormValues values = FormValues.of(ctx.formParamMap());
    Optional<InboxEntry> answered = answered(form, values.text("replyTo"));
    Optional<InnerMessage> sent;
    try {
      InnerMessage draft = draft(form, values, answered, s);
      sent = draft.hasOralRequestRecord()
          // An oral request opens its own track: through the case service, as 'relay247 case record-oral'.
          ? pages.submit(node.cases().oralRequestDraft(draft.getOralRequestRecord(), draft.getSenderContact(), ""), s, ctx)
          : pages.submit(draft, s, ctx);
    } catch (IllegalArgumentException e) {
      ctx.attribute("refusal", Pages.notSent(s) + Refusal.explain(e, s));
      sent = Optional.empty();
    }
    if (sent.isPresent()) {
      ctx.redirect(Pages.withFlash("/messages/" + sent.get().getRouting().getMessageId(), s.t("Sent.", "Envoyé.")));
      return;
    }
    ctx.status(422);
    render(ctx, s, form, answered, values, ctx.attributeOrCompute("findings", c -> List.of()),
        String.valueOf((Object) ctx.attribute("refusal")));
  }

  private void render(Context ctx, ConsoleSession s, ComposeForm form, Optional<InboxEntry> answered,
      FormValues values, List<ConsoleViews.FindingView> findings, String refusal) {
    ConsoleViews.Page page = ConsoleServer.page(ctx, s.t(form.titleEn(), form.titleFr()), s);
    Optional<InnerMessage> m = answered.map(e -> Pages.parse(e.innerMessage()));
    var view = new ConsoleViews.ComposeView(form.slug(), page.title(),
        answered.map(InboxEntry::messageId).orElse(""),
        answered.map(e -> s.t(Names.body(e.bodyCase())) + s.t(" from ", " de ") + e.sender()).orElse(""),
        answered.isPresent() ? List.of() : addresses(false, form.preferredAuthority()),
        answered.isPresent() ? List.of() : addresses(true, form.preferredAuthority()),
        form.sections(m), values, form.priority() == Priority.PRIORITY_EMERGENCY && answered.isEmpty());
    renderer.render(ctx, "compose.jte", Map.of("page", page, "f", view, "findings", findings, "refusal", refusal));
  }

  /** The draft: the form's body, routed to the recipient chosen or to the sender of what it answers. */
  private InnerMessage draft(ComposeForm form, FormValues values, Optional<InboxEntry> answered, ConsoleSession s) {
    InnerMessage.Builder b = form.body(values, answered.map(e -> Pages.parse(e.innerMessage())), clock.instant());
    Routing.Builder r = Routing.newBuilder();
    if (answered.isPresent()) {
      InboxEntry e = answered.get();
      r.setRecipient(e.sender()).setSender(e.recipient()).setCaseId(e.caseId() == null ? "" : e.caseId())
          .setReplyToId(e.messageId()).setPriority(Priority.forNumber(e.priorityRank()));
    } else {
      String recipient = values.text("recipient");
      if (recipient.isEmpty()) {
        throw new Refusal("recipient: missing (expected: the requested Party's authority, e.g. DE/poc)",
            "destinataire : manquant (attendu : l'autorité de la Partie requise, p. ex. DE/poc)");
      }
      String sender = values.text("sender").isEmpty() ? node.party().code() + "/" + form.preferredAuthority()
          : values.text("sender");
      r.setRecipient(recipient).setSender(b.hasOralRequestRecord() ? node.party().code() + "/poc" : sender)
          .setPriority(form.priority());
    }
    return b.setRouting(r).setSenderContact(Pages.person(s)).setLanguage(s.language()).build();
  }

  private ComposeForm form(Context ctx) {
    ComposeForm form = forms.get(ctx.pathParam("form"));
    if (form == null) {
      throw new io.javalin.http.NotFoundResponse("no form " + ctx.pathParam("form") + " (expected: one of "
          + forms.keySet() + ")");
    }
    return form;
  }

  /** The received message a form answers; required for an answer form, refused for any other. */
  private Optional<InboxEntry> answered(ComposeForm form, String replyTo) {
    if (form.answers().isEmpty()) {
      return Optional.empty();
    }
    String en = String.join(" or ", form.answers().stream().map(b -> Names.body(b).en()).sorted().toList());
    String fr = String.join(" ou ", form.answers().stream().map(b -> Names.body(b).fr()).sorted().toList());
    if (replyTo == null || replyTo.isBlank()) {
      throw new Refusal("replyTo: missing (expected: the id of a received " + en + "; open this form from that"
          + " message)", "réponse à : manquant (attendu : l'identifiant d'un message reçu, " + fr + " ; ouvrez ce"
          + " formulaire depuis ce message)");
    }
    InboxEntry e = node.inbox().find(replyTo.strip()).orElseThrow(() -> new io.javalin.http.NotFoundResponse(
        "message " + replyTo + " is not in the inbox of this node"));
    if (!form.answers().contains(e.bodyCase())) {
      throw new Refusal("replyTo: " + replyTo + " is a " + Names.body(e.bodyCase()).en() + " (expected: " + en + ")",
          "réponse à : " + replyTo + " est un message « " + Names.body(e.bodyCase()).fr() + " » (attendu : " + fr
              + ")");
    }
    return Optional.of(e);
  }

  /** Authorities of this Party ({@code own}) or of the others, the preferred kind (poc, ca) first. */
  private List<String> addresses(boolean own, String preferred) {
    List<String> first = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (Party p : node.directory().current().directory().getPartiesList()) {
      if (p.getCode().equals(node.party().code()) != own) {
        continue;
      }
      for (var a : p.getAuthoritiesList()) {
        (a.getId().equals(preferred) ? first : rest).add(p.getCode() + "/" + a.getId());
      }
    }
    first.addAll(rest);
    return first;
  }

  /** Which compose forms answer a received message of this body case (for links on the message page). */
  static List<ConsoleViews.Link> answersTo(InboxEntry e, ConsoleViews.Page page) {
    return ComposeForm.all().stream().filter(f -> f.answers().contains(e.bodyCase()))
        .map(f -> new ConsoleViews.Link("/compose/" + f.slug() + "?replyTo=" + e.messageId(),
            page.t(f.titleEn(), f.titleFr()))).toList();
  }
}

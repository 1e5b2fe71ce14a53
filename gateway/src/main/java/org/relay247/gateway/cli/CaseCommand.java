package org.relay247.gateway.cli;

import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.gateway.cases.Articles;
import org.relay247.protocol.v1.AdditionalInfoAnswer;
import org.relay247.protocol.v1.AdditionalInfoRequest;
import org.relay247.protocol.v1.Art9Confirmation;
import org.relay247.protocol.v1.Art9Request;
import org.relay247.protocol.v1.CaseDetail;
import org.relay247.protocol.v1.CaseTimelineEvent;
import org.relay247.protocol.v1.CaseTrack;
import org.relay247.protocol.v1.Condition;
import org.relay247.protocol.v1.ConditionAcceptance;
import org.relay247.protocol.v1.ConditionAnswer;
import org.relay247.protocol.v1.ConditionKind;
import org.relay247.protocol.v1.ConditionResponse;
import org.relay247.protocol.v1.ContactDetails;
import org.relay247.protocol.v1.CopyKind;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.Determination;
import org.relay247.protocol.v1.DeterminationOutcome;
import org.relay247.protocol.v1.EvidenceManifest;
import org.relay247.protocol.v1.GetCaseRequest;
import org.relay247.protocol.v1.GetCaseTimelineRequest;
import org.relay247.protocol.v1.InfoAnswer;
import org.relay247.protocol.v1.InfoQuestion;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.ListCasesRequest;
import org.relay247.protocol.v1.OralRequestRecord;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.RecordOralRequestRequest;
import org.relay247.protocol.v1.RecordOralRequestResponse;
import org.relay247.protocol.v1.Routing;
import org.relay247.protocol.v1.SubmitDraftRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code relay247 case}: the cases of a node (docs/cases.md) and the operator actions on them.
 * Each action builds the right body, addresses it to the track's counterpart and submits it
 * through SubmitDraft; the node refuses what does not fit the case (FAILED_PRECONDITION, printed).
 */
@Command(name = "case", mixinStandardHelpOptions = true,
    description = {"Cases of your node: list, show, timeline; and the operator actions on a case.",
        "Actions are submitted like 'relay247 send': the node checks them against the case and refuses a step "
            + "that does not fit (e.g. a second determination)."})
final class CaseCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand (see relay247 case --help).");
  }

  static CommandLine command(Clock clock) {
    CommandLine c = new CommandLine(new CaseCommand());
    c.addSubcommand(new ListCases(clock));
    c.addSubcommand(new Show(clock));
    c.addSubcommand(new Timeline(clock));
    c.addSubcommand(new Determine(clock));
    c.addSubcommand(new Conditions(clock));
    c.addSubcommand("accept-conditions", new AnswerConditions(clock, true));
    c.addSubcommand("refuse-conditions", new AnswerConditions(clock, false));
    c.addSubcommand(new RequestInfo(clock));
    c.addSubcommand(new AnswerInfo(clock));
    c.addSubcommand(new SendResults(clock));
    c.addSubcommand(new RecordOral(clock));
    c.addSubcommand(new Confirm(clock));
    // Art. 14 operations on a case (docs/data-protection.md).
    c.addSubcommand(new CaseRetentionCommand(clock));
    c.addSubcommand(new CasePurgeCommand(clock));
    c.addSubcommand(new CaseExportCommand(clock));
    c.addSubcommand(new CaseIncidentCommand(clock));
    c.addSubcommand(new CaseSuspensionsCommand(clock));
    c.addSubcommand(new Refer(clock));
    c.addSubcommand(new CopyToCentralAuthority(clock));
    return c;
  }

  /** A case subcommand: reads the case, finds tracks, submits drafts. */
  abstract static class CaseAction extends ApiCommand {
    /** Builds an action's body from the case and the track it acts on. */
    interface Body extends BiFunction<CaseDetail, CaseTrack, InnerMessage.Builder> {}

    CaseAction(Clock clock) {
      super(clock);
    }

    CaseDetail read(NationalApiClient client, String caseId) {
      return client.blocking(TIMEOUT).getCase(GetCaseRequest.newBuilder().setCaseId(caseId).build()).getCaseDetail();
    }

    /** The track of {@code messageId}: the request itself, or any message on its timeline. */
    CaseTrack track(NationalApiClient client, CaseDetail c, String messageId) {
      for (CaseTrack t : c.getTracksList()) {
        if (t.getRequestMessageId().equals(messageId)) {
          return t;
        }
      }
      for (CaseTimelineEvent e : client.blocking(TIMEOUT).getCaseTimeline(GetCaseTimelineRequest.newBuilder()
          .setCaseId(c.getCaseId()).build()).getEventsList()) {
        if (e.getMessageId().equals(messageId) && !e.getTrackId().isEmpty()) {
          return track(client, c, e.getTrackId());
        }
      }
      throw new IllegalArgumentException("message " + messageId + ": not a request or message of case "
          + c.getCaseId() + " (expected: an id from 'relay247 case show " + c.getCaseId() + "')");
    }

    static Priority priority(CaseTrack t) {
      return switch (t.getKind()) {
        case "ART9", "ORAL_ART9", "ART10" -> Priority.PRIORITY_EMERGENCY;
        default -> Priority.PRIORITY_ROUTINE;
      };
    }
  }

  /** An action on a case (named first on the command line) by a person (--by), who is recorded as acting. */
  abstract static class CaseReply extends CaseAction {
    @Parameters(paramLabel = "CASE_ID", description = "The case id.")
    String caseId;

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "Your name (the node records who"
        + " acted, Art. 14.6).")
    String by;

    CaseReply(Clock clock) {
      super(clock);
    }

    /** Submits the body built for the track of {@code cited} as a reply to the track's request. */
    int replyToRequest(NationalApiClient client, String cited, Body body) {
      return act(client, cited, CaseTrack::getRequestMessageId, body);
    }

    /** As {@link #replyToRequest}, but the body replies to the message {@code cited} itself. */
    int replyToCited(NationalApiClient client, String cited, Body body) {
      return act(client, cited, t -> cited, body);
    }

    /**
     * Acts on the track of {@code cited} in this case: submits the body built for that track as a
     * reply to {@code replyTo} of the track, as this person, and prints its message id. Returns 0, the
     * exit code of an action submitted; the node may still refuse it (a failed call, exit 1).
     */
    private int act(NationalApiClient client, String cited, Function<CaseTrack, String> replyTo, Body body) {
      CaseDetail c = read(client, caseId);
      CaseTrack t = track(client, c, cited);
      InnerMessage.Builder draft = body.apply(c, t);
      if (by == null || by.isBlank()) {
        throw new IllegalArgumentException("--by: empty (expected: your name; the node records who acted)");
      }
      draft.setRouting(Routing.newBuilder().setRecipient(t.getCounterpart()).setCaseId(c.getCaseId())
          .setReplyToId(replyTo.apply(t)).setPriority(priority(t)))
          .setSenderContact(ContactDetails.newBuilder().setName(by.strip()));
      SubmitOutput.print(out(), client.blocking(TIMEOUT).submitDraft(SubmitDraftRequest.newBuilder().setDraft(draft)
          .build()));
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The most recent cases, newest first.")
  static final class ListCases extends CaseAction {
    @Option(names = "--limit", defaultValue = "50", description = "At most this many (default 50).")
    int limit;

    ListCases(Clock clock) {
      super(clock);
    }

    @Override
    int run(NationalApiClient client) {
      var cases = client.blocking(TIMEOUT).listCases(ListCasesRequest.newBuilder().setLimit(limit).build());
      if (cases.getCasesCount() == 0) {
        out().println("No cases.");
      }
      for (CaseDetail c : cases.getCasesList()) {
        out().printf("%s  opened %s%n", c.getCaseId(), time(c.getOpenedAt()));
        for (CaseTrack t : c.getTracksList()) {
          out().printf("  %-12s %-10s %-10s %-20s %s%n", t.getKind(), t.getRole(), t.getCounterpart(), t.getState(),
              t.getRequestMessageId());
        }
      }
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "A case: tracks, timers, conditions, obligations and flags.")
  static final class Show extends CaseAction {
    @Parameters(paramLabel = "CASE_ID", description = "The case id.")
    String caseId;

    Show(Clock clock) {
      super(clock);
    }

    @Override
    int run(NationalApiClient client) {
      CaseDetail c = read(client, caseId);
      out().printf("Case %s, opened %s%n%nTracks:%n", c.getCaseId(), time(c.getOpenedAt()));
      for (CaseTrack t : c.getTracksList()) {
        out().printf("  %s  %s, %s with %s: %s%s%n", t.getRequestMessageId(), t.getKind(), t.getRole(),
            t.getCounterpart(), t.getState(), t.getLinkedTo().isEmpty() ? "" : " (follows " + t.getLinkedTo() + ")");
      }
      out().println("Timers:");
      c.getTimersList().forEach(t -> out().printf("  %-8s %-22s %-13s due %s  %s  (track %s)%n", t.getStatus(),
          t.getName(), t.getUrgency(), time(t.getDueAt()), Articles.label(t.getArticle()), t.getTrackId()));
      out().println("Conditions:");
      c.getConditionsList().forEach(x -> out().printf("  %-8s %s %s (%s): %s  (%s %s)%n",
          x.getStatus(), x.getConditionId(), x.getKind().name().replaceFirst("^CONDITION_KIND_", ""),
          Articles.label(x.getArticle()),
          x.getText(), x.getDestination().isEmpty() ? "determination" : "onward transfer to " + x.getDestination()
              + ", decision", x.getDeterminationMessageId()));
      out().println("Obligations:");
      c.getObligationsList().forEach(o -> out().printf("  %-6s %s owed by %s (%s)%s%n",
          o.getClosedBy().isEmpty() ? "OPEN" : "CLOSED", o.getKind(), o.getOwedBy(), Articles.label(o.getArticle()),
          o.getClosedBy().isEmpty() ? "" : " by " + o.getClosedBy()));
      out().println("Flags:");
      c.getFlagsList().forEach(f -> out().printf("  %s %s: %s%n", time(f.getRaisedAt()), f.getCode(), f.getDetail()));
      return 0;
    }
  }

  @Command(name = "timeline", mixinStandardHelpOptions = true,
      description = "A case's timeline: messages sent and received, timers fired.")
  static final class Timeline extends CaseAction {
    @Parameters(paramLabel = "CASE_ID", description = "The case id.")
    String caseId;

    Timeline(Clock clock) {
      super(clock);
    }

    @Override
    int run(NationalApiClient client) {
      for (CaseTimelineEvent e : client.blocking(TIMEOUT).getCaseTimeline(GetCaseTimelineRequest.newBuilder()
          .setCaseId(caseId).build()).getEventsList()) {
        out().printf("%s  %-11s %-26s %-20s -> %-20s %s  by %s%n", time(e.getAt()), e.getEvent(), e.getBodyType(),
            e.getStateBefore().isEmpty() ? "-" : e.getStateBefore(), e.getStateAfter().isEmpty() ? "-"
                : e.getStateAfter(), e.getMessageId().isEmpty() ? e.getTrackId() : e.getMessageId(), e.getActor());
      }
      return 0;
    }
  }

  /** KIND:TEXT, e.g. use-limitation:"only for J3-2025-118". */
  static Condition condition(String spec, int index, String article) {
    int colon = spec.indexOf(':');
    if (colon <= 0 || colon == spec.length() - 1) {
      throw new IllegalArgumentException("--condition: \"" + spec + "\" (expected: KIND:TEXT with KIND one of "
          + "confidentiality, use-limitation, other)");
    }
    String kind = spec.substring(0, colon).strip().toUpperCase(Locale.ROOT).replace('-', '_');
    ConditionKind k;
    try {
      k = ConditionKind.valueOf("CONDITION_KIND_" + kind);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--condition: kind \"" + spec.substring(0, colon)
          + "\" (expected: confidentiality, use-limitation or other)", e);
    }
    return Condition.newBuilder().setId("c" + index).setKind(k).setText(spec.substring(colon + 1).strip())
        .setArticle(article).build();
  }

  @Command(name = "determine", mixinStandardHelpOptions = true,
      description = "Record your determination on a request (Art. 9.6, 10.4, 8.8) and send it: a human act, "
          + "--by names you.")
  static class Determine extends CaseReply {
    @Option(names = "--request", required = true, paramLabel = "MESSAGE_ID", description = "The request determined.")
    String request;

    @Option(names = "--outcome", paramLabel = "OUTCOME", description = "will-provide, conditions, will-not-provide, "
        + "not-an-emergency or postponed (default: will-provide, or conditions with --condition).")
    String outcome;

    @Option(names = "--condition", paramLabel = "KIND:TEXT", description = "A condition (repeatable), KIND "
        + "confidentiality, use-limitation or other; numbered c1, c2, ...")
    List<String> conditions = new ArrayList<>();

    @Option(names = "--grounds", paramLabel = "TEXT", description = "Grounds or remarks, in plain words.")
    String grounds = "";

    @Option(names = "--article", paramLabel = "ART", description = "Article applied (default: by the request's "
        + "kind: 9.6 for Art. 9, 10.4 for Art. 10, 8.8 for Art. 8, Conv. 29.3 for a preservation).")
    String article;

    Determine(Clock clock) {
      super(clock);
    }

    DeterminationOutcome outcome() {
      if (outcome == null) {
        return conditions.isEmpty() ? DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE
            : DeterminationOutcome.DETERMINATION_OUTCOME_CONDITIONS;
      }
      try {
        return DeterminationOutcome.valueOf("DETERMINATION_OUTCOME_"
            + outcome.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--outcome: \"" + outcome + "\" (expected: will-provide, conditions, "
            + "will-not-provide, not-an-emergency or postponed)", e);
      }
    }

    @Override
    int run(NationalApiClient client) {
      return replyToRequest(client, request, (c, t) -> {
        String applied = article == null || article.isBlank() ? Articles.determination(t.getKind()) : article.strip();
        Determination.Builder d = Determination.newBuilder().setRequestMessageId(t.getRequestMessageId())
            .setOutcome(outcome()).setArticle(applied).setGroundsText(grounds);
        for (int i = 0; i < conditions.size(); i++) {
          d.addConditions(condition(conditions.get(i), i + 1, applied));
        }
        return InnerMessage.newBuilder().setDetermination(d);
      });
    }
  }

  @Command(name = "conditions", mixinStandardHelpOptions = true,
      description = "Impose conditions on a request (a determination with outcome CONDITIONS; Art. 9.6, 8.8).")
  static final class Conditions extends Determine {
    Conditions(Clock clock) {
      super(clock);
    }

    @Override
    int run(NationalApiClient client) {
      if (conditions.isEmpty()) {
        throw new IllegalArgumentException("--condition: none (expected: at least one KIND:TEXT)");
      }
      outcome = "conditions";
      return super.run(client);
    }
  }

  @Command(mixinStandardHelpOptions = true, description = "Answer the conditions of a determination (Art. 9.7.a, "
      + "8.9.a): accept-conditions binds you, refuse-conditions states you cannot comply.")
  static final class AnswerConditions extends CaseReply {
    private final boolean accept;

    @Option(names = "--determination", required = true, paramLabel = "MESSAGE_ID",
        description = "The determination that imposed them.")
    String determination;

    @Option(names = "--explanation", paramLabel = "TEXT", description = "Why you cannot comply, or remarks.")
    String explanation = "";

    AnswerConditions(Clock clock, boolean accept) {
      super(clock);
      this.accept = accept;
    }

    @Override
    int run(NationalApiClient client) {
      return replyToCited(client, determination, (c, t) -> {
        ConditionResponse.Builder r = ConditionResponse.newBuilder().setDeterminationMessageId(determination)
            .setArticle(t.getKind().equals("ART8") ? "8.9.a" : "9.7.a");
        c.getConditionsList().stream().filter(x -> x.getDeterminationMessageId().equals(determination)
            && x.getStatus().equals("IMPOSED")).forEach(x -> r.addAnswers(ConditionAnswer.newBuilder()
                .setConditionId(x.getConditionId()).setExplanation(explanation)
                .setAcceptance(accept ? ConditionAcceptance.CONDITION_ACCEPTANCE_ACCEPT_BOUND
                    : ConditionAcceptance.CONDITION_ACCEPTANCE_CANNOT_COMPLY)));
        if (r.getAnswersCount() == 0) {
          throw new IllegalArgumentException("--determination: " + determination + " has no pending conditions "
              + "in case " + caseId + " (expected: a determination whose conditions await an answer)");
        }
        return InnerMessage.newBuilder().setConditionResponse(r);
      });
    }
  }

  @Command(name = "request-info", mixinStandardHelpOptions = true,
      description = "Ask the requesting Party for more information (Art. 10.3, 8.4, 7.5.d.i).")
  static final class RequestInfo extends CaseReply {
    @Option(names = "--request", required = true, paramLabel = "MESSAGE_ID", description = "The request concerned.")
    String request;

    @Option(names = "--question", required = true, paramLabel = "TEXT", description = "A question (repeatable; "
        + "numbered q1, q2, ...).")
    List<String> questions;

    @Option(names = "--article", paramLabel = "ART", description = "Article (default: 10.3).")
    String article = "10.3";

    RequestInfo(Clock clock) {
      super(clock);
    }

    @Override
    int run(NationalApiClient client) {
      return replyToRequest(client, request, (c, t) -> {
        AdditionalInfoRequest.Builder q = AdditionalInfoRequest.newBuilder().setArticle(article)
            .setRequestMessageId(t.getRequestMessageId());
        for (int i = 0; i < questions.size(); i++) {
          q.addQuestions(InfoQuestion.newBuilder().setId("q" + (i + 1)).setText(questions.get(i)));
        }
        return InnerMessage.newBuilder().setAdditionalInfoRequest(q);
      });
    }
  }

  @Command(name = "answer-info", mixinStandardHelpOptions = true,
      description = "Answer a request for more information (Art. 10.3, 8.4, 7.5.d.i).")
  static final class AnswerInfo extends CaseReply {
    @Option(names = "--question-message", required = true, paramLabel = "MESSAGE_ID",
        description = "The AdditionalInfoRequest answered.")
    String questionMessage;

    @Option(names = "--answer", required = true, paramLabel = "QID=TEXT", description = "An answer (repeatable), "
        + "e.g. q1=\"The account was created on ...\".")
    List<String> answers;

    AnswerInfo(Clock clock) {
      super(clock);
    }

    @Override
    int run(NationalApiClient client) {
      return replyToCited(client, questionMessage, (c, t) -> {
        AdditionalInfoAnswer.Builder a = AdditionalInfoAnswer.newBuilder().setRequestMessageId(questionMessage);
        for (String s : answers) {
          int eq = s.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("--answer: \"" + s + "\" (expected: QID=TEXT, e.g. q1=...)");
          }
          a.addAnswers(InfoAnswer.newBuilder().setQuestionId(s.substring(0, eq).strip())
              .setText(s.substring(eq + 1)));
        }
        return InnerMessage.newBuilder().setAdditionalInfoAnswer(a);
      });
    }
  }

  @Command(name = "send-manifest", mixinStandardHelpOptions = true,
      description = "Send a hand-written evidence manifest of the results of a request (official, or --preliminary "
          + "by an agreed alternate channel, Art. 10.6). Chunks follow with 'relay247 send --type evidence-chunk'. "
          + "To send files, 'relay247 case send-results' does all of it.")
  static final class SendResults extends CaseReply {
    @Option(names = "--request", required = true, paramLabel = "MESSAGE_ID", description = "The request answered.")
    String request;

    @Option(names = "--manifest", required = true, paramLabel = "FILE.json",
        description = "The EvidenceManifest, protobuf JSON (items with sizes and SHA-256).")
    Path manifest;

    @Option(names = "--preliminary", description = "A preliminary copy (Art. 10.6).")
    boolean preliminary;

    SendResults(Clock clock) {
      super(clock);
    }

    @Override
    int run(NationalApiClient client) throws Exception {
      EvidenceManifest.Builder m = EvidenceManifest.newBuilder();
      try {
        JsonFormat.parser().merge(Files.readString(manifest, StandardCharsets.UTF_8), m);
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        throw new IllegalArgumentException(manifest + ": not an EvidenceManifest in protobuf JSON: " + e.getMessage(), e);
      }
      return replyToRequest(client, request, (c, t) -> InnerMessage.newBuilder().setEvidenceManifest(
          m.setRequestMessageId(t.getRequestMessageId()).setCopyKind(preliminary
              ? CopyKind.COPY_KIND_PRELIMINARY : CopyKind.COPY_KIND_OFFICIAL)));
    }
  }

  @Command(name = "record-oral", mixinStandardHelpOptions = true,
      description = {"Record an oral (telephone) request you took (Art. 9.4) and send the record to the caller's "
          + "authority; prints the record's message id and the case id. The caller must confirm electronically "
          + "within the IMMEDIATE window ('relay247 case confirm' on their side)."})
  static final class RecordOral extends CaseAction {
    @Option(names = "--caller-authority", required = true, paramLabel = "XX/authority",
        description = "The caller's authority, e.g. FR/poc.")
    String callerAuthority;

    @Option(names = "--caller", required = true, paramLabel = "NAME", description = "The caller, as identified.")
    String caller;

    @Option(names = "--summary", required = true, paramLabel = "TEXT", description = "What was asked.")
    String summary;

    @Option(names = "--category", paramLabel = "CATEGORY", description = "Data category asked for (repeatable): "
        + "subscriber, traffic, content.")
    List<String> categories = new ArrayList<>();

    @Option(names = "--callback", paramLabel = "TEXT", description = "How the caller was verified by call-back.")
    String callback = "";

    @Option(names = "--case", paramLabel = "CASE_ID", description = "Add to this case (default: a new case).")
    String caseId = "";

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "Your name.")
    String by;

    RecordOral(Clock clock) {
      super(clock);
    }

    @Override
    int run(NationalApiClient client) {
      OralRequestRecord.Builder r = OralRequestRecord.newBuilder().setCallerAuthority(callerAuthority.strip())
          .setCaller(ContactDetails.newBuilder().setName(caller)).setSummary(summary).setConfirmationRequired(true);
      if (!callback.isBlank()) {
        r.setCallbackCheck(org.relay247.protocol.v1.CallbackCheck.newBuilder().setPerformed(true).setOutcome(callback));
      }
      for (String cat : categories) {
        try {
          r.addCategories(DataCategory.valueOf("DATA_CATEGORY_" + cat.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--category: \"" + cat + "\" (expected: subscriber, traffic or content)", e);
        }
      }
      RecordOralRequestResponse done = client.blocking(TIMEOUT).recordOralRequest(RecordOralRequestRequest.newBuilder()
          .setRecord(r).setRecordedBy(ContactDetails.newBuilder().setName(by)).setCaseId(caseId).build());
      out().println(done.getMessageId());
      out().println("case " + done.getCaseId() + ", confirmation due " + time(done.getConfirmationDueAt()));
      return 0;
    }
  }

  @Command(name = "confirm", mixinStandardHelpOptions = true,
      description = "Confirm electronically an oral request you made (Art. 9.4): the full Art. 9.3 request, "
          + "citing the record the requested Party sent you.")
  static final class Confirm extends CaseReply {
    @Option(names = "--oral", required = true, paramLabel = "MESSAGE_ID", description = "The OralRequestRecord's id.")
    String oral;

    @Option(names = "--request", required = true, paramLabel = "FILE.json",
        description = "The Art9Request, protobuf JSON (as docs/examples/art9-request.json's body).")
    Path requestFile;

    Confirm(Clock clock) {
      super(clock);
    }

    @Override
    int run(NationalApiClient client) throws Exception {
      InnerMessage read = DraftBody.read(requestFile, InnerMessage.getDescriptor().findFieldByName("art9_request"));
      Art9Request request = read.getArt9Request();
      return replyToCited(client, oral, (c, t) -> InnerMessage.newBuilder()
          .setArt9Confirmation(Art9Confirmation.newBuilder().setOralRequestRecordId(oral).setRequest(request)));
    }
  }

  @Command(name = "refer", mixinStandardHelpOptions = true,
      description = {"Refer a request you are not competent for to the competent authority of your Party, and "
          + "inform the requesting side (Art. 10.9; any request): the track follows the referral, the requesting "
          + "side addresses the competent authority from then on."})
  static final class Refer extends CaseReply {
    @Option(names = "--request", required = true, paramLabel = "MESSAGE_ID", description = "The request referred.")
    String request;

    @Option(names = "--to", required = true, paramLabel = "XX/authority",
        description = "The competent authority of your Party, e.g. DE/gsta-berlin.")
    String to;

    @Option(names = "--reasons", required = true, paramLabel = "TEXT", description = "Why, in plain words.")
    String reasons;

    @Option(names = "--article", paramLabel = "ART", description = "Article applied (default: 10.9).")
    String article = "10.9";

    Refer(Clock clock) {
      super(clock);
    }

    @Override
    int run(NationalApiClient client) {
      return replyToRequest(client, request, (c, t) -> InnerMessage.newBuilder().setReferral(
          org.relay247.protocol.v1.Referral.newBuilder().setRequestMessageId(t.getRequestMessageId())
              .setReferredTo(to.strip()).setReasons(reasons).setArticle(article)));
    }
  }

  @Command(name = "copy-to-ca", mixinStandardHelpOptions = true,
      description = {"Send the Art. 10.9 copy of an Art. 10 request you sent by another route (directly to a "
          + "judicial authority, INTERPOL, the 24/7 point of contact): built from the request as sent, from your "
          + "central authority to the requested Party's. It closes the CENTRAL_AUTHORITY_COPY_10_9 obligation and "
          + "its timer (art10.ca_copy)."})
  static final class CopyToCentralAuthority extends CaseReply {
    @Option(names = "--request", required = true, paramLabel = "MESSAGE_ID", description = "The Art. 10 request.")
    String request;

    @Option(names = "--from", paramLabel = "XX/authority",
        description = "Your central authority (default: the first the directory lists).")
    String from = "";

    @Option(names = "--to", paramLabel = "XX/authority",
        description = "The requested Party's central authority (default: the first the directory lists).")
    String to = "";

    CopyToCentralAuthority(Clock clock) {
      super(clock);
    }

    @Override
    int run(NationalApiClient client) {
      SubmitOutput.print(out(), client.blocking(TIMEOUT).sendCentralAuthorityCopy(
          org.relay247.protocol.v1.SendCentralAuthorityCopyRequest.newBuilder().setCaseId(caseId)
              .setRequestMessageId(request).setSender(from).setRecipient(to)
              .setSenderContact(ContactDetails.newBuilder().setName(by.strip())).build()));
      return 0;
    }
  }
}

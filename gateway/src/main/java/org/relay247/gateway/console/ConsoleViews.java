package org.relay247.gateway.console;

import java.util.List;

/**
 * What the templates show. Every string here may hold text from another country: the templates
 * print them with JTE's HTML escaping ({@code ${...}}), never {@code $unsafe}.
 */
public final class ConsoleViews {
  private ConsoleViews() {}

  /** Frame of every page: the person signed in (null on the sign-in page), CSP nonce, CSRF token. */
  public record Page(String title, ConsoleSession session, String nonce, String flash) {
    public String csrf() {
      return session == null ? "" : session.csrfToken();
    }

    public String lang() {
      return session == null ? "en" : session.language();
    }

    public boolean fr() {
      return "fr".equals(lang());
    }

    /** The htmx configuration: no eval (strict CSP), no injected indicator styles, nonce for any inline script. */
    public String htmxConfig() {
      return "{\"allowEval\":false,\"allowScriptTags\":false,\"includeIndicatorStyles\":false,"
          + "\"inlineScriptNonce\":\"" + nonce + "\"}";
    }

    /** The CSRF header htmx adds to every request it makes (JSON; the token is base64url). */
    public String csrfHeaders() {
      return "{\"X-CSRF-Token\":\"" + csrf() + "\"}";
    }

    /** The label in the account's language. */
    public String t(String en, String fr) {
      return fr() ? fr : en;
    }

    /** The signed-in person's role, in their language. */
    public String role() {
      return session == null ? "" : session.t(Names.role(session.role()));
    }
  }

  /** One line of the desk's inbox. */
  public record InboxRow(String messageId, String sender, String priority, boolean emergency, String body,
      String received, String caseId, boolean acknowledged, String acknowledgedBy, long deadlineMillis,
      String deadlineName) {}

  /** A treaty-rule finding in the account's language. */
  public record FindingView(boolean blocks, String code, String article, String explanation, String advice) {}

  /** A message of a case, either direction. */
  public record CaseLine(String messageId, String direction, String counterpart, String body, String at,
      String state) {}

  /** One evidence item of a received manifest, with the link to fetch it verified. */
  public record ResultItem(String manifestId, String itemId, String name, long sizeBytes, String sha256Hex,
      int chunks, int chunksReceived) {}

  /** A received or sent message with its proof. */
  public record MessageView(String messageId, boolean received, String sender, String recipient, String priority,
      String body, String caseId, String replyToId, String signer, String signedAt, String storedAt,
      String envelopeSha256, String receiptStatus, String acknowledged, String content, boolean canAcknowledge,
      boolean canDetermine, boolean canSendResults, List<ResultItem> results, List<Link> answers) {}

  /** The case page. */
  public record CaseView(String caseId, String openedAt, List<String> tracks, List<String> timers,
      List<String> conditions, List<String> obligations, List<CaseLine> messages, List<String> timeline,
      List<ResultItem> results, SupervisorView supervisor) {}

  /**
   * The supervisor's actions on a case: the counterparts (suspension notices), the received
   * determinations whose conditions await an answer, the received messages whose data could be
   * transferred onward, the received onward-transfer requests to decide, the retention in force.
   */
  public record SupervisorView(List<String> counterparts, List<String> conditionsToAnswer, List<Link> receivedData,
      List<String> onwardRequests, int retentionDays) {
    public static final List<FormField.Option> SUSPENSION_STEPS = List.of(
        new FormField.Option("notice", "notice of a suspension to come", "préavis de suspension"),
        new FormField.Option("imposed", "suspension imposed", "suspension imposée"),
        new FormField.Option("lifted", "suspension lifted", "suspension levée"));
    public static final List<FormField.Option> SUSPENSION_KINDS = List.of(
        new FormField.Option("provisional", "provisional", "provisoire"),
        new FormField.Option("full", "full", "totale"),
        new FormField.Option("counter", "counter-suspension", "contre-suspension"));
    public static final List<FormField.Option> SCOPES = List.of(
        new FormField.Option("art7", "Art. 7", "art. 7"), new FormField.Option("art8", "Art. 8", "art. 8"),
        new FormField.Option("art9", "Art. 9", "art. 9"), new FormField.Option("art10", "Art. 10", "art. 10"),
        new FormField.Option("preservation", "preservation", "conservation"),
        new FormField.Option("mla", "mutual assistance", "entraide"));
    public static final List<FormField.Option> ONWARD_OUTCOMES = List.of(
        new FormField.Option("authorised", "authorised", "autorisé"),
        new FormField.Option("authorised_with_conditions", "authorised with conditions", "autorisé sous conditions"),
        new FormField.Option("refused", "refused", "refusé"));
  }

  /** A link with its label in the account's language. */
  public record Link(String href, String label) {}

  /**
   * A compose form: the message it answers (empty: a new message, with the recipients and senders
   * offered), its fields and the values typed so far.
   */
  public record ComposeView(String slug, String title, String replyTo, String answering, List<String> recipients,
      List<String> senders, List<FormField.Section> sections, FormValues values, boolean emergency) {}

  /** A Party as the directory describes it today. */
  public record PartyView(String code, String name, boolean self, List<String> languages, List<String> declarations,
      List<String> authorities) {}
}

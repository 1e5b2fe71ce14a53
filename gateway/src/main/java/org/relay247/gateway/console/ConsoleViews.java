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
      List<String> conditions, List<CaseLine> messages, List<String> timeline, List<ResultItem> results,
      SupervisorView supervisor) {}

  /**
   * The supervisor's actions on a case: the counterparts (suspension notices), the received
   * determinations whose conditions await an answer, the received messages whose data could be
   * transferred onward, the received onward-transfer requests to decide, the retention in force.
   */
  public record SupervisorView(List<String> counterparts, List<String> conditionsToAnswer, List<Link> receivedData,
      List<String> onwardRequests, int retentionDays) {
    public static final List<String> SUSPENSION_STEPS = List.of("notice", "imposed", "lifted");
    public static final List<String> SUSPENSION_KINDS = List.of("provisional", "full", "counter");
    public static final List<String> SCOPES = List.of("art7", "art8", "art9", "art10", "preservation", "mla");
    public static final List<String> ONWARD_OUTCOMES = List.of("authorised", "authorised_with_conditions", "refused");
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

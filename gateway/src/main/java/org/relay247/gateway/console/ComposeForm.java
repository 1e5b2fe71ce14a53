package org.relay247.gateway.console;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;

/**
 * One kind of message the officer composes in the console: its name, its fields (for the one
 * compose template) and how the typed values become the message's body. Routing, the sender's
 * contact (the signed-in person), the rule check and the submission are shared ({@link Compose});
 * a form only knows its treaty fields.
 */
abstract class ComposeForm {
  private final String slug;
  private final String titleEn;
  private final String titleFr;
  private final Priority priority;
  private final String preferredAuthority;
  private final Set<String> answers;

  /**
   * @param slug the form's path segment, /compose/{slug}
   * @param priority of a new message (an answer keeps the priority of what it answers)
   * @param preferredAuthority the authority of this node a new message is sent from by default: "poc" or "ca"
   * @param answers the body cases of received messages this form answers (then
   *     /compose/{slug}?replyTo=ID and the routing follows that message); empty for a new message
   *     to a Party chosen in the form
   */
  ComposeForm(String slug, String titleEn, String titleFr, Priority priority, String preferredAuthority,
      Set<String> answers) {
    this.slug = slug;
    this.titleEn = titleEn;
    this.titleFr = titleFr;
    this.priority = priority;
    this.preferredAuthority = preferredAuthority;
    this.answers = Set.copyOf(answers);
  }

  final String slug() {
    return slug;
  }

  final String titleEn() {
    return titleEn;
  }

  final String titleFr() {
    return titleFr;
  }

  final Set<String> answers() {
    return answers;
  }

  final String preferredAuthority() {
    return preferredAuthority;
  }

  final Priority priority() {
    return priority;
  }

  /** The treaty fields, given the received message answered (if any). */
  abstract List<FormField.Section> sections(Optional<InnerMessage> answered);

  /**
   * The message with its body set (routing and sender contact are the caller's).
   *
   * @throws IllegalArgumentException naming a field whose value cannot be used
   */
  abstract InnerMessage.Builder body(FormValues form, Optional<InnerMessage> answered, Instant now);

  /** The registered forms, in menu order. */
  static List<ComposeForm> all() {
    return List.of(new Art9Form(), new OralRecordForm(), new Art9ConfirmationForm(), new Art10Form(),
        new PreservationForm(), new Art8Form(), new Art7NotificationForm(), new InfoRequestForm(),
        new InfoAnswerForm());
  }
}

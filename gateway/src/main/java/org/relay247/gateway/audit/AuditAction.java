package org.relay247.gateway.audit;

/**
 * What was done, as a stable code stored in {@code audit_log.action}. The stored code is the enum
 * constant's name: never rename or remove a constant (old entries keep their code and the chain
 * hashes it); add new ones instead. Entries read back carry the code as a string, so a log
 * written by a newer version still verifies and exports with an older one.
 */
public enum AuditAction {
  /** An operator or national system handed a draft to the node for sending (the message is sealed). */
  MESSAGE_SUBMITTED,
  /** The recipient's signed receipt accepted a message this node sent. */
  MESSAGE_DELIVERED,
  /** The recipient's signed receipt rejected a message this node sent. */
  MESSAGE_REFUSED_BY_PEER,
  /** A message could not be delivered before its deadline and was escalated to a person. */
  MESSAGE_ESCALATED,
  /** A message from another Party passed every check and was stored in the inbox. */
  MESSAGE_RECEIVED,
  /** A message from another Party failed a check: quarantined and answered with a signed rejection. */
  MESSAGE_QUARANTINED,
  /** A person or national system read a message's content (access, Art. 14.8). */
  MESSAGE_OPENED,
  /** A person acknowledged a received message (took charge of it). */
  MESSAGE_ACKNOWLEDGED,
  /** Data of a case was passed on inside this Party (Art. 14.9). */
  MESSAGE_FORWARDED,
  /** A person recorded a determination: emergency or not, refusal, conditions (Art. 14.6). */
  DETERMINATION_RECORDED,
  /** A person annotated a message or flagged it as inaccurate; the original is never altered (Art. 14.3). */
  ANNOTATION_ADDED,
  /** Data of a case left the node other than as a message: file export, onward transfer (Art. 14.8, 14.10). */
  DATA_EXPORTED,
  /** A case's Art. 14.8 record (this log's entries of the case) was exported, for a supervisor (Art. 14.14). */
  RECORD_EXPORTED,
  /** A case was opened. */
  CASE_OPENED,
  /** A case was closed. */
  CASE_CLOSED,
  /** A case's retention period was reviewed (Art. 14.5). */
  RETENTION_REVIEWED,
  /** A case's data was deleted or anonymised at the end of its retention (Art. 14.5); its audit entries remain. */
  CASE_PURGED,
  /** A security incident affecting a case's data was recorded (Art. 14.7.b). */
  INCIDENT_RECORDED,
  /** A case timer passed its due time without the awaited message and was escalated to a person. */
  CASE_TIMER_MISSED,
  /** A console account was added, changed, disabled or locked after failed sign-ins (docs/console.md). */
  ACCOUNT_CHANGED,
  /** A person signed in to the operator console, or a sign-in was refused. */
  CONSOLE_SIGN_IN,
  /** A person sent a message despite a blocking treaty-rule finding that leaves the decision to a person. */
  RULE_OVERRIDDEN
}

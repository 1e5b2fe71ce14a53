/**
 * The audit log (Art. 14.8 of the Second Additional Protocol): an append-only, hash-chained record
 * of every action on a case and on personal data (who, what, when, which case and message), stored
 * in the node's database with the messages. Entry point: {@link org.relay247.gateway.audit.AuditLog}.
 * Format, verification, export and limits: docs/audit.md.
 */
package org.relay247.gateway.audit;

package org.relay247.gateway.cases;

import java.time.Instant;

/**
 * Something a person should look at: a difference between an oral request and its confirmation,
 * preliminary and official results whose hashes differ, a message out of step with the track.
 *
 * @param trackId request message id of the track, or empty when the flag concerns the case
 * @param messageId the message that raised it
 * @param code stable code, e.g. {@code ORAL_MISMATCH}, {@code RESULTS_HASH_MISMATCH}, {@code OUT_OF_STEP}
 * @param detail plain explanation (ids, field names and states; never message content)
 * @param raisedAt when
 */
public record FlagView(String trackId, String messageId, String code, String detail, Instant raisedAt) {}

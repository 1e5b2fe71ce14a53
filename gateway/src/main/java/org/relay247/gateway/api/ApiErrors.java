package org.relay247.gateway.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.relay247.gateway.pipeline.StoredMessages;
import org.relay247.gateway.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures to gRPC status at the edge of the national API: the code for the client's program, a
 * precise message for its operator. Internal details (and never message content) go to the log.
 */
final class ApiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  private ApiErrors() {}

  static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }

  static StatusRuntimeException notFound(String message) {
    return Status.NOT_FOUND.withDescription(message).asRuntimeException();
  }

  /** The status for an exception thrown while serving {@code method}. */
  static StatusRuntimeException toStatus(String method, RuntimeException e) {
    if (e instanceof StatusRuntimeException s) {
      return s;
    }
    if (e instanceof org.relay247.gateway.delivery.MessageIdReusedException) {
      return Status.ALREADY_EXISTS.withDescription(e.getMessage()).asRuntimeException();
    }
    if (e instanceof org.relay247.gateway.delivery.TreatyRuleViolation) {
      return Status.FAILED_PRECONDITION.withDescription("blocked by treaty rules: " + e.getMessage())
          .asRuntimeException();
    }
    if (e instanceof org.relay247.gateway.cases.CaseRuleViolation
        || e instanceof org.relay247.gateway.cases.ConditionViolation) {
      return Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException();
    }
    if (e instanceof StoredMessages.UnreadableException) {
      // The node's own row, not the caller's request: logged by message id only, never content.
      LOG.atError().addKeyValue("method", method).log("{}", e.getMessage());
      return Status.INTERNAL.withDescription("a stored message of this node is damaged (details in the node's log)")
          .asRuntimeException();
    }
    if (e instanceof IllegalArgumentException) {
      return invalid(e.getMessage());
    }
    if (e instanceof StoreException) {
      LOG.atWarn().addKeyValue("method", method).log("store failure: {}", e.getMessage());
      return Status.UNAVAILABLE.withDescription("the node's store is unavailable (retry later)").asRuntimeException();
    }
    LOG.atError().addKeyValue("method", method).setCause(e).log("national API call failed");
    return Status.INTERNAL.withDescription("internal error in " + method + " (details in the node's log)")
        .asRuntimeException();
  }
}

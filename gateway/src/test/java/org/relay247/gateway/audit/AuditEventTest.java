package org.relay247.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

/** What an audit event may hold: short single-line text, ids without spaces. */
class AuditEventTest {
  @Test
  void validEvents() {
    AuditEvent e = AuditEvent.byNode(AuditAction.MESSAGE_RECEIVED, "case-1", "msg-1", "");
    assertThat(e.actor()).isEqualTo("node");
    assertThat(new AuditEvent("Anne Dupont (duty officer)", AuditAction.MESSAGE_OPENED, null, null, "été ✓ 😀")
        .details()).isEqualTo("été ✓ 😀");
    assertThat(new AuditEvent("a".repeat(128), AuditAction.CASE_OPENED, "c".repeat(64), null, "d".repeat(1000))
        .caseId()).hasSize(64);
  }

  @Test
  void requiredFields() {
    assertThatNullPointerException().isThrownBy(() -> new AuditEvent(null, AuditAction.CASE_OPENED, null, null, ""));
    assertThatNullPointerException().isThrownBy(() -> new AuditEvent("x", null, null, null, ""));
    assertThatNullPointerException().isThrownBy(() -> new AuditEvent("x", AuditAction.CASE_OPENED, null, null, null));
  }

  @Test
  void invalidFields_areRefusedWithTheFieldName() {
    assertThatIllegalArgumentException().isThrownBy(() -> new AuditEvent(" ", AuditAction.CASE_OPENED, null, null, ""))
        .withMessageStartingWith("actor: blank");
    assertThatIllegalArgumentException().isThrownBy(() -> new AuditEvent("", AuditAction.CASE_OPENED, null, null, ""))
        .withMessageStartingWith("actor: 0 characters");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new AuditEvent("a".repeat(129), AuditAction.CASE_OPENED, null, null, ""))
        .withMessage("actor: 129 characters (expected: 1 to 128)");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new AuditEvent("x", AuditAction.CASE_OPENED, "case 1", null, ""))
        .withMessageStartingWith("caseId: contains spaces");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new AuditEvent("x", AuditAction.CASE_OPENED, null, "", ""))
        .withMessageStartingWith("messageId: 0 characters");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new AuditEvent("x", AuditAction.CASE_OPENED, null, null, "line 1\nline 2"))
        .withMessage("details: contains a control character at index 6");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new AuditEvent("x", AuditAction.CASE_OPENED, null, null, "bad \ud800"))
        .withMessage("details: contains an unpaired surrogate at index 4");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new AuditEvent("x", AuditAction.CASE_OPENED, null, null, "d".repeat(1001)))
        .withMessage("details: 1001 characters (expected: 0 to 1000)");
  }
}

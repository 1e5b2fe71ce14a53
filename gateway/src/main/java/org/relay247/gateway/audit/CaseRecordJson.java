package org.relay247.gateway.audit;

/** Writes a {@link CaseAuditRecord} as JSON (no library: the layout is small and fixed). */
final class CaseRecordJson {
  private CaseRecordJson() {}

  static String write(CaseAuditRecord record) {
    StringBuilder j = new StringBuilder(1024 + 512 * record.entries().size());
    j.append("{\n");
    j.append("  \"format\": ").append(string(CaseAuditRecord.FORMAT)).append(",\n");
    j.append("  \"record\": ").append(string("Art. 14.8 record of access to, use and disclosure of data in one "
        + "case, from the node's hash-chained audit log")).append(",\n");
    j.append("  \"case_id\": ").append(string(record.caseId())).append(",\n");
    j.append("  \"exported_at\": ").append(string(record.exportedAt().toString())).append(",\n");
    j.append("  \"chain\": {\n");
    j.append("    \"encoding\": ").append(string(AuditEncoding.FORMAT)).append(",\n");
    j.append("    \"hash\": \"SHA-256\",\n");
    j.append("    \"genesis\": ").append(string(AuditHash.GENESIS.hex())).append(",\n");
    if (record.verifiedHead().isPresent()) {
      AuditHead head = record.verifiedHead().get();
      j.append("    \"intact\": true,\n");
      j.append("    \"entries\": ").append(head.entries()).append(",\n");
      j.append("    \"head_seq\": ").append(head.seq()).append(",\n");
      j.append("    \"head_hash\": ").append(string(head.hash().hex())).append('\n');
    } else {
      AuditChainBrokenException broken = record.chainBroken().orElseThrow();
      j.append("    \"intact\": false,\n");
      j.append("    \"broken_at\": ").append(broken.seq()).append(",\n");
      j.append("    \"reason\": ").append(string(broken.reason().name())).append(",\n");
      j.append("    \"detail\": ").append(string(broken.detail())).append('\n');
    }
    j.append("  },\n");
    j.append("  \"entries\": [");
    String separator = "\n";
    for (AuditEntry e : record.entries()) {
      j.append(separator);
      separator = ",\n";
      j.append("    {\"seq\": ").append(e.seq())
          .append(", \"at\": ").append(string(e.at().toString()))
          .append(", \"at_ms\": ").append(e.at().toEpochMilli())
          .append(", \"actor\": ").append(string(e.actor()))
          .append(", \"action\": ").append(string(e.action()))
          .append(", \"case_id\": ").append(string(e.caseId()))
          .append(", \"message_id\": ").append(string(e.messageId()))
          .append(", \"details\": ").append(string(e.details()))
          .append(", \"prev_hash\": ").append(string(e.prevHash().hex()))
          .append(", \"entry_hash\": ").append(string(e.entryHash().hex()))
          .append('}');
    }
    j.append(record.entries().isEmpty() ? "]\n" : "\n  ]\n");
    j.append("}\n");
    return j.toString();
  }

  /** A JSON string literal, or {@code null}. */
  static String string(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (ch < 0x20 || ch == 0x7f || Character.isSurrogate(ch) && !pairedAt(s, i)) {
            out.append(String.format("\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static boolean pairedAt(String s, int i) {
    char ch = s.charAt(i);
    return Character.isHighSurrogate(ch) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}

package org.relay247.gateway.cases;

import java.util.Objects;

/**
 * An intended use of a case's data, checked against binding conditions by
 * {@link CaseService#checkUse}: an export to a destination (an onward transfer, a file handed to
 * another authority), or a re-use for a purpose.
 *
 * @param kind export or re-use
 * @param destination for an export: who receives the data, e.g. {@code "IT/ca"} or an authority name
 * @param purpose for a re-use: what the data will be used for
 * @param investigationReference the investigation the use serves; a use limitation (Conv. 28.2.b)
 *     allows only the investigation the request named
 */
public record UseIntent(Kind kind, String destination, String purpose, String investigationReference) {
  /** Kinds of use. */
  public enum Kind { EXPORT, REUSE }

  public UseIntent {
    Objects.requireNonNull(kind, "kind");
    destination = destination == null ? "" : destination.strip();
    purpose = purpose == null ? "" : purpose.strip();
    investigationReference = investigationReference == null ? "" : investigationReference.strip();
    if (kind == Kind.EXPORT && destination.isEmpty()) {
      throw new IllegalArgumentException("destination: empty (expected: who receives the exported data)");
    }
    if (kind == Kind.REUSE && purpose.isEmpty()) {
      throw new IllegalArgumentException("purpose: empty (expected: what the data will be re-used for)");
    }
  }

  /** Data leaving for {@code destination}, for the investigation {@code investigationReference}. */
  public static UseIntent export(String destination, String investigationReference) {
    return new UseIntent(Kind.EXPORT, destination, "", investigationReference);
  }

  /** Data re-used for {@code purpose} in the investigation {@code investigationReference}. */
  public static UseIntent reuse(String purpose, String investigationReference) {
    return new UseIntent(Kind.REUSE, "", purpose, investigationReference);
  }
}

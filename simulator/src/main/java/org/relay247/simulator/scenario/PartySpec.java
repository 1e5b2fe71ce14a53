package org.relay247.simulator.scenario;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.relay247.protocol.v1.AuthorityRole;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.SuspensionKind;

/**
 * One Party of a scenario: what its entry in the signed directory says beyond the development
 * network's defaults (points of contact {@code poc} and {@code ca}, English, Protocol in force).
 *
 * @param inForceFrom Protocol in force from (empty: the default); ignored for signatories
 * @param signatoryOnly signed the Protocol, not in force: requests to it are refused
 * @param joinsLater not in the first directory: a {@code directory-update} step adds it
 */
public record PartySpec(String code, Optional<String> name, List<String> languages, Optional<Instant> inForceFrom,
    boolean signatoryOnly, List<DeclarationKind> declarations, List<AuthoritySpec> authorities,
    List<SuspensionSpec> suspensions, boolean personalNotificationRequired, boolean joinsLater) {

  public PartySpec {
    languages = List.copyOf(languages);
    declarations = List.copyOf(declarations);
    authorities = List.copyOf(authorities);
    suspensions = List.copyOf(suspensions);
  }

  /** A Party with the network's defaults. */
  public static PartySpec defaults(String code) {
    return new PartySpec(code, Optional.empty(), List.of(), Optional.empty(), false, List.of(), List.of(), List.of(),
        false, false);
  }

  /** A designated or competent authority beyond {@code poc} and {@code ca}. */
  public record AuthoritySpec(String id, String name, List<AuthorityRole> roles, boolean reachable247) {}

  /** This Party suspends transfers to {@code against} (Art. 14.15), for some forms of cooperation or all. */
  public record SuspensionSpec(String against, SuspensionKind kind, List<CooperationType> scope) {}
}

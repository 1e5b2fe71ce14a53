package org.relay247.simulator.scenario;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.relay247.protocol.v1.AuthorityRole;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.SuspensionKind;

/**
 * One Party of a scenario: what its entry in the signed directory says beyond the development
 * network's defaults (points of contact {@code poc} and {@code ca}, English, Protocol in force).
 *
 * @param inForceFrom Protocol in force from (empty: the default); ignored for signatories
 * @param signatoryOnly signed the Protocol, not in force: requests to it are refused
 * @param declarations declarations, reservations and notifications as the directory lists them, parameters included
 * @param constituents constituent States of a federal Party (Art. 17)
 * @param treaties MLA treaties with other Parties (one per pair, stated by either Party)
 * @param channelAgreements Art. 10.6 standing agreements with other Parties on alternative channels for results
 * @param joinsLater not in the first directory: a {@code directory-update} step adds it
 */
public record PartySpec(String code, Optional<String> name, List<String> languages, Optional<Instant> inForceFrom,
    boolean signatoryOnly, List<Declaration> declarations, List<AuthoritySpec> authorities,
    List<SuspensionSpec> suspensions, boolean personalNotificationRequired, List<ConstituentSpec> constituents,
    List<TreatySpec> treaties, List<ChannelSpec> channelAgreements, boolean joinsLater) {

  public PartySpec {
    languages = List.copyOf(languages);
    declarations = List.copyOf(declarations);
    authorities = List.copyOf(authorities);
    suspensions = List.copyOf(suspensions);
    constituents = List.copyOf(constituents);
    treaties = List.copyOf(treaties);
    channelAgreements = List.copyOf(channelAgreements);
  }

  /** A Party with the network's defaults. */
  public static PartySpec defaults(String code) {
    return new PartySpec(code, Optional.empty(), List.of(), Optional.empty(), false, List.of(), List.of(), List.of(),
        false, List.of(), List.of(), List.of(), false);
  }

  /**
   * A designated or competent authority beyond {@code poc} and {@code ca}.
   *
   * @param constituent the constituent State it acts for (ISO 3166-2), empty for the central government
   */
  public record AuthoritySpec(String id, String name, List<AuthorityRole> roles, boolean reachable247,
      Optional<String> constituent) {}

  /** This Party suspends transfers to {@code against} (Art. 14.15), for some forms of cooperation or all. */
  public record SuspensionSpec(String against, SuspensionKind kind, List<CooperationType> scope) {}

  /** A constituent State or similar entity of a federal Party: ISO 3166-2 code ({@code US-CA}) and name. */
  public record ConstituentSpec(String code, String name) {}

  /**
   * An MLA treaty binding this Party and {@code with} (Art. 10.8 instead of 10.7).
   *
   * @param centralAuthorities addresses ({@code US/oia}) of the central authorities under the treaty; empty: the Parties' own
   */
  public record TreatySpec(String with, String name, List<String> centralAuthorities, List<String> languages) {}

  /** Art. 10.6: a standing agreement with {@code with} to send results to {@code recipient} (an address). */
  public record ChannelSpec(String with, String reference, String recipient, String description) {}
}

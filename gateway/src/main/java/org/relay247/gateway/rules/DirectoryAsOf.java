package org.relay247.gateway.rules;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.relay247.protocol.Address;
import org.relay247.protocol.v1.Authority;
import org.relay247.protocol.v1.AuthorityRole;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.LanguageAcceptance;
import org.relay247.protocol.v1.Party;
import org.relay247.protocol.v1.PartyPair;
import org.relay247.protocol.v1.PairSuspension;

/**
 * The network directory as of one instant: only entries whose period [effective_from,
 * effective_to) contains it. A missing effective_from means "since always", a missing
 * effective_to "still in effect". Party codes are ISO 3166-1 alpha-2 strings ("DE").
 */
public final class DirectoryAsOf {
  private final Directory directory;
  private final Instant at;
  private final List<KnownSuspension> recorded;

  public DirectoryAsOf(Directory directory, Instant at) {
    this(directory, at, List.of());
  }

  /** As above, with the suspensions the node recorded from notices, seen like the directory's own. */
  public DirectoryAsOf(Directory directory, Instant at, List<KnownSuspension> recorded) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.at = Objects.requireNonNull(at, "at");
    this.recorded = List.copyOf(recorded);
  }

  public Directory directory() {
    return directory;
  }

  public Instant at() {
    return at;
  }

  public long version() {
    return directory.getVersion();
  }

  public Optional<Party> party(String code) {
    return directory.getPartiesList().stream().filter(p -> p.getCode().equals(code)).findFirst();
  }

  /** Declarations of this kind the Party has in effect, in directory order. */
  public List<Declaration> declarations(String party, DeclarationKind kind) {
    return party(party).map(p -> p.getDeclarationsList().stream()
        .filter(d -> d.getKind() == kind)
        .filter(d -> inEffect(d.hasEffectiveFrom(), d.getEffectiveFrom(), d.hasEffectiveTo(), d.getEffectiveTo()))
        .toList()).orElse(List.of());
  }

  /** The first declaration of this kind the Party has in effect. */
  public Optional<Declaration> declaration(String party, DeclarationKind kind) {
    return declarations(party, kind).stream().findFirst();
  }

  public boolean hasDeclaration(String party, DeclarationKind kind) {
    return declaration(party, kind).isPresent();
  }

  /** The Party's authorities in effect. */
  public List<Authority> authorities(String party) {
    return party(party).map(p -> p.getAuthoritiesList().stream()
        .filter(a -> inEffect(a.hasEffectiveFrom(), a.getEffectiveFrom(), a.hasEffectiveTo(), a.getEffectiveTo()))
        .toList()).orElse(List.of());
  }

  /** The authority at this address, if in effect. */
  public Optional<Authority> authority(Address address) {
    return authorities(address.party().code()).stream().filter(a -> a.getId().equals(address.authority()))
        .findFirst();
  }

  public boolean hasRole(Address address, AuthorityRole role) {
    return authority(address).map(a -> a.getRolesList().contains(role)).orElse(false);
  }

  /** The Party's authorities in effect with this role. */
  public List<Authority> authorities(String party, AuthorityRole role) {
    return authorities(party).stream().filter(a -> a.getRolesList().contains(role)).toList();
  }

  /**
   * The central authorities of {@code party} for its relations with {@code other}: those the
   * pair's MLA treaty names (Art. 3.2.a; ER §38), else the Party's authorities with the central
   * authority role.
   */
  public List<Address> centralAuthorities(String party, String other) {
    List<Address> out = new ArrayList<>();
    pair(party, other).filter(PartyPair::hasTreaty).ifPresent(pair -> {
      for (String text : pair.getTreaty().getCentralAuthoritiesList()) {
        parse(text).filter(a -> a.party().code().equals(party)).ifPresent(out::add);
      }
    });
    if (out.isEmpty()) {
      for (Authority a : authorities(party, AuthorityRole.AUTHORITY_ROLE_CENTRAL_AUTHORITY)) {
        out.add(new Address(org.relay247.pki.PartyCode.of(party), a.getId()));
      }
    }
    return out;
  }

  /** Whether {@code address} is a central authority of its Party towards {@code other}. */
  public boolean isCentralAuthority(Address address, String other) {
    return centralAuthorities(address.party().code(), other).contains(address)
        || hasRole(address, AuthorityRole.AUTHORITY_ROLE_CENTRAL_AUTHORITY);
  }

  /** The entry for the unordered pair, if any. */
  public Optional<PartyPair> pair(String a, String b) {
    return directory.getPairsList().stream()
        .filter(p -> p.getPartyA().equals(a) && p.getPartyB().equals(b)
            || p.getPartyA().equals(b) && p.getPartyB().equals(a))
        .findFirst();
  }

  /** Suspensions of the pair in effect by which {@code suspending} suspends transfers to the other. */
  public List<PairSuspension> suspensionsBy(String suspending, String other) {
    List<PairSuspension> out = new java.util.ArrayList<>(pair(suspending, other).map(p -> p.getSuspensionsList()
        .stream().filter(s -> s.getSuspendingParty().equals(suspending)).toList()).orElse(List.of()));
    java.util.Set<String> notices = new java.util.HashSet<>();
    out.stream().map(PairSuspension::getNoticeMessageId).filter(n -> !n.isEmpty()).forEach(notices::add);
    for (KnownSuspension k : recorded) {
      // A suspension both recorded and in the directory counts once (the directory's entry).
      if (k.suspendingParty().equals(suspending) && k.otherParty().equals(other)
          && (k.entry().getNoticeMessageId().isEmpty() || !notices.contains(k.entry().getNoticeMessageId()))) {
        out.add(k.entry());
      }
    }
    return out.stream()
        .filter(s -> inEffect(s.hasEffectiveFrom(), s.getEffectiveFrom(), s.hasEffectiveTo(), s.getEffectiveTo()))
        .toList();
  }

  /** Every suspension in effect, the directory's and the recorded ones (once each), pair by pair. */
  public List<KnownSuspension> suspensionsInEffect() {
    java.util.Set<String> pairs = new java.util.LinkedHashSet<>();
    for (PartyPair p : directory.getPairsList()) {
      pairs.add(p.getPartyA() + "/" + p.getPartyB());
      pairs.add(p.getPartyB() + "/" + p.getPartyA());
    }
    for (KnownSuspension k : recorded) {
      pairs.add(k.suspendingParty() + "/" + k.otherParty());
    }
    List<KnownSuspension> out = new ArrayList<>();
    for (String pair : pairs) {
      String[] ab = pair.split("/");
      suspensionsBy(ab[0], ab[1]).forEach(s -> out.add(new KnownSuspension(ab[1], s)));
    }
    return out;
  }

  /** Languages the Party accepts for this form of cooperation (L-4), lower case; empty if none listed. */
  public List<String> languages(String party, CooperationType type) {
    return party(party).map(p -> p.getLanguagesList().stream()
        .filter(l -> l.getCooperationType() == type)
        .filter(l -> inEffect(l.hasEffectiveFrom(), l.getEffectiveFrom(), l.hasEffectiveTo(), l.getEffectiveTo()))
        .flatMap(l -> l.getLanguagesList().stream())
        .map(s -> s.toLowerCase(Locale.ROOT))
        .distinct()
        .toList()).orElse(List.of());
  }

  /** Whether any LanguageAcceptance of the Party names this form of cooperation. */
  public boolean listsLanguages(String party, CooperationType type) {
    return party(party).map(p -> p.getLanguagesList().stream()
        .filter(l -> inEffect(l.hasEffectiveFrom(), l.getEffectiveFrom(), l.hasEffectiveTo(), l.getEffectiveTo()))
        .map(LanguageAcceptance::getCooperationType).anyMatch(type::equals)).orElse(false);
  }

  /** Whether [from, to) contains the instant of this view (absent ends are open). */
  public boolean inEffect(boolean hasFrom, Timestamp from, boolean hasTo, Timestamp to) {
    return (!hasFrom || !at.isBefore(instant(from))) && (!hasTo || at.isBefore(instant(to)));
  }

  static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  static Optional<Address> parse(String text) {
    try {
      return Optional.of(Address.parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}

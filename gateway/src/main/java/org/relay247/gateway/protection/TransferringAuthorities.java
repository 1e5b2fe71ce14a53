package org.relay247.gateway.protection;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.relay247.gateway.rules.DirectoryAsOf;
import org.relay247.gateway.rules.MessageKinds;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.Address;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.Directory;

/**
 * Who transferred a case's data, and which authority of that Party answers for it: the sender of
 * the data, or, for data obtained under Section 2 of the Protocol (Art. 6 or 7), the authority
 * the Party designated in the directory (N-14.7.c for incidents, N-14.10.b for onward transfers).
 */
final class TransferringAuthorities {
  /** One Party whose personal data this node received in a case. */
  record Source(PartyCode party, Address sender, List<CaseMessage> data) {}

  private final Supplier<Directory> directory;

  TransferringAuthorities(Supplier<Directory> directory) {
    this.directory = directory;
  }

  /** The Parties whose personal data the case holds (received, not purged), in order of first receipt. */
  static List<Source> sources(List<CaseMessage> messages) {
    Map<PartyCode, List<CaseMessage>> byParty = new LinkedHashMap<>();
    for (CaseMessage m : messages) {
      if (m.received() && m.inner().filter(MessageKinds::carriesPersonalData).isPresent()) {
        byParty.computeIfAbsent(m.counterpart().party(), p -> new java.util.ArrayList<>()).add(m);
      }
    }
    return byParty.entrySet().stream()
        .map(e -> new Source(e.getKey(), e.getValue().get(0).counterpart(), List.copyOf(e.getValue()))).toList();
  }

  /** How the case's data were obtained: the first form of cooperation its messages show. */
  static CooperationType origin(List<CaseMessage> messages) {
    CooperationType found = CooperationType.COOPERATION_TYPE_UNSPECIFIED;
    for (CaseMessage m : messages) {
      Optional<CooperationType> type = m.inner().flatMap(MessageKinds::cooperationType);
      if (type.isPresent() && section2(type.get())) {
        return type.get();
      }
      if (type.isPresent() && found == CooperationType.COOPERATION_TYPE_UNSPECIFIED) {
        found = type.get();
      }
    }
    return found;
  }

  static boolean section2(CooperationType t) {
    return t == CooperationType.COOPERATION_TYPE_ART6 || t == CooperationType.COOPERATION_TYPE_ART7;
  }

  /**
   * The authority to address about {@code source}'s data: for Section 2 data the authority
   * {@code designation} names in the directory, if any; else the sender of the data.
   */
  Address authority(Source source, CooperationType origin, DeclarationKind designation, Instant at) {
    if (section2(origin)) {
      Optional<String> designated = new DirectoryAsOf(directory.get(), at)
          .declaration(source.party().code(), designation)
          .map(Declaration::getAuthorityDesignation).map(d -> d.getAuthorityId()).filter(id -> !id.isBlank());
      if (designated.isPresent()) {
        return new Address(source.party(), designated.get());
      }
    }
    return source.sender();
  }
}

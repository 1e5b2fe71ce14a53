package org.relay247.gateway.e2e.scenarios;

import com.google.protobuf.util.Timestamps;
import java.util.function.Consumer;
import org.relay247.protocol.v1.Authority;
import org.relay247.protocol.v1.AuthorityRole;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.Party;
import org.relay247.protocol.v1.PartyPair;

/** Edits of the signed network directory a scenario runs under: declarations, authorities, pairs. */
final class DirectoryEdits {
  private DirectoryEdits() {}

  /** No edit: the development network's default directory. */
  static Consumer<Directory.Builder> none() {
    return d -> { };
  }

  /** {@code party} made {@code declaration}, in effect since 1970. */
  static Consumer<Directory.Builder> declaration(String party, Declaration.Builder declaration) {
    return d -> party(d, party).addDeclarations(declaration.setEffectiveFrom(Timestamps.fromMillis(0)));
  }

  /** {@code party} has one more authority {@code id} on its node, reachable 24/7. */
  static Consumer<Directory.Builder> authority(String party, String id, String name, AuthorityRole... roles) {
    return d -> {
      Party.Builder p = party(d, party);
      Authority.Builder a = Authority.newBuilder().setId(id).setName(name).setReachable247(true)
          .setNodeId(p.getNodes(0).getId());
      for (AuthorityRole r : roles) {
        a.addRoles(r);
      }
      p.addAuthorities(a);
    };
  }

  /** Edits the pair entry of {@code a} and {@code b}. */
  static Consumer<Directory.Builder> pair(String a, String b, Consumer<PartyPair.Builder> edit) {
    return d -> {
      for (PartyPair.Builder p : d.getPairsBuilderList()) {
        if ((p.getPartyA().equals(a) && p.getPartyB().equals(b)) || (p.getPartyA().equals(b) && p.getPartyB().equals(a))) {
          edit.accept(p);
          return;
        }
      }
      throw new IllegalArgumentException("pair " + a + "-" + b + ": not in the directory");
    };
  }

  /** Edits the entry of {@code party} itself. */
  static Consumer<Directory.Builder> partyEntry(String party, Consumer<Party.Builder> edit) {
    return d -> edit.accept(party(d, party));
  }

  private static Party.Builder party(Directory.Builder d, String code) {
    for (Party.Builder p : d.getPartiesBuilderList()) {
      if (p.getCode().equals(code)) {
        return p;
      }
    }
    throw new IllegalArgumentException("party " + code + ": not in the directory");
  }
}

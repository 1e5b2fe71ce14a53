package org.relay247.protocol.cli;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.relay247.pki.NetworkPki;
import org.relay247.protocol.seal.DirectoryVerificationException;
import org.relay247.protocol.seal.DirectoryVerifier;
import org.relay247.protocol.v1.Authority;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.LanguageAcceptance;
import org.relay247.protocol.v1.PairSuspension;
import org.relay247.protocol.v1.Party;
import org.relay247.protocol.v1.PartyPair;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code relay247 directory show [FILE]}: verifies a signed network directory against the
 * network's root (signer, signature) and prints it for people: Parties with their treaty dates,
 * authorities, languages, declarations and designations, each with its validity dates, then the
 * pairs with their suspensions.
 */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Verify a signed network directory and print it readably: Parties, treaty dates, authorities, "
        + "accepted languages, declarations, reservations and designations, pairs and suspensions, each with the "
        + "dates it is valid [from, to). Exit 1 with one sentence when the signature or signer does not verify."},
    footer = {"", "Example:", "  relay247 directory show --network net net/directory.bin"})
final class ShowDirectoryCommand implements Callable<Integer> {
  @ParentCommand DirectoryCommand parent;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
      description = "The signed directory (default: directory.bin in the network directory).")
  Path file;

  @Option(names = "--network", paramLabel = "DIR", defaultValue = ".",
      description = "The network directory whose root the directory signer must chain to (default: the current"
          + " directory).")
  Path network;

  @Override
  public Integer call() throws Exception {
    if (!Files.exists(network.resolve("root/ca.pem"))) {
      throw new IllegalArgumentException(network.toAbsolutePath().normalize()
          + " is not a network directory (no root/ca.pem): pass --network DIR");
    }
    Path source = file == null ? network.resolve("directory.bin") : file;
    NetworkPki pki = NetworkPki.open(network, parent.clock());
    Directory d;
    try {
      d = new DirectoryVerifier(pki.validator()).verify(Files.readAllBytes(source), 0);
    } catch (DirectoryVerificationException e) {
      spec.commandLine().getErr().println(source + ": not a valid signed directory: " + e.getMessage());
      return 1;
    }
    print(spec.commandLine().getOut(), d);
    return 0;
  }

  static void print(PrintWriter out, Directory d) {
    out.printf("Directory version %d, issued %s by %s (signature verified)%n", d.getVersion(),
        date(d.getIssuedAt()), d.getIssuer());
    for (Party p : d.getPartiesList()) {
      out.printf("%nParty %s, %s%n", p.getCode(), p.getName());
      var s = p.getStatus();
      out.printf("  Protocol: %s%s%n", s.hasProtocolInForceFrom() ? "in force from " + date(s.getProtocolInForceFrom())
          : "not in force", s.hasProtocolDenouncedFrom() ? ", denounced from " + date(s.getProtocolDenouncedFrom()) : "");
      out.println("  Authorities:");
      for (Authority a : p.getAuthoritiesList()) {
        out.printf("    %s/%s  %s  [%s]%s%s%n", p.getCode(), a.getId(), a.getName(),
            a.getRolesList().stream().map(r -> token(r.name(), "AUTHORITY_ROLE_")).collect(Collectors.joining(", ")),
            a.getReachable247() ? "  reachable 24/7" : "",
            period(a.hasEffectiveFrom(), a.getEffectiveFrom(), a.hasEffectiveTo(), a.getEffectiveTo()));
      }
      out.println("  Languages:");
      for (LanguageAcceptance l : p.getLanguagesList()) {
        out.printf("    %-13s %s%s%n", token(l.getCooperationType().name(), "COOPERATION_TYPE_"),
            String.join(", ", l.getLanguagesList()),
            period(l.hasEffectiveFrom(), l.getEffectiveFrom(), l.hasEffectiveTo(), l.getEffectiveTo()));
      }
      out.println("  Declarations, reservations, notifications:");
      if (p.getDeclarationsCount() == 0) {
        out.println("    none");
      }
      for (Declaration x : p.getDeclarationsList()) {
        out.printf("    %-8s%s%s%s%n", kind(x),
            detail(x), period(x.hasEffectiveFrom(), x.getEffectiveFrom(), x.hasEffectiveTo(), x.getEffectiveTo()),
            x.getSource().isEmpty() ? "" : "  (" + x.getSource() + ")");
      }
    }
    if (d.getPairsCount() > 0) {
      out.printf("%nPairs:%n");
    }
    for (PartyPair pair : d.getPairsList()) {
      out.printf("  %s-%s  Protocol %s%s; data protection %s%n", pair.getPartyA(), pair.getPartyB(),
          pair.hasProtocolInForceFrom() ? "in force from " + date(pair.getProtocolInForceFrom()) : "not in force",
          pair.hasProtocolInForceTo() ? " to " + date(pair.getProtocolInForceTo()) : "",
          token(pair.getDataProtectionRegime().name(), "DATA_PROTECTION_REGIME_"));
      for (PairSuspension s : pair.getSuspensionsList()) {
        String to = s.getSuspendingParty().equals(pair.getPartyA()) ? pair.getPartyB() : pair.getPartyA();
        out.printf("    suspension (Art. 14.15): %s suspends %s transfers of personal data to %s%s%s%n",
            s.getSuspendingParty(), token(s.getKind().name(), "SUSPENSION_KIND_").toLowerCase(Locale.ROOT), to,
            s.getScopeCount() == 0 ? "" : " under " + s.getScopeList().stream()
                .map(t -> token(t.name(), "COOPERATION_TYPE_")).collect(Collectors.joining(", ")),
            period(s.hasEffectiveFrom(), s.getEffectiveFrom(), s.hasEffectiveTo(), s.getEffectiveTo()));
      }
    }
  }

  /** DECLARATION_KIND_D_10_9 as the requirements name it: D-10.9. */
  private static String kind(Declaration x) {
    String t = token(x.getKind().name(), "DECLARATION_KIND_");
    int i = t.indexOf('_');
    return i < 0 ? t : t.substring(0, i) + "-" + t.substring(i + 1).replace('_', '.');
  }

  private static String detail(Declaration x) {
    return switch (x.getParametersCase()) {
      case AUTHORITY_DESIGNATION -> "  designates " + x.getAuthorityDesignation().getAuthorityId();
      case ART10_CHANNELS -> "  routes " + x.getArt10Channels().getRoutesList().stream()
          .map(r -> token(r.name(), "ART10_ROUTE_")).collect(Collectors.joining(", "));
      case PARAMETERS_NOT_SET -> "";
      default -> "  " + x.getParametersCase().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    };
  }

  private static String period(boolean hasFrom, Timestamp from, boolean hasTo, Timestamp to) {
    if (!hasFrom && !hasTo) {
      return "";
    }
    return "  valid [" + (hasFrom ? date(from) : "always") + ", " + (hasTo ? date(to) : "open") + ")";
  }

  private static String token(String name, String prefix) {
    return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
  }

  private static String date(Timestamp t) {
    return Timestamps.toString(t);
  }
}

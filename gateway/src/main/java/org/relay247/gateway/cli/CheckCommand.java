package org.relay247.gateway.cli;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.relay247.gateway.rules.DirectoryAsOf;
import org.relay247.gateway.rules.Finding;
import org.relay247.gateway.rules.RuleContext;
import org.relay247.gateway.rules.Severity;
import org.relay247.gateway.rules.Text;
import org.relay247.gateway.rules.TreatyRules;
import org.relay247.pki.NetworkPki;
import org.relay247.protocol.Address;
import org.relay247.protocol.seal.DirectoryVerificationException;
import org.relay247.protocol.seal.DirectoryVerifier;
import org.relay247.protocol.v1.Authority;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code relay247 check}: runs the treaty rules ({@link TreatyRules}) on a message without
 * sending it, against the network's signed directory, and prints the findings. Exit 0 when nothing
 * blocks, 1 when something does (or the input is invalid), 2 on a usage error.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Check a message against the treaty rules without sending it: the Parties' declarations and "
        + "reservations, languages (Art. 4), whether the Protocol is in force (Art. 16, 24), suspensions "
        + "(Art. 14.15), central-authority reachability (Art. 10.5), the federal clause (Art. 17) and the required "
        + "fields of Art. 6.3, 7.3-7.4, 8.3, 9.3 and 10.1 (docs/treaty-rules.md lists every rule).",
        "Prints one block per finding: BLOCK or WARN, code, article, what is wrong and what to do instead. "
            + "Findings advise; decisions stay with people (Art. 14.6).",
        "Exit 0 when nothing blocks, 1 when something blocks or the input is invalid, 2 on a usage error."},
    footer = {"", "Example:",
        "  relay247 check --network net --from FR/poc --to DE/poc --type art9 \\",
        "      --body docs/examples/art9-request.json --at 2025-11-21T02:14:00Z"})
final class CheckCommand implements Callable<Integer> {
  private final Clock clock;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--network", required = true, paramLabel = "DIR",
      description = "The network directory (as written by 'relay247 pki init-network'): its root validates the "
          + "directory signature.")
  Path network;

  @Option(names = "--directory", paramLabel = "FILE",
      description = "The signed network directory to judge against (default: DIR/directory.bin).")
  Path directory;

  @Option(names = "--from", paramLabel = "XX/authority", converter = AddressConverter.class,
      description = "Sender, e.g. FR/poc (default: routing.sender of a whole InnerMessage JSON).")
  Address from;

  @Option(names = "--to", paramLabel = "XX/authority", converter = AddressConverter.class,
      description = "Recipient, e.g. DE/poc (default: routing.recipient of a whole InnerMessage JSON).")
  Address to;

  @Option(names = "--type", required = true, paramLabel = "TYPE", converter = TypeConverter.class,
      description = "What the body is: art9, art10, art8, art7 (the Art. 7.5 simultaneous notification), art6, "
          + "preservation, consultation, additional-info, determination, ping, or any InnerMessage body field "
          + "(e.g. art9-confirmation). The JSON must match.")
  FieldDescriptor type;

  @Option(names = "--body", required = true, paramLabel = "FILE.json",
      description = "The message or only its body, protobuf JSON (as in docs/examples/).")
  Path body;

  @Option(names = "--priority", paramLabel = "emergency|urgent|routine", converter = DraftBody.PriorityConverter.class,
      description = "Priority (default: routing.priority of the JSON; else what 'relay247 send' would use: "
          + "emergency for Art. 9 and Art. 10 requests, routine for the rest).")
  Priority priority;

  @Option(names = "--at", paramLabel = "INSTANT", converter = InstantConverter.class,
      description = "Judge as of this date, e.g. 2025-11-21T02:14:00Z or 2025-11-21 (default: now). Declarations "
          + "and pair data apply on their effective dates.")
  Instant at;

  @Option(names = "--lang", paramLabel = "en|fr|both", defaultValue = "en", converter = LanguageConverter.class,
      description = "Language of the findings: en, fr or both (default: en).")
  String lang;

  CheckCommand(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Integer call() throws Exception {
    InnerMessage read = DraftBody.read(body, type);
    Address sender = from != null ? from : routingAddress("--from", "routing.sender", read.getRouting().getSender());
    Address recipient = to != null ? to : routingAddress("--to", "routing.recipient", read.getRouting().getRecipient());
    Routing.Builder routing = read.getRouting().toBuilder().setSender(sender.toString())
        .setRecipient(recipient.toString());
    if (priority != null) {
      routing.setPriority(priority);
    } else if (routing.getPriority() == Priority.PRIORITY_UNSPECIFIED) {
      routing.setPriority(DraftBody.defaultPriority(type));
    }
    InnerMessage message = read.toBuilder().setRouting(routing).build();

    Directory verified = verifiedDirectory();
    Instant when = at != null ? at : clock.instant();
    DirectoryAsOf view = new DirectoryAsOf(verified, when);
    requireKnown("--from", sender, view);
    requireKnown("--to", recipient, view);
    if (sender.party().equals(recipient.party())) {
      throw new IllegalArgumentException("--to: " + recipient + " is an authority of " + sender.party()
          + ", the sending Party (expected: an authority of another Party)");
    }

    List<Finding> findings = TreatyRules.standard().evaluate(new RuleContext(message, sender, recipient, view, when));
    print(findings, message, sender, recipient, verified.getVersion(), when);
    return TreatyRules.blocks(findings) ? 1 : 0;
  }

  private Directory verifiedDirectory() throws Exception {
    Path file = directory != null ? directory : network.resolve("directory.bin");
    NetworkPki pki = NetworkPki.open(network, clock);
    byte[] signed = Files.readAllBytes(file);
    try {
      return new DirectoryVerifier(pki.validator()).verify(signed, 0);
    } catch (DirectoryVerificationException e) {
      throw new IllegalArgumentException(file + ": not a valid signed directory of this network: " + e.getMessage(), e);
    }
  }

  private Address routingAddress(String option, String field, String value) {
    if (value.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Missing " + option
          + " (the body has no " + field + " to default to)");
    }
    try {
      return Address.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(body + ": " + field + ": \"" + value
          + "\" (expected: PARTY/authority, e.g. DE/poc)", e);
    }
  }

  private static void requireKnown(String option, Address address, DirectoryAsOf view) {
    String party = address.party().code();
    if (view.party(party).isEmpty()) {
      throw new IllegalArgumentException(option + ": Party " + party + " is not in the network directory (version "
          + view.version() + ")");
    }
    if (view.authority(address).isEmpty()) {
      List<String> ids = view.authorities(party).stream().map(Authority::getId).toList();
      throw new IllegalArgumentException(option + ": Party " + party + " lists no authority \"" + address.authority()
          + "\" in the directory (version " + view.version() + ") as of " + view.at() + "; it lists: "
          + String.join(", ", ids));
    }
  }

  private void print(List<Finding> findings, InnerMessage message, Address sender, Address recipient, long version,
      Instant when) {
    PrintWriter out = spec.commandLine().getOut();
    boolean en = !lang.equals("fr");
    boolean fr = !lang.equals("en");
    for (Finding f : findings) {
      out.printf("%-5s  %s  Art. %s%n", f.severity(), f.code(), f.article());
      if (en) {
        out.println("  " + f.explanation().en());
        out.println("  Instead: " + f.advice().en());
      }
      if (fr) {
        out.println("  " + f.explanation().fr());
        out.println("  À la place : " + f.advice().fr());
      }
      out.println();
    }
    long blocks = findings.stream().filter(Finding::blocks).count();
    long warnings = findings.stream().filter(f -> f.severity() == Severity.WARN).count();
    String body = InnerMessage.getDescriptor().findFieldByNumber(message.getBodyCase().getNumber()).getName();
    Text context = Text.of(body + " from " + sender + " to " + recipient + ", directory version " + version + ", as of "
            + when,
        body + " de " + sender + " à " + recipient + ", annuaire version " + version + ", à la date du " + when);
    Text verdict;
    if (findings.isEmpty()) {
      verdict = Text.of("No findings: nothing blocks this message (not sent).",
          "Aucun constat : rien ne bloque ce message (non envoyé).");
    } else {
      verdict = Text.of(blocks + " blocking, " + warnings + (warnings == 1 ? " warning: " : " warnings: ")
              + (blocks > 0 ? "the message would be refused as it stands (not sent)."
              : "nothing blocks this message (not sent)."),
          blocks + " bloquant" + (blocks > 1 ? "s" : "") + ", " + warnings + " avertissement" + (warnings > 1 ? "s" : "")
              + " : " + (blocks > 0 ? "le message serait refusé en l'état (non envoyé)."
              : "rien ne bloque ce message (non envoyé)."));
    }
    String language = fr && !en ? "fr" : "en";
    out.println(context.in(language) + ": " + verdict.in(language));
  }

  /** {@code XX/authority}: a usage error (exit 2) when malformed. */
  static final class AddressConverter implements CommandLine.ITypeConverter<Address> {
    @Override
    public Address convert(String value) {
      try {
        return Address.parse(value.trim());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("\"" + value
            + "\" (expected: PARTY/authority, e.g. DE/poc, with an ISO 3166 code and a lower-case authority)");
      }
    }
  }

  /** {@code --type}: {@code art7} for the Art. 7.5 simultaneous notification, else as 'relay247 send'. */
  static final class TypeConverter implements CommandLine.ITypeConverter<FieldDescriptor> {
    @Override
    public FieldDescriptor convert(String value) {
      String name = value.trim().toLowerCase(Locale.ROOT);
      if (name.equals("art7")) {
        return InnerMessage.getDescriptor().findFieldByName("simultaneous_notification");
      }
      try {
        return new DraftBody.TypeConverter().convert(value);
      } catch (CommandLine.TypeConversionException e) {
        throw new CommandLine.TypeConversionException(e.getMessage().replace("(expected: ", "(expected: art7, "));
      }
    }
  }

  /** An instant (2025-11-21T02:14:00Z) or a date (2025-11-21, midnight UTC). */
  static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      String v = value.trim();
      try {
        return v.contains("T") ? Instant.parse(v) : LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("\"" + value
            + "\" (expected: an instant such as 2025-11-21T02:14:00Z or a date such as 2025-11-21)");
      }
    }
  }

  /** en, fr or both. */
  static final class LanguageConverter implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      if (!List.of("en", "fr", "both").contains(v)) {
        throw new CommandLine.TypeConversionException("\"" + value + "\" (expected: en, fr or both)");
      }
      return v;
    }
  }
}

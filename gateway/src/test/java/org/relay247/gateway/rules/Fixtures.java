package org.relay247.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.relay247.protocol.Address;
import org.relay247.protocol.directory.DirectoryYaml;
import org.relay247.protocol.v1.Art10Request;
import org.relay247.protocol.v1.Art6Consultation;
import org.relay247.protocol.v1.Art8Order;
import org.relay247.protocol.v1.Art9Request;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Party;
import org.relay247.protocol.v1.PartyPair;
import org.relay247.protocol.v1.SimultaneousNotification;

/**
 * The examples of docs/examples (directory.yaml, where FR, DE and US use every declaration, and
 * the inner messages), ways to vary them, and assertions on one rule's findings.
 */
final class Fixtures {
  /** docs/examples, from the gateway module directory where Maven runs the tests. */
  static final Path EXAMPLES = Path.of("..", "docs", "examples");

  /** A date at which every Party, pair and current declaration of directory.yaml is in effect. */
  static final Instant AT = Instant.parse("2025-11-21T03:00:00Z");

  private static Directory directory;

  private Fixtures() {}

  static synchronized Directory directory() {
    if (directory == null) {
      try {
        directory = DirectoryYaml.read(EXAMPLES.resolve("directory.yaml"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return directory;
  }

  static InnerMessage example(String file) {
    try {
      InnerMessage.Builder b = InnerMessage.newBuilder();
      JsonFormat.parser().merge(Files.readString(EXAMPLES.resolve(file), StandardCharsets.UTF_8), b);
      return b.build();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(file + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InnerMessage message(String file, Consumer<InnerMessage.Builder> edit) {
    InnerMessage.Builder b = example(file).toBuilder();
    edit.accept(b);
    return b.build();
  }

  static InnerMessage art9(Consumer<Art9Request.Builder> edit) {
    return message("art9-request.json", m -> edit.accept(m.getArt9RequestBuilder()));
  }

  static InnerMessage art10(Consumer<Art10Request.Builder> edit) {
    return message("art10-request.json", m -> edit.accept(m.getArt10RequestBuilder()));
  }

  static InnerMessage art8(Consumer<Art8Order.Builder> edit) {
    return message("art8-order.json", m -> edit.accept(m.getArt8OrderBuilder()));
  }

  static InnerMessage art7(Consumer<SimultaneousNotification.Builder> edit) {
    return message("simultaneous-notification.json", m -> edit.accept(m.getSimultaneousNotificationBuilder()));
  }

  static InnerMessage art6(Consumer<Art6Consultation.Builder> edit) {
    return message("art6-consultation.json", m -> edit.accept(m.getArt6ConsultationBuilder()));
  }

  /** The example directory with one Party changed. */
  static Directory withParty(String code, Consumer<Party.Builder> edit) {
    return withParty(directory(), code, edit);
  }

  static Directory withParty(Directory base, String code, Consumer<Party.Builder> edit) {
    Directory.Builder d = base.toBuilder();
    for (Party.Builder p : d.getPartiesBuilderList()) {
      if (p.getCode().equals(code)) {
        edit.accept(p);
        return d.build();
      }
    }
    throw new IllegalArgumentException("no Party " + code + " in the example directory");
  }

  /** The example directory with one pair changed. */
  static Directory withPair(String a, String b, Consumer<PartyPair.Builder> edit) {
    Directory.Builder d = directory().toBuilder();
    for (PartyPair.Builder p : d.getPairsBuilderList()) {
      if (p.getPartyA().equals(a) && p.getPartyB().equals(b) || p.getPartyA().equals(b) && p.getPartyB().equals(a)) {
        edit.accept(p);
        return d.build();
      }
    }
    throw new IllegalArgumentException("no pair " + a + "-" + b + " in the example directory");
  }

  /** The example directory without any declaration of this kind for the Party. */
  static Directory without(String party, DeclarationKind kind) {
    return withParty(party, p -> {
      List<Declaration> keep = p.getDeclarationsList().stream().filter(x -> x.getKind() != kind).toList();
      p.clearDeclarations().addAllDeclarations(keep);
    });
  }

  /** The example directory with one more declaration for the Party, in effect since 2025-01-01. */
  static Directory with(String party, Declaration.Builder declaration) {
    return with(directory(), party, declaration);
  }

  static Directory with(Directory base, String party, Declaration.Builder declaration) {
    Declaration.Builder d = declaration.clone();
    if (!d.hasEffectiveFrom()) {
      d.setEffectiveFrom(ts("2025-01-01T00:00:00Z"));
    }
    return withParty(base, party, p -> p.addDeclarations(d));
  }

  static Timestamp ts(String instant) {
    Instant i = Instant.parse(instant);
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }

  /** The findings of one rule for a message between two addresses, against a directory, at a date. */
  static List<Finding> run(String code, InnerMessage m, String from, String to, Directory d, Instant at) {
    Rule rule = TreatyRules.standard().rule(code).orElseThrow(() -> new AssertionError("no rule " + code));
    List<Finding> findings = rule.evaluate(RuleContext.of(m, Address.parse(from), Address.parse(to), d, at));
    for (Finding f : findings) {
      assertThat(f.code()).isEqualTo(code);
      assertThat(f.article()).isEqualTo(rule.article());
      assertThat(f.severity()).isEqualTo(rule.severity());
      assertThat(f.explanation().en()).isNotBlank();
      assertThat(f.explanation().fr()).isNotBlank();
      assertThat(f.advice().en()).isNotBlank();
      assertThat(f.advice().fr()).isNotBlank();
    }
    return findings;
  }

  static List<Finding> run(String code, InnerMessage m, String from, String to) {
    return run(code, m, from, to, directory(), AT);
  }

  /** Exactly one finding of the rule, which the caller inspects further. */
  static Finding fires(List<Finding> findings) {
    assertThat(findings).hasSize(1);
    return findings.get(0);
  }

  static void quiet(List<Finding> findings) {
    assertThat(findings).isEmpty();
  }
}

package org.relay247.simulator.scenario;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ProtocolMessageEnum;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.relay247.protocol.v1.AuthorityRole;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.OptionsProto;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.SuspensionKind;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a scenario file (docs/simulator.md) into a {@link Scenario}. Contract: the result is
 * complete and every reference in it resolves (Parties, desks, message names, templates, bodies),
 * or a {@link ScenarioException} with the first problem's line and column. Unknown keys, duplicate
 * keys, bad durations, sizes, dates and tokens are refused; nothing is defaulted silently except
 * what docs/simulator.md lists as defaults.
 */
public final class ScenarioReader {
  private static final String PARTY = "a Party code of two capital letters, e.g. FR";
  private final String source;
  private final Map<String, Set<String>> desks = new LinkedHashMap<>();
  private final Map<String, Location> refs = new LinkedHashMap<>();

  private ScenarioReader(String source) {
    this.source = source;
  }

  /** Reads {@code file}; the message of a refusal starts with the file name, line and column. */
  public static Scenario read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
  }

  /** Reads scenario text; {@code source} names it in messages. */
  public static Scenario parse(String yaml, String source) {
    return new ScenarioReader(source).document(compose(yaml, source));
  }

  private static Y compose(String yaml, String source) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    Node node;
    try {
      node = new Yaml(new SafeConstructor(options)).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new ScenarioException(source, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
          "not valid YAML: " + e.getProblem() + (e.getContext() == null ? "" : " (" + e.getContext() + ")"));
    } catch (RuntimeException e) {
      throw new ScenarioException(source, 0, 0, "not valid YAML: " + e.getMessage());
    }
    if (node == null) {
      throw new ScenarioException(source, 1, 1, "empty file (expected: a mapping with name, parties, steps)");
    }
    return new Y(source, node, "");
  }

  private Scenario document(Y root) {
    Map<String, Y> top = root.map("a mapping with name, parties, actors, steps",
        List.of("name", "description", "start", "parties", "actors", "steps"));
    String name = root.required(top, "name", "the scenario's title").text("the scenario's title");
    String description = Y.opt(top, "description").map(y -> y.text("a text")).orElse("");
    Optional<Instant> start = Y.opt(top, "start").map(this::instant);
    List<PartySpec> parties = parties(root.required(top, "parties", "a mapping of Party codes"));
    Map<String, List<ActorSpec>> actors = Y.opt(top, "actors").map(this::actors).orElse(Map.of());
    List<Step> steps = new ArrayList<>();
    List<Y> items = root.required(top, "steps", "a list of steps").list("a list of steps");
    for (Y item : items) {
      steps.add(step(item, steps.size() + 1));
    }
    boolean proxied = steps.stream().anyMatch(s -> s instanceof Step.Fault f && f.kind().network());
    return new Scenario(source, name, description, start, parties, actors, steps, proxied);
  }

  // ---------------------------------------------------------------------------------- parties

  private List<PartySpec> parties(Y node) {
    Map<String, Y> map = node.map("a mapping of Party codes to their settings", null);
    if (map.size() < 2) {
      throw node.error("" + map.size() + " Party (expected: at least 2)");
    }
    List<PartySpec> out = new ArrayList<>();
    for (Map.Entry<String, Y> e : map.entrySet()) {
      if (!e.getKey().matches("[A-Z]{2}")) {
        throw e.getValue().error("not a Party code (expected: " + PARTY + ")");
      }
      Set<String> own = new HashSet<>(List.of("poc", "ca"));
      desks.put(e.getKey(), own);
      out.add(e.getValue().isNull() ? PartySpec.defaults(e.getKey()) : party(e.getKey(), e.getValue(), own));
    }
    // Suspensions, treaties and channel agreements name other Parties: check once all are known.
    Set<String> treatyPairs = new HashSet<>();
    for (PartySpec p : out) {
      List<String> others = new ArrayList<>(p.treaties().stream().map(PartySpec.TreatySpec::with).toList());
      p.channelAgreements().forEach(c -> others.add(c.with()));
      for (String other : others) {
        if (!desks.containsKey(other) || other.equals(p.code())) {
          throw map.get(p.code()).error("treaty or channel agreement with " + other + " (expected: another Party of"
              + " this scenario: " + String.join(", ", desks.keySet()) + ")");
        }
      }
      for (PartySpec.TreatySpec t : p.treaties()) {
        String pair = p.code().compareTo(t.with()) < 0 ? p.code() + t.with() : t.with() + p.code();
        if (!treatyPairs.add(pair)) {
          throw map.get(p.code()).error("a second MLA treaty between " + p.code() + " and " + t.with()
              + " (expected: one per pair, stated by either Party)");
        }
      }
    }
    for (PartySpec p : out) {
      for (PartySpec.SuspensionSpec s : p.suspensions()) {
        if (!desks.containsKey(s.against()) || s.against().equals(p.code())) {
          Y at = map.get(p.code());
          throw at.error("suspension against " + s.against() + " (expected: another Party of this scenario: "
              + String.join(", ", desks.keySet()) + ")");
        }
      }
    }
    return out;
  }

  private PartySpec party(String code, Y node, Set<String> own) {
    Map<String, Y> m = node.map("the Party's settings", List.of("name", "languages", "status", "in-force-from",
        "declarations", "constituents", "authorities", "suspensions", "treaties", "channel-agreements",
        "personal-notification-required", "joins"));
    Optional<String> name = Y.opt(m, "name").map(y -> y.text("the Party's name"));
    List<String> languages = Y.opt(m, "languages").map(y -> {
      List<String> l = y.texts("a language code such as en");
      for (Y item : y.isList() ? y.list("") : List.of(y)) {
        if (!item.text("a language").matches("[a-z]{2}")) {
          throw item.unexpected("a two-letter language code such as en");
        }
      }
      return l;
    }).orElse(List.of());
    boolean signatory = Y.opt(m, "status").map(y -> switch (y.text("in-force or signatory")) {
      case "in-force" -> false;
      case "signatory" -> true;
      default -> throw y.unexpected("in-force or signatory");
    }).orElse(false);
    Optional<Instant> inForce = Y.opt(m, "in-force-from").map(this::date);
    List<PartySpec.ConstituentSpec> constituents = new ArrayList<>();
    for (Y y : Y.opt(m, "constituents").map(y -> y.list("a list of constituent States")).orElse(List.of())) {
      Map<String, Y> c = y.map("a constituent State with code and name", List.of("code", "name"));
      String id = y.required(c, "code", "an ISO 3166-2 code such as " + code + "-CA").text("a code");
      if (!id.matches(code + "-[A-Z0-9]{1,3}")) {
        throw c.get("code").unexpected("an ISO 3166-2 code of " + code + ", such as " + code + "-CA");
      }
      constituents.add(new PartySpec.ConstituentSpec(id, Y.opt(c, "name").map(n -> n.text("a name")).orElse(id)));
    }
    Set<String> states = new HashSet<>(constituents.stream().map(PartySpec.ConstituentSpec::code).toList());
    List<PartySpec.AuthoritySpec> authorities = new ArrayList<>();
    for (Y y : Y.opt(m, "authorities").map(y -> y.list("a list of authorities")).orElse(List.of())) {
      Map<String, Y> a = y.map("an authority", List.of("id", "name", "roles", "reachable-24-7", "constituent"));
      String id = y.required(a, "id", "the authority id, e.g. bka").text("an id");
      if (!id.matches("[a-z0-9][a-z0-9-]*")) {
        throw a.get("id").unexpected("an id of lower-case letters, digits and dashes");
      }
      if (!own.add(id)) {
        throw a.get("id").error("\"" + id + "\" is already an authority of " + code);
      }
      List<AuthorityRole> roles = new ArrayList<>();
      for (Y r : y.required(a, "roles", "a list of roles").list("a list of roles")) {
        roles.add(token(r, AuthorityRole.class));
      }
      Optional<String> state = Y.opt(a, "constituent").map(c -> {
        if (!states.contains(c.text("a constituent State"))) {
          throw c.unexpected("a constituent State listed under " + code + "'s constituents: " + states);
        }
        return c.text("");
      });
      authorities.add(new PartySpec.AuthoritySpec(id, Y.opt(a, "name").map(n -> n.text("a name")).orElse(id),
          roles, Y.opt(a, "reachable-24-7").map(this::bool).orElse(true), state));
    }
    List<Declaration> declarations = new ArrayList<>();
    for (Y y : Y.opt(m, "declarations").map(y -> y.list("a list of declarations such as \"9.1.b\"")).orElse(List.of())) {
      declarations.add(declaration(y, own, states));
    }
    List<PartySpec.SuspensionSpec> suspensions = new ArrayList<>();
    for (Y y : Y.opt(m, "suspensions").map(y -> y.list("a list of suspensions")).orElse(List.of())) {
      Map<String, Y> s = y.map("a suspension", List.of("against", "kind", "scope"));
      String against = party(y.required(s, "against", PARTY));
      SuspensionKind kind = Y.opt(s, "kind").map(k -> token(k, SuspensionKind.class))
          .orElse(SuspensionKind.SUSPENSION_KIND_FULL);
      List<CooperationType> scope = new ArrayList<>();
      for (Y c : Y.opt(s, "scope").map(c -> c.list("a list of forms of cooperation")).orElse(List.of())) {
        scope.add(token(c, CooperationType.class));
      }
      suspensions.add(new PartySpec.SuspensionSpec(against, kind, scope));
    }
    List<PartySpec.TreatySpec> treaties = new ArrayList<>();
    for (Y y : Y.opt(m, "treaties").map(y -> y.list("a list of MLA treaties")).orElse(List.of())) {
      Map<String, Y> t = y.map("a treaty with: and name:", List.of("with", "name", "central-authorities",
          "languages"));
      List<String> central = Y.opt(t, "central-authorities").map(c -> c.texts("an address such as US/oia"))
          .orElse(List.of());
      for (String address : central) {
        if (!address.matches("[A-Z]{2}/[a-z0-9][a-z0-9-]*")) {
          throw t.get("central-authorities").unexpected("addresses such as US/oia");
        }
      }
      treaties.add(new PartySpec.TreatySpec(code(y.required(t, "with", PARTY)),
          y.required(t, "name", "the treaty's name").text("a name"), central,
          Y.opt(t, "languages").map(l -> l.texts("a language code such as en")).orElse(List.of())));
    }
    List<PartySpec.ChannelSpec> channels = new ArrayList<>();
    for (Y y : Y.opt(m, "channel-agreements").map(y -> y.list("a list of channel agreements")).orElse(List.of())) {
      Map<String, Y> c = y.map("a channel agreement with: reference: recipient:", List.of("with", "reference",
          "recipient", "description"));
      String recipient = y.required(c, "recipient", "an address such as FR/tj-paris").text("an address");
      if (!recipient.matches("[A-Z]{2}/[a-z0-9][a-z0-9-]*")) {
        throw c.get("recipient").unexpected("an address such as FR/tj-paris");
      }
      channels.add(new PartySpec.ChannelSpec(code(y.required(c, "with", PARTY)),
          y.required(c, "reference", "the agreement's reference").text("a reference"), recipient,
          Y.opt(c, "description").map(d -> d.text("a description")).orElse("")));
    }
    boolean notification = Y.opt(m, "personal-notification-required").map(this::bool).orElse(false);
    boolean later = Y.opt(m, "joins").map(y -> {
      if (!y.text("later").equals("later")) {
        throw y.unexpected("later (the Party joins with a directory-update step)");
      }
      return true;
    }).orElse(false);
    return new PartySpec(code, name, languages, inForce, signatory, declarations, authorities, suspensions,
        notification, constituents, treaties, channels, later);
  }

  /**
   * A declaration: an article token ({@code "9.1.b"}) for those without parameters, or a mapping
   * {@code {article, parameters, from, text}} whose parameters are the protobuf JSON of the
   * kind's parameter message (directory.proto).
   */
  private Declaration declaration(Y y, Set<String> authorities, Set<String> states) {
    Y articleNode = y.isMapping() ? null : y;
    Map<String, Y> m = Map.of();
    if (y.isMapping()) {
      m = y.map("a declaration", List.of("article", "parameters", "from", "text"));
      articleNode = y.required(m, "article", "an article token such as \"8.4\"");
    }
    String token = articleNode.text("an article token such as \"9.1.b\"");
    DeclarationKind kind = null;
    List<String> known = new ArrayList<>();
    for (DeclarationKind k : DeclarationKind.values()) {
      if (k == DeclarationKind.UNRECOGNIZED || k.getNumber() == 0) {
        continue;
      }
      String article = k.getValueDescriptor().getOptions().getExtension(OptionsProto.article);
      known.add(article);
      if (article.equals(token)) {
        kind = k;
      }
    }
    if (kind == null) {
      throw articleNode.unexpected("one of: " + String.join(", ", known));
    }
    Declaration.Builder d = Declaration.newBuilder().setKind(kind).setSource("scenario")
        .setEffectiveFrom(Timestamps.fromMillis(Y.opt(m, "from").map(this::date).orElse(Instant.EPOCH).toEpochMilli()));
    Y.opt(m, "text").ifPresent(t -> d.setText(t.text("the declaration's wording")));
    String field = PARAMETERS.get(kind);
    Optional<Y> parameters = Y.opt(m, "parameters");
    if (field == null && parameters.isPresent()) {
      throw parameters.get().error("Art. " + token + " takes no parameters");
    }
    if (field != null && parameters.isEmpty()) {
      throw articleNode.error("Art. " + token + " needs its parameters (expected: {article: \"" + token
          + "\", parameters: {...}}, the " + field + " message of directory.proto in protobuf JSON)");
    }
    if (parameters.isPresent()) {
      try {
        JsonFormat.parser().merge("{\"" + field + "\": " + json(parameters.get().raw()) + "}", d);
      } catch (InvalidProtocolBufferException | RuntimeException e) {
        throw parameters.get().error("not the " + field + " message of directory.proto in protobuf JSON: "
            + e.getMessage());
      }
      List<String> named = new ArrayList<>(d.getNotificationRequirement().getAuthorityId().isEmpty() ? List.of()
          : List.of(d.getNotificationRequirement().getAuthorityId()));
      named.addAll(d.getArt8Authorities().getSubmittingAuthorityIdsList());
      named.addAll(d.getArt8Authorities().getReceivingAuthorityIdsList());
      if (!d.getAuthorityDesignation().getAuthorityId().isEmpty()) {
        named.add(d.getAuthorityDesignation().getAuthorityId());
      }
      for (String id : named) {
        if (!authorities.contains(id)) {
          throw parameters.get().error("authority \"" + id + "\" (expected: one of the Party's authorities: "
              + String.join(", ", new java.util.TreeSet<>(authorities)) + ")");
        }
      }
      for (String state : d.getFederalClause().getNotifiedConstituentsList()) {
        if (!states.contains(state)) {
          throw parameters.get().error("constituent \"" + state + "\" (expected: one of the Party's constituents: "
              + String.join(", ", new java.util.TreeSet<>(states)) + ")");
        }
      }
    }
    return d.build();
  }

  /** Per declaration kind, the field of Declaration that holds its parameters (none: no parameters). */
  private static final Map<DeclarationKind, String> PARAMETERS = Map.ofEntries(
      Map.entry(DeclarationKind.DECLARATION_KIND_R_7_9_B, "accessNumberExclusion"),
      Map.entry(DeclarationKind.DECLARATION_KIND_R_17, "federalClause"),
      Map.entry(DeclarationKind.DECLARATION_KIND_D_7_5_A, "notificationRequirement"),
      Map.entry(DeclarationKind.DECLARATION_KIND_D_8_4, "extraInformationRequirement"),
      Map.entry(DeclarationKind.DECLARATION_KIND_N_8_10, "art8Authorities"),
      Map.entry(DeclarationKind.DECLARATION_KIND_D_9_5, "followUpRequirement"),
      Map.entry(DeclarationKind.DECLARATION_KIND_D_10_9, "art10Channels"),
      Map.entry(DeclarationKind.DECLARATION_KIND_D_18_2, "territorialExclusion"),
      Map.entry(DeclarationKind.DECLARATION_KIND_N_6_6, "authorityDesignation"),
      Map.entry(DeclarationKind.DECLARATION_KIND_N_14_7_C, "authorityDesignation"),
      Map.entry(DeclarationKind.DECLARATION_KIND_N_14_10_B, "authorityDesignation"));

  private static <E extends Enum<E> & ProtocolMessageEnum> E token(Y y, Class<E> type) {
    String prefix = null;
    List<String> tokens = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      if (!e.name().equals("UNRECOGNIZED") && e.getNumber() == 0) {
        prefix = e.name().substring(0, e.name().length() - "UNSPECIFIED".length());
      }
    }
    String text = y.text("a token");
    for (E e : type.getEnumConstants()) {
      if (e.name().equals("UNRECOGNIZED") || e.getNumber() == 0) {
        continue;
      }
      String token = e.name().substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
      tokens.add(token);
      if (token.equals(text)) {
        return e;
      }
    }
    throw y.unexpected("one of: " + String.join(", ", tokens));
  }

  // ----------------------------------------------------------------------------------- actors

  private Map<String, List<ActorSpec>> actors(Y node) {
    Map<String, List<ActorSpec>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Y> e : node.map("a mapping of Party codes to their desks", null).entrySet()) {
      Set<String> own = desks.get(e.getKey());
      if (own == null) {
        throw e.getValue().error("not a Party of this scenario (expected one of: "
            + String.join(", ", desks.keySet()) + ")");
      }
      List<ActorSpec> specs = new ArrayList<>();
      for (Map.Entry<String, Y> d : e.getValue().map("a mapping of desks (e.g. poc) to policies", null).entrySet()) {
        if (!own.contains(d.getKey())) {
          throw d.getValue().error("not a desk of " + e.getKey() + " (expected one of: " + String.join(", ", own) + ")");
        }
        Y v = d.getValue();
        for (Y p : v.isList() ? v.list("") : List.of(v)) {
          specs.add(policy(d.getKey(), p));
        }
      }
      out.put(e.getKey(), specs);
    }
    return out;
  }

  private ActorSpec policy(String desk, Y y) {
    Map<String, Y> m = y.map("a policy with on, do, within", List.of("on", "do", "within", "results", "grounds"));
    String on = Y.opt(m, "on").map(o -> o.text("a body kind such as art9-request, or any")).orElse("any");
    Y doNode = y.required(m, "do", ActorSpec.Action.TOKENS);
    ActorSpec.Action action = ActorSpec.Action.parse(doNode.text(ActorSpec.Action.TOKENS));
    if (action == null) {
      throw doNode.unexpected("one of: " + ActorSpec.Action.TOKENS);
    }
    Duration within = Y.opt(m, "within").map(this::duration).orElse(Duration.ZERO);
    long results = Y.opt(m, "results").map(this::size).orElse(0L);
    String grounds = Y.opt(m, "grounds").map(g -> g.text("a text")).orElse("");
    return new ActorSpec(desk, on, action, within, results, grounds, y.at());
  }

  // ------------------------------------------------------------------------------------ steps

  private static final List<String> STEP_KINDS = List.of("send", "advance", "advance-to", "fault", "heal",
      "directory-update", "ping", "crash", "restart", "oral-request", "expect");

  private Step step(Y item, int index) {
    Map<String, Y> m = item.map("a step: a mapping with one of " + String.join(", ", STEP_KINDS), STEP_KINDS);
    if (m.size() != 1) {
      throw item.error(m.size() + " step kinds in one step (expected: exactly one of " + String.join(", ", STEP_KINDS)
          + ")");
    }
    Map.Entry<String, Y> e = m.entrySet().iterator().next();
    Y v = e.getValue();
    Location at = item.at();
    return switch (e.getKey()) {
      case "send" -> send(v, index, at);
      case "advance" -> new Step.Advance(index, at, duration(v));
      case "advance-to" -> new Step.AdvanceTo(index, at, timeOfDay(v));
      case "fault" -> fault(v, index, at);
      case "heal" -> new Step.Heal(index, at, v.isNull() ? List.of() : parties(v, 1, 2));
      case "directory-update" -> directoryUpdate(v, index, at);
      case "crash" -> {
        Map<String, Y> c = v.map("a crash with party", List.of("party", "after-received"));
        yield new Step.Crash(index, at, party(v.required(c, "party", PARTY)),
            Y.opt(c, "after-received").map(this::count).orElse(0));
      }
      case "oral-request" -> oralRequest(v, index, at);
      case "restart" -> {
        Map<String, Y> c = v.map("a restart with party", List.of("party"));
        yield new Step.Restart(index, at, party(v.required(c, "party", PARTY)));
      }
      case "ping" -> new Step.Ping(index, at, v.isNull() || v.isScalar() && v.text("all").equals("all")
          ? List.of() : parties(v, 1, Integer.MAX_VALUE));
      default -> new Step.Expect(index, at, expectation(v));
    };
  }

  private Step send(Y y, int index, Location at) {
    Map<String, Y> m = y.map("a message to send", List.of("id", "from", "to", "draft", "priority", "case-of",
        "reply-to", "body"));
    Y idNode = y.required(m, "id", "a name for the message, e.g. r1");
    String id = idNode.text("a name");
    if (refs.containsKey(id)) {
      throw idNode.error("\"" + id + "\" already names the message sent at " + refs.get(id));
    }
    String from = desk(y.required(m, "from", "a desk such as FR/poc"));
    String to = desk(y.required(m, "to", "a desk such as DE/poc"));
    if (from.substring(0, 2).equals(to.substring(0, 2))) {
      throw m.get("to").error("a desk of " + to.substring(0, 2) + " (expected: another Party than the sender)");
    }
    Y draftNode = y.required(m, "draft", "a template name such as art9-request");
    String draft = draftNode.text("a template name");
    if (!Drafts.NAMES.contains(draft)) {
      throw draftNode.unexpected("a template of docs/examples: " + String.join(", ", Drafts.NAMES));
    }
    InnerMessage.Builder template = Drafts.load(draft).clone();
    Priority priority = Y.opt(m, "priority").map(p -> switch (p.text("emergency, urgent or routine")) {
      case "emergency" -> Priority.PRIORITY_EMERGENCY;
      case "urgent" -> Priority.PRIORITY_URGENT;
      case "routine" -> Priority.PRIORITY_ROUTINE;
      default -> throw p.unexpected("emergency, urgent or routine");
    }).orElse(template.getRouting().getPriority() == Priority.PRIORITY_UNSPECIFIED ? Priority.PRIORITY_ROUTINE
        : template.getRouting().getPriority());
    Optional<String> caseOf = Y.opt(m, "case-of").map(this::ref);
    Optional<String> replyTo = Y.opt(m, "reply-to").map(this::ref);
    String body = body(Y.opt(m, "body"), draft);
    refs.put(id, y.at());
    return new Step.Send(index, at, id, from, to, draft, priority, caseOf, replyTo, body);
  }

  private Step oralRequest(Y y, int index, Location at) {
    Map<String, Y> m = y.map("an oral request with id, at, caller", List.of("id", "at", "caller", "body"));
    Y idNode = y.required(m, "id", "a name for the record, e.g. call");
    String id = idNode.text("a name");
    if (refs.containsKey(id)) {
      throw idNode.error("\"" + id + "\" already names the message sent at " + refs.get(id));
    }
    String party = party(y.required(m, "at", "the Party whose point of contact took the call, e.g. DE"));
    String caller = desk(y.required(m, "caller", "the calling desk, e.g. FR/poc"));
    if (caller.startsWith(party + "/")) {
      throw m.get("caller").error("a desk of " + party + " (expected: another Party than the one called)");
    }
    String body = body(Y.opt(m, "body"), "oral-request-record");
    refs.put(id, y.at());
    return new Step.OralRequest(index, at, id, party, caller, body);
  }

  /** A {@code body} as protobuf JSON, checked against the template ({@code ${name}} strings stand for message ids). */
  private String body(Optional<Y> bodyNode, String draft) {
    if (bodyNode.isEmpty()) {
      return "";
    }
    String body = json(bodyNode.get().raw()).toString();
    try {
      // Times stand for themselves here; message ids are strings already.
      Drafts.load(draft, body.replaceAll("\\$\\{now[^}]*}", "1970-01-01T00:00:00Z"));
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw bodyNode.get().error("not a part of an InnerMessage in protobuf JSON: " + e.getMessage());
    }
    return body;
  }

  private Step fault(Y y, int index, Location at) {
    Map<String, Y> m = y.map("a fault with kind and parties", List.of("kind", "parties", "for", "latency", "jitter",
        "rate", "by", "message"));
    Y kindNode = y.required(m, "kind", FaultKind.tokens());
    FaultKind kind = FaultKind.parse(kindNode.text(FaultKind.tokens()));
    if (kind == null) {
      throw kindNode.unexpected("one of: " + FaultKind.tokens());
    }
    List<String> parties;
    Optional<String> message = Optional.empty();
    if (kind == FaultKind.TAMPERED_ENVELOPE || kind == FaultKind.REPLAYED_ENVELOPE) {
      message = Optional.of(ref(y.required(m, "message", "the name of a message sent earlier")));
      parties = List.of();
    } else {
      parties = parties(y.required(m, "parties", "one Party, or the two Parties of a link"),
          1, kind == FaultKind.REVOKED_CERTIFICATE || kind == FaultKind.EXPIRED_CERTIFICATE
              || kind == FaultKind.CLOCK_SKEW ? 1 : 2);
    }
    Duration latency = Y.opt(m, "latency").map(this::duration).orElse(Duration.ZERO);
    Duration jitter = Y.opt(m, "jitter").map(this::duration).orElse(Duration.ZERO);
    long rate = Y.opt(m, "rate").map(this::size).orElse(0L);
    if (kind == FaultKind.LATENCY && latency.isZero()) {
      throw y.error("latency fault without latency (expected: e.g. latency: 200ms)");
    }
    if (kind == FaultKind.BANDWIDTH && rate <= 0) {
      throw y.error("bandwidth fault without rate (expected: bytes per second, e.g. rate: 64KB)");
    }
    Duration skew = Y.opt(m, "by").map(this::duration).orElse(Duration.ZERO);
    if (kind == FaultKind.CLOCK_SKEW && skew.isZero()) {
      throw y.error("clock-skew fault without by (expected: how far ahead the Party's clock runs, e.g. by: 10m)");
    }
    Optional<Duration> lasts = Y.opt(m, "for").map(this::duration);
    return new Step.Fault(index, at, kind, parties, latency, jitter, rate, skew, lasts, message);
  }

  private Step directoryUpdate(Y y, int index, Location at) {
    Map<String, Y> m = y.map("a directory update", List.of("add"));
    List<String> add = parties(y.required(m, "add", "the Parties that join"), 1, Integer.MAX_VALUE);
    return new Step.DirectoryUpdate(index, at, add);
  }

  private Expectation expectation(Y y) {
    Map<String, Y> m = y.map("an expectation", List.of("delivered", "rejected", "code", "finding", "track",
        "escalation", "timers-missed", "answered", "order", "pongs", "results-match", "pending", "error", "flag",
        "obligation", "condition"));
    if (m.containsKey("code") && !m.containsKey("rejected")) {
      throw m.get("code").error("code without rejected (expected: rejected: NAME, code: CODE)");
    }
    if (m.containsKey("error") && !m.containsKey("pending")) {
      throw m.get("error").error("error without pending (expected: pending: NAME, error: TEXT)");
    }
    int kinds = m.size() - (m.containsKey("code") ? 1 : 0) - (m.containsKey("error") ? 1 : 0);
    if (kinds != 1) {
      throw y.error(kinds + " expectations in one (expected: one per expect step)");
    }
    if (m.containsKey("delivered")) {
      return new Expectation.Delivered(ref(m.get("delivered")));
    } else if (m.containsKey("rejected")) {
      return new Expectation.Rejected(ref(m.get("rejected")), Y.opt(m, "code").map(c -> c.text("a code")));
    } else if (m.containsKey("pending")) {
      return new Expectation.Pending(ref(m.get("pending")), Y.opt(m, "error").map(c -> c.text("a text")));
    } else if (m.containsKey("results-match")) {
      return new Expectation.ResultsMatch(ref(m.get("results-match")));
    } else if (m.containsKey("pongs")) {
      return new Expectation.Pongs(count(m.get("pongs")));
    } else if (m.containsKey("finding")) {
      Y f = m.get("finding");
      Map<String, Y> fm = f.map("message, code, severity", List.of("message", "code", "severity"));
      Optional<String> severity = Y.opt(fm, "severity").map(s -> {
        String t = s.text("block or warn").toUpperCase(Locale.ROOT);
        if (!t.equals("BLOCK") && !t.equals("WARN")) {
          throw s.unexpected("block or warn");
        }
        return t;
      });
      return new Expectation.Finding(ref(f.required(fm, "message", "a message name")),
          f.required(fm, "code", "a finding code").text("a code"), severity);
    } else if (m.containsKey("track")) {
      Y t = m.get("track");
      Map<String, Y> tm = t.map("party, message, state", List.of("party", "message", "state"));
      return new Expectation.Track(party(t.required(tm, "party", PARTY)), ref(t.required(tm, "message", "a name")),
          t.required(tm, "state", "a track state such as DETERMINED").text("a state"));
    } else if (m.containsKey("escalation")) {
      Y t = m.get("escalation");
      Map<String, Y> tm = t.map("party, kind, message, at-least", List.of("party", "kind", "message", "at-least"));
      return new Expectation.Escalation(party(t.required(tm, "party", PARTY)),
          Y.opt(tm, "kind").map(k -> k.text("a kind")).orElse("DELIVERY_OVERDUE"), Y.opt(tm, "message").map(this::ref),
          Y.opt(tm, "at-least").map(this::count).orElse(1));
    } else if (m.containsKey("flag")) {
      Y t = m.get("flag");
      Map<String, Y> tm = t.map("party, message, code", List.of("party", "message", "code"));
      return new Expectation.Flag(party(t.required(tm, "party", PARTY)), ref(t.required(tm, "message", "a name")),
          t.required(tm, "code", "a flag code such as ORAL_MISMATCH").text("a code"));
    } else if (m.containsKey("obligation")) {
      Y t = m.get("obligation");
      Map<String, Y> tm = t.map("party, message, kind, open", List.of("party", "message", "kind", "open"));
      return new Expectation.Obligation(party(t.required(tm, "party", PARTY)), ref(t.required(tm, "message", "a name")),
          t.required(tm, "kind", "FOLLOW_UP_9_5 or CENTRAL_AUTHORITY_COPY_10_9").text("a kind"),
          Y.opt(tm, "open").map(this::bool).orElse(true));
    } else if (m.containsKey("condition")) {
      Y t = m.get("condition");
      Map<String, Y> tm = t.map("party, message, id, status", List.of("party", "message", "id", "status"));
      return new Expectation.Condition(party(t.required(tm, "party", PARTY)), ref(t.required(tm, "message", "a name")),
          t.required(tm, "id", "a condition id such as c1").text("an id"),
          t.required(tm, "status", "IMPOSED, BINDING or REFUSED").text("a status"));
    } else if (m.containsKey("timers-missed")) {
      Y t = m.get("timers-missed");
      Map<String, Y> tm = t.map("party, at-least", List.of("party", "at-least"));
      return new Expectation.TimersMissed(party(t.required(tm, "party", PARTY)),
          Y.opt(tm, "at-least").map(this::count).orElse(1));
    } else if (m.containsKey("answered")) {
      Y t = m.get("answered");
      Map<String, Y> tm = t.map("message, with", List.of("message", "with"));
      String with = t.required(tm, "with", "a body kind such as determination").text("a body kind");
      return new Expectation.Answered(ref(t.required(tm, "message", "a name")), with);
    } else {
      Y t = m.get("order");
      Map<String, Y> tm = t.map("party, messages", List.of("party", "messages"));
      List<String> names = new ArrayList<>();
      for (Y r : t.required(tm, "messages", "a list of message names").list("a list of message names")) {
        names.add(ref(r));
      }
      return new Expectation.Order(party(t.required(tm, "party", PARTY)), names);
    }
  }

  // ----------------------------------------------------------------------------------- values

  /** A Party code, perhaps of a Party listed further down (checked once all are read). */
  private static String code(Y y) {
    String code = y.text(PARTY);
    if (!code.matches("[A-Z]{2}")) {
      throw y.unexpected(PARTY);
    }
    return code;
  }

  private String party(Y y) {
    String code = y.text(PARTY);
    if (!desks.containsKey(code)) {
      throw y.unexpected("a Party of this scenario: " + String.join(", ", desks.keySet()));
    }
    return code;
  }

  private List<String> parties(Y y, int min, int max) {
    List<String> out = new ArrayList<>();
    for (Y p : y.isList() ? y.list("a list of Parties") : List.of(y)) {
      String code = party(p);
      if (out.contains(code)) {
        throw p.error("\"" + code + "\" listed twice");
      }
      out.add(code);
    }
    if (out.size() < min || out.size() > max) {
      throw y.error(out.size() + " Parties (expected: " + (max == Integer.MAX_VALUE ? "at least " + min
          : min == max ? String.valueOf(min) : min + " to " + max) + ")");
    }
    return out;
  }

  /** A desk address {@code XX/desk}; a bare code means its point of contact. */
  private String desk(Y y) {
    String text = y.text("a desk such as FR/poc");
    String code = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
    String desk = text.contains("/") ? text.substring(text.indexOf('/') + 1) : "poc";
    Set<String> own = desks.get(code);
    if (own == null) {
      throw y.unexpected("a desk of a Party of this scenario: " + String.join(", ", desks.keySet()));
    }
    if (!own.contains(desk)) {
      throw y.unexpected("a desk of " + code + ": " + String.join(", ", own));
    }
    return code + "/" + desk;
  }

  private String ref(Y y) {
    String name = y.text("the name of a message sent earlier");
    if (!refs.containsKey(name)) {
      throw y.unexpected("the name of a message sent in an earlier step"
          + (refs.isEmpty() ? "; none sent yet" : ": " + String.join(", ", refs.keySet())));
    }
    return name;
  }

  private Duration duration(Y y) {
    Duration d = Durations.parse(y.text(Durations.DURATION_FORMAT));
    if (d == null) {
      throw y.unexpected(Durations.DURATION_FORMAT);
    }
    return d;
  }

  private static final String TIME_OF_DAY_FORMAT = "a time of day in UTC, HH:MM from 00:00 to 23:59, e.g. \"03:00\"";
  private static final java.util.regex.Pattern TIME_OF_DAY =
      java.util.regex.Pattern.compile("([01][0-9]|2[0-3]):([0-5][0-9])");

  private LocalTime timeOfDay(Y y) {
    java.util.regex.Matcher m = TIME_OF_DAY.matcher(y.text(TIME_OF_DAY_FORMAT));
    if (!m.matches()) {
      throw y.unexpected(TIME_OF_DAY_FORMAT);
    }
    return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  private static final String INSTANT_FORMAT = "an instant in UTC, ISO-8601 ending in Z, e.g. \"2026-12-05T02:55:00Z\"";

  private Instant instant(Y y) {
    String text = y.text(INSTANT_FORMAT);
    if (!text.endsWith("Z")) {
      throw y.unexpected(INSTANT_FORMAT);
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw y.unexpected(INSTANT_FORMAT);
    }
  }

  private long size(Y y) {
    long s = Durations.parseSize(y.text(Durations.SIZE_FORMAT));
    if (s < 0) {
      throw y.unexpected(Durations.SIZE_FORMAT);
    }
    return s;
  }

  private int count(Y y) {
    String t = y.text("a whole number");
    if (!t.matches("\\d{1,9}")) {
      throw y.unexpected("a whole number");
    }
    return Integer.parseInt(t);
  }

  private boolean bool(Y y) {
    return switch (y.text("true or false")) {
      case "true" -> true;
      case "false" -> false;
      default -> throw y.unexpected("true or false");
    };
  }

  private Instant date(Y y) {
    String t = y.text("a date such as 2025-01-31");
    try {
      return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw y.unexpected("a date such as 2025-01-31");
    }
  }

  /** A message reference in a body: {@code ${r1}} is replaced by r1's message id when the step runs. */
  public static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\$\\{([^}]+)}");

  /** A time in a body: {@code ${now}} or {@code ${now+10d}}, virtual time when the step runs (RFC 3339). */
  public static final java.util.regex.Pattern TIME = java.util.regex.Pattern.compile("now(?:\\+(.+))?");

  /**
   * A YAML subtree as JSON for protobuf's JSON parser: numbers and booleans stay typed; a string
   * {@code ${name}} must name a message sent earlier.
   */
  private JsonElement json(Node node) {
    if (node instanceof MappingNode m) {
      JsonObject o = new JsonObject();
      for (NodeTuple t : m.getValue()) {
        o.add(((ScalarNode) t.getKeyNode()).getValue(), json(t.getValueNode()));
      }
      return o;
    } else if (node instanceof SequenceNode s) {
      JsonArray a = new JsonArray();
      s.getValue().forEach(n -> a.add(json(n)));
      return a;
    }
    ScalarNode s = (ScalarNode) node;
    if (Tag.NULL.equals(s.getTag())) {
      return JsonNull.INSTANCE;
    } else if (Tag.BOOL.equals(s.getTag())) {
      return new JsonPrimitive(Boolean.parseBoolean(s.getValue()));
    } else if (Tag.INT.equals(s.getTag())) {
      return new JsonPrimitive(Long.parseLong(s.getValue()));
    }
    java.util.regex.Matcher ph = PLACEHOLDER.matcher(s.getValue());
    if (ph.matches() && !refs.containsKey(ph.group(1)) && !TIME.matcher(ph.group(1)).matches()) {
      Mark mk = s.getStartMark();
      throw new ScenarioException(source, mk.getLine() + 1, mk.getColumn() + 1, "\"" + s.getValue()
          + "\" (expected: ${now}, ${now+DURATION} or ${NAME} with the name of a message sent in an earlier step"
          + (refs.isEmpty() ? "; none sent yet" : ": " + String.join(", ", refs.keySet())) + ")");
    }
    if (ph.matches() && TIME.matcher(ph.group(1)).matches()) {
      java.util.regex.Matcher t = TIME.matcher(ph.group(1));
      t.matches();
      if (t.group(1) != null && Durations.parse(t.group(1)) == null) {
        Mark mk = s.getStartMark();
        throw new ScenarioException(source, mk.getLine() + 1, mk.getColumn() + 1, "\"" + s.getValue() + "\" (expected: "
            + "${now+DURATION} with " + Durations.DURATION_FORMAT + ")");
      }
    }
    return new JsonPrimitive(s.getValue());
  }
}

package org.relay247.protocol.directory.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.relay247.protocol.v1.Authority;
import org.relay247.protocol.v1.AuthorityRole;
import org.relay247.protocol.v1.CertificateUsage;
import org.relay247.protocol.v1.ConstituentEntity;
import org.relay247.protocol.v1.ContactDetails;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.LanguageAcceptance;
import org.relay247.protocol.v1.Node;
import org.relay247.protocol.v1.NodeCertificate;
import org.relay247.protocol.v1.OralRequestPolicy;
import org.relay247.protocol.v1.Party;
import org.relay247.protocol.v1.PartyStatus;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads one entry of {@code parties}: status, nodes, authorities, languages, declarations. */
final class PartyReader {

  private static final EnumTokens<AuthorityRole> ROLES = EnumTokens.of(AuthorityRole.class);
  private static final EnumTokens<OralRequestPolicy> ORAL =
      EnumTokens.of(OralRequestPolicy.class);
  private static final EnumTokens<CooperationType> COOPERATION =
      EnumTokens.of(CooperationType.class);
  private static final EnumTokens<CertificateUsage> USAGES =
      EnumTokens.of(CertificateUsage.class);

  private final PemCertificates certificates;

  PartyReader(PemCertificates certificates) {
    this.certificates = certificates;
  }

  Party read(YamlNode node) {
    YamlMap map = node.map("code", "name", "status", "personal_notification_required",
        "ca_certificates", "constituents", "nodes", "authorities", "languages", "declarations");
    String code = Values.partyCode(map.required("code", Values.PARTY_CODE));
    Party.Builder party = Party.newBuilder()
        .setCode(code)
        .setName(map.text("name", "the Party's name"))
        .setStatus(status(map.required("status", "a mapping of treaty dates")));
    map.optional("personal_notification_required")
        .ifPresent(v -> party.setPersonalNotificationRequired(Values.bool(v)));
    for (YamlNode pem : map.list("ca_certificates", "a list of PEM file paths")) {
      party.addCaCertificates(certificates.der(pem));
    }
    Set<String> constituents = new HashSet<>();
    for (YamlNode item : map.list("constituents", "a list of constituent entities")) {
      ConstituentEntity entity = constituent(item, code);
      if (!constituents.add(entity.getCode())) {
        throw item.error("\"" + entity.getCode() + "\" is listed twice");
      }
      party.addConstituents(entity);
    }
    Set<String> nodeIds = new HashSet<>();
    for (YamlNode item : map.list("nodes", "a list of nodes")) {
      Node built = node(item);
      nodeIds.add(built.getId());
      party.addNodes(built);
    }
    Set<String> authorityIds = new HashSet<>();
    for (YamlNode item : map.list("authorities", "a list of authorities")) {
      Authority authority = authority(item, code, nodeIds, constituents);
      if (!authorityIds.add(authority.getId())) {
        throw item.error("authority id \"" + authority.getId() + "\" is listed twice");
      }
      party.addAuthorities(authority);
    }
    map.optional("languages").ifPresent(v -> languages(v, party));
    DeclarationReader declarations = new DeclarationReader(code, authorityIds, constituents);
    for (YamlNode item : map.list("declarations", "a list of declarations and reservations")) {
      party.addDeclarations(declarations.read(item));
    }
    return party.build();
  }

  private static PartyStatus status(YamlNode node) {
    YamlMap map = node.map("convention_in_force_from", "protocol_signed_at",
        "protocol_in_force_from", "protocol_denounced_from", "eu_member");
    PartyStatus.Builder status = PartyStatus.newBuilder();
    map.optional("convention_in_force_from")
        .ifPresent(v -> status.setConventionInForceFrom(Values.timestamp(v)));
    map.optional("protocol_signed_at")
        .ifPresent(v -> status.setProtocolSignedAt(Values.timestamp(v)));
    map.optional("protocol_in_force_from")
        .ifPresent(v -> status.setProtocolInForceFrom(Values.timestamp(v)));
    map.optional("protocol_denounced_from")
        .ifPresent(v -> status.setProtocolDenouncedFrom(Values.timestamp(v)));
    map.optional("eu_member").ifPresent(v -> status.setEuMember(Values.bool(v)));
    return status.build();
  }

  private static ConstituentEntity constituent(YamlNode node, String partyCode) {
    YamlMap map = node.map("code", "name");
    YamlNode codeNode = map.required("code", Values.CONSTITUENT_CODE);
    String code = Values.constituentCode(codeNode);
    if (!code.startsWith(partyCode + "-")) {
      throw codeNode.unexpected("a code of " + partyCode + ", " + partyCode + "-...");
    }
    return ConstituentEntity.newBuilder().setCode(code).setName(map.text("name", "its name"))
        .build();
  }

  private Node node(YamlNode node) {
    YamlMap map = node.map("id", "endpoints", "certificates", "effective_from", "effective_to");
    Node.Builder built = Node.newBuilder().setId(Values.id(map.required("id", Values.ID)));
    for (YamlNode endpoint : map.required("endpoints", "a list of host:port").list(
        "a list of host:port")) {
      built.addEndpoints(Values.endpoint(endpoint));
    }
    map.optional("certificates").ifPresent(v -> nodeCertificates(v, built));
    Period.read(map, false, built::setEffectiveFrom, built::setEffectiveTo);
    return built.build();
  }

  private void nodeCertificates(YamlNode node, Node.Builder built) {
    YamlMap map = node.map(USAGES.tokens().toArray(String[]::new));
    for (String token : USAGES.tokens()) {
      map.optional(token).ifPresent(value -> {
        List<YamlNode> paths = value.raw() instanceof SequenceNode
            ? value.list("a PEM file path or a list of them") : List.of(value);
        for (YamlNode path : paths) {
          built.addCertificates(NodeCertificate.newBuilder()
              .setUsage(USAGES.valueOf(token))
              .setDer(certificates.der(path)));
        }
      });
    }
  }

  private static Authority authority(YamlNode node, String partyCode, Set<String> nodeIds,
      Set<String> constituents) {
    YamlMap map = node.map("id", "name", "roles", "contact", "reachable_24_7", "node",
        "oral_requests", "executes_requests", "legal_basis", "constituent", "effective_from",
        "effective_to");
    Authority.Builder authority = Authority.newBuilder()
        .setId(Values.id(map.required("id", Values.ID)))
        .setName(map.text("name", "the institution and unit"))
        .setLegalBasis(map.optionalText("legal_basis", "powers and legal basis"));
    for (YamlNode role : map.required("roles", "a list of roles").list("a list of roles")) {
      authority.addRoles(ROLES.parse(role));
    }
    map.optional("contact").ifPresent(v -> authority.setContact(contact(v)));
    map.optional("reachable_24_7").ifPresent(v -> authority.setReachable247(Values.bool(v)));
    map.optional("executes_requests")
        .ifPresent(v -> authority.setExecutesRequests(Values.bool(v)));
    map.optional("oral_requests").ifPresent(v -> authority.setOralRequests(ORAL.parse(v)));
    map.optional("node").ifPresent(v -> {
      String id = Values.id(v);
      if (!nodeIds.contains(id)) {
        throw v.unexpected("a node id of " + partyCode + ": " + String.join(", ",
            nodeIds.stream().sorted().toList()));
      }
      authority.setNodeId(id);
    });
    map.optional("constituent").ifPresent(v -> {
      String code = Values.constituentCode(v);
      if (!constituents.contains(code)) {
        throw v.unexpected("a constituent listed under " + partyCode + ".constituents: "
            + String.join(", ", constituents.stream().sorted().toList()));
      }
      authority.setConstituent(code);
    });
    Period.read(map, false, authority::setEffectiveFrom, authority::setEffectiveTo);
    return authority.build();
  }

  private static ContactDetails contact(YamlNode node) {
    YamlMap map = node.map("name", "title", "phone", "email");
    return ContactDetails.newBuilder()
        .setName(map.optionalText("name", "a name"))
        .setTitle(map.optionalText("title", "a function"))
        .setPhone(map.optionalText("phone", "a phone number"))
        .setEmail(map.optionalText("email", "an institutional e-mail address"))
        .build();
  }

  private static void languages(YamlNode node, Party.Builder party) {
    YamlMap map = node.map(COOPERATION.tokens().toArray(String[]::new));
    for (String token : COOPERATION.tokens()) {
      map.optional(token).ifPresent(value -> {
        List<YamlNode> items = value.list("a list of BCP 47 language tags, or of dated lists"
            + " {languages, effective_from, effective_to}");
        if (!items.isEmpty() && items.get(0).isMapping()) {
          // Dated lists: each {languages: [..], effective_from: DATE, effective_to: DATE}.
          for (YamlNode item : items) {
            YamlMap dated = item.map("languages", "effective_from", "effective_to");
            LanguageAcceptance.Builder acceptance = LanguageAcceptance.newBuilder()
                .setCooperationType(COOPERATION.valueOf(token));
            for (YamlNode language : dated.list("languages", "a list of BCP 47 language tags")) {
              acceptance.addLanguages(Values.language(language));
            }
            Period.read(dated, false, acceptance::setEffectiveFrom, acceptance::setEffectiveTo);
            party.addLanguages(acceptance);
          }
          return;
        }
        LanguageAcceptance.Builder acceptance = LanguageAcceptance.newBuilder()
            .setCooperationType(COOPERATION.valueOf(token));
        for (YamlNode language : items) {
          acceptance.addLanguages(Values.language(language));
        }
        party.addLanguages(acceptance);
      });
    }
  }
}

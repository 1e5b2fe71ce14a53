package org.relay247.protocol.directory.internal;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.relay247.protocol.v1.ChannelAgreement;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.DataProtectionRegime;
import org.relay247.protocol.v1.MlaTreaty;
import org.relay247.protocol.v1.PairSuspension;
import org.relay247.protocol.v1.Party;
import org.relay247.protocol.v1.PartyPair;
import org.relay247.protocol.v1.SuspensionKind;

/**
 * Reads one entry of {@code pairs}: treaty, Protocol in force between the two (P-16/24),
 * data-protection regime (P-14.1), suspensions (P-14.15), 10.6 channel agreements. Every
 * address and Party code must exist among the Parties already read.
 */
final class PairReader {

  private static final EnumTokens<DataProtectionRegime> REGIMES =
      EnumTokens.of(DataProtectionRegime.class);
  private static final EnumTokens<SuspensionKind> SUSPENSIONS =
      EnumTokens.of(SuspensionKind.class);
  private static final EnumTokens<CooperationType> COOPERATION =
      EnumTokens.of(CooperationType.class);

  private final Map<String, Party> parties;
  private final Set<String> seen = new HashSet<>();

  PairReader(Map<String, Party> parties) {
    this.parties = parties;
  }

  PartyPair read(YamlNode node) {
    YamlMap map = node.map("parties", "protocol_in_force_from", "protocol_in_force_to", "treaty",
        "data_protection_regime", "data_protection_instrument", "suspensions",
        "channel_agreements", "onward_transfer_rules");
    List<String> codes = codes(map.required("parties", "two Party codes, e.g. [FR, DE]"));
    PartyPair.Builder pair = PartyPair.newBuilder().setPartyA(codes.get(0))
        .setPartyB(codes.get(1));
    map.optional("protocol_in_force_from").ifPresent(v -> {
      Timestamp from = Values.timestamp(v);
      checkBothInForce(v, from, codes);
      pair.setProtocolInForceFrom(from);
    });
    map.optional("protocol_in_force_to")
        .ifPresent(v -> pair.setProtocolInForceTo(Values.timestamp(v)));
    map.optional("treaty").ifPresent(v -> pair.setTreaty(treaty(v, codes)));
    DataProtectionRegime regime = REGIMES.parse(map.required("data_protection_regime",
        "one of: " + String.join(", ", REGIMES.tokens())));
    pair.setDataProtectionRegime(regime);
    if (regime != DataProtectionRegime.DATA_PROTECTION_REGIME_ART14) {
      pair.setDataProtectionInstrument(map.text("data_protection_instrument",
          "the agreement or arrangement (14.1.b/c)"));
    }
    for (YamlNode item : map.list("suspensions", "a list of suspensions")) {
      pair.addSuspensions(suspension(item, codes));
    }
    for (YamlNode item : map.list("channel_agreements", "a list of 10.6 agreements")) {
      YamlMap agreement = item.map("reference", "recipient", "description");
      pair.addChannelAgreements(ChannelAgreement.newBuilder()
          .setReference(agreement.text("reference", "the agreement's reference"))
          .setRecipient(address(agreement.required("recipient", Values.ADDRESS), codes))
          .setDescription(agreement.optionalText("description", "what it covers")));
    }
    for (YamlNode item : map.list("onward_transfer_rules", "a list of rules")) {
      pair.addOnwardTransferRules(item.text("a rule in plain words"));
    }
    return pair.build();
  }

  private List<String> codes(YamlNode node) {
    List<YamlNode> items = node.list("two Party codes, e.g. [FR, DE]");
    if (items.size() != 2) {
      throw node.error(items.size() + " codes (expected: exactly two Party codes)");
    }
    String a = party(items.get(0));
    String b = party(items.get(1));
    if (a.equals(b)) {
      throw items.get(1).unexpected("a Party other than " + a);
    }
    List<String> sorted = a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);
    if (!seen.add(sorted.get(0) + "/" + sorted.get(1))) {
      throw node.error("pair " + sorted + " is listed twice (expected: one entry per pair)");
    }
    return sorted;
  }

  private String party(YamlNode node) {
    String code = Values.partyCode(node);
    if (!parties.containsKey(code)) {
      throw node.unexpected("a Party listed under parties: " + String.join(", ",
          parties.keySet()));
    }
    return code;
  }

  private void checkBothInForce(YamlNode node, Timestamp from, List<String> codes) {
    for (String code : codes) {
      Party party = parties.get(code);
      if (!party.getStatus().hasProtocolInForceFrom()) {
        throw node.unexpected("no date, as the Protocol is not in force for " + code);
      }
      Timestamp partyFrom = party.getStatus().getProtocolInForceFrom();
      if (Timestamps.compare(from, partyFrom) < 0) {
        throw node.unexpected("not before " + code + "'s protocol_in_force_from "
            + Timestamps.toString(partyFrom));
      }
    }
  }

  private MlaTreaty treaty(YamlNode node, List<String> codes) {
    YamlMap map = node.map("name", "in_force_from", "central_authorities", "languages");
    MlaTreaty.Builder treaty = MlaTreaty.newBuilder().setName(map.text("name", "the treaty"));
    map.optional("in_force_from").ifPresent(v -> treaty.setInForceFrom(Values.timestamp(v)));
    for (YamlNode item : map.list("central_authorities", "a list of addresses")) {
      treaty.addCentralAuthorities(address(item, codes));
    }
    for (YamlNode item : map.list("languages", "a list of BCP 47 language tags")) {
      treaty.addLanguages(Values.language(item));
    }
    return treaty.build();
  }

  private PairSuspension suspension(YamlNode node, List<String> codes) {
    YamlMap map = node.map("suspending_party", "kind", "scope", "effective_from", "effective_to",
        "notice_message_id");
    YamlNode suspendingNode = map.required("suspending_party", "one of " + codes);
    String suspending = Values.partyCode(suspendingNode);
    if (!codes.contains(suspending)) {
      throw suspendingNode.unexpected("one of the pair: " + String.join(", ", codes));
    }
    PairSuspension.Builder suspension = PairSuspension.newBuilder()
        .setSuspendingParty(suspending)
        .setKind(SUSPENSIONS.parse(map.required("kind", String.join(", ",
            SUSPENSIONS.tokens()))))
        .setNoticeMessageId(map.optionalText("notice_message_id", "a message id"));
    for (YamlNode item : map.list("scope", "a list of forms of cooperation")) {
      suspension.addScope(COOPERATION.parse(item));
    }
    Period.read(map, true, suspension::setEffectiveFrom, suspension::setEffectiveTo);
    return suspension.build();
  }

  private String address(YamlNode node, List<String> codes) {
    String address = Values.address(node);
    String code = address.substring(0, 2);
    String id = address.substring(3);
    if (!codes.contains(code)) {
      throw node.unexpected("an address of " + String.join(" or ", codes));
    }
    boolean known = parties.get(code).getAuthoritiesList().stream()
        .anyMatch(a -> a.getId().equals(id));
    if (!known) {
      throw node.unexpected("an authority listed under " + code + ".authorities");
    }
    return address;
  }
}

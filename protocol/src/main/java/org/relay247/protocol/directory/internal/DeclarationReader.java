package org.relay247.protocol.directory.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.relay247.protocol.v1.AccessNumberExclusion;
import org.relay247.protocol.v1.Art10Channels;
import org.relay247.protocol.v1.Art10Route;
import org.relay247.protocol.v1.Art8Authorities;
import org.relay247.protocol.v1.AuthorityDesignation;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.ExtraInformationField;
import org.relay247.protocol.v1.ExtraInformationRequirement;
import org.relay247.protocol.v1.FederalClause;
import org.relay247.protocol.v1.FollowUpRequirement;
import org.relay247.protocol.v1.NotificationMode;
import org.relay247.protocol.v1.NotificationRequirement;
import org.relay247.protocol.v1.TerritorialExclusion;

/**
 * Reads one entry of a Party's {@code declarations}: the {@code article} selects the kind
 * (requirements section 2), and only the parameter keys of that kind are accepted.
 */
final class DeclarationReader {

  private static final EnumTokens<DeclarationKind> KINDS = EnumTokens.of(DeclarationKind.class);
  private static final EnumTokens<NotificationMode> MODES = EnumTokens.of(NotificationMode.class);
  private static final EnumTokens<Art10Route> ROUTES = EnumTokens.of(Art10Route.class);
  private static final EnumTokens<DataCategory> CATEGORIES = EnumTokens.of(DataCategory.class);

  private static final List<String> COMMON =
      List.of("article", "effective_from", "effective_to", "source", "text");

  /** Parameter keys per kind; kinds not listed take none. */
  private static final Map<DeclarationKind, List<String>> PARAMETERS = Map.ofEntries(
      Map.entry(DeclarationKind.DECLARATION_KIND_R_7_9_B, List.of("types")),
      Map.entry(DeclarationKind.DECLARATION_KIND_R_17, List.of("notified_constituents")),
      Map.entry(DeclarationKind.DECLARATION_KIND_D_7_5_A,
          List.of("mode", "circumstances", "authority")),
      Map.entry(DeclarationKind.DECLARATION_KIND_D_8_4, List.of("fields")),
      Map.entry(DeclarationKind.DECLARATION_KIND_N_8_10, List.of("submitting", "receiving")),
      Map.entry(DeclarationKind.DECLARATION_KIND_D_9_5,
          List.of("format", "channel", "due_days")),
      Map.entry(DeclarationKind.DECLARATION_KIND_D_10_9, List.of("routes")),
      Map.entry(DeclarationKind.DECLARATION_KIND_D_18_2, List.of("territories")),
      Map.entry(DeclarationKind.DECLARATION_KIND_N_6_6, List.of("authority")),
      Map.entry(DeclarationKind.DECLARATION_KIND_N_14_7_C, List.of("authority")),
      Map.entry(DeclarationKind.DECLARATION_KIND_N_14_10_B, List.of("authority")));

  private final String partyCode;
  private final Set<String> authorityIds;
  private final Set<String> constituents;

  DeclarationReader(String partyCode, Set<String> authorityIds, Set<String> constituents) {
    this.partyCode = partyCode;
    this.authorityIds = authorityIds;
    this.constituents = constituents;
  }

  Declaration read(YamlNode node) {
    YamlMap map = YamlMap.lenient(node, "a mapping with article, effective_from and parameters");
    DeclarationKind kind = KINDS.parse(map.required("article", "the article, e.g. 9.1.b"));
    List<String> allowed = new ArrayList<>(COMMON);
    allowed.addAll(PARAMETERS.getOrDefault(kind, List.of()));
    map.allowOnly(allowed, " for article " + KINDS.token(kind));

    Declaration.Builder declaration = Declaration.newBuilder()
        .setKind(kind)
        .setSource(map.optionalText("source", "where the declaration is recorded"))
        .setText(map.optionalText("text", "a summary of its wording"));
    Period.read(map, true, declaration::setEffectiveFrom, declaration::setEffectiveTo);
    switch (kind) {
      case DECLARATION_KIND_R_7_9_B -> declaration.setAccessNumberExclusion(
          AccessNumberExclusion.newBuilder().addAllTypes(texts(map, "types",
              "a list of access-number types")));
      case DECLARATION_KIND_R_17 -> declaration.setFederalClause(federalClause(map));
      case DECLARATION_KIND_D_7_5_A -> declaration.setNotificationRequirement(notification(map));
      case DECLARATION_KIND_D_8_4 -> declaration.setExtraInformationRequirement(extraInfo(map));
      case DECLARATION_KIND_N_8_10 -> declaration.setArt8Authorities(art8Authorities(map));
      case DECLARATION_KIND_D_9_5 -> declaration.setFollowUpRequirement(followUp(map));
      case DECLARATION_KIND_D_10_9 -> declaration.setArt10Channels(channels(map));
      case DECLARATION_KIND_D_18_2 -> declaration.setTerritorialExclusion(
          TerritorialExclusion.newBuilder().addAllTerritories(texts(map, "territories",
              "a list of excluded territories")));
      case DECLARATION_KIND_N_6_6, DECLARATION_KIND_N_14_7_C, DECLARATION_KIND_N_14_10_B ->
          declaration.setAuthorityDesignation(AuthorityDesignation.newBuilder()
              .setAuthorityId(authority(map.required("authority", "an authority id of "
                  + partyCode))));
      default -> {
        // .a, R-8.13, D-7.2.b, D-7.8, D-8.11, D-9.1.b, D-12.3 take no parameters.
      }
    }
    return declaration.build();
  }

  private FederalClause federalClause(YamlMap map) {
    FederalClause.Builder clause = FederalClause.newBuilder();
    for (YamlNode item : map.list("notified_constituents", "a list of ISO 3166-2 codes")) {
      String code = Values.constituentCode(item);
      if (!constituents.contains(code)) {
        throw item.unexpected("a constituent listed under " + partyCode + ".constituents");
      }
      clause.addNotifiedConstituents(code);
    }
    return clause.build();
  }

  private NotificationRequirement notification(YamlMap map) {
    NotificationMode mode = MODES.parse(map.required("mode", "always or in_circumstances"));
    NotificationRequirement.Builder requirement = NotificationRequirement.newBuilder()
        .setMode(mode)
        .setAuthorityId(authority(map.required("authority", "the 7.5.e authority id")));
    if (mode == NotificationMode.NOTIFICATION_MODE_IN_CIRCUMSTANCES) {
      requirement.setCircumstances(map.text("circumstances", "the circumstances in which"
          + " notification is required"));
    } else if (map.has("circumstances")) {
      throw map.required("circumstances", "").error(
          "set with mode always (expected: circumstances only with mode in_circumstances)");
    }
    return requirement.build();
  }

  private static ExtraInformationRequirement extraInfo(YamlMap map) {
    ExtraInformationRequirement.Builder requirement = ExtraInformationRequirement.newBuilder();
    for (YamlNode item : map.required("fields", "a list of required items").list(
        "a list of required items")) {
      YamlMap field = item.map("key", "description", "categories");
      ExtraInformationField.Builder built = ExtraInformationField.newBuilder()
          .setKey(Values.key(field.required("key", Values.KEY)))
          .setDescription(field.text("description", "what must be supplied"));
      for (YamlNode category : field.list("categories", "a list of data categories")) {
        built.addCategories(CATEGORIES.parse(category));
      }
      requirement.addFields(built);
    }
    return requirement.build();
  }

  private Art8Authorities art8Authorities(YamlMap map) {
    Art8Authorities.Builder authorities = Art8Authorities.newBuilder();
    for (YamlNode item : map.list("submitting", "a list of authority ids")) {
      authorities.addSubmittingAuthorityIds(authority(item));
    }
    for (YamlNode item : map.list("receiving", "a list of authority ids")) {
      authorities.addReceivingAuthorityIds(authority(item));
    }
    if (authorities.getSubmittingAuthorityIdsCount() + authorities.getReceivingAuthorityIdsCount()
        == 0) {
      throw map.missing("submitting", "at least one submitting or receiving authority id");
    }
    return authorities.build();
  }

  private static FollowUpRequirement followUp(YamlMap map) {
    FollowUpRequirement.Builder followUp = FollowUpRequirement.newBuilder()
        .setFormat(map.text("format", "the required format"))
        .setChannel(map.text("channel", "the required channel"));
    map.optional("due_days").ifPresent(v -> followUp.setDueDays(Values.nonNegativeInt(v)));
    return followUp.build();
  }

  private static Art10Channels channels(YamlMap map) {
    Art10Channels.Builder channels = Art10Channels.newBuilder();
    for (YamlNode item : map.required("routes", "a list of routes").list("a list of routes")) {
      Art10Route route = ROUTES.parse(item);
      if (route == Art10Route.ART10_ROUTE_CENTRAL_AUTHORITY) {
        throw item.unexpected("a route other than the default central_authority");
      }
      channels.addRoutes(route);
    }
    return channels.build();
  }

  private static List<String> texts(YamlMap map, String key, String expected) {
    List<String> texts = new ArrayList<>();
    for (YamlNode item : map.required(key, expected).list(expected)) {
      texts.add(item.text(expected));
    }
    return texts;
  }

  private String authority(YamlNode node) {
    String id = Values.id(node);
    if (!authorityIds.contains(id)) {
      throw node.unexpected("an authority id of " + partyCode + ": "
          + String.join(", ", authorityIds.stream().sorted().toList()));
    }
    return id;
  }
}

package org.relay247.gateway.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.relay247.protocol.Address;
import org.relay247.protocol.v1.Art10Request;
import org.relay247.protocol.v1.Art10Route;
import org.relay247.protocol.v1.AuthorityRole;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.InnerMessage.BodyCase;
import org.relay247.protocol.v1.MlaTreaty;
import org.relay247.protocol.v1.PartyPair;

/** Art. 10 (emergency mutual assistance): CA reachability (P-10.5), routes (D-10.9), priority, treaty (10.7/10.8). */
final class Art10Rules {
  private Art10Rules() {}

  static String route(Art10Route r) {
    return Words.token(r, "ART10_ROUTE_");
  }

  static Text routeName(Art10Route r) {
    return switch (r) {
      case ART10_ROUTE_DIRECT_JUDICIAL -> Text.of("directly to a judicial authority",
          "directement à une autorité judiciaire");
      case ART10_ROUTE_INTERPOL -> Text.of("through INTERPOL", "par INTERPOL");
      case ART10_ROUTE_POINT_OF_CONTACT -> Text.of("through the 24/7 point of contact", "par le point de contact 24/7");
      default -> Text.of("central authority to central authority", "d'autorité centrale à autorité centrale");
    };
  }

  static List<Art10Route> declaredRoutes(RuleContext c) {
    List<Art10Route> out = new ArrayList<>();
    for (Declaration d : c.directory().declarations(c.recipientParty(), DeclarationKind.DECLARATION_KIND_D_10_9)) {
      out.addAll(d.getArt10Channels().getRoutesList());
    }
    return out;
  }

  /** The route of an Art. 10 request naming a route other than the central authorities' (10.9), else empty. */
  static Optional<Art10Route> otherRoute(RuleContext c) {
    return Bodies.art10(c.message()).map(Art10Request::getRoute)
        .filter(r -> r != Art10Route.ART10_ROUTE_CENTRAL_AUTHORITY && r != Art10Route.ART10_ROUTE_UNSPECIFIED
            && r != Art10Route.UNRECOGNIZED);
  }

  static List<String> centralAuthorities(RuleContext c) {
    return c.directory().centralAuthorities(c.recipientParty(), c.senderParty()).stream().map(Address::toString)
        .toList();
  }

  static String firstOr(List<String> addresses, String fallback) {
    return addresses.isEmpty() ? fallback : Words.either(addresses, "or");
  }

  /** P-10.5: no Art. 10 request without a central authority of the requested Party reachable 24/7. */
  static final class Reachable extends BaseRule {
    Reachable() {
      super("CA_10_5", "10.5", Severity.BLOCK,
          "An Art. 10 request or 10.9 copy to a Party none of whose central authorities (the pair treaty's, else"
              + " those with the central-authority role) is recorded as reachable 24/7, or addressed to a central"
              + " authority that is not",
          "Phone the central authority first; otherwise use Art. 9 through the 24/7 point of contact, or urgent"
              + " mutual assistance");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      BodyCase body = c.message().getBodyCase();
      if (body != BodyCase.ART10_REQUEST && body != BodyCase.CENTRAL_AUTHORITY_COPY) {
        return List.of();
      }
      DirectoryAsOf d = c.directory();
      List<Address> cas = d.centralAuthorities(c.recipientParty(), c.senderParty());
      Text problem;
      if (d.isCentralAuthority(c.recipient(), c.senderParty())) {
        if (d.authority(c.recipient()).map(a -> a.getReachable247()).orElse(false)) {
          return List.of();
        }
        problem = Text.of(c.recipient() + " is not recorded as reachable 24 hours a day, 7 days a week",
            c.recipient() + " n'est pas inscrite comme joignable 24 heures sur 24, 7 jours sur 7");
      } else {
        if (cas.stream().anyMatch(a -> d.authority(a).map(x -> x.getReachable247()).orElse(false))) {
          return List.of();
        }
        problem = Text.of("no central authority of " + c.recipientParty() + " is recorded as reachable 24/7",
            "aucune autorité centrale de " + c.recipientParty() + " n'est inscrite comme joignable 24 h/24, 7 j/7");
      }
      String poc = d.authorities(c.recipientParty(), AuthorityRole.AUTHORITY_ROLE_POINT_OF_CONTACT).stream()
          .map(a -> c.recipientParty() + "/" + a.getId()).findFirst()
          .orElse(c.recipientParty() + "'s point of contact");
      return one(Text.of(
              "Art. 10 requests need a central authority available 24 hours a day, 7 days a week (Art. 10.5); "
                  + problem.en() + ".",
              "Les demandes au titre de l'art. 10 supposent une autorité centrale disponible 24 heures sur 24,"
                  + " 7 jours sur 7 (art. 10.5) ; " + problem.fr() + "."),
          Text.of("Phone " + c.recipientParty() + "'s central authority to confirm someone is on duty before relying"
                  + " on Art. 10; otherwise send an Art. 9 request through " + poc
                  + " or an urgent mutual assistance request.",
              "Téléphonez à l'autorité centrale de " + c.recipientParty() + " pour vérifier qu'une personne est de"
                  + " permanence avant de recourir à l'art. 10 ; à défaut, envoyez une demande au titre de l'art. 9"
                  + " par " + poc + " ou une demande d'entraide urgente."));
    }
  }

  /** D-10.9: routes other than central authority to central authority only where the requested Party declared them. */
  static final class UndeclaredRoute extends BaseRule {
    UndeclaredRoute() {
      super("DECL_10_9", "10.9", Severity.BLOCK,
          "An Art. 10 request whose route is DIRECT_JUDICIAL, INTERPOL or POINT_OF_CONTACT while the requested"
              + " Party has not declared that route under Art. 10.9",
          "Send it to the requested Party's central authority with route CENTRAL_AUTHORITY");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      Optional<Art10Route> other = otherRoute(c).filter(r -> !declaredRoutes(c).contains(r));
      if (other.isEmpty()) {
        return List.of();
      }
      Art10Route route = other.get();
      String party = c.recipientParty();
      String cas = firstOr(centralAuthorities(c), party + "'s central authority");
      return one(Text.of(
              "Party " + party + " has not declared under Art. 10.9 that it accepts Art. 10 requests "
                  + routeName(route).en() + " (route " + route(route) + ").",
              "La Partie " + party + " n'a pas déclaré en vertu de l'art. 10.9 accepter les demandes au titre de"
                  + " l'art. 10 " + routeName(route).fr() + " (route " + route(route) + ")."),
          Text.of("Send it to " + cas + " with route CENTRAL_AUTHORITY.",
              "Envoyez-la à " + cas + " avec la route CENTRAL_AUTHORITY."));
    }
  }

  /** The recipient must be the kind of authority the route names (10.1 central authority, 10.9 others). */
  static final class RouteRecipient extends BaseRule {
    RouteRecipient() {
      super("ROUTE_10_9", "10.9", Severity.BLOCK,
          "An Art. 10 request without a route, or whose recipient is not what its route names: a central"
              + " authority of the requested Party for CENTRAL_AUTHORITY (10.1), a judicial authority for"
              + " DIRECT_JUDICIAL, INTERPOL for INTERPOL, the 24/7 point of contact for POINT_OF_CONTACT",
          "Set route to match the recipient, or address the authority the route names");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      Optional<Art10Request> request = Bodies.art10(c.message());
      if (request.isEmpty()) {
        return List.of();
      }
      Art10Route route = request.get().getRoute();
      DirectoryAsOf d = c.directory();
      String party = c.recipientParty();
      if (route == Art10Route.ART10_ROUTE_UNSPECIFIED || route == Art10Route.UNRECOGNIZED) {
        return one(Text.of("This Art. 10 request does not state its route (field route; Art. 10.1, 10.9).",
                "Cette demande au titre de l'art. 10 n'indique pas sa route (champ route ; art. 10.1, 10.9)."),
            Text.of("Set route: CENTRAL_AUTHORITY, or a route " + party + " declared under Art. 10.9.",
                "Renseignez route : CENTRAL_AUTHORITY, ou une route déclarée par " + party
                    + " en vertu de l'art. 10.9."));
      }
      AuthorityRole role = switch (route) {
        case ART10_ROUTE_DIRECT_JUDICIAL -> AuthorityRole.AUTHORITY_ROLE_JUDICIAL;
        case ART10_ROUTE_INTERPOL -> AuthorityRole.AUTHORITY_ROLE_INTERPOL;
        case ART10_ROUTE_POINT_OF_CONTACT -> AuthorityRole.AUTHORITY_ROLE_POINT_OF_CONTACT;
        default -> AuthorityRole.AUTHORITY_ROLE_CENTRAL_AUTHORITY;
      };
      boolean matches = route == Art10Route.ART10_ROUTE_CENTRAL_AUTHORITY
          ? d.isCentralAuthority(c.recipient(), c.senderParty()) : d.hasRole(c.recipient(), role);
      if (matches) {
        return List.of();
      }
      List<String> fitting = route == Art10Route.ART10_ROUTE_CENTRAL_AUTHORITY ? centralAuthorities(c)
          : d.authorities(party, role).stream().map(a -> party + "/" + a.getId()).toList();
      Text kind = switch (route) {
        case ART10_ROUTE_DIRECT_JUDICIAL -> Text.of("a judicial authority", "une autorité judiciaire");
        case ART10_ROUTE_INTERPOL -> Text.of("an INTERPOL National Central Bureau",
            "un bureau central national INTERPOL");
        case ART10_ROUTE_POINT_OF_CONTACT -> Text.of("the 24/7 point of contact", "le point de contact 24/7");
        default -> Text.of("a central authority", "une autorité centrale");
      };
      String to = fitting.isEmpty() ? "" : Words.either(fitting, "or");
      return one(Text.of(
              "Route " + route(route) + " goes to " + kind.en() + " of " + party + ", and " + c.recipient()
                  + " is not one (Art. " + (role == AuthorityRole.AUTHORITY_ROLE_CENTRAL_AUTHORITY ? "10.1" : "10.9")
                  + ").",
              "La route " + route(route) + " mène à " + kind.fr() + " de " + party + ", ce que " + c.recipient()
                  + " n'est pas (art. " + (role == AuthorityRole.AUTHORITY_ROLE_CENTRAL_AUTHORITY ? "10.1" : "10.9")
                  + ")."),
          to.isEmpty()
              ? Text.of("Set route to the one that matches " + c.recipient() + ".",
                  "Renseignez la route qui correspond à " + c.recipient() + ".")
              : Text.of("Address it to " + to + ", or set route to the one that matches " + c.recipient() + ".",
                  "Adressez-la à " + to + ", ou renseignez la route qui correspond à " + c.recipient() + "."));
    }
  }

  /** D-10.9: a request sent by another route is copied to the requested central authority via the requesting one. */
  static final class CentralAuthorityCopy extends BaseRule {
    CentralAuthorityCopy() {
      super("COPY_10_9", "10.9", Severity.WARN,
          "An Art. 10 request sent by a route the requested Party declared under Art. 10.9 other than"
              + " CENTRAL_AUTHORITY: a simultaneous copy to its central authority is due",
          "Send a central_authority_copy from your central authority to theirs at the same time");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      Optional<Art10Route> other = otherRoute(c).filter(r -> declaredRoutes(c).contains(r));
      if (other.isEmpty()) {
        return List.of();
      }
      Art10Route route = other.get();
      String theirs = firstOr(centralAuthorities(c), c.recipientParty() + "'s central authority");
      List<String> ours = c.directory().centralAuthorities(c.senderParty(), c.recipientParty()).stream()
          .map(Address::toString).toList();
      String mine = firstOr(ours, c.senderParty() + "'s central authority");
      return one(Text.of(
              "Art. 10.9 requires a simultaneous copy of a request sent " + routeName(route).en() + " to "
                  + c.recipientParty() + "'s central authority (" + theirs + "), through your central authority.",
              "L'art. 10.9 exige qu'une copie d'une demande envoyée " + routeName(route).fr()
                  + " soit adressée simultanément à l'autorité centrale de " + c.recipientParty() + " (" + theirs
                  + "), par votre autorité centrale."),
          Text.of("Send a central_authority_copy of this request from " + mine + " to " + theirs + " at the same time.",
              "Envoyez en même temps une central_authority_copy de cette demande de " + mine + " à " + theirs + "."));
    }
  }

  /** Art. 10 is for emergencies: the message travels in the emergency lane. */
  static final class Emergency extends EmergencyOnly {
    Emergency() {
      super("EMERGENCY_10", "10.1",
          "An Art. 10 request whose routing.priority is URGENT or ROUTINE (an unset priority gets EMERGENCY from"
              + " the node)",
          "Send it with priority EMERGENCY, or use urgent mutual assistance (Conv. Art. 25.3) if there is no"
              + " emergency",
          "10",
          Text.of("Send it with priority EMERGENCY; if the risk is not imminent, send an urgent mutual assistance"
                  + " request (Conv. Art. 25.3).",
              "Envoyez-la avec la priorité EMERGENCY ; si le risque n'est pas imminent, envoyez une demande"
                  + " d'entraide urgente (art. 25.3 de la Convention)."));
    }

    @Override
    boolean onChannel(InnerMessage message) {
      return Bodies.art10(message).isPresent();
    }
  }


  /** 10.7 / 10.8: whether an MLA treaty binds the pair decides which rules supplement Art. 10. */
  static final class Treaty extends BaseRule {
    Treaty() {
      super("TREATY_10_8", "10.8", Severity.WARN,
          "An Art. 10 request that names no treaty although the pair has an MLA treaty in force (10.8), or names"
              + " one although the directory records none (10.7)",
          "Name the applicable treaty and give the content it requires, or none where Art. 10.7 applies");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      Optional<Art10Request> request = Bodies.art10(c.message());
      if (request.isEmpty()) {
        return List.of();
      }
      Optional<MlaTreaty> treaty = c.directory().pair(c.senderParty(), c.recipientParty())
          .filter(PartyPair::hasTreaty).map(PartyPair::getTreaty)
          .filter(t -> !t.hasInForceFrom() || !c.at().isBefore(DirectoryAsOf.instant(t.getInForceFrom())));
      boolean named = !Bodies.blank(request.get().getTreaty());
      String pair = c.senderParty() + " and " + c.recipientParty();
      String pairFr = c.senderParty() + " et " + c.recipientParty();
      if (treaty.isPresent() && !named) {
        String name = treaty.get().getName();
        return one(Text.of(
                pair + " are bound by an MLA treaty (" + name + "), which supplements Art. 10 (Art. 10.8); this"
                    + " request names no treaty.",
                pairFr + " sont liées par un traité d'entraide (" + name + "), qui complète l'art. 10 (art. 10.8) ;"
                    + " cette demande n'en cite aucun."),
            Text.of("Name it in treaty and give the content it requires.",
                "Citez-le dans treaty et fournissez le contenu qu'il exige."));
      }
      if (treaty.isEmpty() && named) {
        return one(Text.of(
                "The directory records no MLA treaty in force between " + pair + ", so Art. 10.7 applies"
                    + " (Conv. Art. 27.2.b, 27.3-8, 28.2-4); this request names one.",
                "L'annuaire n'indique aucun traité d'entraide en vigueur entre " + pairFr + ", de sorte que"
                    + " l'art. 10.7 s'applique (art. 27.2.b, 27.3-8 et 28.2-4 de la Convention) ; cette demande en"
                    + " cite un."),
            Text.of("Check the treaty applies between " + pair + "; if not, leave treaty empty.",
                "Vérifiez que le traité s'applique entre " + pairFr + " ; sinon, laissez treaty vide."));
      }
      return List.of();
    }
  }
}

package org.relay247.gateway.rules;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.relay247.protocol.v1.Art9Request;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.DataDescription;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.FollowUpRequirement;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.InnerMessage.BodyCase;

/** Art. 9 (expedited disclosure in an emergency): declarations 9.1.b and 9.5, emergency priority, stored data. */
final class Art9Rules {
  private Art9Rules() {}

  /** Tagged categories, without UNSPECIFIED. */
  static Set<DataCategory> categories(DataDescription data) {
    Set<DataCategory> out = EnumSet.noneOf(DataCategory.class);
    for (DataCategory c : data.getCategoriesList()) {
      if (c != DataCategory.DATA_CATEGORY_UNSPECIFIED && c != DataCategory.UNRECOGNIZED) {
        out.add(c);
      }
    }
    return out;
  }

  /** D-9.1.b: no Art. 9 request for subscriber information only (mixed requests are fine, ER §157). */
  static final class SubscriberOnly extends BaseRule {
    SubscriberOnly() {
      super("DECL_9_1_B", "9.1.b", Severity.BLOCK,
          "An Art. 9 request (or 9.4 confirmation) whose only data category is subscriber information, to a"
              + " Party with a 9.1.b declaration in effect (mixed requests pass, ER §157)",
          "Use Art. 7 or Art. 8, or add the traffic or content data you need");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      Optional<Art9Request> request = Bodies.art9(c.message());
      String party = c.recipientParty();
      if (request.isEmpty() || !c.directory().hasDeclaration(party, DeclarationKind.DECLARATION_KIND_D_9_1_B)) {
        return List.of();
      }
      if (!categories(request.get().getData()).equals(EnumSet.of(DataCategory.DATA_CATEGORY_SUBSCRIBER))) {
        return List.of();
      }
      return one(Text.of(
              "Party " + party + " declared under Art. 9.1.b that it does not execute requests for subscriber"
                  + " information only.",
              "La Partie " + party + " a déclaré en vertu de l'art. 9.1.b qu'elle n'exécute pas les demandes portant"
                  + " uniquement sur des informations relatives aux abonnés."),
          Text.of("Use Art. 7 or Art. 8, or add the traffic or content data you need.",
              "Utilisez l'art. 7 ou l'art. 8, ou ajoutez les données relatives au trafic ou au contenu dont vous"
                  + " avez besoin."));
    }
  }

  /** D-9.5: the requested Party requires a follow-up submission after executing an Art. 9 request. */
  static final class FollowUp extends BaseRule {
    FollowUp() {
      super("DECL_9_5", "9.5", Severity.WARN,
          "An Art. 9 request (or 9.4 confirmation) to a Party with a 9.5 declaration in effect: a follow-up"
              + " submission will be due after execution",
          "Prepare the follow-up in the declared format and channel; it is due once the data arrive");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      String party = c.recipientParty();
      Optional<Declaration> declaration = c.directory().declaration(party, DeclarationKind.DECLARATION_KIND_D_9_5);
      if (Bodies.art9(c.message()).isEmpty() || declaration.isEmpty()) {
        return List.of();
      }
      FollowUpRequirement r = declaration.get().getFollowUpRequirement();
      String format = Bodies.blank(r.getFormat()) ? "" : r.getFormat();
      String channel = Bodies.blank(r.getChannel()) ? "" : r.getChannel();
      StringBuilder en = new StringBuilder();
      StringBuilder fr = new StringBuilder();
      if (!format.isEmpty()) {
        en.append(": ").append(format);
        fr.append(" : ").append(format);
      }
      if (!channel.isEmpty()) {
        en.append(", through ").append(channel);
        fr.append(", par ").append(channel);
      }
      if (r.getDueDays() > 0) {
        en.append(", within ").append(r.getDueDays()).append(" days of receiving the data");
        fr.append(", dans les ").append(r.getDueDays()).append(" jours suivant la réception des données");
      }
      return one(Text.of(
              "Party " + party + " declared under Art. 9.5 that after executing an Art. 9 request it requires the"
                  + " request and supporting information to follow" + en + ".",
              "La Partie " + party + " a déclaré en vertu de l'art. 9.5 qu'après l'exécution d'une demande au titre"
                  + " de l'art. 9 elle exige la transmission de la demande et des informations à l'appui" + fr + "."),
          Text.of("Prepare the follow-up (art9_follow_up) now; send it once the data arrive.",
              "Préparez dès maintenant le suivi (art9_follow_up) ; envoyez-le dès réception des données."));
    }
  }

  /** Art. 9 is for emergencies (Art. 3.2.c): the message travels in the emergency lane. */
  static final class Emergency extends EmergencyOnly {
    Emergency() {
      super("EMERGENCY_9", "9.1.a",
          "An Art. 9 request, 9.4 oral request record or confirmation whose routing.priority is URGENT or ROUTINE"
              + " (an unset priority gets EMERGENCY from the node)",
          "Send it with priority EMERGENCY, or use preservation and Art. 8 or mutual assistance if there is no"
              + " emergency",
          "9",
          Text.of("Send it with priority EMERGENCY; if there is no such risk, request preservation (Conv. Art. 29)"
                  + " then use Art. 8 or mutual assistance.",
              "Envoyez-le avec la priorité EMERGENCY ; en l'absence d'un tel risque, demandez une conservation"
                  + " (art. 29 de la Convention) puis utilisez l'art. 8 ou l'entraide."));
    }

    @Override
    boolean onChannel(InnerMessage message) {
      BodyCase body = message.getBodyCase();
      return body == BodyCase.ART9_REQUEST || body == BodyCase.ART9_CONFIRMATION
          || body == BodyCase.ORAL_REQUEST_RECORD;
    }
  }


  /** Art. 9 covers stored data only, never data to be collected later (ER §155). */
  static final class StoredData extends BaseRule {
    StoredData() {
      super("STORED_DATA_9", "9.1.a", Severity.WARN,
          "An Art. 9 request (or 9.4 confirmation) whose data.period_end is after the date: Art. 9 covers stored"
              + " data only (ER §155)",
          "End the period at the time of the request; seek future data by mutual assistance");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      Optional<Art9Request> request = Bodies.art9(c.message());
      if (request.isEmpty() || !request.get().getData().hasPeriodEnd()) {
        return List.of();
      }
      if (!DirectoryAsOf.instant(request.get().getData().getPeriodEnd()).isAfter(c.at())) {
        return List.of();
      }
      String end = Words.date(request.get().getData().getPeriodEnd());
      String now = Words.date(c.at());
      return one(Text.of(
              "Art. 9 covers stored computer data only, never data to be collected later (ER §155): data.period_end"
                  + " " + end + " is after " + now + ".",
              "L'art. 9 ne vise que des données informatiques stockées, jamais des données à recueillir plus tard"
                  + " (RE §155) : data.period_end " + end + " est postérieur au " + now + "."),
          Text.of("End the period at the time of the request; seek later data by mutual assistance"
                  + " (real-time collection).",
              "Faites finir la période au moment de la demande ; recherchez les données ultérieures par l'entraide"
                  + " (collecte en temps réel)."));
    }
  }
}

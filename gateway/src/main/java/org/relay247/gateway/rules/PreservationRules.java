package org.relay247.gateway.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.relay247.protocol.v1.InnerMessage;

/** Rules on expedited preservation (Convention Art. 29, which the Protocol's Art. 7.4.e and 8.3.b.vii cite). */
final class PreservationRules {
  private PreservationRules() {}

  /** Conv. 29.7: a preservation is for not less than 60 days. */
  static final Duration MINIMUM = Duration.ofDays(60);

  /** Conv. 29.7: a preservation request asking for less than the Convention's minimum period. */
  static final class MinimumPeriod extends BaseRule {
    MinimumPeriod() {
      super("PRES_29_7", "Conv. 29.7", Severity.WARN,
          "A preservation request whose preserve_until is less than 60 days after the date: the Convention"
              + " requires preservation for not less than 60 days",
          "Ask for at least 60 days (the requested Party preserves at least that long anyway) and extend the"
              + " preservation in time, or follow it up before it ends");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      InnerMessage m = c.message();
      if (m.getBodyCase() != InnerMessage.BodyCase.PRESERVATION_REQUEST
          || !m.getPreservationRequest().hasPreserveUntil()) {
        return List.of();
      }
      Instant until = DirectoryAsOf.instant(m.getPreservationRequest().getPreserveUntil());
      if (!until.isBefore(c.at().plus(MINIMUM))) {
        return List.of();
      }
      long days = Math.max(0, Duration.between(c.at(), until).toDays());
      String date = Words.date(m.getPreservationRequest().getPreserveUntil());
      return one(Text.of(
              "The preservation is requested until " + date + ", " + days + " days from now: Art. 29.7 of the"
                  + " Convention requires preservation for not less than 60 days.",
              "La conservation est demandée jusqu'au " + date + ", soit " + days + " jours : l'art. 29.7 de la"
                  + " Convention impose une conservation d'au moins 60 jours."),
          Text.of("Ask for at least 60 days; " + c.recipientParty() + " preserves at least that long anyway. Extend"
                  + " the preservation (PreservationExtension) or send the follow-up request before it ends.",
              "Demandez au moins 60 jours ; " + c.recipientParty() + " conserve de toute façon au moins aussi"
                  + " longtemps. Prolongez la conservation (PreservationExtension) ou envoyez la demande de suite"
                  + " avant son terme."));
    }
  }
}

package org.relay247.gateway.cases;

import java.util.List;
import org.relay247.gateway.rules.DirectoryAsOf;
import org.relay247.protocol.Address;
import org.relay247.protocol.v1.Art10Route;
import org.relay247.protocol.v1.CentralAuthorityCopy;
import org.relay247.protocol.v1.ContactDetails;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/**
 * Art. 10.9: the copy to the requested Party's central authority of an Art. 10 request sent by
 * another route (directly to a judicial authority, through INTERPOL or the 24/7 point of contact),
 * built from the request as sent, from this Party's central authority. Submitted like any reply,
 * it closes the track's CENTRAL_AUTHORITY_COPY_10_9 obligation and stops its timer.
 */
public final class CentralAuthorityCopies {
  private CentralAuthorityCopies() {}

  /**
   * The draft copy of {@code request} (an Art10Request this node sent).
   *
   * @param sender this Party's central authority, or empty for the first the directory lists for the pair
   * @param recipient the requested Party's central authority, or empty for the first listed
   * @throws CaseRuleViolation when the request owes no copy or no central authority is known
   */
  public static InnerMessage draft(InnerMessage request, DirectoryAsOf directory, String sender, String recipient,
      ContactDetails person) {
    String id = request.getRouting().getMessageId();
    if (request.getBodyCase() != InnerMessage.BodyCase.ART10_REQUEST) {
      throw new CaseRuleViolation("request_message_id: " + id + " is a " + request.getBodyCase().name()
          .toLowerCase(java.util.Locale.ROOT) + " (expected: an Art. 10 request this node sent)");
    }
    Art10Route route = request.getArt10Request().getRoute();
    if (route == Art10Route.ART10_ROUTE_CENTRAL_AUTHORITY || route == Art10Route.ART10_ROUTE_UNSPECIFIED) {
      throw new CaseRuleViolation("request " + id + " went by route " + route.name().replaceFirst("^ART10_ROUTE_", "")
          + ": it owes no copy (expected: a request sent directly to a judicial authority, through INTERPOL or the"
          + " 24/7 point of contact, Art. 10.9)");
    }
    Address original = Address.parse(request.getRouting().getRecipient());
    Address self = Address.parse(request.getRouting().getSender());
    String from = sender == null || sender.isBlank()
        ? first(directory.centralAuthorities(self.party().code(), original.party().code()), self.party().code())
        : sender.strip();
    String to = recipient == null || recipient.isBlank()
        ? first(directory.centralAuthorities(original.party().code(), self.party().code()), original.party().code())
        : recipient.strip();
    return InnerMessage.newBuilder()
        .setRouting(Routing.newBuilder().setSender(from).setRecipient(to).setPriority(Priority.PRIORITY_EMERGENCY)
            .setCaseId(request.getRouting().getCaseId()).setReplyToId(id))
        .setSenderContact(person).setLanguage(request.getLanguage())
        .setCentralAuthorityCopy(CentralAuthorityCopy.newBuilder().setOriginalMessageId(id)
            .setOriginalRecipient(original.toString()).setOriginalSentAt(request.getRouting().getCreatedAt())
            .setRequest(request.getArt10Request()))
        .build();
  }

  private static String first(List<Address> cas, String party) {
    if (cas.isEmpty()) {
      throw new CaseRuleViolation("the directory lists no central authority of " + party + " (expected: one with"
          + " role CENTRAL_AUTHORITY, or the pair treaty's; name it explicitly)");
    }
    return cas.get(0).toString();
  }
}

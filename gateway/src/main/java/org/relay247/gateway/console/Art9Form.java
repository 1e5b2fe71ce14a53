package org.relay247.gateway.console;

import com.google.protobuf.util.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.relay247.protocol.v1.Art9Request;
import org.relay247.protocol.v1.AuthorityIdentity;
import org.relay247.protocol.v1.ContactDetails;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.DataDescription;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Offence;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;
import org.relay247.protocol.v1.ServiceProvider;
import org.relay247.protocol.v1.SpecialInstructions;

/**
 * The Art. 9 form (the fields of Art. 9.3, a to h) as a draft: what the rules check while the
 * officer types and what is sent. The sender contact is the signed-in person, never a form field.
 */
final class Art9Form {
  /** Form field names, in the order of Art. 9.3. */
  static final List<String> FIELDS = List.of("recipient", "authority", "offence", "provisions", "penalties",
      "provider", "providerAddress", "facts", "relation", "dataDescription", "identifiers", "instructions", "other",
      "reference");

  private Art9Form() {}

  static InnerMessage draft(Map<String, List<String>> form, ConsoleSession who, Instant now) {
    Art9Request.Builder r = Art9Request.newBuilder()
        .setCompetentAuthority(AuthorityIdentity.newBuilder().setName(v(form, "authority")))
        .setIssuedAt(Timestamps.fromMillis(now.toEpochMilli()))
        .setIssuedUnderProtocol(form.containsKey("underProtocol"))
        .setEmergencyFacts(v(form, "facts"))
        .setRelationToEmergency(v(form, "relation"))
        .setOtherInformation(v(form, "other"))
        .setInvestigationReference(v(form, "reference"));
    if (!v(form, "offence").isEmpty() || !v(form, "provisions").isEmpty() || !v(form, "penalties").isEmpty()) {
      r.addOffences(Offence.newBuilder().setDescription(v(form, "offence")).setLegalProvisions(v(form, "provisions"))
          .setPenalties(v(form, "penalties")));
    }
    if (!v(form, "provider").isEmpty() || !v(form, "providerAddress").isEmpty()) {
      r.addProviders(ServiceProvider.newBuilder().setName(v(form, "provider")).setAddress(v(form, "providerAddress")));
    }
    DataDescription.Builder data = DataDescription.newBuilder().setDescription(v(form, "dataDescription"));
    for (String c : form.getOrDefault("category", List.of())) {
      switch (c) {
        case "subscriber" -> data.addCategories(DataCategory.DATA_CATEGORY_SUBSCRIBER);
        case "traffic" -> data.addCategories(DataCategory.DATA_CATEGORY_TRAFFIC);
        case "content" -> data.addCategories(DataCategory.DATA_CATEGORY_CONTENT);
        default -> throw new IllegalArgumentException("category: \"" + c + "\" (expected: subscriber, traffic or"
            + " content)");
      }
    }
    for (String id : v(form, "identifiers").split("\\R")) {
      if (!id.isBlank()) {
        data.addIdentifiers(id.strip());
      }
    }
    r.setData(data);
    if (form.containsKey("nonDisclosure") || !v(form, "instructions").isEmpty()) {
      r.setSpecialInstructions(SpecialInstructions.newBuilder().setNonDisclosure(form.containsKey("nonDisclosure"))
          .setText(v(form, "instructions")));
    }
    String recipient = v(form, "recipient");
    if (recipient.isEmpty()) {
      throw new IllegalArgumentException("recipient: missing (expected: the requested Party's point of contact,"
          + " e.g. DE/poc)");
    }
    return InnerMessage.newBuilder()
        .setRouting(Routing.newBuilder().setRecipient(recipient).setPriority(Priority.PRIORITY_EMERGENCY))
        .setSenderContact(ContactDetails.newBuilder().setName(who.user().displayName())
            .setTitle("24/7 point of contact"))
        .setLanguage(who.language())
        .setArt9Request(r)
        .build();
  }

  private static String v(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() || values.get(0) == null ? "" : values.get(0).strip();
  }
}

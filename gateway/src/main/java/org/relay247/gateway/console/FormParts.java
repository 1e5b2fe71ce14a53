package org.relay247.gateway.console;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.relay247.protocol.v1.AuthorityIdentity;
import org.relay247.protocol.v1.ContactDetails;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.DataDescription;
import org.relay247.protocol.v1.Offence;
import org.relay247.protocol.v1.ServiceProvider;
import org.relay247.protocol.v1.SpecialInstructions;

/**
 * The fields several request types share (authority, offence, provider, data, instructions, the
 * parts of an order), declared once with their EN/FR labels and read into the protocol one way.
 */
final class FormParts {
  static final List<FormField.Option> CATEGORIES = List.of(
      new FormField.Option("subscriber", "subscriber information", "données relatives aux abonnés"),
      new FormField.Option("traffic", "traffic data", "données relatives au trafic"),
      new FormField.Option("content", "content data", "données de contenu"));

  private FormParts() {}

  /** The fields of {@code groups}, in order. */
  @SafeVarargs
  static List<FormField> join(List<FormField>... groups) {
    List<FormField> all = new ArrayList<>();
    for (List<FormField> g : groups) {
      all.addAll(g);
    }
    return all;
  }

  static FormField authority(String en, String fr) {
    return FormField.text("authority", en, fr);
  }

  static List<FormField> offence() {
    return List.of(FormField.text("offence", "Offence", "Infraction"),
        FormField.text("provisions", "Legal provisions", "Dispositions légales"),
        FormField.text("penalties", "Penalties", "Peines"));
  }

  static FormField summary() {
    return FormField.area("summary", "Summary of the facts", "Résumé des faits");
  }

  static FormField reference() {
    return FormField.text("reference", "Investigation reference", "Référence de l'enquête");
  }

  static FormField facts() {
    return FormField.area("facts", "Facts showing the emergency", "Faits établissant l'urgence");
  }

  static FormField other() {
    return FormField.area("other", "Other information", "Autres informations");
  }

  static List<FormField> provider() {
    return List.of(FormField.text("provider", "Service provider", "Fournisseur de services"),
        FormField.text("providerAddress", "Provider's address", "Adresse du fournisseur"));
  }

  static FormField categories() {
    return FormField.choices("category", "Data categories", "Catégories de données", CATEGORIES);
  }

  static List<FormField> data() {
    return List.of(categories(),
        FormField.area("dataDescription", "Description of the data", "Description des données"),
        FormField.area("identifiers", "Identifiers (one per line)", "Identifiants (un par ligne)"));
  }

  static List<FormField> instructions() {
    return List.of(FormField.check("nonDisclosure", "The provider must not inform the account holder",
        "Le fournisseur ne doit pas informer le titulaire", true),
        FormField.text("instructions", "Other instructions", "Autres instructions"));
  }

  static FormField underProtocol() {
    return FormField.check("underProtocol", "Issued pursuant to the Second Additional Protocol",
        "Émise en application du deuxième Protocole additionnel", true);
  }

  /** The authority to contact for further information on an order (Art. 7.4.c, 8.3.b.vi). */
  static List<FormField> contact() {
    return List.of(FormField.text("contactName", "Authority to contact for further information",
            "Autorité à contacter pour plus d'informations"),
        FormField.text("contactPhone", "Its phone", "Son téléphone"),
        FormField.text("contactEmail", "Its e-mail", "Son courriel"));
  }

  /** The contact typed in the {@link #contact()} fields, or none when they are empty. */
  static java.util.Optional<ContactDetails> contact(FormValues f) {
    if (f.text("contactName").isEmpty() && f.text("contactPhone").isEmpty() && f.text("contactEmail").isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(ContactDetails.newBuilder().setName(f.text("contactName"))
        .setPhone(f.text("contactPhone")).setEmail(f.text("contactEmail")).build());
  }

  /** Who issued an order and under what (Art. 7.3, 8.3.a). */
  static List<FormField> orderIssuer() {
    return List.of(authority("Issuing authority", "Autorité d'émission"), underProtocol(),
        FormField.text("orderReference", "Order reference", "Référence de l'injonction"));
  }

  /** Whom an order addresses, for which offence and which data (Art. 7.3, 8.3.b). */
  static List<FormField> orderTarget() {
    return join(provider(), List.of(FormField.text("orderOffence", "Offence (as the order names it)",
        "Infraction (telle que nommée)")), data());
  }

  /** The domestic legal basis and the offence, as the information beside an order gives them (7.4, 8.4). */
  static List<FormField> legalBasis() {
    return join(List.of(FormField.text("legalBasis", "Domestic legal basis", "Base juridique nationale")), offence());
  }

  static AuthorityIdentity authority(FormValues f) {
    return AuthorityIdentity.newBuilder().setName(f.text("authority")).build();
  }

  /** The offence typed, or none when its fields are empty. */
  static List<Offence> offences(FormValues f) {
    if (f.text("offence").isEmpty() && f.text("provisions").isEmpty() && f.text("penalties").isEmpty()) {
      return List.of();
    }
    return List.of(Offence.newBuilder().setDescription(f.text("offence")).setLegalProvisions(f.text("provisions"))
        .setPenalties(f.text("penalties")).build());
  }

  /** The provider typed (of {@code party}), or none when its fields are empty. */
  static List<ServiceProvider> providers(FormValues f, String party) {
    if (f.text("provider").isEmpty() && f.text("providerAddress").isEmpty()) {
      return List.of();
    }
    return List.of(ServiceProvider.newBuilder().setName(f.text("provider")).setAddress(f.text("providerAddress"))
        .setParty(party).build());
  }

  static DataDescription data(FormValues f) {
    DataDescription.Builder data = DataDescription.newBuilder().setDescription(f.text("dataDescription"));
    for (String c : f.all("category")) {
      if (!FormField.Option.values(CATEGORIES).contains(c)) {
        throw new Refusal("category: \"" + c + "\" (expected: subscriber, traffic or content)",
            "catégorie : « " + c + " » (attendu : subscriber, traffic ou content)");
      }
      data.addCategories(DataCategory.valueOf("DATA_CATEGORY_" + c.toUpperCase(Locale.ROOT)));
    }
    data.addAllIdentifiers(f.lines("identifiers"));
    return data.build();
  }

  static boolean hasInstructions(FormValues f) {
    return f.checked("nonDisclosure") || !f.text("instructions").isEmpty();
  }

  static SpecialInstructions instructions(FormValues f) {
    return SpecialInstructions.newBuilder().setNonDisclosure(f.checked("nonDisclosure"))
        .setText(f.text("instructions")).build();
  }

  /** The Party code of the recipient field (XX/authority), for the provider's Party. */
  static String party(FormValues f) {
    String r = f.text("recipient");
    int slash = r.indexOf('/');
    return slash > 0 ? r.substring(0, slash) : "";
  }

  /**
   * What an Art. 7 order and an Art. 8 order part share (7.3, 8.3.a and b), read from the fields
   * of {@link #orderIssuer()} and {@link #orderTarget()}; each form sets them on its own message.
   */
  record Order(AuthorityIdentity issuer, Timestamp issuedAt, boolean underProtocol, DataDescription data,
      String reference, List<String> offences, List<ServiceProvider> providers) {
    static Order of(FormValues f, Instant now) {
      return new Order(authority(f), Timestamps.fromMillis(now.toEpochMilli()), f.checked("underProtocol"),
          FormParts.data(f), f.text("orderReference"),
          f.text("orderOffence").isEmpty() ? List.of() : List.of(f.text("orderOffence")),
          FormParts.providers(f, party(f)));
    }
  }
}

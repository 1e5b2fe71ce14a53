package org.relay247.gateway.console;

import java.util.List;
import java.util.Locale;
import org.relay247.protocol.v1.AuthorityIdentity;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.DataDescription;
import org.relay247.protocol.v1.Offence;
import org.relay247.protocol.v1.ServiceProvider;
import org.relay247.protocol.v1.SpecialInstructions;

/** The fields several request types share (offence, provider, data, instructions), built one way. */
final class FormParts {
  static final List<String> CATEGORIES = List.of("subscriber", "traffic", "content");

  private FormParts() {}

  static FormField authority(String en, String fr) {
    return FormField.text("authority", en, fr);
  }

  static List<FormField> offence() {
    return List.of(FormField.text("offence", "Offence", "Infraction"),
        FormField.text("provisions", "Legal provisions", "Dispositions légales"),
        FormField.text("penalties", "Penalties", "Peines"));
  }

  static List<FormField> provider() {
    return List.of(FormField.text("provider", "Service provider", "Fournisseur de services"),
        FormField.text("providerAddress", "Provider's address", "Adresse du fournisseur"));
  }

  static List<FormField> data() {
    return List.of(FormField.choices("category", "Data categories", "Catégories de données", CATEGORIES),
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

  static AuthorityIdentity authority(FormValues f) {
    return AuthorityIdentity.newBuilder().setName(f.text("authority")).build();
  }

  static boolean hasOffence(FormValues f) {
    return !f.text("offence").isEmpty() || !f.text("provisions").isEmpty() || !f.text("penalties").isEmpty();
  }

  static Offence offence(FormValues f) {
    return Offence.newBuilder().setDescription(f.text("offence")).setLegalProvisions(f.text("provisions"))
        .setPenalties(f.text("penalties")).build();
  }

  static boolean hasProvider(FormValues f) {
    return !f.text("provider").isEmpty() || !f.text("providerAddress").isEmpty();
  }

  static ServiceProvider provider(FormValues f, String party) {
    return ServiceProvider.newBuilder().setName(f.text("provider")).setAddress(f.text("providerAddress"))
        .setParty(party).build();
  }

  static DataDescription data(FormValues f) {
    DataDescription.Builder data = DataDescription.newBuilder().setDescription(f.text("dataDescription"));
    for (String c : f.all("category")) {
      if (!CATEGORIES.contains(c)) {
        throw new IllegalArgumentException("category: \"" + c + "\" (expected: subscriber, traffic or content)");
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
}

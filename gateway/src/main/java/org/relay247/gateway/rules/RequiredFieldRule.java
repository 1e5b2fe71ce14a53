package org.relay247.gateway.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.relay247.protocol.v1.InnerMessage;

/**
 * A required-field rule: a body type, the paragraph that requires some content, and the check
 * that lists the missing fields (paths relative to the body, as in the .proto, e.g.
 * {@code competent_authority.name}).
 *
 * @param <B> the part of the message the paragraph is about, e.g. Art9Request
 */
final class RequiredFieldRule<B> extends BaseRule {

  /** Where the part is in a message, and how the docs name it. */
  record Part<B>(String noun, Function<InnerMessage, Optional<B>> get, Function<InnerMessage, String> prefix) {}

  /** Collects missing field paths. */
  static final class Missing {
    private final String prefix;
    private final List<String> fields = new ArrayList<>();

    Missing(String prefix) {
      this.prefix = prefix;
    }

    Missing text(String path, String value) {
      if (Bodies.blank(value)) {
        fields.add(prefix + path);
      }
      return this;
    }

    Missing present(String path, boolean present) {
      if (!present) {
        fields.add(prefix + path);
      }
      return this;
    }

    Missing isTrue(String path, boolean value) {
      if (!value) {
        fields.add(prefix + path + " (must be true)");
      }
      return this;
    }

    Missing nonEmpty(String path, List<?> values) {
      if (values.isEmpty()) {
        fields.add(prefix + path);
      }
      return this;
    }

    /** Checks each element of a list with {@code each}, paths {@code path[i].field}. */
    <T> Missing each(String path, List<T> values, BiConsumer<Missing, T> each) {
      for (int i = 0; i < values.size(); i++) {
        Missing inner = new Missing(prefix + path + "[" + i + "].");
        each.accept(inner, values.get(i));
        fields.addAll(inner.fields);
      }
      return this;
    }

    List<String> fields() {
      return fields;
    }
  }

  private final Part<B> part;
  private final Text requirement;
  private final BiConsumer<Missing, B> check;

  RequiredFieldRule(String code, String article, Severity severity, Part<B> part, Text requirement, String fields,
      BiConsumer<Missing, B> check) {
    super(code, article, severity,
        part.noun() + " without " + requirement.en() + " (" + fields + ")",
        "Add " + requirement.en());
    this.part = part;
    this.requirement = requirement;
    this.check = check;
  }

  @Override
  public List<Finding> evaluate(RuleContext c) {
    Optional<B> body = part.get().apply(c.message());
    if (body.isEmpty()) {
      return List.of();
    }
    Missing missing = new Missing(part.prefix().apply(c.message()));
    check.accept(missing, body.get());
    if (missing.fields().isEmpty()) {
      return List.of();
    }
    String en = Words.list(missing.fields());
    String fr = en.replace("(must be true)", "(doit valoir true)");
    Text label = Bodies.label(c.message());
    boolean block = severity() == Severity.BLOCK;
    return one(Text.of(
            "Art. " + article() + (block ? " requires " : " asks for ") + requirement.en() + "; " + label.en()
                + " lacks: " + en + ".",
            "L'art. " + article() + (block ? " exige " : " prévoit ") + requirement.fr() + " ; " + label.fr()
                + " ne comporte pas : " + fr + "."),
        Text.of("Add " + requirement.en() + ".", "Ajoutez " + requirement.fr() + "."));
  }
}

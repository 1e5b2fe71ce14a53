package org.relay247.gateway.rules;

import java.util.List;
import java.util.Objects;

/** The descriptive part every rule shares, and the way it makes findings. */
abstract class BaseRule implements Rule {
  private final String code;
  private final String article;
  private final Severity severity;
  private final String condition;
  private final String advice;

  BaseRule(String code, String article, Severity severity, String condition, String advice) {
    this.code = Objects.requireNonNull(code, "code");
    this.article = Objects.requireNonNull(article, "article");
    this.severity = Objects.requireNonNull(severity, "severity");
    this.condition = Objects.requireNonNull(condition, "condition");
    this.advice = Objects.requireNonNull(advice, "advice");
  }

  @Override
  public final String code() {
    return code;
  }

  @Override
  public final String article() {
    return article;
  }

  @Override
  public final Severity severity() {
    return severity;
  }

  @Override
  public final String condition() {
    return condition;
  }

  @Override
  public final String advice() {
    return advice;
  }

  final Finding finding(Text explanation, Text advice) {
    return new Finding(severity, code, article, explanation, advice);
  }

  final List<Finding> one(Text explanation, Text advice) {
    return List.of(finding(explanation, advice));
  }

  @Override
  public String toString() {
    return code + " (Art. " + article + ")";
  }
}

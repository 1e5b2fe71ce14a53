package org.relay247.pki.cli;

import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.PartyCode;
import org.relay247.pki.RevocationReason;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters: a bad value becomes a usage error (exit 2) naming what is expected. The
 * Party converter is shared by the commands of the modules above.
 */
public final class Converters {
  private Converters() {}

  /** An ISO 3166 code, any case. */
  public static final class Party implements ITypeConverter<PartyCode> {
    @Override
    public PartyCode convert(String value) {
      try {
        return PartyCode.of(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A node key purpose: tls, sign or enc. */
  static final class NodePurpose implements ITypeConverter<CertificatePurpose> {
    @Override
    public CertificatePurpose convert(String value) {
      CertificatePurpose p = new AnyPurpose().convert(value);
      if (!p.isPartyBound()) {
        throw new TypeConversionException("\"" + value + "\" (expected: tls, sign or enc)");
      }
      return p;
    }
  }

  static final class AnyPurpose implements ITypeConverter<CertificatePurpose> {
    @Override
    public CertificatePurpose convert(String value) {
      try {
        return CertificatePurpose.fromLabel(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class Reason implements ITypeConverter<RevocationReason> {
    @Override
    public RevocationReason convert(String value) {
      try {
        return RevocationReason.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}

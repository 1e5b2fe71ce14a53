package org.relay247.protocol.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Timestamps;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.CertificateValidationException;
import org.relay247.pki.CertificateValidator;
import org.relay247.pki.ValidatedCertificate;
import org.relay247.protocol.Address;
import org.relay247.protocol.seal.CmsException;
import org.relay247.protocol.seal.DirectoryVerificationException;
import org.relay247.protocol.seal.DirectoryVerifier;
import org.relay247.protocol.seal.ReceiptVerificationException;
import org.relay247.protocol.seal.ListedCertificates;
import org.relay247.protocol.seal.ReceiptVerifier;
import org.relay247.protocol.seal.SignedContent;
import org.relay247.protocol.seal.SignedDataCodec;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.EvidenceItem;
import org.relay247.protocol.v1.EvidenceManifest;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Party;
import org.relay247.protocol.v1.Receipt;
import org.relay247.protocol.v1.ReceiptStatus;
import org.relay247.protocol.v1.Routing;

/**
 * Works out what a signed file is and whether it holds: CMS SignedData whose content is an
 * {@link InnerMessage} (a receipt, an evidence manifest, or any other body) must be signed by a
 * signing certificate of the sender's Party; one whose content is a {@link Directory} must be
 * signed by the network's directory signer ({@link DirectoryVerifier}). The verdict is one line
 * for the operator: what it is, who signed it, when, and its key facts.
 */
final class SignedFileVerifier {
  /** What a signed file turned out to be. */
  enum Kind { RECEIPT, EVIDENCE_MANIFEST, MESSAGE, DIRECTORY, UNKNOWN }

  /** The outcome: valid or not, and the line to print ({@code VALID ...} or {@code INVALID REASON: ...}). */
  record Verdict(Kind kind, boolean valid, String line) {
    static Verdict invalid(Kind kind, String reason, String detail) {
      return new Verdict(kind, false, "INVALID " + reason + ": " + detail);
    }
  }

  private final CertificateValidator validator;
  private final ListedCertificates listed;

  SignedFileVerifier(CertificateValidator validator, ListedCertificates listed) {
    this.validator = Objects.requireNonNull(validator, "validator");
    this.listed = Objects.requireNonNull(listed, "listed");
  }

  Verdict verify(byte[] file) {
    byte[] der = derOf(file);
    SignedContent signed;
    try {
      signed = SignedDataCodec.verify(der);
    } catch (CmsException e) {
      if (e.kind() == CmsException.Kind.MALFORMED && isEnvelope(der)) {
        return Verdict.invalid(Kind.UNKNOWN, "MALFORMED", "this is a sealed envelope, not a signed file:"
            + " open it with 'relay247 envelope open --as XX --in FILE'");
      }
      return Verdict.invalid(Kind.UNKNOWN,
          e.kind() == CmsException.Kind.SIGNATURE_INVALID ? "SIGNATURE_INVALID" : "MALFORMED", e.getMessage());
    }
    Optional<InnerMessage> inner = innerMessage(signed.content());
    if (inner.isPresent()) {
      return verifyMessage(signed, inner.get());
    }
    Optional<Directory> directory = directory(signed.content());
    if (directory.isPresent()) {
      return verifyDirectory(der, signed);
    }
    return Verdict.invalid(Kind.UNKNOWN, "MALFORMED",
        "the signed content is neither an InnerMessage with a body nor a Directory");
  }

  /**
   * For a receipt already found valid: does it answer {@code sent} (message id, addresses, and
   * the SHA-256 of the envelope bytes as sent)?
   */
  Verdict checkAnswers(byte[] file, EnvelopeFiles.Read sent, Verdict receipt) {
    try {
      new ReceiptVerifier(validator, listed).verify(derOf(file), sent.envelope().getRouting(), sent.bytes());
    } catch (ReceiptVerificationException e) {
      return Verdict.invalid(Kind.RECEIPT, "NOT_FOR_THIS_ENVELOPE", e.getMessage());
    }
    return new Verdict(Kind.RECEIPT, true, receipt.line() + "; it answers envelope "
        + sent.envelope().getRouting().getMessageId() + " (SHA-256 of the envelope bytes matches)");
  }

  private Verdict verifyMessage(SignedContent signed, InnerMessage inner) {
    Kind kind = switch (inner.getBodyCase()) {
      case RECEIPT -> Kind.RECEIPT;
      case EVIDENCE_MANIFEST -> Kind.EVIDENCE_MANIFEST;
      default -> Kind.MESSAGE;
    };
    Routing routing = inner.getRouting();
    Address sender;
    try {
      sender = Address.parse(routing.getSender());
    } catch (IllegalArgumentException e) {
      return Verdict.invalid(kind, "MALFORMED", "routing.sender: " + e.getMessage());
    }
    ValidatedCertificate signer;
    try {
      signer = validator.validate(signed.signerChain(), CertificatePurpose.SIGN);
    } catch (CertificateValidationException e) {
      return Verdict.invalid(kind, signerReason(e), "signer certificate: " + e.getMessage());
    }
    if (!signer.party().orElseThrow().equals(sender.party())) {
      return Verdict.invalid(kind, "SIGNER_NOT_SENDER", "signed by a node of " + signer.party().get()
          + " but sent as " + sender);
    }
    String signature = "; signed by " + Describe.signer(signer) + " at " + signed.signingTime();
    String parties = " from " + routing.getSender() + " to " + routing.getRecipient();
    return new Verdict(kind, true, "VALID " + switch (kind) {
      case RECEIPT -> "receipt" + parties + ": " + receiptFacts(inner.getReceipt());
      case EVIDENCE_MANIFEST -> "evidence manifest " + routing.getMessageId() + parties + ": "
          + manifestFacts(inner.getEvidenceManifest());
      default -> "signed message " + routing.getMessageId() + " (" + Describe.body(inner) + ")" + parties;
    } + signature);
  }

  private Verdict verifyDirectory(byte[] der, SignedContent signed) {
    ValidatedCertificate signer;
    try {
      signer = validator.validate(signed.signerChain(), CertificatePurpose.DIRECTORY);
    } catch (CertificateValidationException e) {
      return Verdict.invalid(Kind.DIRECTORY, signerReason(e), "directory signer: " + e.getMessage());
    }
    Directory directory;
    try {
      directory = new DirectoryVerifier(validator).verify(der, 0);
    } catch (DirectoryVerificationException e) {
      return Verdict.invalid(Kind.DIRECTORY, "MALFORMED", e.getMessage());
    }
    return new Verdict(Kind.DIRECTORY, true, "VALID directory version " + directory.getVersion() + " issued "
        + Timestamps.toString(directory.getIssuedAt())
        + (directory.getIssuer().isEmpty() ? "" : " by \"" + directory.getIssuer() + "\"") + ": "
        + directory.getPartiesCount() + " Parties ("
        + String.join(", ", directory.getPartiesList().stream().map(Party::getCode).toList()) + "), "
        + directory.getPairsCount() + " pairs; signed by " + Describe.signer(signer) + " at " + signed.signingTime());
  }

  private static String receiptFacts(Receipt receipt) {
    String status = receipt.getStatus().name().replaceFirst("^RECEIPT_STATUS_", "");
    String facts = status + " envelope " + receipt.getMessageId() + " (SHA-256 "
        + HexFormat.of().formatHex(receipt.getEnvelopeSha256().toByteArray()) + ")";
    if (receipt.getStatus() == ReceiptStatus.RECEIPT_STATUS_REJECTED) {
      facts += " with " + Describe.reason(receipt.getReason())
          + (receipt.getArticle().isEmpty() ? "" : " (Art. " + receipt.getArticle() + ")")
          + (receipt.getDetail().isEmpty() ? "" : ": " + receipt.getDetail());
    }
    if (receipt.hasReceivedAt()) {
      facts += ", received " + Timestamps.toString(receipt.getReceivedAt());
    }
    return facts;
  }

  private static String manifestFacts(EvidenceManifest manifest) {
    long bytes = manifest.getItemsList().stream().mapToLong(EvidenceItem::getSizeBytes).sum();
    return manifest.getItemsCount() + " items, " + bytes + " bytes, answering request "
        + manifest.getRequestMessageId() + " ("
        + manifest.getCopyKind().name().replaceFirst("^COPY_KIND_", "").toLowerCase(Locale.ROOT) + " copy)";
  }

  /** The same codes as a rejection receipt would carry (see EnvelopeOpener). */
  private static String signerReason(CertificateValidationException e) {
    return switch (e.reason()) {
      case REVOKED -> "SIGNER_CERTIFICATE_REVOKED";
      case WRONG_PURPOSE -> "SIGNER_CERTIFICATE_WRONG_PURPOSE";
      case EXPIRED, NOT_YET_VALID -> "SIGNER_CERTIFICATE_EXPIRED";
      default -> "SIGNER_CERTIFICATE_UNTRUSTED";
    };
  }

  /** A body is what tells a signed InnerMessage from a Directory: Directory has no fields >= 10. */
  private static Optional<InnerMessage> innerMessage(byte[] content) {
    try {
      InnerMessage inner = InnerMessage.parseFrom(content);
      return inner.getBodyCase() == InnerMessage.BodyCase.BODY_NOT_SET ? Optional.empty() : Optional.of(inner);
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  private static Optional<Directory> directory(byte[] content) {
    try {
      Directory directory = Directory.parseFrom(content);
      return directory.getVersion() == 0 ? Optional.empty() : Optional.of(directory);
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  private static boolean isEnvelope(byte[] bytes) {
    try {
      Envelope envelope = Envelope.parseFrom(bytes);
      return envelope.hasRouting() && !envelope.getRouting().getMessageId().isEmpty()
          && !envelope.getSealed().isEmpty();
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
  }

  /** DER as is; PEM ({@code -----BEGIN CMS-----}, as {@code openssl cms -outform PEM} writes) decoded. */
  private static byte[] derOf(byte[] file) {
    String head = new String(file, 0, Math.min(file.length, 11), StandardCharsets.US_ASCII);
    if (!head.equals("-----BEGIN ")) {
      return file;
    }
    String text = new String(file, StandardCharsets.US_ASCII);
    String body = text.replaceAll("-----(BEGIN|END) [A-Z0-9 ]+-----", "").replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      return file;  // not PEM after all: the CMS parser will say so
    }
  }
}

package org.relay247.protocol.seal;

import static org.relay247.protocol.seal.CmsException.Kind.MALFORMED;
import static org.relay247.protocol.seal.CmsException.Kind.SIGNATURE_INVALID;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.Hashtable;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Selector;
import org.relay247.pki.Crypto;

/**
 * CMS SignedData (RFC 5652) with encapsulated content, one signer, ECDSA with SHA-256, and the
 * signed attributes content-type, message-digest and signing-time. The signer's chain travels in
 * the certificates field. {@code openssl cms -verify} reads the output.
 */
public final class SignedDataCodec {
  // Built once: both are immutable after construction, and the verifier builder's constructor
  // fills BouncyCastle's algorithm-name tables (about 2 % of a node's CPU when built per message).
  private static final DigestCalculatorProvider DIGESTS = digests();
  private static final JcaSignerInfoVerifierBuilder VERIFIERS =
      new JcaSignerInfoVerifierBuilder(DIGESTS).setProvider(Crypto.ecdsaProvider());

  private SignedDataCodec() {}

  private static DigestCalculatorProvider digests() {
    try {
      return new JcaDigestCalculatorProviderBuilder().build();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("SHA-256 unavailable: " + e.getMessage(), e);
    }
  }

  /** Signs {@code content} with the given signing time (from the caller's clock). */
  public static byte[] sign(byte[] content, SigningKey key, Instant signingTime) {
    try {
      Hashtable<org.bouncycastle.asn1.ASN1ObjectIdentifier, Attribute> attrs = new Hashtable<>();
      attrs.put(CMSAttributes.signingTime, new Attribute(CMSAttributes.signingTime,
          new DERSet(new Time(Date.from(signingTime)))));
      CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
      gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(DIGESTS)
          .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attrs)))
          .build(new JcaContentSignerBuilder(Crypto.SIGNATURE_ALGORITHM).setProvider(Crypto.ecdsaProvider())
              .build(key.privateKey()), key.certificate()));
      gen.addCertificates(new JcaCertStore(key.chain()));
      return gen.generate(new CMSProcessableByteArray(content), true).getEncoded(ASN1Encoding.DER);
    } catch (Exception e) {
      throw new IllegalStateException("CMS signing failed: " + e.getMessage(), e);
    }
  }

  /**
   * Checks the one signature of a SignedData against the certificate it names, and returns the
   * signed bytes exactly as carried. Does not validate the certificate (see {@link SignedContent}).
   */
  public static SignedContent verify(byte[] signedData) throws CmsException {
    CMSSignedData cms;
    try {
      cms = new CMSSignedData(ContentInfos.requireDer(signedData, CMSObjectIdentifiers.signedData, "SignedData"));
    } catch (CmsException e) {
      throw e;
    } catch (Exception e) {
      throw new CmsException(MALFORMED, "not a CMS SignedData structure: " + e.getMessage(), e);
    }
    if (cms.getSignedContent() == null) {
      throw new CmsException(MALFORMED, "SignedData carries no encapsulated content (detached signatures are not accepted)");
    }
    SignerInformation signer;
    Collection<X509CertificateHolder> matches;
    try {  // BouncyCastle parses signer infos and certificates lazily, failing with runtime exceptions
      Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
      if (signers.size() != 1) {
        throw new CmsException(MALFORMED, "SignedData has " + signers.size() + " signers (expected: exactly 1)");
      }
      signer = signers.iterator().next();
      @SuppressWarnings("unchecked")
      Selector<X509CertificateHolder> sid = (Selector<X509CertificateHolder>) (Selector<?>) signer.getSID();
      matches = cms.getCertificates().getMatches(sid);
    } catch (RuntimeException e) {
      throw new CmsException(MALFORMED, "unreadable signer info or certificate in SignedData: " + e.getMessage(), e);
    }
    if (matches.isEmpty()) {
      throw new CmsException(MALFORMED, "SignedData does not carry the signer's certificate");
    }
    X509CertificateHolder signerHolder = matches.iterator().next();
    X509Certificate signerCert = toX509(signerHolder);
    try {
      // Digests by the JDK (SHA-256 intrinsics, ~8x BouncyCastle's here), ECDSA by BouncyCastle
      // with the signer's key as a BouncyCastle key (the certificate is the JDK's: see EcKeys).
      if (!signer.verify(VERIFIERS.build(signerCert))) {
        throw new CmsException(SIGNATURE_INVALID, "signature does not verify with the signer's certificate");
      }
    } catch (CmsException e) {
      throw e;
    } catch (Exception e) {
      throw new CmsException(SIGNATURE_INVALID, "signature does not verify: " + e.getMessage(), e);
    }
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(signerCert);
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> all = cms.getCertificates().getMatches(null);
    for (X509CertificateHolder holder : all) {
      if (!holder.equals(signerHolder)) {
        chain.add(toX509(holder));
      }
    }
    return new SignedContent((byte[]) cms.getSignedContent().getContent(), chain, signingTime(signer));
  }

  private static Instant signingTime(SignerInformation signer) throws CmsException {
    AttributeTable signed = signer.getSignedAttributes();
    Attribute attr = signed == null ? null : signed.get(CMSAttributes.signingTime);
    if (attr == null || attr.getAttrValues().size() != 1) {
      throw new CmsException(MALFORMED, "signature has no signing-time attribute");
    }
    ASN1Encodable value = attr.getAttrValues().getObjectAt(0);
    try {
      return Time.getInstance(value).getDate().toInstant();
    } catch (RuntimeException e) {
      throw new CmsException(MALFORMED, "unreadable signing-time attribute", e);
    }
  }

  private static X509Certificate toX509(X509CertificateHolder holder) throws CmsException {
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw new CmsException(MALFORMED, "unreadable certificate in SignedData", e);
    }
  }
}

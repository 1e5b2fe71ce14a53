package org.relay247.protocol.seal;

import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;

/**
 * Strict reading of CMS ContentInfo: the declared content type must be the expected one, and the
 * bytes must be canonical DER. BouncyCastle ignores the outer content type and accepts BER, so
 * without this a flipped bit in the OID or a re-encoded length would still open: envelopes must
 * have exactly one valid encoding.
 */
final class ContentInfos {
  private ContentInfos() {}

  static ContentInfo requireDer(byte[] bytes, ASN1ObjectIdentifier expectedType, String what) throws CmsException {
    ContentInfo info;
    try {
      info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(bytes));
      if (!Arrays.equals(info.getEncoded(ASN1Encoding.DER), bytes)) {
        throw new CmsException(CmsException.Kind.MALFORMED, what + " is not canonical DER");
      }
    } catch (IOException | RuntimeException e) {
      throw new CmsException(CmsException.Kind.MALFORMED, what + " is not a CMS ContentInfo: " + e.getMessage(), e);
    }
    if (!expectedType.equals(info.getContentType())) {
      throw new CmsException(CmsException.Kind.MALFORMED, what + " declares content type "
          + info.getContentType() + " (expected: " + expectedType + ")");
    }
    return info;
  }

  static byte[] toDer(ContentInfo info) {
    return der(info);
  }

  static byte[] der(org.bouncycastle.asn1.ASN1Object object) {
    try {
      return object.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding failed", e);
    }
  }
}

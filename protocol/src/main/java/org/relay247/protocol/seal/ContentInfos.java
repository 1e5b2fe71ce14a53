package org.relay247.protocol.seal;

import java.io.IOException;
import java.io.OutputStream;
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
      if (!isEncodingOf(info, bytes)) {
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

  /**
   * Whether the DER encoding of {@code info} is exactly {@code bytes}, compared while it is written:
   * no second copy of a content that may be a MiB of evidence.
   */
  private static boolean isEncodingOf(ContentInfo info, byte[] bytes) throws IOException {
    ComparingStream compared = new ComparingStream(bytes);
    info.encodeTo(compared, ASN1Encoding.DER);
    return compared.matches();
  }

  /** An output stream that only checks that what is written is {@code expected}, in full. */
  private static final class ComparingStream extends OutputStream {
    private final byte[] expected;
    private int position;
    private boolean differs;

    ComparingStream(byte[] expected) {
      this.expected = expected;
    }

    @Override
    public void write(int b) {
      differs |= position >= expected.length || expected[position] != (byte) b;
      position++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      differs |= len > expected.length - position
          || Arrays.mismatch(b, off, off + len, expected, position, position + len) >= 0;
      position += len;
    }

    boolean matches() {
      return !differs && position == expected.length;
    }
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

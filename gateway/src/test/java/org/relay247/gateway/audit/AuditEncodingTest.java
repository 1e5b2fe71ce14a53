package org.relay247.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The canonical encoding, pinned: the expected values were computed independently from the
 * specification in docs/audit.md (a few lines of Python), so the code, the docs and any offline
 * verifier agree.
 */
class AuditEncodingTest {
  static final String CASE = "019ab54e-5100-7196-8869-e56daca792d2";
  static final String MESSAGE = "019ab54e-52c2-7193-be88-8aeddbf52dd7";

  @Test
  void knownAnswer_firstEntry() {
    byte[] encoding = AuditEncoding.encode(1, 1_700_000_000_000L, "duty officer", "MESSAGE_RECEIVED", CASE, MESSAGE,
        "", AuditHash.GENESIS);
    assertThat(HexFormat.of().formatHex(encoding)).isEqualTo("0000001172656c61793234372e61756469742e7631"
        + "00000008" + "0000000000000001"
        + "00000008" + "0000018bcfe56800"
        + "0000000c" + "64757479206f666669636572"
        + "00000010" + "4d4553534147455f5245434549564544"
        + "00000024" + "30313961623534652d353130302d373139362d383836392d653536646163613739326432"
        + "00000024" + "30313961623534652d353263322d373139332d626538382d386165646462663532646437"
        + "00000000"
        + "00000020" + "0000000000000000000000000000000000000000000000000000000000000000");
    assertThat(AuditEncoding.hash(1, 1_700_000_000_000L, "duty officer", "MESSAGE_RECEIVED", CASE, MESSAGE, "",
        AuditHash.GENESIS).hex()).isEqualTo("32c19ce2eef609e240e93b2ccdd3395b751e087aebb933b0b17a69d2ce9d0501");
  }

  @Test
  void knownAnswer_chainedEntry_withAbsentMessageAndNonAsciiDetails() {
    AuditHash first = AuditHash.parse("32c19ce2eef609e240e93b2ccdd3395b751e087aebb933b0b17a69d2ce9d0501");
    assertThat(AuditEncoding.hash(2, 1_700_000_000_001L, "node", "CASE_PURGED", CASE, null, "retention 2y; été ✓",
        first).hex()).isEqualTo("d0da3673f1636b3fe5c915f32e12d7c910dd9d0e3d10b22c8c225cbd3a180836");
  }

  @Test
  void encoding_isUnambiguous_fieldBoundariesAndNullVersusEmpty() {
    Set<String> hashes = new HashSet<>();
    for (List<String> fields : List.of(
        List.of("ab", "c", "x"), List.of("a", "bc", "x"), List.of("abc", "", "x"),
        List.of("ab", "c", ""), List.of("ab", "cx", ""))) {
      hashes.add(AuditEncoding.hash(1, 0, fields.get(0), fields.get(1), fields.get(2), null, "", AuditHash.GENESIS)
          .hex());
    }
    hashes.add(AuditEncoding.hash(1, 0, "ab", "c", null, null, "", AuditHash.GENESIS).hex());
    hashes.add(AuditEncoding.hash(1, 0, "ab", "c", null, "", "", AuditHash.GENESIS).hex());
    hashes.add(AuditEncoding.hash(1, 0, "ab", "c", "", "", "", AuditHash.GENESIS).hex());
    assertThat(hashes).hasSize(8);
  }

  @Test
  void everyField_changesTheHash() {
    AuditHash other = AuditHash.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
        21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    AuditHash base = AuditEncoding.hash(5, 100, "a", "B", "c", "m", "d", AuditHash.GENESIS);
    assertThat(List.of(
        AuditEncoding.hash(6, 100, "a", "B", "c", "m", "d", AuditHash.GENESIS),
        AuditEncoding.hash(5, 101, "a", "B", "c", "m", "d", AuditHash.GENESIS),
        AuditEncoding.hash(5, 100, "A", "B", "c", "m", "d", AuditHash.GENESIS),
        AuditEncoding.hash(5, 100, "a", "b", "c", "m", "d", AuditHash.GENESIS),
        AuditEncoding.hash(5, 100, "a", "B", "C", "m", "d", AuditHash.GENESIS),
        AuditEncoding.hash(5, 100, "a", "B", "c", "M", "d", AuditHash.GENESIS),
        AuditEncoding.hash(5, 100, "a", "B", "c", "m", "D", AuditHash.GENESIS),
        AuditEncoding.hash(5, 100, "a", "B", "c", "m", "d", other))).doesNotContain(base).doesNotHaveDuplicates();
  }

  @Test
  void hash_parsesAndPrintsHex_andCopiesItsBytes() {
    AuditHash h = AuditHash.parse("32C19CE2EEF609E240E93B2CCDD3395B751E087AEBB933B0B17A69D2CE9D0501");
    assertThat(h.hex()).isEqualTo("32c19ce2eef609e240e93b2ccdd3395b751e087aebb933b0b17a69d2ce9d0501");
    byte[] bytes = h.bytes();
    bytes[0] = 0;
    assertThat(h.bytes()[0]).isEqualTo((byte) 0x32);
    assertThat(AuditHash.GENESIS.hex()).isEqualTo("0".repeat(64));
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> AuditHash.parse("abc"))
        .withMessageContaining("64 hexadecimal digits");
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> AuditHash.of(new byte[31]))
        .withMessageContaining("32 bytes");
  }
}

package org.relay247.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.protocol.fuzz.EditScript.script;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The edit scripts the fuzz seeds are written in decode as documented, whatever the bytes. */
class EditScriptTest {
  private static final byte[] TEMPLATE = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19};

  @Test
  void emptyScript_returnsTheTemplateUnchanged_asACopy() {
    byte[] out = EditScript.apply(TEMPLATE, new byte[0]);
    assertThat(out).isEqualTo(TEMPLATE).isNotSameAs(TEMPLATE);
  }

  @Test
  void positions_areFractionsOfTheLength() {
    assertThat(EditScript.apply(TEMPLATE, script().flip(0, 0x01).build())[0]).isEqualTo((byte) 11);
    assertThat(EditScript.apply(TEMPLATE, script().flip(0.5, 0x01).build())[5]).isEqualTo((byte) 14);
    assertThat(EditScript.apply(TEMPLATE, script().truncate(1).build())).isEqualTo(TEMPLATE);
    assertThat(EditScript.apply(TEMPLATE, script().truncate(0.5).build())).hasSize(5);
  }

  @Test
  void eachOperation_editsAsDocumented() {
    assertThat(EditScript.apply(TEMPLATE, script().overwrite(0.1, new byte[] {1, 2}).build()))
        .startsWith(10, 1, 2, 13).hasSize(10);
    assertThat(EditScript.apply(TEMPLATE, script().overwrite(1, new byte[] {1, 2}).build())).isEqualTo(TEMPLATE);
    assertThat(EditScript.apply(TEMPLATE, script().insert(1, new byte[] {1, 2}).build()))
        .hasSize(12).endsWith(19, 1, 2);
    assertThat(EditScript.apply(TEMPLATE, script().delete(0, 3).build())).startsWith(13).hasSize(7);
    assertThat(EditScript.apply(TEMPLATE, script().delete(0.9, 200).build())).hasSize(9);
  }

  @Test
  void operations_applyInOrder_toTheEditedBytes() {
    byte[] out = EditScript.apply(TEMPLATE, script().truncate(0.5).insert(1, new byte[] {7}).build());
    assertThat(out).containsExactly(10, 11, 12, 13, 14, 7);
  }

  @Test
  void anyBytes_decodeWithoutThrowing() {
    Random random = new Random(247);
    for (int i = 0; i < 10_000; i++) {
      byte[] junk = new byte[random.nextInt(64)];
      random.nextBytes(junk);
      EditScript.apply(random.nextBoolean() ? TEMPLATE : new byte[0], junk);
    }
  }
}

package org.relay247.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 settings that keep a commit through a SIGKILL (the crash-safety test shows the effect;
 * this shows the settings are in force on the database a node opens).
 */
class DatabaseTest {
  @TempDir Path dir;

  @Test
  void h2Database_isOpenedWithoutWriteDelay_andWithoutSpaceReuse() {
    String url = "jdbc:h2:file:" + dir.resolve("node").toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    try (Database db = Database.open(url, "", Optional.empty(), 2)) {
      Map<String, String> settings = db.read(c -> {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT setting_name, setting_value FROM"
            + " information_schema.settings WHERE setting_name IN ('WRITE_DELAY', 'REUSE_SPACE')");
            ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), rs.getString(2));
          }
        }
        return out;
      });
      assertThat(settings).containsEntry("WRITE_DELAY", "0").containsEntry("REUSE_SPACE", "FALSE");
    }
  }

  @Test
  void h2UrlThatChoosesASetting_keepsItsChoice() {
    assertThat(Database.withH2Durability("jdbc:h2:file:/x;reuse_space=TRUE"))
        .isEqualTo("jdbc:h2:file:/x;reuse_space=TRUE;WRITE_DELAY=0");
    assertThat(Database.withH2Durability("jdbc:h2:file:/x;WRITE_DELAY=0;REUSE_SPACE=FALSE"))
        .isEqualTo("jdbc:h2:file:/x;WRITE_DELAY=0;REUSE_SPACE=FALSE");
  }
}

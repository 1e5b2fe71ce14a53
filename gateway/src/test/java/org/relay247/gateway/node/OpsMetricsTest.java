package org.relay247.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Ping;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/**
 * docs/ops: every relay247_* metric the Grafana dashboard and the Prometheus alert rules use is
 * served by a running node's /metrics (after one delivery and one answer, since histograms appear
 * with their first measurement); and the rules pass {@code promtool check rules} where promtool
 * is installed.
 */
class OpsMetricsTest {
  private static final Path OPS = Path.of(System.getProperty("basedir", ".")).resolve("../docs/ops").normalize();
  private static final Pattern METRIC = Pattern.compile("relay247_[a-z0-9_]+");

  @TempDir Path dir;

  @Test
  void everyMetricOfTheDashboardAndAlertRules_isServedByARunningNode() throws Exception {
    Set<String> used = new TreeSet<>();
    used.addAll(metricNames(Files.readString(OPS.resolve("relay247-dashboard.json"))));
    used.addAll(metricNames(Files.readString(OPS.resolve("relay247-alerts.yml"))));
    assertThat(used).contains("relay247_queue_depth", "relay247_time_to_receipt_seconds_bucket",
        "relay247_escalations_total", "relay247_case_timers_missed_total", "relay247_expiry_remaining_seconds",
        "relay247_pair_failures_total", "relay247_time_to_first_answer_seconds_bucket");

    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    try (GatewayNode fr = net.start("FR"); GatewayNode de = net.start("DE")) {
      String request = fr.outbox().submit(ping("FR/poc", "DE/poc", "")).getRouting().getMessageId();
      Awaits.completed(fr, request);
      Awaits.completed(de, de.outbox().submit(ping("DE/poc", "FR/poc", request)).getRouting().getMessageId());

      String served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + fr.metricsPort() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Set<String> missing = new TreeSet<>();
      for (String name : used) {
        if (!Pattern.compile("(?m)^" + name + "[{ ]").matcher(served).find()) {
          missing.add(name);
        }
      }
      assertThat(missing).as("used by docs/ops but not in /metrics").isEmpty();
    }
  }

  @Test
  void alertRules_passPromtool_whereInstalled() throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    Assumptions.assumeTrue(Files.isExecutable(promtool), "promtool not installed (apt-get install prometheus)");
    Process p = new ProcessBuilder(promtool.toString(), "check", "rules", OPS.resolve("relay247-alerts.yml").toString())
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("SUCCESS");
  }

  private static Set<String> metricNames(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = METRIC.matcher(text);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  private static InnerMessage ping(String from, String to, String replyTo) {
    return InnerMessage.newBuilder().setRouting(Routing.newBuilder().setSender(from).setRecipient(to)
            .setPriority(Priority.PRIORITY_ROUTINE).setReplyToId(replyTo))
        .setLanguage("en").setPing(Ping.newBuilder().setNonce("n")).build();
  }
}

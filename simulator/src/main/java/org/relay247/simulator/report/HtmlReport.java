package org.relay247.simulator.report;

import static org.relay247.simulator.report.JunitReport.esc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The run as one self-contained HTML page ({@code report.html}: inline CSS and SVG, no script, no
 * external resource, opens from disk): verdict, expectations with pass/fail, steps, per case a
 * sequence diagram of the messages between Parties (receipts, rejections, refusals and faults
 * marked), the escalation timeline, latency per country pair, and the ping table.
 */
public final class HtmlReport {
  /** Above this many cases, the diagrams show the first ones only (a ping run has one case per ping). */
  private static final int MAX_DIAGRAMS = 12;
  private static final int MAX_ARROWS = 60;

  private HtmlReport() {}

  public static String render(RunRecord r) {
    StringBuilder h = new StringBuilder();
    long passed = r.expectations().stream().filter(RunRecord.ExpectationResult::passed).count();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(esc(r.name())).append(" - Relay247 simulation</title>\n<style>\n").append(CSS).append("</style></head>\n<body>\n");
    h.append("<h1>").append(esc(r.name())).append(" <span class=\"verdict ").append(r.passed() ? "pass" : "fail")
        .append("\">").append(r.passed() ? "PASSED" : "FAILED").append("</span></h1>\n");
    h.append("<p class=\"meta\">").append(esc(r.file())).append(" &middot; ").append(r.parties().size())
        .append(" Parties (").append(esc(String.join(", ", r.parties().subList(0, Math.min(20, r.parties().size())))))
        .append(r.parties().size() > 20 ? ", ..." : "").append(") &middot; ").append(passed).append(" of ")
        .append(r.expectations().size()).append(" expectations held &middot; ").append(r.messages().size())
        .append(" messages &middot; wall ").append(ms(r.wall())).append(", virtual ").append(human(r.virtual()))
        .append(" &middot; seed ").append(r.seed())
        .append(r.maxHeapUsedBytes().map(b -> " &middot; peak heap " + b / (1024 * 1024) + " MiB").orElse(""))
        .append("</p>\n");
    if (!r.description().isBlank()) {
      h.append("<p>").append(esc(r.description())).append("</p>\n");
    }
    expectations(h, r);
    steps(h, r);
    cases(h, r);
    escalations(h, r);
    latency(h, r);
    pings(h, r);
    h.append("<p class=\"meta\">Times are virtual (the simulation clock shared by every node). Written by relay247 sim."
        + "</p>\n</body></html>\n");
    return h.toString();
  }

  private static void expectations(StringBuilder h, RunRecord r) {
    h.append("<h2>Expectations</h2>\n<table><tr><th>Step</th><th>Line</th><th>Expected</th><th>Party</th><th>Result</th>"
        + "<th>Seen</th></tr>\n");
    for (RunRecord.ExpectationResult e : r.expectations()) {
      h.append("<tr class=\"").append(e.passed() ? "pass" : "fail").append("\"><td>").append(e.step()).append("</td><td>")
          .append(e.line()).append("</td><td>").append(esc(e.expected())).append("</td><td>").append(esc(e.party()))
          .append("</td><td>").append(e.passed() ? "pass" : "FAIL").append("</td><td>").append(esc(e.seen()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void steps(StringBuilder h, RunRecord r) {
    h.append("<h2>Steps</h2>\n<table><tr><th>Step</th><th>Line</th><th>Virtual time</th><th>Step</th><th>What happened</th>"
        + "</tr>\n");
    for (RunRecord.StepResult s : r.steps()) {
      h.append("<tr class=\"").append(s.ok() ? "" : "fail").append("\"><td>").append(s.index()).append("</td><td>")
          .append(s.line()).append("</td><td>+").append(human(Duration.between(r.startedAt(), s.at())))
          .append("</td><td>").append(esc(s.description())).append("</td><td>").append(esc(s.detail()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void cases(StringBuilder h, RunRecord r) {
    Map<String, List<RunRecord.MessageRecord>> byCase = new LinkedHashMap<>();
    for (RunRecord.MessageRecord m : r.messages()) {
      byCase.computeIfAbsent(m.caseId(), k -> new ArrayList<>()).add(m);
    }
    h.append("<h2>Cases</h2>\n<p>").append(byCase.size()).append(" case(s)")
        .append(byCase.size() > MAX_DIAGRAMS ? "; sequence diagrams of the first " + MAX_DIAGRAMS : "")
        .append(". Arrows: <span class=\"k-ok\">&#10004; delivered (signed receipt verified)</span>, "
            + "<span class=\"k-rej\">&#10008; rejected (signed rejection)</span>, <span class=\"k-pend\">"
            + "&#8987; pending</span>, <span class=\"k-ref\">&#8856; refused at the sender</span>; "
            + "red bands: faults.</p>\n");
    int n = 0;
    for (Map.Entry<String, List<RunRecord.MessageRecord>> c : byCase.entrySet()) {
      if (n++ >= MAX_DIAGRAMS) {
        break;
      }
      String title = c.getValue().stream().map(RunRecord.MessageRecord::ref).filter(s -> !s.isEmpty())
          .collect(Collectors.joining(", "));
      h.append("<h3>Case ").append(esc(c.getKey().startsWith("refused-") ? "(not opened)" : c.getKey()))
          .append(title.isEmpty() ? "" : " &middot; " + esc(title)).append("</h3>\n");
      h.append(sequence(c.getValue(), r.faults()));
    }
  }

  /** An SVG sequence diagram: one lifeline per Party, one arrow per message in time order, faults as bands. */
  static String sequence(List<RunRecord.MessageRecord> messages, List<RunRecord.FaultRecord> faults) {
    List<String> parties = new ArrayList<>();
    for (RunRecord.MessageRecord m : messages) {
      for (String p : List.of(m.fromParty(), m.toParty())) {
        if (!parties.contains(p)) {
          parties.add(p);
        }
      }
    }
    List<RunRecord.MessageRecord> shown = messages.subList(0, Math.min(MAX_ARROWS, messages.size()));
    Instant first = shown.get(0).createdAt();
    Instant last = shown.get(shown.size() - 1).createdAt();
    List<Object> rows = new ArrayList<>();
    int fi = 0;
    List<RunRecord.FaultRecord> sorted = new ArrayList<>(faults);
    sorted.sort((a, b) -> a.from().compareTo(b.from()));
    for (RunRecord.MessageRecord m : shown) {
      while (fi < sorted.size() && sorted.get(fi).from().isBefore(m.createdAt())) {
        RunRecord.FaultRecord f = sorted.get(fi++);
        // A fault is drawn in a case when it was on during the case: at its start, or at the top.
        boolean on = !f.from().isAfter(last) && f.until().map(u -> !u.isBefore(first)).orElse(true);
        if (on && f.parties().stream().anyMatch(parties::contains)) {
          rows.add(f);
        }
      }
      rows.add(m);
    }
    int col = 170;
    int width = 60 + col * parties.size() + 260;
    int row = 34;
    int height = 60 + row * rows.size() + 20;
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"seq\" width=\"").append(width).append("\" height=\"")
        .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">\n");
    s.append("<defs><marker id=\"arr\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
        + " orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#444\"/></marker></defs>\n");
    for (int i = 0; i < parties.size(); i++) {
      int x = 60 + col * i;
      s.append("<rect x=\"").append(x - 30).append("\" y=\"8\" width=\"60\" height=\"26\" rx=\"4\" class=\"party\"/>")
          .append("<text x=\"").append(x).append("\" y=\"26\" text-anchor=\"middle\" class=\"pl\">").append(esc(parties.get(i)))
          .append("</text><line x1=\"").append(x).append("\" y1=\"34\" x2=\"").append(x).append("\" y2=\"")
          .append(height - 10).append("\" class=\"life\"/>\n");
    }
    int y = 60;
    for (Object o : rows) {
      if (o instanceof RunRecord.FaultRecord f) {
        s.append("<rect x=\"20\" y=\"").append(y - 14).append("\" width=\"").append(width - 40)
            .append("\" height=\"22\" class=\"fault\"/><text x=\"30\" y=\"").append(y + 2).append("\" class=\"ft\">&#9889; ")
            .append(esc(f.description())).append(f.until().filter(u -> u.isAfter(f.from()))
                .map(u -> " (healed after " + human(Duration.between(f.from(), u)) + ")").orElse(""))
            .append(f.outcome().isEmpty() ? "" : ": " + esc(trim(f.outcome(), 110)))
            .append("</text>\n");
      } else {
        RunRecord.MessageRecord m = (RunRecord.MessageRecord) o;
        int x1 = 60 + col * parties.indexOf(m.fromParty());
        int x2 = 60 + col * parties.indexOf(m.toParty());
        String cls = switch (m.state()) {
          case "DELIVERED" -> "ok";
          case "REJECTED" -> "rej";
          case "REFUSED" -> "ref";
          default -> "pend";
        };
        String mark = switch (m.state()) {
          case "DELIVERED" -> "&#10004;";
          case "REJECTED" -> "&#10008;";
          case "REFUSED" -> "&#8856;";
          default -> "&#8987;";
        };
        int end = m.state().equals("REFUSED") ? x1 + (x2 - x1) / 4 : x2;
        s.append("<line x1=\"").append(x1).append("\" y1=\"").append(y).append("\" x2=\"").append(end)
            .append("\" y2=\"").append(y).append("\" class=\"m ").append(cls).append("\" marker-end=\"url(#arr)\"/>");
        int tx = Math.min(x1, x2) + Math.abs(x2 - x1) / 2;
        s.append("<text x=\"").append(tx).append("\" y=\"").append(y - 5).append("\" text-anchor=\"middle\" class=\"ml\">")
            .append(esc(label(m))).append("</text>");
        s.append("<text x=\"").append(end + (x2 >= x1 ? 8 : -8)).append("\" y=\"").append(y + 5)
            .append("\" text-anchor=\"").append(x2 >= x1 ? "start" : "end").append("\" class=\"mk ").append(cls)
            .append("\">").append(mark).append("</text>");
        s.append("<text x=\"").append(60 + col * parties.size() - 40).append("\" y=\"").append(y + 4)
            .append("\" class=\"side\">+").append(human(Duration.between(first, m.createdAt())))
            .append(m.latency().map(l -> " &middot; " + ms(l)).orElse(""))
            .append(m.state().equals("DELIVERED") ? "" : " &middot; " + esc(m.state() + " " + trim(m.reason(), 60)))
            .append("</text>\n");
      }
      y += row;
    }
    s.append("</svg>\n");
    if (messages.size() > MAX_ARROWS) {
      s.append("<p class=\"meta\">").append(messages.size() - MAX_ARROWS).append(" more messages in report.json.</p>\n");
    }
    return s.toString();
  }

  private static String label(RunRecord.MessageRecord m) {
    String body = m.body().toLowerCase(Locale.ROOT).replace('_', '-');
    return (m.ref().isEmpty() ? "" : m.ref() + ": ") + body + (m.priority().equals("ROUTINE") ? "" : " [" + m.priority()
        .toLowerCase(Locale.ROOT) + "]");
  }

  private static void escalations(StringBuilder h, RunRecord r) {
    h.append("<h2>Escalations</h2>\n");
    if (r.escalations().isEmpty()) {
      h.append("<p>None raised.</p>\n");
      return;
    }
    Instant start = r.startedAt();
    long total = Math.max(1, r.virtual().toMillis());
    List<String> parties = r.escalations().stream().map(RunRecord.EscalationRecord::party).distinct().toList();
    int width = 900;
    int height = 40 + 28 * parties.size() + 20;
    h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tl\" width=\"").append(width).append("\" height=\"")
        .append(height).append("\">\n");
    h.append("<line x1=\"60\" y1=\"").append(height - 20).append("\" x2=\"").append(width - 20).append("\" y2=\"")
        .append(height - 20).append("\" class=\"life\"/><text x=\"60\" y=\"").append(height - 4)
        .append("\" class=\"side\">start</text><text x=\"").append(width - 20).append("\" y=\"").append(height - 4)
        .append("\" text-anchor=\"end\" class=\"side\">+").append(human(r.virtual())).append("</text>\n");
    for (int i = 0; i < parties.size(); i++) {
      int y = 30 + 28 * i;
      h.append("<text x=\"10\" y=\"").append(y + 4).append("\" class=\"pl\">").append(esc(parties.get(i))).append("</text>");
      for (RunRecord.EscalationRecord e : r.escalations()) {
        if (e.party().equals(parties.get(i))) {
          double x = 60 + (width - 80) * Math.min(1.0, Math.max(0, Duration.between(start, e.raisedAt()).toMillis()
              / (double) total));
          h.append("<circle cx=\"").append((int) x).append("\" cy=\"").append(y).append("\" r=\"6\" class=\"esc\"><title>")
              .append(esc(e.kind() + " +" + human(Duration.between(start, e.raisedAt())) + " " + e.detail()))
              .append("</title></circle>");
        }
      }
      h.append('\n');
    }
    h.append("</svg>\n<table><tr><th>Virtual time</th><th>Party</th><th>Kind</th><th>Message</th><th>Detail</th></tr>\n");
    for (RunRecord.EscalationRecord e : r.escalations()) {
      h.append("<tr><td>+").append(human(Duration.between(start, e.raisedAt()))).append("</td><td>").append(esc(e.party()))
          .append("</td><td>").append(esc(e.kind())).append("</td><td><code>").append(esc(e.messageId()))
          .append("</code></td><td>").append(esc(e.detail())).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void latency(StringBuilder h, RunRecord r) {
    Map<String, List<Long>> pairs = new TreeMap<>();
    for (RunRecord.MessageRecord m : r.messages()) {
      m.latency().ifPresent(l -> pairs.computeIfAbsent(m.fromParty() + " \u2192 " + m.toParty(), k -> new ArrayList<>())
          .add(l.toMillis()));
    }
    h.append("<h2>Latency per country pair</h2>\n<p>From submission at the sender to the verified signed receipt back"
        + " (virtual time; includes any partition or advance in between).</p>\n");
    h.append("<table><tr><th>Pair</th><th>Messages</th><th>Median</th><th>Max</th></tr>\n");
    int shown = 0;
    for (Map.Entry<String, List<Long>> e : pairs.entrySet()) {
      if (shown++ >= 200) {
        h.append("<tr><td colspan=\"4\">").append(pairs.size() - 200).append(" more pairs in report.json</td></tr>\n");
        break;
      }
      List<Long> l = e.getValue().stream().sorted().toList();
      h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(l.size()).append("</td><td>")
          .append(ms(Duration.ofMillis(l.get(l.size() / 2)))).append("</td><td>")
          .append(ms(Duration.ofMillis(l.get(l.size() - 1)))).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void pings(StringBuilder h, RunRecord r) {
    if (r.pings().isEmpty()) {
      return;
    }
    long ok = r.pings().stream().filter(RunRecord.PingRecord::answered).count();
    List<Long> ms = r.pings().stream().filter(RunRecord.PingRecord::answered).map(RunRecord.PingRecord::millis).sorted()
        .toList();
    h.append("<h2>Network check (signed ping, signed pong)</h2>\n<p>").append(ok).append(" of ").append(r.pings().size())
        .append(" directed pairs answered");
    if (!ms.isEmpty()) {
      h.append("; round trip median ").append(ms.get(ms.size() / 2)).append(" ms, p99 ")
          .append(ms.get(Math.min(ms.size() - 1, (int) Math.ceil(ms.size() * 0.99) - 1))).append(" ms, max ")
          .append(ms.get(ms.size() - 1)).append(" ms");
    }
    h.append(".</p>\n<table><tr><th>From</th><th>To</th><th>Answered</th><th>Round trip</th><th>Why not</th></tr>\n");
    int rows = 0;
    for (RunRecord.PingRecord p : r.pings()) {
      if (r.pings().size() > 100 && p.answered()) {
        continue;
      }
      if (rows++ > 300) {
        break;
      }
      h.append("<tr class=\"").append(p.answered() ? "" : "fail").append("\"><td>").append(esc(p.from()))
          .append("</td><td>").append(esc(p.to())).append("</td><td>").append(p.answered() ? "yes" : "NO")
          .append("</td><td>").append(p.answered() ? p.millis() + " ms" : "").append("</td><td>").append(esc(p.why()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
    if (r.pings().size() > 100) {
      h.append("<p class=\"meta\">Answered pairs are listed in report.json.</p>\n");
    }
  }

  private static String trim(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n) + "...";
  }

  static String ms(Duration d) {
    return d.toMillis() < 10_000 ? d.toMillis() + " ms" : human(d);
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    } else if (s < 3600) {
      return s / 60 + " min " + s % 60 + " s";
    } else if (s < 86_400) {
      return s / 3600 + " h " + s % 3600 / 60 + " min";
    }
    return s / 86_400 + " d " + s % 86_400 / 3600 + " h";
  }

  private static final String CSS = """
      body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #222; max-width: 1400px; }
      h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 28px; border-bottom: 1px solid #ddd; }
      h3 { font-size: 14px; margin: 18px 0 4px; }
      .verdict { font-size: 14px; padding: 3px 10px; border-radius: 4px; color: #fff; vertical-align: middle; }
      .verdict.pass { background: #1a7f37; } .verdict.fail { background: #cf222e; }
      .meta { color: #666; }
      table { border-collapse: collapse; margin: 8px 0; }
      th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
      th { background: #f4f4f4; } tr.fail td { background: #ffebe9; } tr.pass td:nth-child(5) { color: #1a7f37; }
      .k-ok { color: #1a7f37; } .k-rej { color: #cf222e; } .k-pend { color: #bf8700; } .k-ref { color: #666; }
      svg text { font: 12px system-ui, sans-serif; }
      .party { fill: #eef3fb; stroke: #4a6fa5; } .pl { font-weight: 600; } .life { stroke: #bbb; stroke-dasharray: 4 3; }
      .m { stroke-width: 2; } .m.ok { stroke: #1a7f37; } .m.rej { stroke: #cf222e; } .m.pend { stroke: #bf8700;
        stroke-dasharray: 6 4; } .m.ref { stroke: #888; }
      .mk.ok { fill: #1a7f37; } .mk.rej { fill: #cf222e; } .mk.pend { fill: #bf8700; } .mk.ref { fill: #888; }
      .ml { fill: #222; } .side { fill: #666; font-size: 11px; }
      .fault { fill: #ffebe9; stroke: #cf222e; stroke-dasharray: 3 2; } .ft { fill: #a40e26; font-size: 11px; }
      .esc { fill: #bf8700; stroke: #7a5200; }
      """;
}

package org.relay247.gateway.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Cookie;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.gateway.store.OutboxEntry;

/**
 * The console in a real browser (Debian's chromium through Playwright), against two real nodes
 * (FR, DE) on loopback. Screenshots go to docs/img/ for docs/console.md.
 */
class ConsoleBrowserTest {
  private static final double LIVE_MS = 2_000;

  @TempDir static Path dir;
  static ConsoleNetwork net;
  static Playwright playwright;
  static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    net = ConsoleNetwork.start(dir, "FR", "DE");
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium())
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required")));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (net != null) {
      net.close();
    }
  }

  /** Debian's chromium (.ci/run installs it), or -Drelay247.chromium=PATH. */
  static Path chromium() {
    String configured = System.getProperty("relay247.chromium");
    Path p = Path.of(configured != null ? configured : "/usr/bin/chromium");
    if (!Files.isExecutable(p)) {
      throw new IllegalStateException(p + " is not there (expected: Debian's chromium, apt-get install chromium)");
    }
    return p;
  }

  static Page signedIn(String party, String user) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setIgnoreHTTPSErrors(true)
        .setAcceptDownloads(true).setViewportSize(1280, 900));
    Page page = context.newPage();
    page.navigate(net.url(party) + "/signin");
    page.getByLabel("User name").fill(user);
    page.getByLabel("Password").fill(ConsoleNetwork.PASSWORD);
    page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Sign in")).click();
    page.waitForURL(net.url(party) + "/");
    return page;
  }

  @Test
  void frSendsArt9_deSeesItLive_acknowledgesDeterminesUploads_frDownloadsWithTheSameHash() throws Exception {
    Path img = ConsoleFixtures.screenshots();
    Page de = signedIn("DE", "de-supervisor");
    de.locator("body[data-live=open]").waitFor();
    de.evaluate("() => { window.notReloaded = true; }");

    Page fr = signedIn("FR", "fr-operator");
    fr.navigate(net.url("FR") + "/compose/art9");
    fr.selectOption("#recipient", "DE/poc");
    fr.getByLabel("Competent authority seeking the data").fill("Parquet de Paris, section J3");
    fr.getByLabel("Service provider", new Page.GetByLabelOptions().setExact(true)).fill("Postfach24 GmbH");
    fr.getByLabel("Provider's address").fill("Beispielstraße 12, 10115 Berlin");
    fr.getByLabel("Offence").fill("Kidnapping of a minor");
    fr.getByLabel("Legal provisions").fill("Code pénal, art. 224-1");
    fr.getByLabel("Penalties").fill("Up to life imprisonment");
    fr.getByLabel("Facts showing the emergency").fill("A 9-year-old was taken; ransom demand threatens her life.");
    fr.locator("#cat-subscriber").check();
    fr.getByLabel("Description of the data").fill("Subscriber data of kr-lieferung@postfach24.example");
    fr.getByLabel("Other information").fill("Reach FR/poc at any hour.");
    // Art. 9.3.e asks how the data relate to the emergency: left empty, the rules say so as she types.
    Locator finding = fr.locator("#findings li[data-code=REQ_9_3_E]");
    assertThat(finding).isVisible();
    assertThat(finding).containsText("9.3.e");
    assertThat(fr.locator("#findings li[data-code=REQ_9_3_H]")).hasCount(0);
    fr.screenshot(new Page.ScreenshotOptions().setPath(img.resolve("console-compose-finding.png")).setFullPage(true));
    fr.getByLabel("How the data relate to the emergency").fill("The ransom e-mails came from this account.");
    assertThat(finding).hasCount(0);
    assertThat(fr.locator("#findings li.block")).hasCount(0);
    fr.locator("#send").click();
    fr.waitForURL(url -> url.contains("/messages/"));
    String requestId = fr.locator("#message-id").textContent().strip();

    Awaits.completed(net.node("FR"), requestId);
    // Stored at DE (its receipt is back at FR): the desk shows it within 2 s, without a reload.
    Locator row = de.locator("tr[data-message-id='" + requestId + "']");
    assertThat(row).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
        .setTimeout(LIVE_MS));
    assertThat(de.locator("#alert")).containsText("EMERGENCY", new com.microsoft.playwright.assertions
        .LocatorAssertions.ContainsTextOptions().setTimeout(LIVE_MS));
    assertThat((Boolean) de.evaluate("() => window.notReloaded === true")).as("same page, not reloaded").isTrue();
    assertThat(Integer.parseInt(de.locator("body").getAttribute("data-alerts"))).as("alert sounded").isPositive();
    assertThat(row.locator("time.countdown")).containsText("left");
    de.screenshot(new Page.ScreenshotOptions().setPath(img.resolve("console-desk-alert.png")).setFullPage(true));

    row.locator("a").click();
    de.waitForURL(url -> url.contains("/messages/" + requestId));
    assertThat(de.locator("#signer")).containsText("C=FR");
    de.locator("#ack").click();
    assertThat(de.locator("#acknowledged")).containsText("DE Supervisor");
    de.selectOption("#outcome", "will_provide");
    de.getByLabel("Grounds").fill("Emergency accepted; the provider answers within the hour.");
    de.locator("#determine").click();
    assertThat(de.locator("#flash")).containsText("determination sent");
    String determinationId = de.locator("#flash").textContent().replaceAll(".*determination sent: ", "").strip();
    Awaits.completed(net.node("DE"), determinationId);
    de.screenshot(new Page.ScreenshotOptions().setPath(img.resolve("console-message.png")).setFullPage(true));

    Path result = dir.resolve("postfach24-mailbox.mbox");
    byte[] bytes = new byte[10 * 1024 * 1024];
    new Random(7).nextBytes(bytes);
    Files.write(result, bytes);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    de.setInputFiles("#files", result);
    de.locator("#send-results").click();
    assertThat(de.locator("#flash")).containsText("results sent", new com.microsoft.playwright.assertions
        .LocatorAssertions.ContainsTextOptions().setTimeout(60_000));

    String caseId = net.node("FR").outboxStore().find(requestId).orElseThrow().caseId();
    awaitResults(net.node("FR"), caseId, 10);
    fr.navigate(net.url("FR") + "/cases/" + caseId);
    assertThat(fr.locator("table.results")).containsText(expected);
    fr.screenshot(new Page.ScreenshotOptions().setPath(img.resolve("console-case-results.png")).setFullPage(true));
    Download download = fr.waitForDownload(() -> fr.locator("a.download").first().click());
    Path got = dir.resolve("downloaded.mbox");
    download.saveAs(got);
    try (InputStream in = Files.newInputStream(got)) {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      in.transferTo(new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), d));
      assertThat(HexFormat.of().formatHex(d.digest())).isEqualTo(expected);
    }
    assertThat(download.suggestedFilename()).isEqualTo("postfach24-mailbox.mbox");
  }

  @Test
  void art10Form_showsTheMissingFactsAsTheOfficerTypes_andSendsOnceFixed_fromTheKeyboard() throws Exception {
    Page fr = signedIn("FR", "fr-operator");
    fr.navigate(net.url("FR") + "/compose");
    fr.locator("a[href='/compose/art10']").click();
    fr.waitForURL(net.url("FR") + "/compose/art10");
    fr.selectOption("#recipient", "DE/ca");
    fr.selectOption("#sender", "FR/ca");
    fr.getByLabel("Requesting authority").fill("Parquet de Grenoble");
    fr.getByLabel("How the assistance relates to the emergency").fill("The server's customer data locate the abuser.");
    fr.getByLabel("Offence").fill("Rape of a minor");
    fr.getByLabel("Legal provisions").fill("Code pénal, art. 222-23");
    fr.getByLabel("Penalties").fill("Up to 20 years");
    fr.getByLabel("Summary of the facts").fill("Investigation opened on 3 October after an undercover purchase.");
    fr.getByLabel("Assistance requested").fill("Production of customer data");
    fr.locator("#cat-subscriber").check();
    fr.getByLabel("Description of the data").fill("Customer account of vserver-4411");
    fr.getByLabel("Service provider", new Page.GetByLabelOptions().setExact(true)).fill("Rechenwerk Hosting AG");
    // Art. 10.1 wants the facts of the emergency: left empty, the rules say so as he types.
    Locator finding = fr.locator("#findings li[data-code=REQ_10_1_EMERGENCY]");
    assertThat(finding).isVisible();
    assertThat(finding).containsText("Art. 10.1");
    fr.screenshot(new Page.ScreenshotOptions().setPath(ConsoleFixtures.screenshots().resolve(
        "console-compose-art10.png")).setFullPage(true));
    fr.getByLabel("Facts showing the emergency").fill("A child is abused in live streams; the next is tonight.");
    assertThat(finding).hasCount(0);
    assertThat(fr.locator("#findings li.block")).hasCount(0);
    fr.locator("#send").focus();
    fr.keyboard().press("Enter");
    fr.waitForURL(url -> url.contains("/messages/"));
    String id = fr.locator("#message-id").textContent().strip();
    Awaits.completed(net.node("FR"), id);
    assertThat(net.node("DE").inbox().find(id)).hasValueSatisfying(e -> {
      assertThat(e.bodyCase()).isEqualTo("ART10_REQUEST");
      assertThat(e.recipient()).isEqualTo("DE/ca");
    });
  }

  @Test
  void supervisor_setsTheRetentionOfACase_operatorSeesNoSupervisorActs() throws Exception {
    InboxEntry received = ConsoleHttpSecurityTest.receivedAt(net, "DE", "retention in the browser");
    Page operator = signedIn("DE", "de-operator");
    operator.navigate(net.url("DE") + "/cases/" + received.caseId());
    assertThat(operator.locator("h1")).containsText(received.caseId());
    assertThat(operator.locator("#supervisor")).hasCount(0);

    Page supervisor = signedIn("DE", "de-supervisor");
    supervisor.navigate(net.url("DE") + "/cases/" + received.caseId());
    supervisor.getByLabel("Keep the data this many days after the last message").fill("120");
    supervisor.locator("#retention-send").click();
    assertThat(supervisor.locator("#flash")).containsText("retention set to 120 days");
    supervisor.screenshot(new Page.ScreenshotOptions().setPath(ConsoleFixtures.screenshots().resolve(
        "console-case-supervisor.png")).setFullPage(true));
    assertThat(net.node("DE").protection().retention().status(received.caseId()).retentionDays()).isEqualTo(120);
  }

  @Test
  void foreignMarkup_isText_noDialog_noRequest_andOperatorSeesNoSupervisorAction() throws Exception {
    String attack = "<script>alert('x')</script><img src=x onerror=\"fetch('/steal')\">";
    InboxEntry received = ConsoleHttpSecurityTest.receivedAt(net, "DE", attack);
    Page de = signedIn("DE", "de-operator");
    List<String> dialogs = new CopyOnWriteArrayList<>();
    List<String> requests = new CopyOnWriteArrayList<>();
    de.onDialog(d -> {
      dialogs.add(d.message());
      d.dismiss();
    });
    de.onRequest(r -> requests.add(r.url()));
    de.navigate(net.url("DE") + "/messages/" + received.messageId());
    assertThat(de.locator("#content")).containsText("<script>alert('x')</script><img src=x onerror=");
    assertThat(de.locator("#content script")).hasCount(0);
    assertThat(de.locator("#content img")).hasCount(0);
    assertThat(de.locator("#determination")).hasCount(0);
    de.screenshot(new Page.ScreenshotOptions().setPath(ConsoleFixtures.screenshots().resolve("console-escaped.png"))
        .setFullPage(true));
    assertThat(dialogs).isEmpty();
    assertThat(requests).noneMatch(u -> u.contains("steal") || u.endsWith("/x"));
  }

  @Test
  void signIn_inTheBrowser_replacesTheSessionId() {
    Page page = signedIn("FR", "fr-auditor");
    String first = sessionCookie(page);
    page.navigate(net.url("FR") + "/signin");
    page.screenshot(new Page.ScreenshotOptions().setPath(uncheckedImg("console-signin.png")));
    page.getByLabel("User name").fill("fr-auditor");
    page.getByLabel("Password").fill(ConsoleNetwork.PASSWORD);
    page.locator("#signin button").click();
    page.waitForURL(net.url("FR") + "/");
    String second = sessionCookie(page);
    assertThat(second).isNotEqualTo(first);
    Cookie c = page.context().cookies().stream().filter(k -> k.name.equals(ConsoleServer.COOKIE)).findFirst().orElseThrow();
    assertThat(c.secure).isTrue();
    assertThat(c.httpOnly).isTrue();
    assertThat(c.sameSite).isEqualTo(com.microsoft.playwright.options.SameSiteAttribute.STRICT);
    assertThat(page.locator("a[href='/compose/art9']")).hasCount(0);
  }

  private static Path uncheckedImg(String name) {
    try {
      return ConsoleFixtures.screenshots().resolve(name);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String sessionCookie(Page page) {
    return page.context().cookies().stream().filter(k -> k.name.equals(ConsoleServer.COOKIE)).findFirst()
        .orElseThrow().value;
  }

  /** Bounded wait until the case's evidence manifest and {@code chunks} chunks are in the node's inbox. */
  private static void awaitResults(GatewayNode node, String caseId, int chunks) throws InterruptedException {
    DeskQueries q = new DeskQueries(node.database());
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      var manifest = q.inboxOfCase(caseId).stream().filter(l -> l.bodyCase().equals("EVIDENCE_MANIFEST")).findFirst();
      if (manifest.isPresent() && q.answers(manifest.get().messageId(), "EVIDENCE_CHUNK").size() >= chunks) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("results of case " + caseId + " did not arrive in 90 s: "
        + node.outboxStore().recent(5).stream().map(OutboxEntry::lastError).toList());
  }
}

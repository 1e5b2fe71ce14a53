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
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ClientCertificate;
import com.microsoft.playwright.options.Cookie;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.pki.Pem;

/**
 * The console in a real browser (Debian's chromium through Playwright), against two real nodes
 * (FR, DE) on loopback; FR's console also takes client certificates. Screenshots go to docs/img/
 * for docs/console.md.
 */
class ConsoleBrowserTest {
  private static final double LIVE_MS = 2_000;

  @TempDir static Path dir;
  static ConsoleNetwork net;
  static Playwright playwright;
  static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    net = ConsoleNetwork.start(dir, java.time.Clock.systemUTC(), party -> party.equals("FR")
        ? ConsoleNetwork.CONSOLE.replace("}", ", client-certificates = true }") : ConsoleNetwork.CONSOLE, "FR", "DE");
    net.node("FR").console().orElseThrow().users().add("marie.dupont", "Marie Dupont", ConsoleRole.OPERATOR, "fr",
        ConsoleNetwork.PASSWORD.toCharArray(), "test");
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
    page.locator("#signin button").click();
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

    // Two files dropped on the form (a DataTransfer, as the browser builds one from a drag), 10 MiB and
    // a small one; the page records the upload's progress events where the test can read them after
    // the page moved on.
    byte[] bytes = new byte[10 * 1024 * 1024];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31 % 251);
    }
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    de.evaluate("() => document.addEventListener('htmx:xhr:progress', e => { if (e.detail.total > 1000000)"
        + " sessionStorage.setItem('upload', JSON.stringify({ total: e.detail.total,"
        + " bar: document.getElementById('upload-progress').value })); })");
    Object dropped = de.evaluate("() => { const big = new Uint8Array(10 * 1024 * 1024);"
        + " for (let i = 0; i < big.length; i++) big[i] = (i * 31) % 251;"
        + " const dt = new DataTransfer();"
        + " dt.items.add(new File([big], 'postfach24-mailbox.mbox', { type: 'application/mbox' }));"
        + " dt.items.add(new File(['login,ip\\n2025-10-03T01:12Z,203.0.113.77\\n'], 'logins.csv', { type: 'text/csv' }));"
        + " const zone = document.getElementById('results');"
        + " zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));"
        + " zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));"
        + " return document.getElementById('files').files.length; }");
    assertThat(dropped).isEqualTo(2);
    de.locator("#send-results").click();
    assertThat(de.locator("#flash")).containsText("results sent", new com.microsoft.playwright.assertions
        .LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
    assertThat(de.locator("#flash")).containsText("2 item(s)");
    String progress = (String) de.evaluate("() => sessionStorage.getItem('upload')");
    assertThat(progress).as("the progress bar followed the 10 MiB upload").isNotNull()
        .matches("\\{\"total\":1048[0-9]{4},\"bar\":100\\}");

    String caseId = net.node("FR").outboxStore().find(requestId).orElseThrow().caseId();
    awaitResults(net.node("FR"), caseId, 11);
    fr.navigate(net.url("FR") + "/cases/" + caseId);
    assertThat(fr.locator("table.results")).containsText(expected);
    assertThat(fr.locator("table.results")).containsText("logins.csv");
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
  void frenchOfficer_signsInWithHerCertificate_pingsDe_andSeesThePongLive_inFrench() throws Exception {
    ConsoleNetwork.PersonalCertificate mine = net.issueCertificate("FR");
    net.node("FR").console().orElseThrow().users().bindCertificate("marie.dupont",
        CertificateFingerprint.of(mine.certificate()), "test");
    Path cert = dir.resolve("marie.pem");
    Files.writeString(cert, Pem.encode(mine.chain().toArray()));
    Path key = dir.resolve("marie.key");
    Pem.writePrivateKey(key, mine.key());
    // Playwright presents the certificate for this origin only, as a browser with it installed would.
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setIgnoreHTTPSErrors(true)
        .setViewportSize(1280, 900).setClientCertificates(List.of(new ClientCertificate(net.url("FR"))
            .setCertPath(cert).setKeyPath(key))));
    Page page = context.newPage();
    page.navigate(net.url("FR") + "/signin");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Se connecter avec mon certificat")).click();
    page.waitForURL(net.url("FR") + "/");
    assertThat(page.locator("header .who")).hasText("Marie Dupont · opérateur");
    assertThat(page.locator("h1")).containsText("Boîte de réception");
    assertThat(page.locator("html")).hasAttribute("lang", "fr");

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Annuaire")).click();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tester DE/poc")).click();
    assertThat(page.locator("#flash")).containsText("ping envoyé à DE/poc");
    page.screenshot(new Page.ScreenshotOptions().setPath(ConsoleFixtures.screenshots().resolve(
        "console-directory-fr.png")).setFullPage(true));
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Bureau")).click();
    page.locator("body[data-live=open]").waitFor();
    // The node answers the ping by itself; its pong lands on the desk without a reload.
    assertThat(page.locator("#rows tr", new Page.LocatorOptions().setHasText("pong"))).isVisible(
        new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
    assertThat(page.locator("#rows")).containsText("ORDINAIRE");
    context.close();
  }

  @Test
  void everyFormControl_onEveryPage_hasALabel_andIsReachableFromTheKeyboard() throws Exception {
    InboxEntry received = ConsoleHttpSecurityTest.receivedAt(net, "DE", "labels in the browser");
    Page page = browser.newContext(new Browser.NewContextOptions().setIgnoreHTTPSErrors(true)).newPage();
    page.navigate(net.url("DE") + "/signin");
    assertThat(unlabelled(page)).as("sign-in page").isEmpty();
    page.close();
    Page de = signedIn("DE", "de-supervisor");
    List<String> paths = new java.util.ArrayList<>(List.of("/", "/compose", "/cases", "/directory", "/audit",
        "/messages/" + received.messageId(), "/cases/" + received.caseId(),
        "/compose/request-info?replyTo=" + received.messageId()));
    ComposeForm.all().stream().filter(f -> f.answers().isEmpty()).forEach(f -> paths.add("/compose/" + f.slug()));
    for (String path : paths) {
      de.navigate(net.url("DE") + path);
      assertThat(de.locator("main")).isVisible();
      assertThat(de.locator("input:not([type=hidden]), select, textarea").count()
          + (path.startsWith("/compose/") || path.startsWith("/messages/") ? 0 : 1)).as(path + " has controls")
          .isPositive();
      assertThat(unlabelled(de)).as(path + ": controls without a label or out of the tab order").isEmpty();
    }
  }

  /** The form controls of the page the browser finds no label for, or that Tab never reaches. */
  @SuppressWarnings("unchecked")
  private static List<String> unlabelled(Page page) {
    return (List<String>) page.evaluate("() => [...document.querySelectorAll("
        + "'input:not([type=hidden]), select, textarea, button')].filter(e => e.tabIndex < 0 || (e.tagName === 'BUTTON'"
        + " ? !(e.textContent.trim() || e.getAttribute('aria-label')) : (e.labels.length === 0"
        + " && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))))"
        + ".map(e => e.tagName + '#' + (e.id || e.name))");
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

  /** Waits (at most 90 s) until the case's evidence manifest and {@code chunks} chunks are in the node's inbox. */
  private static void awaitResults(GatewayNode node, String caseId, int chunks) {
    DeskQueries q = new DeskQueries(node.database());
    org.awaitility.Awaitility.await("results of case " + caseId).atMost(Duration.ofSeconds(90))
        .until(() -> q.inboxOfCase(caseId).stream().filter(l -> l.bodyCase().equals("EVIDENCE_MANIFEST")).findFirst()
            .map(m -> q.answers(m.messageId(), "EVIDENCE_CHUNK").size()).orElse(0), n -> n >= chunks);
  }
}

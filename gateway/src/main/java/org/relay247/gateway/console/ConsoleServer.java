package org.relay247.gateway.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.config.ConsoleSettings;
import org.relay247.gateway.rules.Text;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.pki.CertificateValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator console (docs/console.md): server-rendered pages over HTTPS on the node's console
 * port, from the node's own process and services. Security is here, before any page: headers
 * (strict CSP with a per-response nonce, HSTS, no framing), the session cookie, the CSRF token
 * and Origin check on every state-changing request, sign-in throttling; roles are checked by each
 * action from the account, never from the request.
 */
public final class ConsoleServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
  static final String COOKIE = "__Host-relay247-session";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String CERTIFICATE_SIGN_IN = "/signin/certificate";
  private static final String TOO_MANY = "Too many attempts from this address; wait a minute. · Trop de tentatives"
      + " depuis cette adresse ; attendez une minute.";
  private static final Set<String> PUBLIC = Set.of("/signin", CERTIFICATE_SIGN_IN, "/static/console.css",
      "/static/console.js");
  /** Where Jetty's SecureRequestCustomizer puts the client's certificate chain, leaf first. */
  private static final String CLIENT_CHAIN = "jakarta.servlet.request.X509Certificate";

  private final ConsoleServices node;
  private final ConsoleSettings settings;
  private final Clock clock;
  private final ConsoleSessions sessions;
  private final ConsoleUsers users;
  private final SignInThrottle throttle;
  private final Optional<ClientCertificates> clientCertificates;
  private final TemplateEngine templates = TemplateEngine.createPrecompiled(null, ContentType.Html,
      ConsoleServer.class.getClassLoader(), "org.relay247.gateway.console.templates");
  /** The open desks, each with the language of its account (the alert is written in it). */
  private final Map<SseClient, String> live = new ConcurrentHashMap<>();
  private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "relay247-console-heartbeat");
    t.setDaemon(true);
    return t;
  });
  private final Path uploads;
  private final Pages pages;
  private final Compose compose;
  private AutoCloseable inboxSubscription;
  private AutoCloseable escalationSubscription;
  private Javalin app;

  private ConsoleServer(ConsoleServices node, ConsoleSettings settings, Clock clock) throws IOException {
    this.node = node;
    this.settings = settings;
    this.clock = clock;
    this.sessions = new ConsoleSessions(clock, settings.idleTimeout());
    this.users = new ConsoleUsers(node.database(), node.audit(), clock);
    this.throttle = new SignInThrottle(clock);
    this.clientCertificates = settings.clientCertificates()
        ? Optional.of(new ClientCertificates(node.trust()::validator, node.party())) : Optional.empty();
    this.uploads = Files.createTempDirectory("relay247-console-");
    this.pages = new Pages(node, clock, this::render, new DeskQueries(node.database()), uploads);
    this.compose = new Compose(node, clock, this::render, pages);
  }

  /** Starts the console on {@code host}:{@code settings.port()} (0: any free port). */
  public static ConsoleServer start(ConsoleServices node, ConsoleSettings settings, String host, Clock clock)
      throws IOException {
    ConsoleServer server = new ConsoleServer(node, settings, clock);
    server.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.http.maxRequestSize = 1024 * 1024;
      config.jetty.multipartConfig.cacheDirectory(server.uploads.toString());
      config.jetty.multipartConfig.maxFileSize(2, SizeUnit.GB);
      config.jetty.multipartConfig.maxTotalRequestSize(4, SizeUnit.GB);
      config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
      config.jetty.addConnector((jetty, http) -> ConsoleTls.connector(jetty, http, host, settings.port(), settings,
          node.tlsKey(), node.tlsChain(), server.clientCertificates));
      config.staticFiles.enableWebjars();
      config.routes.before(server::secure);
      server.routes(config.routes);
    });
    try {
      server.app.start();
    } catch (RuntimeException e) {
      server.close();
      throw new IOException(e.getMessage(), e);
    }
    server.inboxSubscription = node.events().onInbox(server::announce);
    server.escalationSubscription = node.events().onEscalation(server::escalate);
    server.heartbeat.scheduleAtFixedRate(server::beat, 15, 15, TimeUnit.SECONDS);
    return server;
  }

  public int port() {
    return app.port();
  }

  /** The accounts of this node's console (the CLI's {@code relay247 user} works on the same table). */
  public ConsoleUsers users() {
    return users;
  }

  private void routes(io.javalin.config.RoutesConfig r) {
    r.get("/static/console.css", ctx -> resource(ctx, "console.css", "text/css"));
    r.get("/static/console.js", ctx -> resource(ctx, "console.js", "text/javascript"));
    r.get("/signin", ctx -> signInPage(ctx, null));
    r.post("/signin", this::signIn);
    if (clientCertificates.isPresent()) {
      r.post(CERTIFICATE_SIGN_IN, this::signInWithCertificate);
    }
    r.post("/signout", ctx -> {
      sessions.remove(ctx.cookie(COOKIE));
      expireCookie(ctx);
      ctx.redirect("/signin");
    });
    r.get("/", pages::desk);
    r.get("/desk/rows", pages::deskRows);
    r.sse("/events", client -> {
      client.keepAlive();
      live.put(client, session(client.ctx()).language());
      client.onClose(() -> live.remove(client));
      client.sendComment("connected");
    });
    r.get("/messages/{id}", pages::message);
    r.post("/messages/{id}/ack", pages::acknowledge);
    r.post("/messages/{id}/determination", pages::determine);
    r.post("/messages/{id}/results", pages::sendResults);
    r.get("/compose", compose::index);
    r.get("/compose/{form}", compose::show);
    r.post("/compose/{form}/check", compose::check);
    r.post("/compose/{form}", compose::send);
    r.get("/cases", pages::cases);
    r.get("/cases/{id}", pages::caseView);
    r.post("/cases/{id}/retention", SupervisorActions.explained(pages.supervisor()::retention));
    r.post("/cases/{id}/purge", SupervisorActions.explained(pages.supervisor()::purge));
    r.get("/cases/{id}/purge-proof", pages.supervisor()::purgeProof);
    r.post("/cases/{id}/suspension", SupervisorActions.explained(pages.supervisor()::suspension));
    r.post("/cases/{id}/onward-request", SupervisorActions.explained(pages.supervisor()::onwardRequest));
    r.post("/cases/{id}/onward-decision", SupervisorActions.explained(pages.supervisor()::onwardDecision));
    r.post("/cases/{id}/conditions", SupervisorActions.explained(pages.supervisor()::answerConditions));
    r.get("/results/{manifest}/{item}", pages::download);
    r.get("/audit", pages::audit);
    r.get("/directory", pages::directory);
    r.post("/directory/{party}/ping", pages::ping);
    r.exception(Forbidden.class, (e, ctx) -> error(ctx, 403, Text.of("Not allowed", "Non autorisé"),
        Refusal.explain(e, session(ctx))));
    r.exception(IllegalArgumentException.class, (e, ctx) ->
        // Our own validation, naming the field and what was expected: the officer can act on it.
        error(ctx, 400, Text.of("Not possible", "Impossible"), Refusal.explain(e, session(ctx))));
    r.exception(io.javalin.http.NotFoundResponse.class, (e, ctx) -> error(ctx, 404,
        Text.of("Not found", "Introuvable"), e.getMessage()));
    r.exception(Exception.class, (e, ctx) -> {
      LOG.warn("console request {} {} failed: {}", ctx.method(), ctx.path(), e.toString());
      error(ctx, 500, Text.of("Error", "Erreur"), Text.of("The request could not be completed: ",
          "La demande n'a pas pu aboutir : ").in(language(ctx)) + e.getClass().getSimpleName());
    });
  }

  private void error(Context ctx, int status, Text title, String message) {
    ctx.status(status);
    render(ctx, "error.jte", Map.of("page", page(ctx, title.in(language(ctx)), session(ctx)), "message", message));
  }

  private static String language(Context ctx) {
    ConsoleSession s = session(ctx);
    return s == null ? "en" : s.language();
  }

  /** Runs before every request: headers, session, then CSRF and Origin for anything that changes state. */
  private void secure(Context ctx) {
    String nonce = randomToken(18);
    ctx.attribute("nonce", nonce);
    ctx.header("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'self';"
        + " img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    ctx.header("Strict-Transport-Security", "max-age=31536000");
    ctx.header("X-Content-Type-Options", "nosniff");
    // no-referrer would make browsers send "Origin: null" on form posts, defeating the Origin check.
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
    boolean changes = ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD
        && ctx.method() != HandlerType.OPTIONS;
    if (changes) {
      String origin = ctx.header("Origin");
      String expected = "https://" + ctx.header("Host");
      if (origin == null || !origin.equals(expected)) {
        throw refuse(ctx, "Origin " + (origin == null ? "missing" : "\"" + origin + "\"") + " (expected: " + expected
            + ")");
      }
    }
    String path = ctx.path();
    if (PUBLIC.contains(path) || path.startsWith("/webjars/")) {
      if (!path.equals("/signin")) {
        ctx.header("Cache-Control", "public, max-age=3600");
      }
      return;
    }
    var session = sessions.find(ctx.cookie(COOKIE));
    if (session.isEmpty()) {
      if ("true".equals(ctx.header("HX-Request")) || path.equals("/events")) {
        ctx.header("HX-Redirect", "/signin");
        ctx.status(401).result("signed out");
      } else if (changes) {
        ctx.status(401).result("signed out");
      } else {
        ctx.redirect("/signin");
      }
      ctx.skipRemainingHandlers();
      return;
    }
    ctx.attribute("session", session.get());
    if (changes) {
      String token = ctx.header("X-CSRF-Token");
      if (token == null && String.valueOf(ctx.contentType()).startsWith("application/x-www-form-urlencoded")) {
        token = ctx.formParam("_csrf");
      }
      if (token == null || !java.security.MessageDigest.isEqual(token.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          session.get().csrfToken().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
        throw refuse(ctx, "CSRF token " + (token == null ? "missing" : "wrong"));
      }
    }
  }

  private RuntimeException refuse(Context ctx, String why) {
    LOG.warn("console refused {} {}: {}", ctx.method(), ctx.path(), why);
    return new io.javalin.http.ForbiddenResponse("refused: " + why);
  }

  private void signIn(Context ctx) {
    String username = ctx.formParam("username") == null ? "" : ctx.formParam("username").strip();
    String password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
    String address = ctx.ip();
    if (!throttle.allow(address)) {
      ctx.status(429);
      signInPage(ctx, TOO_MANY);
      return;
    }
    ConsoleUsers.SignIn outcome;
    try {
      ConsoleUsers.requireUsername(username);
      outcome = users.signIn(username, password.toCharArray(), settings.maxFailures(), settings.lockout());
    } catch (IllegalArgumentException e) {
      outcome = ConsoleUsers.SignIn.WRONG;
    }
    if (outcome != ConsoleUsers.SignIn.OK) {
      throttle.failed(address);
      if (outcome == ConsoleUsers.SignIn.LOCKED && users.find(username).isPresent()) {
        node.audit().append(new AuditEvent(AuditEvent.NODE, AuditAction.CONSOLE_SIGN_IN, null, null,
            "sign-in of " + username + " refused: account locked"));
      }
      ctx.status(401);
      // Nobody is signed in yet: the sign-in page speaks both languages.
      String message = outcome == ConsoleUsers.SignIn.LOCKED
          ? "This account is locked after too many failed attempts. Try later or ask a supervisor. · Ce compte est"
              + " verrouillé après trop d'échecs. Réessayez plus tard ou adressez-vous à un superviseur."
          : "Wrong user name or password, or account disabled. · Identifiant ou mot de passe erroné, ou compte"
              + " désactivé.";
      signInPage(ctx, message);
      return;
    }
    startSession(ctx, users.find(username).orElseThrow(), "password");
  }

  /**
   * Sign-in with the client certificate presented in the TLS handshake: valid for this Party
   * (fail closed), bound to an account, the account not disabled. Every refusal is the same 401
   * sentence, so the page does not tell which; the log names the reason, without personal data.
   */
  private void signInWithCertificate(Context ctx) {
    String address = ctx.ip();
    if (!throttle.allow(address)) {
      ctx.status(429);
      signInPage(ctx, TOO_MANY);
      return;
    }
    Optional<ConsoleUser> user = certificateAccount(ctx);
    if (user.isEmpty()) {
      throttle.failed(address);
      ctx.status(401);
      signInPage(ctx, "No valid certificate of this Party bound to an active account was presented. · Aucun"
          + " certificat valide de cette Partie lié à un compte actif n'a été présenté.");
      return;
    }
    startSession(ctx, user.get(), "client certificate");
  }

  private Optional<ConsoleUser> certificateAccount(Context ctx) {
    if (!(ctx.req().getAttribute(CLIENT_CHAIN) instanceof X509Certificate[] chain) || chain.length == 0) {
      LOG.info("console certificate sign-in refused: no client certificate presented");
      return Optional.empty();
    }
    CertificateFingerprint fingerprint = CertificateFingerprint.of(chain[0]);
    try {
      clientCertificates.orElseThrow().validate(List.of(chain));
    } catch (CertificateValidationException e) {
      // The reason code and fingerprint only: the validator's message names the certificate's subject.
      LOG.warn("console certificate sign-in refused: certificate SHA-256 {} invalid ({})", fingerprint.hex(),
          e.reason());
      return Optional.empty();
    }
    Optional<ConsoleUser> user = users.findByCertificate(fingerprint);
    if (user.isEmpty()) {
      LOG.warn("console certificate sign-in refused: certificate SHA-256 {} bound to no account", fingerprint.hex());
      return Optional.empty();
    }
    if (user.get().disabled()) {
      LOG.warn("console certificate sign-in refused: certificate SHA-256 {} bound to a disabled account",
          fingerprint.hex());
      node.audit().append(new AuditEvent(AuditEvent.NODE, AuditAction.CONSOLE_SIGN_IN, null, null,
          "certificate sign-in of " + user.get().username() + " refused: account disabled"));
      return Optional.empty();
    }
    return user;
  }

  /** Signs {@code user} in: a new session id (any previous one dropped), the cookie, the audit entry. */
  private void startSession(Context ctx, ConsoleUser user, String method) {
    ConsoleSession session = sessions.create(user, ctx.cookie(COOKIE));
    ctx.header("Set-Cookie", COOKIE + "=" + session.id() + "; Path=/; Secure; HttpOnly; SameSite=Strict");
    node.audit().append(new AuditEvent(session.actor(), AuditAction.CONSOLE_SIGN_IN, null, null,
        "signed in to the console with " + method + " from " + ctx.ip()));
    ctx.redirect("/");
  }

  private void signInPage(Context ctx, String flash) {
    render(ctx, "signin.jte", Map.of("page", page(ctx, "Sign in · Connexion", null, flash), "certificates",
        clientCertificates.isPresent()));
  }

  private static void expireCookie(Context ctx) {
    ctx.header("Set-Cookie", COOKIE + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
  }

  static ConsoleSession session(Context ctx) {
    return ctx.attribute("session");
  }

  static ConsoleViews.Page page(Context ctx, String title, ConsoleSession session) {
    return page(ctx, title, session, null);
  }

  static ConsoleViews.Page page(Context ctx, String title, ConsoleSession session, String flash) {
    return new ConsoleViews.Page(title, session, ctx.attribute("nonce"), flash);
  }

  void render(Context ctx, String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    templates.render(template, params, out);
    ctx.contentType("text/html; charset=utf-8").result(out.toString());
  }

  private static void resource(Context ctx, String name, String type) throws IOException {
    try (InputStream in = ConsoleServer.class.getResourceAsStream("/console/" + name)) {
      ctx.contentType(type + "; charset=utf-8").result(in.readAllBytes());
    }
  }

  /** A new message: every open desk reloads its inbox; an emergency also raises the alert. */
  private void announce(InboxEntry entry) {
    if (entry.bodyCase().equals("EVIDENCE_CHUNK")) {
      return;
    }
    live.keySet().removeIf(SseClient::terminated);
    live.forEach((client, language) -> {
      try {
        client.sendEvent("inbox", "refresh");
        if (entry.priorityRank() == 1 && !entry.bodyCase().equals("OPENED_NOTICE")) {
          client.sendEvent("emergency", "<p class=\"alert-text\">" + Names.priority(1).in(language) + " "
              + Html.escape(Names.body(entry.bodyCase()).in(language)) + " " + Text.of("from", "de").in(language)
              + " " + Html.escape(entry.sender()) + " <a href=\"/messages/" + Html.escape(entry.messageId()) + "\">"
              + Text.of("open", "ouvrir").in(language) + "</a></p>");
        }
      } catch (RuntimeException e) {
        live.remove(client);
      }
    });
  }

  /** A missed deadline (delivery overdue, a case timer): every desk shows it and sounds the alert. */
  private void escalate(org.relay247.gateway.store.EscalationStore.Escalation e) {
    live.forEach((client, language) -> {
      try {
        client.sendEvent("inbox", "refresh");
        client.sendEvent("emergency", "<p class=\"alert-text\">" + Text.of("ESCALATION", "ESCALADE").in(language)
            + " " + Html.escape(e.kind()) + ": " + Html.escape(e.detail()) + "</p>");
      } catch (RuntimeException ex) {
        live.remove(client);
      }
    });
  }

  private void beat() {
    live.keySet().removeIf(SseClient::terminated);
    live.keySet().forEach(client -> {
      try {
        client.sendComment("beat");
      } catch (RuntimeException e) {
        live.remove(client);
      }
    });
  }

  static String randomToken(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    for (AutoCloseable subscription : new AutoCloseable[] {inboxSubscription, escalationSubscription}) {
      if (subscription != null) {
        try {
          subscription.close();
        } catch (Exception e) {
          LOG.warn("while stopping the console: {}", e.toString());
        }
      }
    }
    live.keySet().forEach(c -> {
      try {
        c.close();
      } catch (RuntimeException e) {
        // already gone
      }
    });
    if (app != null) {
      app.stop();
    }
    try (var files = Files.walk(uploads)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("console upload directory {} not removed: {}", uploads, e.toString());
    }
  }

  /** An action the signed-in account's role does not allow: 403, explained. */
  static final class Forbidden extends Refusal {
    private static final long serialVersionUID = 1L;

    Forbidden(String en, String fr) {
      super(en, fr);
    }
  }
}

package org.relay247.gateway.console;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.config.NodeConfig;
import org.relay247.gateway.config.NodeConfigFile;
import org.relay247.gateway.directory.DirectoryHolder;
import org.relay247.gateway.directory.TrustSource;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.StoreException;
import org.relay247.pki.CertificateValidationException;
import org.relay247.pki.Password;
import org.relay247.pki.Pem;
import org.relay247.protocol.seal.DirectoryVerificationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code relay247 user add|passwd|disable|bind-certificate|list}: the operator console's accounts,
 * on the node's database (docs/console.md). Passwords come from a file or an environment variable,
 * never from the command line. A client certificate bound for certificate sign-in must validate
 * as a TLS certificate of this node's Party, with the node's trust (root, CRLs, directory). Exit
 * codes: 0 done, 1 failed or invalid (one sentence), 2 usage.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
    description = {"Manage the operator console's accounts (Argon2id password hashes in the node's database). "
        + "Roles: operator (read, send, answer, acknowledge), supervisor (also determinations and conditions), "
        + "auditor (read only, audit log). See docs/console.md."},
    subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.Disable.class,
        UserCommand.BindCertificate.class, UserCommand.List.class})
public final class UserCommand implements Runnable {
  private final Clock clock;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public UserCommand(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a user command.");
  }

  /** Options every subcommand shares: the node's config, and who is acting (for the audit log). */
  static final class Target {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The node's config file.")
    Path config;

    @Option(names = "--actor", paramLabel = "NAME", defaultValue = "${sys:user.name}",
        description = "Who makes the change, as recorded in the audit log (default: the operating-system user,"
            + " ${DEFAULT-VALUE}).")
    String actor;
  }

  /** Where a new password comes from. */
  static final class PasswordSource {
    @Option(names = "--password-file", paramLabel = "FILE", description = "A file holding the new password.")
    Path file;

    @Option(names = "--password-env", paramLabel = "VAR", description = "An environment variable holding it.")
    String variable;

    char[] read() throws IOException {
      if (file != null) {
        return Password.fromFile(file).chars();
      }
      return Password.fromEnvironment(variable, System.getenv()).chars();
    }
  }

  /**
   * The fingerprint of the certificate in {@code file}, after validating it with the node's trust
   * as a TLS certificate of the node's Party (the same check as at sign-in).
   */
  static CertificateFingerprint checkedCertificate(Target target, Path file, Clock clock) {
    X509Certificate certificate;
    try {
      certificate = Pem.readCertificate(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("certificate file " + file + ": not found (expected: a PEM certificate)", e);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("certificate file " + file + ": not a readable certificate ("
          + e.getMessage() + "; expected: a PEM X.509 certificate)", e);
    }
    NodeConfig cfg = NodeConfigFile.load(target.config);
    try {
      TrustSource trust = new TrustSource(Pem.readCertificate(cfg.rootCertificate()), cfg.crlFiles(),
          Optional.of(cfg.crlSharing().cacheDir()), clock);
      new DirectoryHolder(cfg.directoryFile(), trust);
      new ClientCertificates(trust::validator, cfg.party()).validate(java.util.List.of(certificate));
    } catch (CertificateValidationException e) {
      // The validator's message says what was expected (this Party, a current CRL, within validity, ...).
      throw new IllegalArgumentException("certificate file " + file + ": refused: " + e.getMessage(), e);
    } catch (IOException | DirectoryVerificationException e) {
      throw new IllegalStateException("cannot read the node's trust material: " + e.getMessage(), e);
    }
    return CertificateFingerprint.of(certificate);
  }

  static <T> T withUsers(Target target, Clock clock, java.util.function.Function<ConsoleUsers, T> work) {
    NodeConfig cfg = NodeConfigFile.load(target.config);
    Database db;
    try {
      db = Database.open(cfg.databaseUrl(), cfg.databaseUser(), cfg.databasePassword(), 2);
    } catch (StoreException e) {
      String message = e.getMessage();
      if (message != null && message.contains("already in use")) {
        message += " (an H2 database is open in one process at a time: stop the node, or use PostgreSQL)";
      }
      throw new IllegalStateException("cannot open the node's database: " + message, e);
    }
    try (db) {
      return work.apply(new ConsoleUsers(db, new AuditLog(db, clock), clock));
    }
  }

  /** What every subcommand has: the parent (its clock), the node's config and actor, and where to print. */
  abstract static class Action implements Callable<Integer> {
    @CommandLine.ParentCommand UserCommand parent;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin Target target;

    /** Runs {@code work} on the accounts in the node's database (opened for it, closed after). */
    <T> T users(java.util.function.Function<ConsoleUsers, T> work) {
      return withUsers(target, parent.clock, work);
    }

    /** Makes a change to the accounts in the node's database. */
    void change(java.util.function.Consumer<ConsoleUsers> work) {
      users(users -> {
        work.accept(users);
        return null;
      });
    }

    /** Prints one line, the command's result. */
    int done(String line) {
      spec.commandLine().getOut().println(line);
      return 0;
    }
  }

  /** A subcommand on one account, named first on the command line. */
  abstract static class OnAccount extends Action {
    @Parameters(index = "0", paramLabel = "USER", description = "The account name: 2 to 64 of a-z 0-9 . _ -")
    String username;
  }

  @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Add an account. The name is the person's, as it will sign their determinations.")
  static final class Add extends OnAccount {
    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The person's full name.")
    String displayName;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "operator, supervisor or auditor.")
    String role;

    @Option(names = "--language", paramLabel = "LANG", defaultValue = "en", description = "en or fr (default: en).")
    String language;

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    PasswordSource password;

    @Option(names = "--certificate", paramLabel = "FILE.pem", description = "Also bind this client certificate"
        + " (PEM, a TLS certificate of this Party's CA) for sign-in with a certificate.")
    Path certificate;

    @Override
    public Integer call() throws IOException {
      ConsoleRole r;
      try {
        r = ConsoleRole.parse(role);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
      }
      char[] pw = password.read();
      Optional<CertificateFingerprint> fingerprint = Optional.ofNullable(certificate)
          .map(file -> checkedCertificate(target, file, parent.clock));
      ConsoleUser u = users(users -> {
        // Checked before the account exists, so a refused certificate leaves no account behind.
        fingerprint.ifPresent(f -> users.requireUnbound(f, username));
        ConsoleUser added = users.add(username, displayName, r, language, pw, target.actor);
        fingerprint.ifPresent(f -> users.bindCertificate(username, f, target.actor));
        return added;
      });
      return done("added " + u.username() + " (" + u.displayName() + "), role " + u.role().code() + ", language "
          + u.language() + fingerprint.map(f -> ", certificate SHA-256 " + f.hex()).orElse(""));
    }
  }

  @Command(name = "passwd", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Set a new password for an account (also lifts a lockout).")
  static final class Passwd extends OnAccount {
    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    PasswordSource password;

    @Override
    public Integer call() throws IOException {
      char[] pw = password.read();
      change(users -> users.setPassword(username, pw, target.actor));
      return done("password of " + username + " changed");
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Disable an account: it can no longer sign in; its actions stay in the audit log.")
  static final class Disable extends OnAccount {
    @Override
    public Integer call() {
      change(users -> users.disable(username, target.actor));
      return done("disabled " + username);
    }
  }

  @Command(name = "bind-certificate", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Bind a client certificate (PEM, a TLS certificate of this Party's CA, valid and not revoked)"
          + " to an account, for the console's \"Sign in with my certificate\" (console.client-certificates)."
          + " Replaces a certificate bound before.")
  static final class BindCertificate extends OnAccount {
    @Parameters(index = "1", paramLabel = "FILE.pem", description = "The person's certificate (PEM).")
    Path certificate;

    @Override
    public Integer call() {
      CertificateFingerprint fingerprint = checkedCertificate(target, certificate, parent.clock);
      change(users -> users.bindCertificate(username, fingerprint, target.actor));
      return done("bound certificate SHA-256 " + fingerprint.hex() + " to " + username);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
      description = "List the accounts: name, person, role, language, state.")
  static final class List extends Action {
    @Override
    public Integer call() {
      var now = parent.clock.instant();
      var users = users(ConsoleUsers::list);
      var out = spec.commandLine().getOut();
      out.printf("%-20s %-30s %-10s %-4s %s%n", "USER", "NAME", "ROLE", "LANG", "STATE");
      for (ConsoleUser u : users) {
        out.printf("%-20s %-30s %-10s %-4s %s%n", u.username(), u.displayName(), u.role().code(), u.language(),
            u.disabled() ? "disabled" : u.lockedAt(now) ? "locked until " + u.lockedUntil().orElseThrow() : "active");
      }
      return 0;
    }
  }
}

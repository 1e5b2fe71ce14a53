package org.relay247.gateway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditChainBrokenException;
import org.relay247.gateway.audit.AuditEntry;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.audit.AuditHash;
import org.relay247.gateway.audit.AuditHead;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.audit.CaseAuditRecord;
import org.relay247.gateway.config.ConfigException;
import org.relay247.gateway.config.NodeConfig;
import org.relay247.gateway.config.NodeConfigLoader;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.StoreException;
import org.relay247.pki.cli.CliErrors;
import org.relay247.pki.SecureFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code relay247 audit verify|export}: checks a node's hash-chained audit log and exports the
 * Art. 14.8 record of one case, working on the node's database directly (docs/audit.md).
 * Exit codes: 0 done and the chain is intact, 1 the chain is broken or the command failed, 2 usage.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {"Check a node's audit log (who did what, when, on which case: Art. 14.8) and export the "
        + "record of one case for a supervisor. Works on the node's database, from the node's config file; "
        + "it can run beside the node. See docs/audit.md."},
    subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
public final class AuditCommand implements Runnable {
  private final Clock clock;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public AuditCommand(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing an audit command.");
  }

  /** The node's database, from its config file; one readable sentence if that fails. */
  static Database openDatabase(Path configFile) {
    NodeConfig cfg;
    try {
      cfg = NodeConfigLoader.load(configFile);
    } catch (ConfigException e) {
      throw new Failure("invalid configuration: " + e.getMessage());
    }
    try {
      return Database.open(cfg.databaseUrl(), cfg.databaseUser(), cfg.databasePassword(), 2);
    } catch (StoreException e) {
      throw new Failure("cannot open the node's database: " + e.getMessage());
    }
  }

  /** {@code audit verify}. */
  @Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Recompute the node's whole audit chain from its first entry and check that nothing was "
          + "changed, deleted or inserted. Prints \"audit chain intact: N entries, head HASH\" (exit 0) or "
          + "\"audit chain broken at entry N: REASON\" (exit 1).",
          "Store the printed head somewhere the database's administrators cannot write (daily, for instance), "
              + "and later pass it to --expect-head: a chain rewritten consistently from scratch verifies on its "
              + "own, but no longer contains that head."})
  static final class Verify implements Callable<Integer> {
    @CommandLine.ParentCommand AuditCommand parent;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The node's config file.")
    Path config;

    @Option(names = "--expect-head", paramLabel = "HASH",
        description = "A head printed by an earlier verify (64 hex digits): also check that the chain still "
            + "contains it.")
    String expectHead;

    @Override
    public Integer call() {
      AuditHash expected = null;
      if (expectHead != null) {
        try {
          expected = AuditHash.parse(expectHead);
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--expect-head: " + e.getMessage());
        }
      }
      try (Database db = openDatabase(config)) {
        AuditLog log = new AuditLog(db, parent.clock);
        AuditHead head;
        try {
          head = log.verify();
        } catch (AuditChainBrokenException e) {
          spec.commandLine().getOut().println(e.getMessage());
          return CliErrors.FAILED;
        }
        spec.commandLine().getOut().println("audit chain intact: " + head.entries() + " entries, head "
            + head.hash().hex());
        if (expected != null) {
          var found = log.find(expected).filter(e -> e.seq() <= head.seq());
          if (found.isEmpty()) {
            spec.commandLine().getOut().println("audit chain broken: it does not contain the expected head "
                + expected.hex() + ", so entries up to it were rewritten or deleted");
            return CliErrors.FAILED;
          }
          spec.commandLine().getOut().println("contains the expected head " + expected.hex() + " (entry "
              + found.get().seq() + ")");
        }
        return CommandLine.ExitCode.OK;
      }
    }
  }

  /** {@code audit export}. */
  @Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Write the Art. 14.8 record of one case as JSON: every audit entry of the case (who, what, "
          + "when, which message) with its chain hashes, and whether the whole chain verified. The export "
          + "itself is recorded in the audit log first (action RECORD_EXPORTED), so the record includes it. "
          + "Exit 1 if the chain is broken (the record is still written, and says so)."})
  static final class Export implements Callable<Integer> {
    @CommandLine.ParentCommand AuditCommand parent;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The node's config file.")
    Path config;

    @Option(names = "--case", required = true, paramLabel = "ID", description = "The case id.")
    String caseId;

    @Option(names = "--out", paramLabel = "FILE",
        description = "Write the record to FILE (readable by its owner only; must not exist) instead of "
            + "standard output.")
    Path out;

    @Option(names = "--actor", paramLabel = "NAME", defaultValue = "${sys:user.name}",
        description = "Who is exporting, as recorded in the audit log (default: the operating-system user, "
            + "${DEFAULT-VALUE}).")
    String actor;

    @Override
    public Integer call() throws IOException {
      AuditEvent exported;
      try {
        exported = new AuditEvent(actor == null ? "" : actor, AuditAction.RECORD_EXPORTED, caseId, null,
            out == null ? "to standard output" : "to file " + fileName(out));
      } catch (IllegalArgumentException e) {
        String message = e.getMessage().replaceFirst("^actor: ", "--actor: ").replaceFirst("^caseId: ", "--case: ");
        throw new CommandLine.ParameterException(spec.commandLine(), message);
      }
      if (out != null && Files.exists(out)) {
        throw new FileAlreadyExistsException(out.toString());
      }
      try (Database db = openDatabase(config)) {
        AuditLog log = new AuditLog(db, parent.clock);
        if (log.entries(caseId).isEmpty()) {
          throw new Failure("no audit entries for case " + caseId);
        }
        AuditEntry recorded = log.append(exported);
        CaseAuditRecord record = log.export(caseId);
        byte[] json = record.json().getBytes(StandardCharsets.UTF_8);
        if (out == null) {
          spec.commandLine().getOut().print(record.json());
          spec.commandLine().getOut().flush();
        } else {
          SecureFiles.writePrivate(out, json);
          spec.commandLine().getOut().println("wrote the audit record of case " + caseId + " to " + out + ": "
              + record.entries().size() + " entries, the last (" + recorded.seq() + ") recording this export");
        }
        if (record.chainBroken().isPresent()) {
          spec.commandLine().getErr().println(spec.qualifiedName() + ": " + record.chainBroken().get().getMessage()
              + " (the record says so: chain.intact is false)");
          return CliErrors.FAILED;
        }
        AuditHead head = record.verifiedHead().orElseThrow();
        if (out != null) {
          spec.commandLine().getOut().println("audit chain intact: " + head.entries() + " entries, head "
              + head.hash().hex());
        }
        return CommandLine.ExitCode.OK;
      }
    }

    private static String fileName(Path file) {
      Path name = file.getFileName();
      String s = name == null ? file.toString() : name.toString();
      StringBuilder clean = new StringBuilder();
      s.codePoints().filter(cp -> !Character.isISOControl(cp)).limit(200).forEach(clean::appendCodePoint);
      return clean.toString();
    }
  }

  /** A failure described in one sentence (exit 1, printed by the launcher's error handler). */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message);
    }
  }
}

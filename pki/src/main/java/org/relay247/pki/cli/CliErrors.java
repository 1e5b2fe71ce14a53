package org.relay247.pki.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Exit codes of every relay247 command: 0 success, 1 the operation failed or the input is invalid
 * (one sentence on stderr, no stack trace), 2 usage error (picocli's own handling).
 */
public final class CliErrors implements CommandLine.IExecutionExceptionHandler {
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  /** Installs the handler on a command line and returns it. */
  public static CommandLine install(CommandLine cli) {
    cli.setExecutionExceptionHandler(new CliErrors());
    return cli;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    cli.getErr().println(cli.getCommandSpec().qualifiedName() + ": " + describe(e));
    if (System.getenv("RELAY247_DEBUG") != null) {
      e.printStackTrace(cli.getErr());
    }
    return FAILED;
  }

  /** One readable sentence for an exception, without the Java class names users cannot act on. */
  public static String describe(Throwable e) {
    if (e instanceof NoSuchFileException f) {
      return f.getReason() != null ? f.getFile() + ": " + f.getReason()
          : f.getMessage().contains(" ") ? f.getMessage() : "file not found: " + f.getFile();
    }
    if (e instanceof FileAlreadyExistsException f) {
      return "file already exists: " + f.getFile();
    }
    if (e instanceof AccessDeniedException f) {
      return "permission denied: " + f.getFile();
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}

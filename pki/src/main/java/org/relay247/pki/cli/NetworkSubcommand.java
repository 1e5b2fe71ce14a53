package org.relay247.pki.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.Passwords;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** A pki subcommand working on an existing network directory ({@code --network DIR}). */
abstract class NetworkSubcommand implements Callable<Integer> {
  @ParentCommand PkiCommand parent;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--network", required = true, paramLabel = "DIR",
      description = "The network directory (as written by 'pki init-network' or 'pki create-root').")
  Path network;

  NetworkPki pki() throws IOException {
    return NetworkPki.open(network, parent.clock());
  }

  NetworkPki pki(Passwords passwords) throws IOException {
    return NetworkPki.open(network, parent.clock(), passwords);
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }
}

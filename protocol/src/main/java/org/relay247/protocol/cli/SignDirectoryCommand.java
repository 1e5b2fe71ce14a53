package org.relay247.protocol.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.relay247.pki.NetworkPki;
import org.relay247.protocol.directory.DefaultDirectory;
import org.relay247.protocol.directory.DirectoryYaml;
import org.relay247.protocol.seal.DirectoryVerificationException;
import org.relay247.protocol.seal.DirectoryVerifier;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.Party;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code relay247 directory sign}: YAML source in, signed directory out. */
// No mixinStandardHelpOptions: its -V/--version would take the --version option from us.
@Command(name = "sign",
    description = {
        "Build the directory from its YAML source and sign it with the network's directory key "
            + "(DIR/root/directory.p12). The output is CMS SignedData (DER) around the Directory protobuf.",
        "The YAML is checked strictly: errors name the YAML path, what was expected and the line."})
final class SignDirectoryCommand implements Callable<Integer> {
  @ParentCommand DirectoryCommand parent;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Mixin NetworkOption network;

  @Option(names = "--in", required = true, paramLabel = "FILE.yaml",
      description = "The directory source, e.g. docs/examples/directory.yaml.")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the signed directory.")
  Path out;

  @Option(names = "--version", paramLabel = "N", converter = Converters.PositiveVersion.class,
      description = "Use version N instead of the YAML's (nodes refuse a version older than theirs).")
  Long version;

  @Option(names = "--force", description = "Replace --out if it exists.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    OutputFiles.requireWritable(out, force);
    Directory directory;
    try {
      directory = DirectoryYaml.read(in);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(in + ": " + e.getMessage(), e);
    }
    if (version != null) {
      directory = directory.toBuilder().setVersion(version).build();
    }
    NetworkPki pki = network.open(parent.clock());
    byte[] signed = DefaultDirectory.sign(pki, directory, parent.clock());
    try {
      // What every node will do with it: catches an expired or revoked directory certificate here.
      new DirectoryVerifier(pki.validator()).verify(signed, 0);
    } catch (DirectoryVerificationException e) {
      throw new IllegalStateException("the signed directory does not verify: " + e.getMessage(), e);
    }
    OutputFiles.write(out, signed, force);
    spec.commandLine().getOut().println("Signed directory version " + directory.getVersion() + " ("
        + directory.getPartiesCount() + " Parties: "
        + String.join(", ", directory.getPartiesList().stream().map(Party::getCode).toList()) + "; "
        + directory.getPairsCount() + " pairs; " + signed.length + " bytes): " + out);
    return 0;
  }
}

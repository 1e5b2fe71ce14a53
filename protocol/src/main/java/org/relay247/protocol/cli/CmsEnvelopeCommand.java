package org.relay247.protocol.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.relay247.protocol.v1.Envelope;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code relay247 envelope cms}: the raw CMS of an envelope, for openssl. */
@Command(name = "cms", mixinStandardHelpOptions = true,
    description = {
        "Write the sealed part of an envelope, the DER CMS AuthEnvelopedData, so that openssl can decrypt it "
            + "and verify the signature inside:",
        "  openssl cms -decrypt -binary -inform DER -in FILE.der -recip DIR/XX/enc.pem -inkey XX-enc.key -out signed.der",
        "  openssl cms -verify -binary -inform DER -in signed.der -CAfile DIR/root/ca.pem -out inner.bin",
        "(XX-enc.key from 'relay247 pki export-key --which enc'). Nothing is checked here."})
final class CmsEnvelopeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--in", required = true, paramLabel = "FILE.env", description = "The envelope.")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "FILE.der", description = "Where to write the CMS.")
  Path out;

  @Option(names = "--force", description = "Replace --out if it exists.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    OutputFiles.requireWritable(out, force);
    Envelope envelope = EnvelopeFiles.read(in).envelope();
    byte[] cms = envelope.getSealed().toByteArray();
    OutputFiles.write(out, cms, force);
    spec.commandLine().getOut().println("Wrote the CMS AuthEnvelopedData of envelope "
        + envelope.getRouting().getMessageId() + " (to " + envelope.getRouting().getRecipient() + ", "
        + cms.length + " bytes): " + out);
    return 0;
  }
}

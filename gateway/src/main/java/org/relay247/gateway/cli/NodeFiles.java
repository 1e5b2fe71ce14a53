package org.relay247.gateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.security.cert.X509CRL;
import java.util.List;
import org.relay247.gateway.config.NodeConfig;
import org.relay247.gateway.directory.DirectoryView;
import org.relay247.gateway.expiry.ExpiryInventory;
import org.relay247.gateway.expiry.ExpiryItem;
import org.relay247.gateway.node.NodeKeys;
import org.relay247.pki.Pem;
import org.relay247.protocol.seal.CmsException;
import org.relay247.protocol.seal.SignedContent;
import org.relay247.protocol.seal.SignedDataCodec;
import org.relay247.protocol.v1.Directory;

/**
 * What a node relies on, read from its files as the node reads them, for commands that run
 * beside it ({@code node check}). The directory is read for its dates only: its signature is
 * checked, its signer's validity is what is being reported, so it is not refused here.
 */
final class NodeFiles {
  private NodeFiles() {}

  static List<ExpiryItem> expiryItems(NodeConfig cfg) throws IOException {
    NodeKeys keys = NodeKeys.load(cfg.keystore(), cfg.keystorePassword());
    // The CRL files and those adopted from peers, newest per issuer, as the node uses them.
    List<X509CRL> crls = new org.relay247.gateway.directory.TrustSource(Pem.readCertificate(cfg.rootCertificate()),
        cfg.crlFiles(), java.util.Optional.of(cfg.crlSharing().cacheDir()), java.time.Clock.systemUTC()).crls();
    SignedContent signed;
    try {
      signed = SignedDataCodec.verify(Files.readAllBytes(cfg.directoryFile()));
    } catch (CmsException e) {
      throw new IOException("directory " + cfg.directoryFile() + ": " + e.getMessage(), e);
    }
    DirectoryView directory = new DirectoryView(Directory.parseFrom(signed.content()));
    return ExpiryInventory.of(cfg.party(), keys.certificates(), Pem.readCertificate(cfg.rootCertificate()), crls, directory,
        java.util.Optional.of(signed.signer()));
  }
}

package org.relay247.gateway.trust;

import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.relay247.gateway.directory.DirectoryView;
import org.relay247.gateway.directory.TrustSource;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.v1.GetCrlRequest;
import org.relay247.protocol.v1.NodeExchangeServiceGrpc;
import org.relay247.protocol.v1.Party;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CRLs that travel: every {@code crl-fetch.interval} the node asks each peer Party's node
 * (GetCrl over the node exchange, mutual TLS) for that Party's CRL and for the root CRL, and
 * adopts what is newer than what it holds once verified against the issuing CA
 * ({@link TrustSource#adopt}). A Party publishes a CRL by giving it to its own node; every other
 * node holds it within {@code crl-refresh + crl-fetch.interval + call timeout} (docs/pki.md).
 */
public final class CrlFetcher implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(CrlFetcher.class);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

  private final PartyCode self;
  private final TrustSource trust;
  private final Supplier<DirectoryView> directory;
  private final Function<PartyCode, io.grpc.Channel> channels;

  public CrlFetcher(PartyCode self, TrustSource trust, Supplier<DirectoryView> directory,
      Function<PartyCode, io.grpc.Channel> channels) {
    this.self = self;
    this.trust = trust;
    this.directory = directory;
    this.channels = channels;
  }

  @Override
  public void run() {
    for (Party p : directory.get().directory().getPartiesList()) {
      if (p.getCode().equals(self.code()) || p.getNodesCount() == 0) {
        continue;
      }
      PartyCode peer = new PartyCode(p.getCode());
      for (String issuer : List.of(peer.code(), "root")) {
        try {
          fetch(peer, issuer);
        } catch (RuntimeException e) {
          // One unreachable peer must not stop the others; the next round tries again.
          LOG.atInfo().addKeyValue("peer", peer.code()).addKeyValue("issuer", issuer)
              .log("CRL fetch failed: {}", e.toString());
        }
      }
    }
  }

  /** Asks {@code peer} for its CRL of {@code issuer}; returns whether a newer one was adopted. */
  public boolean fetch(PartyCode peer, String issuer) {
    byte[] der;
    try {
      der = NodeExchangeServiceGrpc.newBlockingStub(channels.apply(peer))
          .withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .getCrl(GetCrlRequest.newBuilder().setIssuer(issuer).build()).getCrl().toByteArray();
    } catch (StatusRuntimeException e) {
      LOG.atInfo().addKeyValue("peer", peer.code()).addKeyValue("issuer", issuer)
          .log("CRL fetch failed: {}", e.getStatus());
      return false;
    }
    try {
      X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
      boolean adopted = trust.adopt(issuer, crl);
      if (adopted) {
        LOG.atInfo().addKeyValue("peer", peer.code()).addKeyValue("issuer", issuer)
            .addKeyValue("crlNumber", org.relay247.pki.CertificateAuthority.crlNumber(crl))
            .addKeyValue("revoked", crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size())
            .log("newer CRL adopted from peer");
      }
      return adopted;
    } catch (CertificateException | CRLException e) {
      LOG.atWarn().addKeyValue("peer", peer.code()).addKeyValue("issuer", issuer)
          .log("CRL from peer unreadable: {}", e.getMessage());
    } catch (TrustSource.CrlRefusedException e) {
      LOG.atWarn().addKeyValue("peer", peer.code()).addKeyValue("issuer", issuer)
          .log("CRL from peer refused: {}", e.getMessage());
    }
    return false;
  }
}

package org.relay247.simulator.demo;

import java.nio.file.Path;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.pki.PartyCode;

/** What to try against the running demo nodes, with this run's addresses and paths. */
final class CliInstructions {
  private CliInstructions() {}

  static String text(DemoNetwork network, boolean temporary, String requestId) {
    Path net = network.networkDir();
    String asDe = as(network, "DE", net);
    String asFr = as(network, "FR", net);
    String asUs = as(network, "US", net);
    StringBuilder s = new StringBuilder();
    s.append("The three nodes keep running, and DE's scripted duty officer still answers every Art. 9 request to\n")
        .append("DE/poc. From another terminal in this folder, be a Party's 24/7 operator (the CLI reaches that\n")
        .append("Party's national API with the Party's certificate from the network folder):\n\n")
        .append("  DE's inbox: the request, when it arrived, who opened it (no content)\n")
        .append("    ./relay247 inbox").append(asDe).append('\n')
        .append("  the request itself, with its proof (signer, signing time, the receipt DE signed)\n")
        .append("    ./relay247 show ").append(requestId).append(asDe).append('\n')
        .append("  FR's outbox: delivery state and receipt of everything FR sent\n")
        .append("    ./relay247 outbox").append(asFr).append('\n')
        .append("  send FR's Art. 9 request again, this time to US, where nobody is scripted\n")
        .append("    ./relay247 send --to US/poc --type art9 --body docs/examples/art9-request.json").append(asFr)
        .append('\n')
        .append("  then, as the US operator: list it, and open it (a signed opened notice goes back to FR)\n")
        .append("    ./relay247 inbox").append(asUs).append('\n')
        .append("    ./relay247 ack MESSAGE_ID --role \"24/7 duty officer\"").append(asUs).append('\n')
        .append("  watch FR's inbox for the notice (Ctrl-C ends the watch)\n")
        .append("    ./relay247 inbox --watch").append(asFr).append("\n\n")
        .append("Metrics (Prometheus text format; health at /healthz):\n");
    for (PartyCode party : DemoNetwork.PARTIES) {
      s.append("    ").append(party).append("  http://localhost:").append(network.node(party.code()).metricsPort())
          .append("/metrics\n");
    }
    s.append("\nThe network: ").append(network.dir()).append(" (node configs XX.conf; PKI and signed directory in\n")
        .append("network/; SQLite databases in data/; FR's copy of the results in results/).\n");
    if (!temporary) {
      s.append("With the demo stopped, a node runs alone from its config: ./relay247 node run --config ")
          .append(network.config(new PartyCode("DE"))).append('\n');
    }
    s.append("Ctrl-C stops the nodes").append(temporary ? " and deletes the network." : "; the network stays.")
        .append('\n');
    return s.toString();
  }

  private static String as(DemoNetwork network, String party, Path net) {
    GatewayNode node = network.node(party);
    return " --node localhost:" + node.apiPort() + " --network " + net + " --party " + party;
  }
}

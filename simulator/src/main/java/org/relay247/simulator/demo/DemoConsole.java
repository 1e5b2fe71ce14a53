package org.relay247.simulator.demo;

import java.io.PrintWriter;
import org.relay247.gateway.console.ConsoleRole;
import org.relay247.gateway.console.ConsoleUsers;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.pki.Password;

/**
 * One console account per Party of the demo (a supervisor, so every action can be tried), with a
 * fresh random password each run, and the URL and credentials printed (docs/console.md).
 */
final class DemoConsole {
  private DemoConsole() {}

  static void openAccounts(DemoNetwork network, PrintWriter out) {
    out.println("Operator consoles (HTTPS with each node's TLS certificate, issued by the demo's development root "
        + new org.relay247.pki.NetworkLayout(network.networkDir()).rootCertificate() + ": trust it in the browser, or accept the warning):");
    for (GatewayNode node : network.nodes()) {
      if (node.console().isEmpty()) {
        continue;
      }
      String user = node.party().code().toLowerCase() + "-officer";
      String password = new String(Password.random().chars());
      ConsoleUsers users = node.console().get().users();
      if (users.find(user).isPresent()) {
        users.setPassword(user, password.toCharArray(), "relay247 demo");
      } else {
        users.add(user, node.party().code() + " duty officer (demo)", ConsoleRole.SUPERVISOR,
            node.party().code().equals("FR") ? "fr" : "en", password.toCharArray(), "relay247 demo");
      }
      out.printf("  %s  https://localhost:%d/  user %s  password %s%n", node.party().code(),
          node.console().get().port(), user, password);
    }
    out.println();
  }
}

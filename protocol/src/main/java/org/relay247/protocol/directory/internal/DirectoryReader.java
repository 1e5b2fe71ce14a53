package org.relay247.protocol.directory.internal;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.Node;
import org.relay247.protocol.v1.Party;

/**
 * Builds a {@link Directory} from a composed YAML document: the top level, uniqueness of Party
 * codes and node ids across the network, then pairs. Internal: use
 * {@link org.relay247.protocol.directory.DirectoryYaml}.
 */
public final class DirectoryReader {

  private final PemCertificates certificates;

  /** @param baseDirectory directory certificate paths resolve against; may be null */
  public DirectoryReader(Path baseDirectory) {
    this.certificates = new PemCertificates(baseDirectory);
  }

  /** Reads the whole document rooted at {@code root}. */
  public Directory read(org.yaml.snakeyaml.nodes.Node root) {
    YamlMap map = YamlNode.root(root).map("version", "issued_at", "issuer", "parties", "pairs");
    Directory.Builder directory = Directory.newBuilder()
        .setVersion(Values.positiveLong(map.required("version", "a whole number >= 1")))
        .setIssuedAt(Values.timestamp(map.required("issued_at", Values.DATE)))
        .setIssuer(map.optionalText("issuer", "the body that compiled the directory"));

    Map<String, Party> parties = new LinkedHashMap<>();
    Set<String> nodeIds = new HashSet<>();
    PartyReader partyReader = new PartyReader(certificates);
    List<YamlNode> partyNodes = map.required("parties", "a list of Parties").list(
        "a list of Parties");
    for (YamlNode partyNode : partyNodes) {
      Party party = partyReader.read(partyNode);
      if (parties.putIfAbsent(party.getCode(), party) != null) {
        throw new YamlNode(partyNode.raw(), partyNode.childPath("code")).error(
            "\"" + party.getCode() + "\" is listed twice (expected: one entry per Party)");
      }
      List<Node> nodes = party.getNodesList();
      for (int i = 0; i < nodes.size(); i++) {
        if (!nodeIds.add(nodes.get(i).getId())) {
          throw new YamlNode(partyNode.raw(), partyNode.childPath("nodes[" + i + "].id")).error(
              "\"" + nodes.get(i).getId() + "\" is already used (expected: a node id unique in"
                  + " the network)");
        }
      }
      directory.addParties(party);
    }

    PairReader pairReader = new PairReader(parties);
    for (YamlNode pairNode : map.list("pairs", "a list of Party pairs")) {
      directory.addPairs(pairReader.read(pairNode));
    }
    return directory.build();
  }
}

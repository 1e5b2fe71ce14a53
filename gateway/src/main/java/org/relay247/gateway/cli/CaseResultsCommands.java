package org.relay247.gateway.cli;

import com.google.protobuf.util.Timestamps;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.protocol.results.ChunkSize;
import org.relay247.protocol.results.EvidenceAssembler;
import org.relay247.protocol.results.EvidenceChunker;
import org.relay247.protocol.results.EvidenceIntegrityException;
import org.relay247.protocol.results.EvidenceItems;
import org.relay247.protocol.v1.CopyKind;
import org.relay247.protocol.v1.EvidenceItem;
import org.relay247.protocol.v1.EvidenceManifest;
import org.relay247.protocol.v1.GetCaseTimelineRequest;
import org.relay247.protocol.v1.GetMessageRequest;
import org.relay247.protocol.v1.GetMessageResponse;
import org.relay247.protocol.v1.InboxSummary;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.ResultsChannel;
import org.relay247.protocol.v1.Routing;
import org.relay247.protocol.v1.SubmitDraftRequest;
import org.relay247.protocol.v1.WatchInboxRequest;
import org.relay247.protocol.v1.WatchInboxResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code relay247 case send-results} and {@code case fetch-results}: results as files, through
 * the national API (docs/console.md#results-from-the-command-line). One chunk is in memory at a
 * time on both sides, whatever the file size.
 */
public final class CaseResultsCommands {
  private CaseResultsCommands() {}

  /** The two commands, to add under {@code relay247 case}. */
  public static List<Object> commands(Clock clock) {
    return List.of(new SendResults(clock), new FetchResults(clock));
  }

  @Command(name = "send-results", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Send files as the results of a received request: computes each file's size and SHA-256, "
          + "submits the evidence manifest (authorised by the determination this node sent on the request), "
          + "then the chunks. Message ids are derived from the request and the files, so running the same "
          + "command again after an interruption resumes: what the node already holds is not sent twice.",
          "Prints the manifest's message id."})
  static final class SendResults extends ApiCommand {
    @Parameters(index = "0", paramLabel = "CASE", description = "The case id.")
    String caseId;

    @Option(names = "--request", required = true, paramLabel = "ID", description = "The received request answered.")
    String requestId;

    @Option(names = "--determination", paramLabel = "ID",
        description = "The determination authorising the results (default: the last one this node sent on the"
            + " request).")
    String determinationId;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "The files, one item each.")
    List<Path> files;

    @Option(names = "--by", paramLabel = "NAME", description = "Your name, as the manifest's sender contact.")
    String by;

    SendResults(Clock clock) {
      super(clock);
    }

    @Override
    int run(NationalApiClient client) throws Exception {
      GetMessageResponse request = client.blocking(TIMEOUT).getMessage(GetMessageRequest.newBuilder()
          .setMessageId(requestId).build());
      if (!request.hasInbound()) {
        throw new AuditCommand.Failure("message " + requestId + " was sent by this node (expected: a received request)");
      }
      if (!request.getMessage().getRouting().getCaseId().equals(caseId)) {
        throw new AuditCommand.Failure("request " + requestId + " is in case " + request.getMessage().getRouting()
            .getCaseId() + ", not " + caseId);
      }
      String authorisation = determinationId != null ? determinationId : lastDetermination(client);
      int chunkSize = ChunkSize.DEFAULT;
      List<EvidenceItem> items = new ArrayList<>();
      long newest = 0;
      for (int i = 0; i < files.size(); i++) {
        Path f = files.get(i);
        String type = Files.probeContentType(f);
        try (InputStream in = Files.newInputStream(f)) {
          items.add(EvidenceItems.describe("item-" + (i + 1), String.valueOf(f.getFileName()),
              type == null ? "application/octet-stream" : type, in, chunkSize));
        }
        newest = Math.max(newest, Files.getLastModifiedTime(f).toMillis());
      }
      long producedAt = newest / 1000 * 1000;
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(requestId.getBytes(StandardCharsets.UTF_8));
      items.forEach(it -> d.update(it.getSha256().toByteArray()));
      byte[] seed = d.digest();
      String manifestId = derivedId(producedAt, seed, "manifest");
      Routing answer = Routing.newBuilder().setRecipient(request.getMessage().getRouting().getSender())
          .setPriority(request.getMessage().getRouting().getPriority()).setCaseId(caseId).setReplyToId(requestId)
          .build();
      InnerMessage.Builder manifestMessage = InnerMessage.newBuilder();
      if (by != null && !by.isBlank()) {
        manifestMessage.setSenderContact(org.relay247.protocol.v1.ContactDetails.newBuilder().setName(by.strip()));
      }
      InnerMessage manifest = manifestMessage
          .setRouting(answer.toBuilder().setMessageId(manifestId))
          .setEvidenceManifest(EvidenceManifest.newBuilder().setRequestMessageId(requestId)
              .setAuthorisationMessageId(authorisation).setCopyKind(CopyKind.COPY_KIND_OFFICIAL)
              .setChannel(ResultsChannel.RESULTS_CHANNEL_POINT_OF_CONTACT).addAllItems(items)
              .setChunkSizeBytes(chunkSize).setProducedAt(Timestamps.fromMillis(producedAt)))
          .build();
      client.blocking(TIMEOUT).submitDraft(SubmitDraftRequest.newBuilder().setDraft(manifest).build());
      EvidenceChunker chunker = new EvidenceChunker(manifestId, chunkSize);
      Routing chunkRouting = answer.toBuilder().setReplyToId(manifestId).build();
      long chunks = 0;
      for (int i = 0; i < files.size(); i++) {
        EvidenceItem item = items.get(i);
        try (InputStream in = Files.newInputStream(files.get(i))) {
          chunker.forEachChunk(item, in, chunk -> client.blocking(TIMEOUT).submitDraft(SubmitDraftRequest.newBuilder()
              .setDraft(InnerMessage.newBuilder()
                  .setRouting(chunkRouting.toBuilder().setMessageId(derivedId(producedAt, seed,
                      item.getItemId() + "/" + chunk.getIndex())))
                  .setEvidenceChunk(chunk))
              .build()));
        } catch (EvidenceIntegrityException e) {
          throw new AuditCommand.Failure(files.get(i) + " changed while it was being sent: " + e.getMessage());
        }
        chunks += item.getChunkCount();
      }
      out().println(manifestId);
      spec.commandLine().getErr().println("sent " + items.size() + " item(s) in " + chunks + " chunk(s) to "
          + answer.getRecipient());
      return 0;
    }

    private String lastDetermination(NationalApiClient client) {
      String found = null;
      var timeline = client.blocking(TIMEOUT).getCaseTimeline(GetCaseTimelineRequest.newBuilder().setCaseId(caseId)
          .build());
      for (var e : timeline.getEventsList()) {
        if (e.getBodyType().equalsIgnoreCase("DETERMINATION") && !e.getMessageId().isEmpty()) {
          GetMessageResponse m = client.blocking(TIMEOUT).getMessage(GetMessageRequest.newBuilder()
              .setMessageId(e.getMessageId()).build());
          if (m.hasOutbound() && m.getMessage().getDetermination().getRequestMessageId().equals(requestId)) {
            found = e.getMessageId();
          }
        }
      }
      if (found == null) {
        throw new AuditCommand.Failure("no determination was sent on request " + requestId + " (expected: the"
            + " determination first, or --determination ID)");
      }
      return found;
    }
  }

  /**
   * A UUIDv7-shaped id fixed by the files: the time bits are {@code millis}, the rest comes from
   * SHA-256(seed, label), so the same send gets the same ids on every run.
   */
  static String derivedId(long millis, byte[] seed, String label) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(seed);
      d.update(label.getBytes(StandardCharsets.UTF_8));
      byte[] r = d.digest();
      ByteBuffer b = ByteBuffer.allocate(16);
      b.putShort((short) (millis >>> 32)).putInt((int) millis);
      b.put((byte) (0x70 | (r[0] & 0x0f))).put(r[1]);
      b.put((byte) (0x80 | (r[2] & 0x3f))).put(r, 3, 7);
      b.flip();
      return new UUID(b.getLong(), b.getLong()).toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Command(name = "fetch-results", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Write the results received in a case into a directory: every item of every evidence "
          + "manifest, reassembled from its chunks and checked against the signed manifest (each chunk's and the "
          + "whole item's SHA-256). Exit 1 if a chunk is missing or an item does not match (nothing unverified "
          + "is left in DIR)."})
  static final class FetchResults extends ApiCommand {
    @Parameters(index = "0", paramLabel = "CASE", description = "The case id.")
    String caseId;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the items.")
    Path out;

    FetchResults(Clock clock) {
      super(clock);
    }

    @Override
    int run(NationalApiClient client) throws Exception {
      Map<String, List<String>> chunksByManifest = new LinkedHashMap<>();
      List<String> manifests = new ArrayList<>();
      Iterator<WatchInboxResponse> stream = client.watching().watchInbox(WatchInboxRequest.newBuilder()
          .setStoredOnly(true).build());
      while (stream.hasNext()) {
        WatchInboxResponse r = stream.next();
        if (!r.hasEntry()) {
          continue;
        }
        InboxSummary s = r.getEntry();
        if (!s.getCaseId().equals(caseId)) {
          continue;
        }
        if (s.getBodyType().equals("evidence_manifest")) {
          manifests.add(s.getMessageId());
        } else if (s.getBodyType().equals("evidence_chunk")) {
          chunksByManifest.computeIfAbsent(s.getReplyToId(), k -> new ArrayList<>()).add(s.getMessageId());
        }
      }
      if (manifests.isEmpty()) {
        throw new AuditCommand.Failure("no evidence manifest received in case " + caseId);
      }
      Files.createDirectories(out);
      int written = 0;
      for (String manifestId : manifests) {
        EvidenceManifest manifest = get(client, manifestId).getEvidenceManifest();
        for (EvidenceItem item : manifest.getItemsList()) {
          Path target = out.resolve(safeName(item));
          try (EvidenceAssembler a = EvidenceAssembler.create(manifestId, manifest, item.getItemId(), target)) {
            for (String chunkId : chunksByManifest.getOrDefault(manifestId, List.of())) {
              var chunk = get(client, chunkId).getEvidenceChunk();
              if (chunk.getItemId().equals(item.getItemId())) {
                a.accept(chunk);
              }
            }
            if (!a.missing().isEmpty()) {
              Files.deleteIfExists(target);
              throw new AuditCommand.Failure("item " + item.getItemId() + " (" + item.getName() + ") of manifest "
                  + manifestId + ": " + a.missing().size() + " chunk(s) not received yet, e.g. index "
                  + a.missing().get(0));
            }
            a.complete();
          } catch (EvidenceIntegrityException e) {
            Files.deleteIfExists(target);
            throw new AuditCommand.Failure(e.getMessage());
          }
          out().println(target + "  " + item.getSizeBytes() + " bytes  sha256 "
              + java.util.HexFormat.of().formatHex(item.getSha256().toByteArray()) + "  verified");
          written++;
        }
      }
      spec.commandLine().getErr().println(written + " item(s) written to " + out + ", each verified");
      return 0;
    }

    private static InnerMessage get(NationalApiClient client, String id) {
      return client.blocking(TIMEOUT).getMessage(GetMessageRequest.newBuilder().setMessageId(id).build()).getMessage();
    }

    private static String safeName(EvidenceItem item) {
      String name = item.getName().replaceAll("[^A-Za-z0-9._-]", "_");
      return name.isEmpty() || name.startsWith(".") ? item.getItemId() : name;
    }
  }
}

package org.relay247.protocol.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.relay247.protocol.v1.Envelope;

/** Reads {@code FILE.env}: one serialized {@link Envelope}, as {@code envelope seal} writes it. */
final class EnvelopeFiles {
  private EnvelopeFiles() {}

  /** The exact bytes and the parsed envelope. */
  record Read(byte[] bytes, Envelope envelope) {}

  /** @throws IllegalArgumentException if the bytes are not an Envelope with sealed content */
  static Read read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Envelope envelope;
    try {
      envelope = Envelope.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(file + ": not a serialized Envelope (" + e.getMessage() + ")", e);
    }
    if (envelope.getSealed().isEmpty() || !envelope.hasRouting()) {
      throw new IllegalArgumentException(file + ": not a serialized Envelope (no routing or no sealed bytes)");
    }
    return new Read(bytes, envelope);
  }
}

/**
 * Results as streams (DESIGN 4): an evidence item is described (size, SHA-256, chunk count) for
 * the signed {@code EvidenceManifest}, cut into {@code EvidenceChunk} messages that each travel as
 * an ordinary sealed envelope, and reassembled by the receiver into a file, verifying every chunk
 * hash on arrival and the whole-item hash before the item counts as received.
 *
 * <p>Memory is bounded by the chunk size ({@link org.relay247.protocol.results.ChunkSize}), never
 * by the item size: nothing here holds a whole item in memory.
 */
package org.relay247.protocol.results;

/**
 * The treaty rules: pure functions of (draft or received message, sender, recipient, directory,
 * date) to {@link org.relay247.gateway.rules.Finding findings}.
 *
 * <p>Entry point: {@link org.relay247.gateway.rules.TreatyRules#standard()} then
 * {@link org.relay247.gateway.rules.TreatyRules#evaluate(org.relay247.protocol.v1.InnerMessage,
 * org.relay247.protocol.Address, org.relay247.protocol.Address, org.relay247.protocol.v1.Directory,
 * java.time.Instant) evaluate}, {@link org.relay247.gateway.rules.TreatyRules#blocks blocks} and
 * {@link org.relay247.gateway.rules.TreatyRules#firstBlock firstBlock}. No I/O, no clock, no
 * shared mutable state: safe to call from any thread. Every rule is listed, with its code,
 * article, condition, severity and advice, in docs/treaty-rules.md, which is generated from
 * {@link org.relay247.gateway.rules.TreatyRulesDocumentation} and checked by a test.
 *
 * <p>Findings advise; determinations (is there an emergency, refuse, impose conditions) are human
 * acts (Art. 14.6).
 */
package org.relay247.gateway.rules;

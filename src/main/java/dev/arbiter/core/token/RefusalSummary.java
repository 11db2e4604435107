package dev.arbiter.core.token;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The refused requests of one source within one window, audited as one
 * ledger entry (issue 13: "rejected authentications are audited" without one
 * row per request, so a flood costs a bounded number of entries). Every text
 * is capped at {@value #MAX_TEXT} characters and at most {@value #MAX_SAMPLES}
 * samples are kept, so an entry's size is bounded whatever was sent.
 *
 * @param source    where the requests came from (an IP address), capped
 * @param from      start of the window (inclusive)
 * @param to        end of the window
 * @param count     refused requests in the window, ≥ 1
 * @param throttled how many of them were answered 429 instead (0 ≤ throttled ≤ count)
 * @param reasons   how many refusals each reason had (at most {@value #MAX_REASONS} reasons;
 *                  further ones are counted under "other")
 * @param samples   the first refusal of each reason, in arrival order
 */
public record RefusalSummary(String source, Instant from, Instant to, long count, long throttled,
        Map<String, Long> reasons, List<Sample> samples) {

    public static final int MAX_TEXT = 200;
    public static final int MAX_SAMPLES = 5;
    public static final int MAX_REASONS = 16;

    /**
     * One refused request: why ({@code reason}, e.g. "token expired", "foreign
     * Host"), the token id and agent when the token was recognisable (never
     * the token itself), and the request line as sent, capped.
     */
    public record Sample(String reason, String tokenId, String agentId, String request) {
        public Sample {
            reason = cap(reason);
            tokenId = cap(tokenId);
            agentId = cap(agentId);
            request = cap(request);
        }
    }

    public RefusalSummary {
        if (count < 1 || throttled < 0 || throttled > count) {
            throw new IllegalArgumentException("a summary counts at least one refusal, and no more throttled than "
                    + "refused: " + count + ", " + throttled);
        }
        source = cap(source);
        Map<String, Long> kept = new LinkedHashMap<>();
        reasons.forEach((reason, n) -> kept.merge(kept.size() < MAX_REASONS || kept.containsKey(cap(reason))
                ? cap(reason) : "other", n, Long::sum));
        reasons = Collections.unmodifiableMap(kept);
        samples = List.copyOf(samples.subList(0, Math.min(samples.size(), MAX_SAMPLES)));
    }

    /** {@code text} cut to {@value #MAX_TEXT} characters (marked with "…"), null stays null. */
    public static String cap(String text) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        int end = MAX_TEXT - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}

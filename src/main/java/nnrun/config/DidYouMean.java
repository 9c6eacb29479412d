package nnrun.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Suggests the known word a misspelled one was probably meant to be. */
final class DidYouMean {
    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private DidYouMean() {}

    /**
     * The closest candidate, if it is close enough to be a typo: at most 2 edits, or a third of the
     * word for long words, so "epoch" suggests "epochs" but "lerning_rate" does not suggest "lr".
     */
    static Optional<String> closest(String word, Collection<String> candidates) {
        String typed = word.toLowerCase(Locale.ROOT);
        int allowed = Math.max(2, typed.length() / 3);
        return candidates.stream()
                .filter(candidate -> distance(typed, candidate) <= allowed)
                .min(Comparator.comparingInt((String candidate) -> distance(typed, candidate))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /** " did you mean "epochs"?" or nothing, ready to append to a problem description. */
    static String hint(String word, Collection<String> candidates) {
        return closest(word, candidates).map(s -> ", did you mean \"" + s + "\"?").orElse("");
    }

    private static int distance(String typed, String candidate) {
        return DISTANCE.apply(typed, candidate.toLowerCase(Locale.ROOT));
    }
}

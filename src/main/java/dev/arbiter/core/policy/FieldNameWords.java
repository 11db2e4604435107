package dev.arbiter.core.policy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A field name as the words a person reads in it, so that every spelling of a sensitive name is recognised:
 * Unicode compatibility forms are folded (NFKC: full-width {@code ｐａｓｓｗｏｒｄ}), invisible format characters
 * dropped (a zero-width space), Cyrillic and Greek letters that look like Latin ones read as Latin (Unicode TR 39
 * confusables, the subset that can spell an English word), then the name is cut at camel-case humps and at every
 * character that is not a letter or digit, and lower-cased: {@code userPassword}, {@code user_password},
 * {@code USER-PASSWORD} and {@code user password} are all {@code [user, password]}.
 */
final class FieldNameWords {

    private static final Map<Character, Character> LOOK_ALIKES = lookAlikes(
            "аaвbеeһhіiјjкkмmнhоoрpсcѕsтtуyхxԁdԛqԝwАAВBЕEНHІIЈJКKМMОOРPСCЅSТTХXУY"
                    + "αaβbεeιiκkνvοoρpτtυuχxΑAΒBΕEΗHΙIΚKΜMΝNΟOΡPΤTΥYΧXΖZıi");

    /** Runs of characters that are neither letter nor digit: word separators. Compiled once: names are read per call. */
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** Camel-case humps: before an upper-case letter that follows a lower-case one or a digit, and in {@code APIKey}. */
    private static final Pattern HUMPS = Pattern.compile(
            "(?<=[\\p{Ll}\\p{N}])(?=\\p{Lu})|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})");

    private FieldNameWords() {
    }

    /** The lower-case words of {@code name}; empty for a name without a letter or digit. */
    static List<String> of(String name) {
        StringBuilder folded = new StringBuilder();
        for (char c : Normalizer.normalize(name, Normalizer.Form.NFKC).toCharArray()) {
            if (Character.getType(c) != Character.FORMAT) {
                folded.append(LOOK_ALIKES.getOrDefault(c, c));
            }
        }
        List<String> words = new ArrayList<>();
        for (String part : SEPARATORS.split(folded)) {
            for (String word : HUMPS.split(part)) {
                if (!word.isEmpty()) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
        }
        return words;
    }

    /** True when {@code sought} occurs in {@code words} as consecutive words, or both read the same run together. */
    static boolean contains(List<String> words, List<String> sought) {
        if (sought.isEmpty()) {
            return false;
        }
        if (String.join("", words).equals(String.join("", sought))) {
            return true; // APIKEY is api_key
        }
        for (int i = 0; i + sought.size() <= words.size(); i++) {
            if (words.subList(i, i + sought.size()).equals(sought)) {
                return true;
            }
        }
        return false;
    }

    private static Map<Character, Character> lookAlikes(String pairs) {
        Map<Character, Character> map = new java.util.HashMap<>();
        for (int i = 0; i + 1 < pairs.length(); i += 2) {
            map.put(pairs.charAt(i), pairs.charAt(i + 1));
        }
        return Map.copyOf(map);
    }
}

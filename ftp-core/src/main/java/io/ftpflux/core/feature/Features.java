package io.ftpflux.core.feature;

import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.reply.FtpReply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The features a server announced in its reply to FEAT (RFC 2389 §3), immutable.
 *
 * <p>Every feature line is kept, in order, duplicates included ({@link #features()}); lookups by name ignore
 * case. Typed accessors read the features a client acts on: UTF8 (RFC 2640), EPSV and EPRT (RFC 2428), MLST,
 * SIZE, MDTM, REST STREAM and TVFS (RFC 3659), AUTH, PBSZ, PROT and CCC (RFC 4217), HOST (RFC 7151), LANG
 * (RFC 2640), and the common extensions MFMT, MFF, HASH, CLNT and MODE Z. A server that does not implement
 * FEAT announces nothing: {@link #none()}.
 */
public final class Features {

    private static final Features NONE = new Features(List.of());

    private final List<Feature> features;
    private final Map<String, Feature> firstByName;

    private Features(List<Feature> features) {
        this.features = List.copyOf(features);
        Map<String, Feature> byName = new LinkedHashMap<>();
        for (Feature feature : this.features) {
            byName.putIfAbsent(feature.name(), feature);
        }
        this.firstByName = Collections.unmodifiableMap(byName);
    }

    /**
     * Returns the features of a server that announces none.
     *
     * @return the empty feature set
     */
    public static Features none() {
        return NONE;
    }

    /**
     * Returns a feature set of the given lines, as if a server had announced them in that order.
     *
     * @param features the features
     * @return the feature set
     */
    public static Features of(List<Feature> features) {
        return features.isEmpty() ? NONE : new Features(features);
    }

    /**
     * Parses the reply to FEAT (RFC 2389 §3.2).
     *
     * <p>A multi-line 211 lists one feature per line between its first and last lines. Each line should start
     * with one space; lines without it, or with more, are read the same, and a line that repeats the reply code
     * as {@code 211-} loses that prefix. A feature's name is its first word, the rest of the line its
     * parameters. Blank lines carry no feature and are skipped. A single-line 211 ({@code 211 no features}) and
     * a refusal (4yz or 5yz, typically 500 or 502 from a server without FEAT) announce no features.
     *
     * @param reply the final reply to FEAT
     * @return the announced features
     * @throws FtpProtocolException if the reply is neither a 211 nor a refusal
     */
    public static Features parse(FtpReply reply) {
        if (reply.code().category().isNegative()) {
            return NONE;
        }
        if (reply.code().value() != 211) {
            throw new FtpProtocolException("FEAT expects a 211 reply or a refusal, got " + firstLine(reply));
        }
        List<Feature> parsed = new ArrayList<>();
        for (String line : reply.innerLines()) {
            String content = line.startsWith("211-") ? line.substring(4) : line;
            content = content.strip();
            if (content.isEmpty()) {
                continue;
            }
            int space = firstWhitespace(content);
            parsed.add(space < 0
                    ? new Feature(content, "")
                    : new Feature(content.substring(0, space), content.substring(space + 1)));
        }
        return of(parsed);
    }

    /**
     * Returns every feature line, in the server's order, duplicates included.
     *
     * @return the features
     */
    public List<Feature> features() {
        return features;
    }

    /**
     * Returns the names of the announced features, upper-cased, each once, in the server's order.
     *
     * @return the feature names
     */
    public Set<String> names() {
        return firstByName.keySet();
    }

    /**
     * Tells whether the server announced nothing.
     *
     * @return {@code true} if there are no features
     */
    public boolean isEmpty() {
        return features.isEmpty();
    }

    /**
     * Tells whether a feature was announced.
     *
     * @param name the feature name, in any case
     * @return {@code true} if a line has that name
     */
    public boolean has(String name) {
        return firstByName.containsKey(name.toUpperCase(Locale.ROOT));
    }

    /**
     * Returns the parameters of the first line with a feature name; {@link #features()} has every line.
     *
     * @param name the feature name, in any case
     * @return the parameters (an empty string when the line has none), or empty if the feature is absent
     */
    public Optional<String> parameters(String name) {
        Feature feature = firstByName.get(name.toUpperCase(Locale.ROOT));
        return feature == null ? Optional.empty() : Optional.of(feature.parameters());
    }

    /**
     * Tells whether the server accepts UTF-8 path names (RFC 2640 §3, feature {@code UTF8}).
     *
     * @return {@code true} if UTF8 was announced
     */
    public boolean supportsUtf8() {
        return has("UTF8");
    }

    /**
     * Tells whether the server supports extended passive mode (RFC 2428 §3, feature {@code EPSV}).
     *
     * @return {@code true} if EPSV was announced
     */
    public boolean supportsEpsv() {
        return has("EPSV");
    }

    /**
     * Tells whether the server supports extended active mode (RFC 2428 §2, feature {@code EPRT}).
     *
     * @return {@code true} if EPRT was announced
     */
    public boolean supportsEprt() {
        return has("EPRT");
    }

    /**
     * Tells whether the server supports MLST and MLSD (RFC 3659 §7.8, feature {@code MLST}).
     *
     * @return {@code true} if MLST was announced
     */
    public boolean supportsMlst() {
        return has("MLST");
    }

    /**
     * Tells whether the server supports MLSD: the MLST feature announces it (RFC 3659 §7.8), and some servers
     * also list {@code MLSD} on its own.
     *
     * @return {@code true} if MLST or MLSD was announced
     */
    public boolean supportsMlsd() {
        return has("MLST") || has("MLSD");
    }

    /**
     * Returns the facts the server can show in MLST and MLSD output (RFC 3659 §7.8), in its order; a selected
     * fact ({@code *}) is shown by default.
     *
     * @return the facts of every MLST line, each once (compared ignoring case); empty without MLST
     */
    public List<FeatureOption> mlstFacts() {
        return options("MLST");
    }

    /**
     * Tells whether the server restarts transfers in stream mode (RFC 3659 §5, feature {@code REST STREAM}).
     *
     * @return {@code true} if a REST line lists STREAM
     */
    public boolean supportsRestStream() {
        return features.stream()
                .filter(feature -> feature.name().equals("REST"))
                .flatMap(feature -> Arrays.stream(feature.parameters().split("\\s+")))
                .anyMatch(word -> word.equalsIgnoreCase("STREAM"));
    }

    /**
     * Tells whether the server reports file sizes (RFC 3659 §4, feature {@code SIZE}).
     *
     * @return {@code true} if SIZE was announced
     */
    public boolean supportsSize() {
        return has("SIZE");
    }

    /**
     * Tells whether the server reports modification times (RFC 3659 §3, feature {@code MDTM}).
     *
     * @return {@code true} if MDTM was announced
     */
    public boolean supportsMdtm() {
        return has("MDTM");
    }

    /**
     * Tells whether the server sets modification times with MFMT (draft-somers-ftp-mfxx, feature
     * {@code MFMT}).
     *
     * @return {@code true} if MFMT was announced
     */
    public boolean supportsMfmt() {
        return has("MFMT");
    }

    /**
     * Tells whether the server modifies facts with MFF (draft-somers-ftp-mfxx, feature {@code MFF}); its
     * parameters list the facts.
     *
     * @return {@code true} if MFF was announced
     */
    public boolean supportsMff() {
        return has("MFF");
    }

    /**
     * Returns the security mechanisms AUTH accepts (RFC 2228 §3, RFC 4217 §6), from every AUTH line: servers
     * write {@code AUTH TLS} and {@code AUTH SSL} on separate lines or {@code AUTH TLS;SSL} on one.
     *
     * @return the mechanisms as written (for example {@code TLS}, {@code SSL}, {@code TLS-C}), each once
     */
    public List<String> authMechanisms() {
        return options("AUTH").stream().map(FeatureOption::name).collect(Collectors.toUnmodifiableList());
    }

    /**
     * Tells whether AUTH accepts a mechanism (RFC 4217 §6: {@code TLS} for FTPS).
     *
     * @param mechanism the mechanism, in any case
     * @return {@code true} if an AUTH line lists it
     */
    public boolean supportsAuth(String mechanism) {
        return authMechanisms().stream().anyMatch(listed -> listed.equalsIgnoreCase(mechanism));
    }

    /**
     * Tells whether the server accepts PBSZ (RFC 4217 §9, RFC 2228 §3).
     *
     * @return {@code true} if PBSZ was announced
     */
    public boolean supportsPbsz() {
        return has("PBSZ");
    }

    /**
     * Tells whether the server accepts PROT (RFC 4217 §9, RFC 2228 §3).
     *
     * @return {@code true} if PROT was announced
     */
    public boolean supportsProt() {
        return has("PROT");
    }

    /**
     * Tells whether the server accepts CCC, which returns the control connection to plain text
     * (RFC 4217 §5, RFC 2228 §3).
     *
     * @return {@code true} if CCC was announced
     */
    public boolean supportsCcc() {
        return has("CCC");
    }

    /**
     * Returns the algorithms the server can hash files with (draft-bryan-ftpext-hash, feature
     * {@code HASH SHA-1;SHA-256*;MD5}); the selected one ({@code *}) is what HASH uses now.
     *
     * @return the algorithms, each once; empty without HASH
     */
    public List<FeatureOption> hashAlgorithms() {
        return options("HASH");
    }

    /**
     * Tells whether the server presents a virtual file store with Unix-style paths (RFC 3659 §6, feature
     * {@code TVFS}).
     *
     * @return {@code true} if TVFS was announced
     */
    public boolean supportsTvfs() {
        return has("TVFS");
    }

    /**
     * Returns the languages the server speaks (RFC 2640 §4, feature {@code LANG EN*;FR}); the selected one
     * ({@code *}) is in use now.
     *
     * @return the language tags, each once; empty without LANG
     */
    public List<FeatureOption> langs() {
        return options("LANG");
    }

    /**
     * Tells whether the server accepts HOST to select a virtual host before login (RFC 7151).
     *
     * @return {@code true} if HOST was announced
     */
    public boolean supportsHost() {
        return has("HOST");
    }

    /**
     * Tells whether the server accepts CLNT, by which a client names itself (a common extension, feature
     * {@code CLNT}).
     *
     * @return {@code true} if CLNT was announced
     */
    public boolean supportsClnt() {
        return has("CLNT");
    }

    /**
     * Tells whether the server compresses transfers in MODE Z (a common extension, feature {@code MODE Z}).
     *
     * @return {@code true} if a MODE line lists Z
     */
    public boolean supportsModeZ() {
        return options("MODE").stream().anyMatch(option -> option.is("Z"));
    }

    /**
     * Tells whether this set holds the same feature lines, in the same order, as another.
     *
     * @param other the other object
     * @return {@code true} for equal feature lists
     */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Features that && features.equals(that.features);
    }

    /**
     * Returns a hash code of the feature lines.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return features.hashCode();
    }

    /**
     * Returns the features as a FEAT reply lists them, on one line.
     *
     * @return for example {@code Features[EPSV, MLST type*;size*;modify*;, REST STREAM, UTF8]}
     */
    @Override
    public String toString() {
        return features.stream().map(Feature::toString).collect(Collectors.joining(", ", "Features[", "]"));
    }

    /** Splits the parameters of every line with this name at ';', keeping the first of entries equal ignoring case. */
    private List<FeatureOption> options(String name) {
        Map<String, FeatureOption> options = new LinkedHashMap<>();
        for (Feature feature : features) {
            if (!feature.name().equals(name)) {
                continue;
            }
            for (String entry : feature.parameters().split(";")) {
                String option = entry.strip();
                boolean selected = option.endsWith("*");
                if (selected) {
                    option = option.substring(0, option.length() - 1).strip();
                }
                if (!option.isEmpty()) {
                    options.putIfAbsent(option.toUpperCase(Locale.ROOT), new FeatureOption(option, selected));
                }
            }
        }
        return List.copyOf(options.values());
    }

    private static int firstWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Quotes the first line for a message: one readable line, cut at 120 characters. */
    private static String firstLine(FtpReply reply) {
        String line = reply.lines().get(0);
        StringBuilder quoted = new StringBuilder().append('"');
        line.chars().limit(120).forEach(c -> quoted.append(Character.isISOControl(c) ? '?' : (char) c));
        return quoted.append(line.length() > 120 ? "...\"" : "\"").toString();
    }
}

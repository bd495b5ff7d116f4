package io.ftpflux.core.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link FactMap}, the map of an entry's facts: the {@link Map} contract of an unmodifiable map against
 * {@link HashMap}, values cut from the line only when read, and builders that go on after building.
 */
class FactMapTest {

    private static final MlsdListingParser MLSD = MlsdListingParser.INSTANCE;

    @Property(tries = 300)
    void behavesAsAHashMapOfTheSameFacts(@ForAll("facts") Map<String, String> given, @ForAll boolean fromLine) {
        Map<String, String> facts = factsOf(given, fromLine);
        HashMap<String, String> expected = new HashMap<>(given);

        assertThat(facts).isEqualTo(expected);
        assertThat(expected).isEqualTo(facts);
        assertThat(facts.hashCode()).isEqualTo(expected.hashCode());
        assertThat(facts.entrySet()).isEqualTo(expected.entrySet());
        assertThat(facts.entrySet().hashCode()).isEqualTo(expected.entrySet().hashCode());
        assertThat(facts.keySet()).isEqualTo(expected.keySet());
        assertThat(facts.size()).isEqualTo(expected.size());
        assertThat(facts.isEmpty()).isEqualTo(expected.isEmpty());
        expected.forEach((name, value) -> {
            assertThat(facts.get(name)).isEqualTo(value);
            assertThat(facts.containsKey(name)).isTrue();
            assertThat(facts.containsValue(value)).isTrue();
            assertThat(facts.getOrDefault(name, "default")).isEqualTo(value);
        });
        assertThat(facts.get("absent.fact")).isNull();
        assertThat(facts.get(42)).isNull();
        assertThat(facts.containsKey("absent.fact")).isFalse();
        assertThat(facts.containsValue("absent;value")).isFalse();
        assertThat(facts.getOrDefault("absent.fact", "default")).isEqualTo("default");
    }

    @Property(tries = 200)
    void iteratesInTheOrderTheFactsWereGiven(@ForAll("facts") Map<String, String> given, @ForAll boolean fromLine) {
        Map<String, String> facts = factsOf(given, fromLine);

        assertThat(new ArrayList<>(facts.keySet())).containsExactlyElementsOf(given.keySet());
        assertThat(new ArrayList<>(facts.values())).containsExactlyElementsOf(given.values());
        List<String> forEachOrder = new ArrayList<>();
        facts.forEach((name, value) -> forEachOrder.add(name + "=" + value));
        assertThat(forEachOrder).containsExactlyElementsOf(
                given.entrySet().stream().map(fact -> fact.getKey() + "=" + fact.getValue()).toList());
        assertThat(facts).hasToString(new LinkedHashMap<>(given).toString());
    }

    @Test
    void cannotBeChanged() {
        Map<String, String> facts = MLSD.parse("type=file;size=1; a").facts();

        assertThatThrownBy(() -> facts.put("type", "dir")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> facts.putAll(Map.of("x", "y"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> facts.remove("type")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(facts::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> facts.putIfAbsent("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> facts.merge("type", "y", (a, b) -> b))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> facts.replaceAll((name, value) -> value))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> facts.keySet().remove("type")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> facts.values().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> facts.entrySet().iterator().next().setValue("dir"))
                .isInstanceOf(UnsupportedOperationException.class);
        Iterator<String> names = facts.keySet().iterator();
        names.next();
        assertThatThrownBy(names::remove).isInstanceOf(UnsupportedOperationException.class);
        assertThat(facts).containsExactly(Map.entry("type", "file"), Map.entry("size", "1"));
    }

    @Test
    void refusesNullAsMapOfDoes() {
        Map<String, String> facts = MLSD.parse("type=file; a").facts();

        assertThatThrownBy(() -> facts.get(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> facts.containsKey(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> facts.containsValue(null)).isInstanceOf(NullPointerException.class);
        HashMap<String, String> withNull = new HashMap<>();
        withNull.put("unix.owner", null);
        assertThatThrownBy(() -> FtpEntry.builder("a", EntryType.FILE).build().toBuilder().fact("x", null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FtpEntry("a", EntryType.FILE, null, null, null, null, withNull, "a",
                StandardCharsets.UTF_8)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void cutsAValueOnceAndKeepsIt() {
        FtpEntry entry = MLSD.parse("type=file;unique=FE01;UNIX.owner=ann; a");

        String unique = entry.fact("unique");
        assertThat(unique).isEqualTo("FE01");
        assertThat(entry.fact("UNIQUE")).isSameAs(unique);
        assertThat(entry.fact("unix.owner")).isEqualTo("ann");
    }

    @Test
    void sharesTheCommonNamesAndThePermissions() {
        FtpEntry first = MLSD.parse("Type=file;PERM=adfrw;Unix.Mode=0644; a");
        FtpEntry second = MLSD.parse("type=file;perm=adfrw;UNIX.mode=0644; b");

        List<String> firstNames = new ArrayList<>(first.facts().keySet());
        List<String> secondNames = new ArrayList<>(second.facts().keySet());
        for (int i = 0; i < firstNames.size(); i++) {
            assertThat(firstNames.get(i)).isSameAs(secondNames.get(i));
        }
        assertThat(first.fact("perm")).isSameAs(first.permissions());
    }

    @Test
    void keepsTheLastValueOfAFactGivenTwice() {
        FtpEntry entry = MLSD.parse("size=1;x.a=1;SIZE=2;X.A=2;perm=r;Perm=w; a");

        assertThat(entry.facts()).containsExactly(Map.entry("size", "2"), Map.entry("x.a", "2"),
                Map.entry("perm", "w"));
        assertThat(entry.size()).isEqualTo(2L);
        assertThat(entry.permissions()).isEqualTo("w");
    }

    @Test
    void aBuilderThatGoesOnAfterBuildingLeavesTheBuiltEntryAlone() {
        FtpEntry.Builder builder = FtpEntry.builder("a", EntryType.FILE).fact("unix.owner", "ann");
        String line = "unix.group=staff;size=3; a";
        builder.lowerCaseFactAt("unix.group", true, line, line.indexOf('=') + 1);
        FtpEntry built = builder.build();

        builder.fact("unix.owner", "bob").fact("unix.mode", "0644");
        builder.lowerCaseFactAt("size", true, line, line.lastIndexOf('=') + 1);
        FtpEntry rebuilt = builder.build();
        builder.fact("unix.group", "wheel");

        assertThat(built.facts()).containsExactly(Map.entry("unix.owner", "ann"), Map.entry("unix.group", "staff"));
        assertThat(rebuilt.facts()).containsExactly(Map.entry("unix.owner", "bob"),
                Map.entry("unix.group", "staff"), Map.entry("unix.mode", "0644"), Map.entry("size", "3"));
    }

    @Test
    void takesTheValuesOfOneEntryFromOneLine() {
        FtpEntry.Builder builder = FtpEntry.builder("a", EntryType.FILE).lowerCaseFactAt("size", true, "size=1; a", 5);

        assertThatThrownBy(() -> builder.lowerCaseFactAt("type", true, "type=file; b", 5))
                .isInstanceOf(IllegalStateException.class);
        assertThat(builder.build().facts()).containsExactly(Map.entry("size", "1"));
    }

    @Test
    void growsBeyondTenFacts() {
        StringBuilder line = new StringBuilder();
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < 25; i++) {
            line.append("x.f").append(i).append('=').append(i).append(';');
            expected.put("x.f" + i, Integer.toString(i));
        }
        FtpEntry entry = MLSD.parse(line.append(" a").toString());

        assertThat(entry.facts()).containsExactlyEntriesOf(expected);
        assertThat(entry.toBuilder().fact("x.f25", "25").build().facts()).hasSize(26);
    }

    @Test
    void aMapGivenToTheRecordIsCopiedAndAFactMapIsKept() {
        Map<String, String> given = new HashMap<>(Map.of("unix.owner", "ann"));
        FtpEntry entry = new FtpEntry("a", EntryType.FILE, null, null, null, null, given, "a",
                StandardCharsets.UTF_8);
        given.put("unix.owner", "bob");

        assertThat(entry.facts()).containsExactly(Map.entry("unix.owner", "ann"));
        assertThat(entry.withNameCharset(StandardCharsets.ISO_8859_1).facts())
                .isSameAs(entry.facts());
        assertThat(FtpEntry.builder("a", EntryType.FILE).build().facts()).isEmpty();
    }

    /** The facts as the MLSD parser keeps them (values in the line) or as a builder is given them (strings). */
    private static Map<String, String> factsOf(Map<String, String> given, boolean fromLine) {
        if (!fromLine || given.isEmpty()) {
            FtpEntry.Builder builder = FtpEntry.builder("a", EntryType.FILE);
            given.forEach(builder::fact);
            return builder.build().facts();
        }
        StringBuilder line = new StringBuilder();
        given.forEach((name, value) -> line.append(name).append('=').append(value).append(';'));
        return MLSD.parse(line.append(" a").toString()).facts();
    }

    /** Distinct lower-case fact names, common and not, each with a value that may be empty. */
    @Provide
    Arbitrary<Map<String, String>> facts() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of("type", "size", "modify", "perm", "unique", "unix.mode", "unix.owner", "sizd", "lang"),
                Arbitraries.strings().withCharRange('a', 'z').withChars(".-_0123456789").ofMinLength(1)
                        .ofMaxLength(20));
        Arbitrary<String> values = Arbitraries.strings().withCharRange('!', '~').excludeChars(';')
                .withChars(" =éß").ofMaxLength(12);
        return Arbitraries.maps(names, values).ofMaxSize(14).map(LinkedHashMap::new);
    }
}

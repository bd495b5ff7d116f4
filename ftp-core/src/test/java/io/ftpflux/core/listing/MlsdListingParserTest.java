package io.ftpflux.core.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ftpflux.core.FtpProtocolException;
import io.ftpflux.core.reply.FtpReply;
import io.ftpflux.core.reply.ReplyCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MlsdListingParserTest {

    private final ListingParser parser = ListingParsers.mlsd();

    private FtpEntry parse(String line) {
        FtpEntry entry = parser.parse(line);
        assertThat(entry).as("entry for %s", line).isNotNull();
        return entry;
    }

    @Test
    void readsEveryStandardFactOfAFile() {
        String line = "type=file;size=1024;modify=20240305123456;create=20240101000000;perm=adfrw;"
                + "unique=801U1234;lang=en;media-type=text/plain;charset=UTF-8; report.txt";
        FtpEntry entry = parse(line);

        assertThat(entry.name()).isEqualTo("report.txt");
        assertThat(entry.type()).isEqualTo(EntryType.FILE);
        assertThat(entry.size()).isEqualTo(1024L);
        assertThat(entry.modified()).isEqualTo(Instant.parse("2024-03-05T12:34:56Z"));
        assertThat(entry.permissions()).isEqualTo("adfrw");
        assertThat(entry.linkTarget()).isNull();
        assertThat(entry.rawLine()).isEqualTo(line);
        assertThat(entry.facts()).containsEntry("unique", "801U1234")
                .containsEntry("lang", "en")
                .containsEntry("media-type", "text/plain")
                .containsEntry("charset", "UTF-8")
                .containsEntry("create", "20240101000000")
                .hasSize(9);
    }

    @Test
    void readsDirectoriesAndTellsSelfAndParentApart() {
        FtpEntry dir = parse("type=dir;sizd=4096;modify=20240305123456; sub dir");
        FtpEntry cdir = parse("type=cdir;modify=20240305123456; .");
        FtpEntry pdir = parse("type=pdir;modify=20240305123456; ..");

        assertThat(dir.type()).isEqualTo(EntryType.DIRECTORY);
        assertThat(dir.size()).as("sizd stands in for size").isEqualTo(4096L);
        assertThat(dir.isSelfOrParent()).isFalse();
        assertThat(cdir.type()).isEqualTo(EntryType.DIRECTORY);
        assertThat(cdir.isSelfOrParent()).isTrue();
        assertThat(pdir.type()).isEqualTo(EntryType.DIRECTORY);
        assertThat(pdir.isSelfOrParent()).isTrue();
    }

    @Test
    void sizeWinsOverSizd() {
        assertThat(parse("type=dir;size=10;sizd=20; d").size()).isEqualTo(10L);
    }

    @Test
    void readsUnixLinksWithAndWithoutTarget() {
        FtpEntry slink = parse("type=OS.unix=slink:/srv/ftp/target file;size=17; link");
        FtpEntry symlink = parse("type=OS.unix=symlink;size=6; link2");
        FtpEntry symlinkWithTarget = parse("type=os.UNIX=symlink:rel/target; link3");
        FtpEntry emptyTarget = parse("type=OS.unix=slink:; link4");

        assertThat(slink.type()).isEqualTo(EntryType.SYMLINK);
        assertThat(slink.linkTarget()).isEqualTo("/srv/ftp/target file");
        assertThat(slink.fact("type")).isEqualTo("OS.unix=slink:/srv/ftp/target file");
        assertThat(symlink.type()).isEqualTo(EntryType.SYMLINK);
        assertThat(symlink.linkTarget()).isNull();
        assertThat(symlinkWithTarget.type()).isEqualTo(EntryType.SYMLINK);
        assertThat(symlinkWithTarget.linkTarget()).isEqualTo("rel/target");
        assertThat(emptyTarget.type()).isEqualTo(EntryType.SYMLINK);
        assertThat(emptyTarget.linkTarget()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"OS.unix=blkdev", "OS.unix=chrdev", "OS.unix=fifo", "OS.unix=socket", "OS.unix=door",
        "OS.unix", "weird", "OS/2=file"})
    void otherTypesAreOther(String type) {
        FtpEntry entry = parse("type=" + type + "; thing");
        assertThat(entry.type()).isEqualTo(EntryType.OTHER);
        assertThat(entry.fact("type")).isEqualTo(type);
    }

    @Test
    void factNamesAreCaseInsensitiveAndStoredInLowerCase() {
        FtpEntry entry = parse("Type=FILE;SIZE=12;Modify=20240305123456.789;PeRm=r;UNIX.mode=0644;"
                + "UNIX.owner=alice;UNIX.group=staff;UNIX.uid=1000;UNIX.gid=100; Mixed Case.TXT");

        assertThat(entry.type()).isEqualTo(EntryType.FILE);
        assertThat(entry.size()).isEqualTo(12L);
        assertThat(entry.modified()).isEqualTo(Instant.parse("2024-03-05T12:34:56.789Z"));
        assertThat(entry.permissions()).isEqualTo("r");
        assertThat(entry.facts()).containsOnlyKeys("type", "size", "modify", "perm", "unix.mode", "unix.owner",
                "unix.group", "unix.uid", "unix.gid");
        assertThat(entry.fact("UNIX.OWNER")).isEqualTo("alice");
        assertThat(entry.fact("unix.gid")).isEqualTo("100");
        assertThat(entry.unixMode()).isEqualTo(0644);
        assertThat(entry.name()).isEqualTo("Mixed Case.TXT");
    }

    @Test
    void typeValuesAreCaseInsensitive() {
        assertThat(parse("TYPE=Dir; d").type()).isEqualTo(EntryType.DIRECTORY);
        assertThat(parse("type=CDIR; .").isSelfOrParent()).isTrue();
        assertThat(parse("type=OS.UNIX=SLINK:/X; l").linkTarget()).isEqualTo("/X");
    }

    @Test
    void unixModeIsOctalWithFileTypeBitsDropped() {
        assertThat(parse("type=dir;UNIX.mode=0755; d").unixMode()).isEqualTo(0755);
        assertThat(parse("type=file;UNIX.mode=100644; f").unixMode()).isEqualTo(0644);
        assertThat(parse("type=file;UNIX.mode=4755; f").unixMode()).isEqualTo(04755);
        assertThat(parse("type=file;UNIX.mode=0789; f").unixMode()).as("not octal").isNull();
        assertThat(parse("type=file;UNIX.mode=; f").unixMode()).isNull();
        assertThat(parse("type=file; f").unixMode()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {" leading space", "  two leading", "trailing space ", "a; b; c", "a=b", "x;y=z; w",
        "semi;colon", "with  double  spaces", "ünïcödé ✓", ";", "="})
    void namesSurviveWhole(String name) {
        FtpEntry entry = parse("type=file;size=3; " + name);
        assertThat(entry.name()).isEqualTo(name);
        assertThat(entry.size()).isEqualTo(3L);
    }

    @Test
    void factValuesMayHoldSpacesAndEqualsSigns() {
        FtpEntry entry = parse("UNIX.owner=John Doe;x.note=a=b;type=file; name");
        assertThat(entry.fact("unix.owner")).isEqualTo("John Doe");
        assertThat(entry.fact("x.note")).isEqualTo("a=b");
        assertThat(entry.name()).isEqualTo("name");
    }

    @Test
    void missingFactsLeaveFieldsUnknown() {
        FtpEntry onlyType = parse("type=file; f");
        assertThat(onlyType.size()).isNull();
        assertThat(onlyType.modified()).isNull();
        assertThat(onlyType.permissions()).isNull();
        assertThat(onlyType.linkTarget()).isNull();

        FtpEntry noType = parse("size=5; mystery");
        assertThat(noType.type()).as("kind unknown").isEqualTo(EntryType.OTHER);
        assertThat(noType.size()).isEqualTo(5L);
    }

    @Test
    void emptyFactsAndEmptyValuesAreTolerated() {
        FtpEntry entry = parse("type=file;;perm=;size=1; f");
        assertThat(entry.type()).isEqualTo(EntryType.FILE);
        assertThat(entry.permissions()).isEmpty();
        assertThat(entry.size()).isEqualTo(1L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20241301000000", "20240230000000", "20230229120000", "20240305246000", "2024030512",
        "20240305123456.", "20240305123456.x", "2024030512345a", "20240305123456Z", "20240305123461", ""})
    void invalidModifyLeavesModifiedNullAndKeepsTheFact(String modify) {
        FtpEntry entry = parse("type=file;size=7;modify=" + modify + "; f");
        assertThat(entry.modified()).isNull();
        assertThat(entry.fact("modify")).isEqualTo(modify);
        assertThat(entry.size()).as("the rest of the line still counts").isEqualTo(7L);
    }

    @Test
    void modifyReadsFractionsLeapDaysAndLeapSeconds() {
        assertThat(parse("modify=20240229235959; f").modified()).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
        assertThat(parse("modify=20240305123456.5; f").modified())
                .isEqualTo(Instant.parse("2024-03-05T12:34:56.500Z"));
        assertThat(parse("modify=20240305123456.123456789999; f").modified())
                .isEqualTo(Instant.parse("2024-03-05T12:34:56.123456789Z"));
        assertThat(parse("modify=20161231235960; f").modified()).isEqualTo(Instant.parse("2017-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-5", "1.5", "99999999999999999999", "9223372036854775808", ""})
    void invalidSizeLeavesSizeNullAndKeepsTheFact(String size) {
        FtpEntry entry = parse("type=file;size=" + size + "; f");
        assertThat(entry.size()).isNull();
        assertThat(entry.fact("size")).isEqualTo(size);
    }

    @Test
    void readsTheLargestSize() {
        assertThat(parse("type=file;size=9223372036854775807; big").size()).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "plain name",
        "type=file;size=1 name",
        " name",
        "type=file; ",
        "type=file;",
        "typefile; name",
        "=file; name",
        "type=file;junk; name",
        "ty pe=file; name",
        "-rw-r--r--   1 user group 0 Mar  5 12:34 a=b; c",
        ""
    })
    void linesWithoutWellFormedFactsAreNotMlsd(String line) {
        assertThat(parser.parse(line)).isNull();
    }

    @Test
    void blankLinesAreNoise() {
        assertThat(parser.isNoise("")).isTrue();
        assertThat(parser.isNoise("   ")).isTrue();
        assertThat(parser.isNoise("type=file; f")).isFalse();
        assertThat(parser.name()).isEqualTo("mlsd");
    }

    @Test
    void parsesTheEntryOfAnMlstReply() {
        FtpReply reply = new FtpReply(ReplyCode.of(250), List.of(
                "250-Listing /pub/a file",
                " type=file;size=1;modify=20240305123456; /pub/a file",
                "250 End"));

        FtpEntry entry = MlsdListingParser.parseMlstReply(reply);

        assertThat(entry.name()).isEqualTo("/pub/a file");
        assertThat(entry.type()).isEqualTo(EntryType.FILE);
        assertThat(entry.size()).isEqualTo(1L);
        assertThat(entry.nameCharset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void mlstReplyKeepsALeadingSpaceOfTheNameAndTheControlCharset() {
        FtpReply reply = new FtpReply(ReplyCode.of(250), List.of(
                "250- Listing",
                " type=file;size=1;  spaced",
                "250 End"));

        FtpEntry entry = MlsdListingParser.parseMlstReply(reply, StandardCharsets.ISO_8859_1);

        assertThat(entry.name()).isEqualTo(" spaced");
        assertThat(entry.nameCharset()).isEqualTo(StandardCharsets.ISO_8859_1);
    }

    @Test
    void mlstReplyWithoutTheLeadingSpaceIsStillRead() {
        // As Apache MINA FtpServer sends it: no space before the entry, a blank line after it.
        FtpReply reply = new FtpReply(ReplyCode.of(250), List.of(
                "250-", "Size=123456;Modify=20250102030405.000;Type=file; size-123456.bin", "",
                "250 Requested file action okay, completed."));

        FtpEntry entry = MlsdListingParser.parseMlstReply(reply);

        assertThat(entry.name()).isEqualTo("size-123456.bin");
        assertThat(entry.size()).isEqualTo(123456L);
        assertThat(entry.modified()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
    }

    @Test
    void mlstReplyWithoutEntryLineIsAProtocolError() {
        FtpReply single = FtpReply.of(250, "type=file; x");
        FtpReply blank = new FtpReply(ReplyCode.of(250), List.of("250-Listing x", "   ", "250 End"));

        assertThatThrownBy(() -> MlsdListingParser.parseMlstReply(single))
                .isInstanceOf(FtpProtocolException.class).hasMessageContaining("no entry line");
        assertThatThrownBy(() -> MlsdListingParser.parseMlstReply(blank))
                .isInstanceOf(FtpProtocolException.class).hasMessageContaining("is not 'fact=value");
    }

    @Test
    void mlstReplyWithMalformedEntryIsAProtocolError() {
        FtpReply reply = new FtpReply(ReplyCode.of(250), List.of("250-Listing x", " garbage", "250 End"));

        assertThatThrownBy(() -> MlsdListingParser.parseMlstReply(reply))
                .isInstanceOf(FtpProtocolException.class).hasMessageContaining("garbage");
    }

    @Test
    void negativeMlstReplyIsTheCallersMistake() {
        assertThatThrownBy(() -> MlsdListingParser.parseMlstReply(FtpReply.of(550, "No such file")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("550");
    }
}

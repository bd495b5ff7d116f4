package io.ftpflux.core.listing;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses the LIST output of the z/OS (MVS) FTP server for datasets and for the members of a partitioned
 * dataset (RFC 959 §4.1.3 leaves the LIST format to the server). Files in z/OS UNIX (HFS, zFS) list in the
 * Unix format instead, and JES job listings ({@code SITE FILETYPE=JES}) are not read here.
 *
 * <p><b>Datasets</b>, when the working directory is a high-level qualifier:
 * <pre>
 * Volume Unit    Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname
 * WYNK01 3390   2024/01/12  1   15  FB      80  6160  PS  DATA.SET.NAME
 * WYNK02 3390   2024/01/10  3   45  FB      80 27920  PO  SOURCE.LIB
 * Migrated                                                HSM.DATASET
 * Pseudo Directory                                        DEEPER.QUALIFIER
 * TAPE01 Not Direct Access Device                         BACKUP.ON.TAPE
 * </pre>
 * The header is {@linkplain #isNoise(String) noise}. The columns become the facts {@code mvs.volume},
 * {@code mvs.unit}, {@code mvs.referred}, {@code mvs.extents}, {@code mvs.used} (tracks), {@code mvs.recfm},
 * {@code mvs.lrecl}, {@code mvs.blksize} and {@code mvs.dsorg}, each as shown. A partitioned dataset (Dsorg
 * {@code PO}, or {@code PO-E} for a PDSE) is a {@link EntryType#DIRECTORY directory}: CWD into it lists its
 * members; every other dataset is a {@link EntryType#FILE file}. Neither {@link FtpEntry#size()} nor
 * {@link FtpEntry#modified()} is known: the space is in tracks, whose size depends on the device, and
 * "Referred" is the date the dataset was last opened for reading or writing, not its last change, so it is
 * only the {@code mvs.referred} fact. The name is the Dsname as shown, in quotes when the server shows a
 * fully qualified name outside the working directory.
 *
 * <p>The short status lines keep their status as the {@code mvs.status} fact: a {@code Migrated} dataset
 * (archived by HSM, recalled when opened) is a file; a {@code Pseudo Directory} (a qualifier level with
 * datasets below it) is a directory; a dataset on a {@code Not Direct Access Device} (tape) is a file with
 * its volume.
 *
 * <p><b>Members</b> of a partitioned dataset, with their ISPF statistics:
 * <pre>
 *  Name     VV.MM   Created       Changed      Size  Init   Mod   Id
 * MEMBER1   01.03 2023/11/02 2024/01/12 10:23    45    40     5 USERID
 * MEMBER2
 * </pre>
 * The header is noise. A member is a file; the "Changed" date and time, in
 * {@link ListingOptions#serverZone()}, is {@link FtpEntry#modified()} ({@code null} if that date or time
 * does not exist). The other columns become the facts {@code mvs.version} (VV.MM), {@code mvs.created},
 * {@code mvs.lines} (Size: the current number of lines, not bytes, so {@link FtpEntry#size()} stays
 * {@code null}), {@code mvs.initlines}, {@code mvs.modlines} and {@code mvs.user}. A member without ISPF
 * statistics shows its name alone, which must be a valid member name (one to eight characters: an
 * upper-case letter, {@code @}, {@code #} or {@code $}, then also digits).
 */
final class MvsListingParser implements ListingParser {

    private static final Pattern DATASET = Pattern.compile(
            "(?<volume>\\S{1,6}) +(?<unit>\\S+) +(?<referred>\\d{4}/\\d{2}/\\d{2}|\\*\\*NONE\\*\\*)"
                    + " +(?<extents>\\d+|\\?) +(?<used>\\d+|\\?) +(?<recfm>[A-Z?]{1,4})"
                    + " +(?<lrecl>\\d+|\\?) +(?<blksize>\\d+|\\?) +(?<dsorg>[A-Z?][A-Z-]*) +(?<dsname>\\S+) *");

    private static final Pattern STATUS =
            Pattern.compile("(?<status>Migrated|Pseudo Directory|(?<volume>\\S{1,6}) +Not Direct Access Device)"
                    + " +(?<dsname>\\S+) *");

    private static final Pattern MEMBER = Pattern.compile(
            "(?<member>\\S{1,8}) +(?<version>\\d{2}\\.\\d{2}) +(?<created>\\d{4}/\\d{2}/\\d{2})"
                    + " +(?<year>\\d{4})/(?<month>\\d{2})/(?<day>\\d{2}) +(?<hour>\\d{2}):(?<minute>\\d{2})"
                    + "(?::(?<second>\\d{2}))? +(?<lines>\\d+) +(?<initlines>\\d+) +(?<modlines>\\d+)"
                    + " +(?<user>\\S+) *");

    private static final Pattern BARE_MEMBER = Pattern.compile("[A-Z@#$][A-Z0-9@#$]{0,7} *");

    private static final Pattern NOISE = Pattern.compile(
            " *(?:Volume +Unit +Referred +Ext +Used +Recfm +Lrecl +BlkSz +Dsorg +Dsname"
                    + "|Name +VV\\.MM +Created +Changed +Size +Init +Mod +Id) *");

    private final ListingOptions options;

    /**
     * Creates the parser.
     *
     * @param options the server's zone, for the times of member listings
     */
    MvsListingParser(ListingOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Returns {@code "mvs"}.
     *
     * @return the format's short name
     */
    @Override
    public String name() {
        return "mvs";
    }

    /**
     * Parses one line of a z/OS dataset or member listing.
     *
     * @param line the line, without its terminator
     * @return the entry, or {@code null} when the line is in neither form
     */
    @Override
    public @Nullable FtpEntry parse(String line) {
        Matcher matcher = DATASET.matcher(line);
        if (matcher.matches()) {
            return dataset(line, matcher);
        }
        matcher = STATUS.matcher(line);
        if (matcher.matches()) {
            return status(line, matcher);
        }
        matcher = MEMBER.matcher(line);
        if (matcher.matches()) {
            return member(line, matcher);
        }
        if (BARE_MEMBER.matcher(line).matches()) {
            return FtpEntry.builder(line.stripTrailing(), EntryType.FILE).rawLine(line).build();
        }
        return null;
    }

    /**
     * Tells whether a line is blank or the column header of a dataset or member listing.
     *
     * @param line the line, without its terminator
     * @return {@code true} if the line carries no entry
     */
    @Override
    public boolean isNoise(String line) {
        return line.isBlank() || NOISE.matcher(line).matches();
    }

    private static FtpEntry dataset(String line, Matcher matcher) {
        String dsorg = matcher.group("dsorg");
        EntryType type = dsorg.startsWith("PO") ? EntryType.DIRECTORY : EntryType.FILE;
        return FtpEntry.builder(matcher.group("dsname"), type)
                .fact("mvs.volume", matcher.group("volume"))
                .fact("mvs.unit", matcher.group("unit"))
                .fact("mvs.referred", matcher.group("referred"))
                .fact("mvs.extents", matcher.group("extents"))
                .fact("mvs.used", matcher.group("used"))
                .fact("mvs.recfm", matcher.group("recfm"))
                .fact("mvs.lrecl", matcher.group("lrecl"))
                .fact("mvs.blksize", matcher.group("blksize"))
                .fact("mvs.dsorg", dsorg)
                .rawLine(line)
                .build();
    }

    private static FtpEntry status(String line, Matcher matcher) {
        String volume = matcher.group("volume");
        String status = volume == null ? matcher.group("status") : "Not Direct Access Device";
        EntryType type = status.equals("Pseudo Directory") ? EntryType.DIRECTORY : EntryType.FILE;
        FtpEntry.Builder builder = FtpEntry.builder(matcher.group("dsname"), type)
                .fact("mvs.status", status)
                .rawLine(line);
        if (volume != null) {
            builder.fact("mvs.volume", volume);
        }
        return builder.build();
    }

    private FtpEntry member(String line, Matcher matcher) {
        return FtpEntry.builder(matcher.group("member"), EntryType.FILE)
                .modified(changed(matcher))
                .fact("mvs.version", matcher.group("version"))
                .fact("mvs.created", matcher.group("created"))
                .fact("mvs.lines", matcher.group("lines"))
                .fact("mvs.initlines", matcher.group("initlines"))
                .fact("mvs.modlines", matcher.group("modlines"))
                .fact("mvs.user", matcher.group("user"))
                .rawLine(line)
                .build();
    }

    private @Nullable Instant changed(Matcher matcher) {
        String seconds = matcher.group("second");
        try {
            return LocalDateTime.of(
                            Integer.parseInt(matcher.group("year")),
                            Integer.parseInt(matcher.group("month")),
                            Integer.parseInt(matcher.group("day")),
                            Integer.parseInt(matcher.group("hour")),
                            Integer.parseInt(matcher.group("minute")),
                            seconds == null ? 0 : Integer.parseInt(seconds))
                    .atZone(options.serverZone())
                    .toInstant();
        } catch (DateTimeException noSuchTime) {
            return null;
        }
    }
}

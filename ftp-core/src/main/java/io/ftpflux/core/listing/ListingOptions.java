package io.ftpflux.core.listing;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What LIST parsers need to turn a server's human-readable listing into facts: the server's clock and zone
 * and the languages of month names.
 *
 * <p>{@code ls -l} prints {@code Mon dd HH:mm} without a year for recent files, so the year is inferred from
 * {@link #clock()}: the most recent year in which that date is not more than a day in the future (which
 * also places Feb 29 in a leap year). LIST times are in the server's zone ({@link #serverZone()}); MLSD times
 * are always UTC (RFC 3659 §2.3) and ignore it.
 *
 * @param clock the clock that stands for "now" on the server, for year inference
 * @param serverZone the zone of times in LIST output
 * @param monthLocales the languages month abbreviations may be in, tried in order
 */
public record ListingOptions(Clock clock, ZoneId serverZone, List<Locale> monthLocales) {

    /**
     * Validates the options.
     *
     * @param clock the clock that stands for "now" on the server
     * @param serverZone the zone of times in LIST output
     * @param monthLocales the languages month abbreviations may be in, at least one
     */
    public ListingOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(serverZone, "serverZone");
        monthLocales = List.copyOf(monthLocales);
        if (monthLocales.isEmpty()) {
            throw new IllegalArgumentException("at least one locale for month names");
        }
    }

    /**
     * Returns the defaults: the system clock, UTC, and English month names.
     *
     * @return the default options
     */
    public static ListingOptions defaults() {
        return new ListingOptions(Clock.systemUTC(), ZoneOffset.UTC, List.of(Locale.ENGLISH));
    }

    /**
     * Returns a copy with another clock.
     *
     * @param clock the clock that stands for "now" on the server
     * @return the new options
     */
    public ListingOptions withClock(Clock clock) {
        return new ListingOptions(clock, serverZone, monthLocales);
    }

    /**
     * Returns a copy with another server zone.
     *
     * @param serverZone the zone of times in LIST output
     * @return the new options
     */
    public ListingOptions withServerZone(ZoneId serverZone) {
        return new ListingOptions(clock, serverZone, monthLocales);
    }

    /**
     * Returns a copy with other month-name languages.
     *
     * @param monthLocales the languages month abbreviations may be in, tried in order
     * @return the new options
     */
    public ListingOptions withMonthLocales(List<Locale> monthLocales) {
        return new ListingOptions(clock, serverZone, monthLocales);
    }
}

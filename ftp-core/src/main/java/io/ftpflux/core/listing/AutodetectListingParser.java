package io.ftpflux.core.listing;

import io.ftpflux.core.command.StandardVerb;
import io.ftpflux.core.command.Verb;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Tries every known format on each line: MLSD (RFC 3659 §7) first, whose {@code fact=value; name} shape no
 * LIST format shares, then the LIST formats in order.
 *
 * <p>Used line by line it is stateless; a {@link ListingReader} instead asks it for the candidates that fit
 * the command that produced the listing and sticks to the format the first entry line shows.
 */
final class AutodetectListingParser implements ListingParser {

    private final List<ListingParser> listFormats;
    private final List<ListingParser> allFormats;

    AutodetectListingParser(List<ListingParser> listFormats) {
        this.listFormats = List.copyOf(listFormats);
        List<ListingParser> all = new ArrayList<>();
        all.add(MlsdListingParser.INSTANCE);
        all.addAll(listFormats);
        this.allFormats = List.copyOf(all);
    }

    @Override
    public String name() {
        return "autodetect";
    }

    @Override
    public @Nullable FtpEntry parse(String line) {
        for (ListingParser parser : allFormats) {
            FtpEntry entry = parser.parse(line);
            if (entry != null) {
                return entry;
            }
        }
        return null;
    }

    @Override
    public boolean isNoise(String line) {
        for (ListingParser parser : allFormats) {
            if (parser.isNoise(line)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the formats worth trying for a listing, in order: MLSD first for MLSD and MLST; the plain names
     * for NLST; the LIST formats for anything else (LIST, STAT).
     */
    List<ListingParser> candidatesFor(Verb command) {
        if (command == StandardVerb.MLSD || command == StandardVerb.MLST) {
            return allFormats;
        }
        if (command == StandardVerb.NLST) {
            return List.of(NlstListingParser.INSTANCE);
        }
        return listFormats;
    }
}

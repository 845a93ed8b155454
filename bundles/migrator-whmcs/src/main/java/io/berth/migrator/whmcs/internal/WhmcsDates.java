package io.berth.migrator.whmcs.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** WHMCS dates read as text: zero dates ({@code 0000-00-00}) and anything unparsable mean "unset". */
public final class WhmcsDates {

    private WhmcsDates() {
    }

    public static LocalDate parse(String text) {
        if (text == null || text.length() < 10 || text.startsWith("0000")) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(text.substring(0, 10));
            return d.getYear() < 1970 ? null : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

package com.vehiclephotos.vehicles.vehicle;

import java.util.Locale;
import java.util.Optional;

/**
 * Vehicle identification numbers: 11 to 17 characters of digits and capitals without I, O, Q;
 * a 17-character VIN must carry the right check digit in position 9 (ISO 3779, as in North
 * America). The database checks the same rule.
 */
final class Vin {

    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

    private Vin() {}

    /** Upper-cased and trimmed; blank becomes empty. */
    static Optional<String> normalize(String vin) {
        if (vin == null || vin.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(vin.trim().toUpperCase(Locale.ROOT));
    }

    /** Empty when valid; otherwise what is wrong with it. */
    static Optional<String> problem(String vin) {
        if (!vin.matches("[A-HJ-NPR-Z0-9]{11,17}")) {
            return Optional.of("must be 11 to 17 letters and digits, without I, O or Q");
        }
        if (vin.length() == 17 && vin.charAt(8) != checkDigit(vin)) {
            return Optional.of("has a wrong check digit (position 9 should be " + checkDigit(vin) + ")");
        }
        return Optional.empty();
    }

    static char checkDigit(String vin) {
        int total = 0;
        for (int i = 0; i < 17; i++) {
            total += value(vin.charAt(i)) * WEIGHTS[i];
        }
        int remainder = total % 11;
        return remainder == 10 ? 'X' : (char) ('0' + remainder);
    }

    private static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return switch (c) {
            case 'A', 'J' -> 1;
            case 'B', 'K', 'S' -> 2;
            case 'C', 'L', 'T' -> 3;
            case 'D', 'M', 'U' -> 4;
            case 'E', 'N', 'V' -> 5;
            case 'F', 'W' -> 6;
            case 'G', 'P', 'X' -> 7;
            case 'H', 'Y' -> 8;
            case 'R', 'Z' -> 9;
            default -> throw new IllegalArgumentException("not a VIN character: " + c);
        };
    }
}

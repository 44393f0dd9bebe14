package io.postdesk.model;

/**
 * How a CSV file is written.
 *
 * @param delimiter    ',' ';' or '\t'
 * @param header       a first row with the column names
 * @param bom          a UTF-8 byte order mark first, so Excel reads the file as UTF-8
 * @param formulaGuard cells starting with = + - @ tab or CR get a leading ' (OWASP CSV injection)
 */
public record CsvOptions(char delimiter, boolean header, boolean bom, boolean formulaGuard) {
    public static final CsvOptions DEFAULTS = new CsvOptions(',', true, false, true);

    public CsvOptions {
        if (delimiter != ',' && delimiter != ';' && delimiter != '\t') {
            throw new IllegalArgumentException("The delimiter must be a comma, a semicolon or a tab");
        }
    }

    public CsvOptions withDelimiter(char value) {
        return new CsvOptions(value, header, bom, formulaGuard);
    }

    public CsvOptions withHeader(boolean value) {
        return new CsvOptions(delimiter, value, bom, formulaGuard);
    }

    public CsvOptions withBom(boolean value) {
        return new CsvOptions(delimiter, header, value, formulaGuard);
    }

    public CsvOptions withFormulaGuard(boolean value) {
        return new CsvOptions(delimiter, header, bom, value);
    }
}

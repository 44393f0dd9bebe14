package io.postdesk.ui.common;

import java.text.NumberFormat;

/** What the paging bar's "Go to" field accepts, and the reason in words when it does not. */
final class GoToPage {
    private static final NumberFormat NUMBERS = NumberFormat.getIntegerInstance();

    private GoToPage() {
    }

    /**
     * @param pages      the number of pages
     * @param pagesExact whether {@code pages} is exact; an estimate does not forbid going further
     * @return null when {@code typed} names a page to go to, else why not
     */
    static String problem(String typed, long pages, boolean pagesExact) {
        if (typed.isEmpty()) {
            return "Type a page number.";
        }
        long page;
        try {
            page = number(typed);
        } catch (NumberFormatException e) {
            return "\"" + typed + "\" is not a page number.";
        }
        if (page < 1) {
            return "Pages start at 1.";
        }
        if (pagesExact && page > pages) {
            return pages == 1 ? "There is only 1 page." : "There are only " + NUMBERS.format(pages) + " pages.";
        }
        return null;
    }

    /** The typed page number; thousands separators are allowed ("1,200"). */
    static long number(String typed) {
        return Long.parseLong(typed.strip().replace(",", "").replace("\u00a0", "").replace("'", ""));
    }
}

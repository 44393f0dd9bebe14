package io.postdesk.bench;

import java.util.Locale;

/**
 * One line of the results table.
 *
 * @param ours     PostDesk's times
 * @param baseline the same work done the plain way in the same run, or null where there is none
 * @param result   what the scenario produced, e.g. "50 rows" or "≈ 1,000,000" (checked by eye)
 * @param failure  why the scenario could not be measured, or null
 */
record Row(String scenario, Timings ours, Timings baseline, String result, Goal goal, String failure) {

    static Row failed(String scenario, Goal goal, Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new Row(scenario, null, null, "", goal, reason.lines().findFirst().orElse(""));
    }

    /** Ours against the baseline, p50 to p50; 0 without a baseline. */
    double ratio() {
        return baseline == null || baseline.p50() <= 0 ? 0 : ours.p50() / baseline.p50();
    }

    boolean passed() {
        return failure == null && goal.met().test(this);
    }

    static String number(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }
}

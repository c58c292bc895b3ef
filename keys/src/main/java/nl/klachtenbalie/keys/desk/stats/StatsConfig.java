package nl.klachtenbalie.keys.desk.stats;

/**
 * The disclosure settings.
 *
 * @param threshold the smallest count ever shown apart from zero (default 5)
 * @param minArea the fewest regional reports a gemeente, province or landsdeel needs in the period
 *     to be shown on its own; below it the area merges into its larger area (default 4×threshold)
 * @param counterpartyArea the fewest regional reports an area needs before its report may show
 *     "who it is about" (default 10×threshold): in a small area a named club type can point at a person
 */
public record StatsConfig(int threshold, int minArea, int counterpartyArea) {

    public StatsConfig {
        if (threshold < 2 || minArea < threshold || counterpartyArea < minArea) {
            throw new IllegalArgumentException("statistics settings");
        }
    }

    public static StatsConfig withThreshold(int threshold) {
        return new StatsConfig(threshold, 4 * threshold, 10 * threshold);
    }

    public static StatsConfig defaults() {
        return withThreshold(5);
    }
}

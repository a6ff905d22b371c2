package io.jdask.dataframe;

/** The correlation coefficients {@link DataFrame#corr(CorrMethod, int)} computes. */
public enum CorrMethod {
    /** Pearson's product-moment correlation of the values (pandas' {@code method="pearson"}). */
    PEARSON,
    /**
     * Spearman's rank correlation: Pearson's correlation of the average ranks (ties share the mean
     * of their positions), pair by pair over the rows where both are present, like pandas'
     * {@code method="spearman"}.
     */
    SPEARMAN
}

"""The dashboard's shared code: warehouse access, queries, charts and translations."""

# A Swiss full-time year: the hours one full-time equivalent (FTE) works per year. Hours
# freed are shown as FTE equivalents with this divisor (shared/reference.md).
ANNUAL_HOURS_PER_FTE = 1900.0

"""What a broad search needs to stay cheap (search.results.first_results,
bench/search.py): the precomputed date order with its index, one GIN index
per text-search configuration, indexes for the rank's two leading tiers, and
a trigram index for "Did you mean"."""

from django.db import migrations, models

from search.operations import ForVendor

# The configurations of search.constants.TEXT_SEARCH_CONFIG and NEUTRAL_CONFIG.
# A new one needs its own index here: a configuration without one makes every
# search read the table.
CONFIGS = ["english", "french", "russian", "simple", "spanish"]


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_document_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="recency",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        # date.toordinal() of the rows already written (services.py writes it from now on).
        ForVendor(
            "postgresql",
            "UPDATE search_searchdocument SET recency = date - DATE '0001-01-01' + 1 WHERE date IS NOT NULL",
            migrations.RunSQL.noop,
        ),
        ForVendor(
            "sqlite",
            "UPDATE search_searchdocument SET recency = CAST(julianday(date) - julianday('0001-01-01') AS INTEGER) + 1"
            " WHERE date IS NOT NULL",
            migrations.RunSQL.noop,
        ),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(fields=["-recency", "-id"], name="search_document_newest"),
        ),
        # A search matches `config = X AND search_vector @@ <X's query>` for
        # each configuration. With one index over every row, each matching row
        # was read again to check its configuration, detoasting its vector
        # (400 ms for `waste` at 100,000 rows); an index per configuration
        # answers the whole condition.
        *[
            ForVendor(
                "postgresql",
                f"CREATE INDEX search_document_vector_{config} ON search_searchdocument"
                f" USING gin (search_vector) WHERE config = '{config}'",
                f"DROP INDEX search_document_vector_{config}",
            )
            for config in CONFIGS
        ],
        ForVendor(
            "postgresql",
            "DROP INDEX search_document_vector",
            "CREATE INDEX search_document_vector ON search_searchdocument USING gin (search_vector)",
        ),
        # The rank's tiers, found without ranking: every word in the title
        # (the ranking vector's A lexemes, search.backends.TitleLexemes), per
        # configuration as above, and an exact name.
        *[
            ForVendor(
                "postgresql",
                f"CREATE INDEX search_document_title_{config} ON search_searchdocument"
                f" USING gin (ts_filter(rank_vector, '{{a}}')) WHERE config = '{config}'",
                f"DROP INDEX search_document_title_{config}",
            )
            for config in CONFIGS
        ],
        # The planner ignores the statistics of a partial index's expression:
        # without these it takes `waste` to be in 400 titles, not 13,000, and
        # sorts them all where walking the newest would stop at the first 200
        # (expression statistics: PostgreSQL 14 and later).
        ForVendor(
            "postgresql",
            "CREATE STATISTICS search_document_title_stats ON (ts_filter(rank_vector, '{a}'))"
            " FROM search_searchdocument",
            "DROP STATISTICS search_document_title_stats",
        ),
        ForVendor(
            "postgresql",
            "CREATE INDEX search_document_names ON search_searchdocument USING gin ((metadata -> 'names'))",
            "DROP INDEX search_document_names",
        ),
        # "Did you mean": the words that share trigrams with a misspelt one,
        # from this index (GIN: under a millisecond with 300,000 words, where
        # a GiST walk took 100 ms). pg_trgm is a trusted extension: the
        # database's owner may create it.
        ForVendor("postgresql", "CREATE EXTENSION IF NOT EXISTS pg_trgm", migrations.RunSQL.noop),
        ForVendor(
            "postgresql",
            "CREATE INDEX search_term_trigrams ON search_searchterm USING gin (word gin_trgm_ops)",
            "DROP INDEX search_term_trigrams",
        ),
        # Statistics of the new expressions now, not at the next autovacuum:
        # the planner needs them to choose these indexes.
        ForVendor("postgresql", "ANALYZE search_searchdocument", migrations.RunSQL.noop),
    ]

"""The full-text side of search_searchdocument, which depends on the database:
a GIN index on the tsvector column on PostgreSQL, an FTS5 table on SQLite."""

from django.db import migrations

from search.operations import ForVendor


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        ForVendor(
            "postgresql",
            "CREATE INDEX search_document_vector ON search_searchdocument USING gin (search_vector)",
            "DROP INDEX search_document_vector",
        ),
        ForVendor(
            "sqlite",
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "title, keywords, body, tokenize = 'porter unicode61 remove_diacritics 2')",
            "DROP TABLE search_fts",
        ),
    ]

"""The full-text side of search_searchdocument, which depends on the database:
a GIN index on the tsvector column on PostgreSQL, an FTS5 table on SQLite."""

from django.db import migrations


class ForVendor(migrations.RunSQL):
    """RunSQL that runs only on one database vendor."""

    def __init__(self, vendor, sql, reverse_sql):
        self.vendor = vendor
        super().__init__(sql, reverse_sql)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


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

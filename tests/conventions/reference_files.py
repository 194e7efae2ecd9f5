"""The header rows of the files import_reference_data reads (conventions/data)."""

PARTIES_HEADER = "convention,iso3,name,signature,consent_to_be_bound,entry_into_force,EcolexID"
GROUPS_HEADER = "group_code,group_name,m49,iso3,name,source"

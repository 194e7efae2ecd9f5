"""Demo members for `manage.py seed_demo`: every role, several regions.
Later features add their demo content next to this."""

DEMO_DOMAIN = "demo.brs-hub.example"
DEMO_PASSWORD = "clearing-house demo passphrase"  # noqa: S105 (public demo accounts)

# handle, name, title, organisation, country (ISO3), languages, bio
ADMINISTRATOR = (
    "mariana-costa",
    "Mariana Costa",
    "Information systems officer",
    "Secretariat of the Basel, Rotterdam and Stockholm conventions",
    "CHE",
    ["en", "es", "fr"],
    "Runs the clearing-house platform and its integrations.",
)
EDITOR = (
    "jonas-lindqvist",
    "Jonas Lindqvist",
    "Programme officer, knowledge management",
    "Secretariat of the Basel, Rotterdam and Stockholm conventions",
    "CHE",
    ["en", "fr"],
    "Reviews shared practices and keeps the reference data current.",
)
# (member..., focal point kind)
FOCAL_POINTS = [
    (
        (
            "wanjiru-kamau",
            "Wanjiru Kamau",
            "Senior environment officer",
            "Ministry of Environment and Forestry",
            "KEN",
            ["en"],
            "Basel focal point for Kenya; works on e-waste take-back schemes.",
        ),
        "bc_focal_point",
    ),
    (
        (
            "andres-restrepo",
            "Andrés Restrepo",
            "Coordinator, chemical safety",
            "Ministerio de Ambiente y Desarrollo Sostenible",
            "COL",
            ["es", "en"],
            "Designated national authority for industrial chemicals under the Rotterdam Convention.",
        ),
        "rc_dna",
    ),
    (
        (
            "nguyen-thi-lan",
            "Nguyễn Thị Lan",
            "Deputy director, pollution control",
            "Viet Nam Environment Administration",
            "VNM",
            ["en"],
            "Leads the update of the national implementation plan for POPs.",
        ),
        "sc_focal_point",
    ),
    (
        (
            "nino-beridze",
            "Nino Beridze",
            "Head of waste management division",
            "Ministry of Environmental Protection and Agriculture",
            "GEO",
            ["ru", "en"],
            "Competent authority for transboundary movements of hazardous wastes.",
        ),
        "bc_competent_authority",
    ),
    (
        (
            "fatou-ndiaye",
            "Fatou Ndiaye",
            "Chef de division, produits chimiques",
            "Direction de l'Environnement et des Établissements classés",
            "SEN",
            ["fr"],
            "Autorité nationale désignée pour les pesticides.",
        ),
        "rc_dna",
    ),
    (
        (
            "omar-haddad",
            "Omar Haddad",
            "Director, chemicals and hazardous waste",
            "Ministry of Environment",
            "JOR",
            ["ar", "en"],
            "National focal point for the Stockholm Convention.",
        ),
        "sc_focal_point",
    ),
]
# (member..., thematic area slugs)
EXPERTS = [
    (
        (
            "kwame-mensah",
            "Kwame Mensah",
            "E-waste researcher",
            "Ghana Environmental Protection Agency",
            "GHA",
            ["en"],
            "Twenty years on informal e-waste recycling and safer dismantling.",
        ),
        ["e-waste", "environmentally-sound-management"],
    ),
    (
        (
            "priya-raman",
            "Priya Raman",
            "PCB management specialist",
            "Central Pollution Control Board",
            "IND",
            ["en"],
            "Inventories and phase-out of PCB-containing equipment.",
        ),
        ["pcbs", "pops-elimination"],
    ),
    (
        (
            "lucia-fernandez",
            "Lucía Fernández",
            "Agronomist",
            "Instituto Nacional de Tecnología Agropecuaria",
            "ARG",
            ["es"],
            "Alternatives to highly hazardous pesticides for smallholders.",
        ),
        ["pesticides", "prior-informed-consent"],
    ),
    (
        (
            "dmitri-volkov",
            "Dmitri Volkov",
            "Customs training lead",
            "Federal Customs Service",
            "RUS",
            ["ru", "en"],
            "Detecting illegal shipments of waste and chemicals at the border.",
        ),
        ["customs-enforcement", "transboundary-movements"],
    ),
    (
        (
            "chen-wei",
            "Chen Wei",
            "Professor of environmental engineering",
            "Tsinghua University",
            "CHN",
            ["zh-hans", "en"],
            "Plastic waste flows and the plastic waste amendments.",
        ),
        ["plastic-waste", "science-policy"],
    ),
]
MEMBERS = [
    (
        "sione-tupou",
        "Sione Tupou",
        "Environment officer",
        "Department of Environment",
        "FJI",
        ["en"],
        "Working on marine plastic litter in the Pacific.",
    ),
    (
        "claire-dubois",
        "Claire Dubois",
        "Policy adviser",
        "Ministère de la Transition écologique",
        "FRA",
        ["fr", "en"],
        "Follows the national coordination of the three conventions.",
    ),
]

"""Demo forum threads for `manage.py seed_demo`: realistic questions members
of the hub ask each other. Fictional; no real person is quoted."""

# asker handle, title, body (Markdown), topics, answers [(handle, body, accepted)]
THREADS = [
    (
        "sione-tupou",
        "How do small island states ship e-waste to recyclers abroad under Basel?",
        "We collect about 40 tonnes of e-waste a year and have no recycler on the island. "
        "What did other small island states do to organise **prior informed consent** notifications "
        "and find a licensed facility in the region?",
        ["e-waste", "transboundary-movements"],
        [
            (
                "kwame-mensah",
                "Pool shipments with neighbouring islands so one notification covers a full container, "
                "and ask the regional centre to check the recycler's licence before you notify.",
                True,
            ),
            (
                "wanjiru-kamau",
                "Budget for the insurance and the financial guarantee early: it took us four months.",
                False,
            ),
        ],
    ),
    (
        "claire-dubois",
        "Who chairs your national coordination committee for the three conventions?",
        "We are setting up one committee for the Basel, Rotterdam and Stockholm focal points. "
        "Should the environment ministry chair it, or rotate the chair between ministries?",
        ["national-coordination", "legal-institutional-frameworks"],
        [
            (
                "nguyen-thi-lan",
                "Ours is chaired by the environment ministry but the secretariat work rotates; "
                "a decree naming each agency's member made attendance reliable.",
                False,
            ),
        ],
    ),
    (
        "andres-restrepo",
        "Testing transformer oil for PCBs: screening kits or laboratory analysis?",
        "Our utilities have about 9,000 transformers to check. Are chlorine screening kits reliable enough "
        "to decide which units go to the laboratory?",
        ["pcbs", "pops-elimination"],
        [
            (
                "priya-raman",
                "Kits worked for us as a first filter: everything above 50 ppm on the kit went to the laboratory, "
                "which confirmed about a third of them.",
                True,
            ),
        ],
    ),
    (
        "fatou-ndiaye",
        "What alternatives to endosulfan worked for cotton growers?",
        "Farmers ask for a replacement that is affordable and available locally. Experiences welcome.",
        ["pesticides", "ddt-alternatives"],
        [],
    ),
    (
        "omar-haddad",
        "How do you train customs officers to recognise mislabelled chemical shipments?",
        "We want a short course for border posts. Which materials or partners did you use?",
        ["customs-enforcement"],
        [
            (
                "dmitri-volkov",
                "A two-day course with real seized samples and the HS codes most often misused; "
                "repeat it every year because staff rotate.",
                False,
            ),
        ],
    ),
]

"""More demo forum threads for `manage.py seed_demo`: questions and answers that
focal points, experts and members of the hub exchange about the Basel,
Rotterdam and Stockholm conventions. Pure data, no Django imports.

Fictional; no real person is quoted. Handles are the demo members of
`profiles/demo.py`; topics are thematic area slugs; `group` is a group slug
or None; `state` is None, "held" (left awaiting review) or "flagged" (the
seeder flags the thread's last answer)."""

GROUP_MEMBERS = {
    "plastic-waste-working-group": [
        "chen-wei",
        "sione-tupou",
        "nguyen-thi-lan",
        "dmitri-volkov",
        "claire-dubois",
        "wanjiru-kamau",
    ],
}

THREADS = [
    {
        "asker": "andres-restrepo",
        "title": "When must we send a Rotterdam export notification for a chemical we have banned at home?",
        "body": "We recently banned an industrial solvent domestically and notified the final regulatory action. "
        "A local distributor still wants to export remaining stock to two neighbouring countries. "
        "Do we need an **export notification under Article 12** for every shipment, or only the first one?",
        "topics": ["prior-informed-consent", "industrial-chemicals"],
        "tags": ["export-notification", "article-12"],
        "countries": ["COL"],
        "conventions": ["RC"],
        "group": None,
        "answers": [
            {
                "author": "fatou-ndiaye",
                "body": "Only before the **first export** after the ban takes effect, and then before the first "
                "export in each calendar year. If the importing party does not acknowledge receipt within "
                "30 days, send a second notification and keep proof that you did.",
                "accepted": True,
                "voters": ["andres-restrepo", "lucia-fernandez", "omar-haddad"],
            },
            {
                "author": "lucia-fernandez",
                "body": "Ask the exporter to give you the quantities and destinations in advance each January; "
                "we keep a simple register so the annual notifications are never missed.",
                "accepted": False,
                "voters": ["andres-restrepo"],
            },
        ],
        "state": None,
    },
    {
        "asker": "fatou-ndiaye",
        "title": "How should we word a conditional import response for an Annex III pesticide?",
        "body": "We want to allow one Annex III pesticide only for registered formulations applied by licensed "
        "operators. The import response form has a box for conditions but little guidance. "
        "How precise did other designated national authorities make their conditions?",
        "topics": ["prior-informed-consent", "pesticides"],
        "tags": ["import-response", "annex-iii"],
        "countries": ["SEN"],
        "conventions": ["RC"],
        "group": None,
        "answers": [
            {
                "author": "andres-restrepo",
                "body": "Choose **consent subject to specified conditions** and write conditions a customs officer "
                "can check: registration number, maximum concentration, licensed importer only. "
                "Remember that the same conditions must apply to domestic production and to imports "
                "from every source.",
                "accepted": True,
                "voters": ["fatou-ndiaye", "lucia-fernandez"],
            },
        ],
        "state": None,
    },
    {
        "asker": "nguyen-thi-lan",
        "title": "How long does updating the national implementation plan take after new POPs are listed?",
        "body": "Our ministry expects the updated plan covering PFOA and PFHxS within a year. "
        "The inventories alone look like they will take longer than that. "
        "How long did your update take, and did you transmit it in parts?",
        "topics": ["national-implementation-plans", "industrial-chemicals"],
        "tags": ["nip-update", "pfas"],
        "countries": ["VNM"],
        "conventions": ["SC"],
        "group": None,
        "answers": [
            {
                "author": "omar-haddad",
                "body": "Article 7 gives you two years from the date the amendment enters into force for your "
                "country. Our PFAS inventory took eighteen months, so we transmitted an addendum for the "
                "new chemicals first and the full revised plan afterwards.",
                "accepted": True,
                "voters": ["nguyen-thi-lan", "priya-raman", "claire-dubois"],
            },
            {
                "author": "priya-raman",
                "body": "Start with **firefighting foams** at airports, refineries and fire brigades: they are "
                "the largest identifiable stock and the owners are easy to find.",
                "accepted": False,
                "voters": ["nguyen-thi-lan", "omar-haddad"],
            },
        ],
        "state": None,
    },
    {
        "asker": "priya-raman",
        "title": "Which PCB-containing equipment should we prioritise to meet the 2025 elimination target?",
        "body": "Our inventory lists transformers, capacitors and some old switchgear, many with unknown "
        "concentrations. With limited budget we cannot test and replace everything at once. "
        "Which categories did you tackle first?",
        "topics": ["pcbs", "pops-elimination"],
        "tags": ["pcb", "transformers"],
        "countries": ["IND"],
        "conventions": ["SC"],
        "group": None,
        "answers": [
            {
                "author": "nino-beridze",
                "body": "Follow the order in Annex A, Part II: equipment above **10% PCB and 5 litres** first, "
                "then above 0.05% and 5 litres, then the smaller contaminated units. "
                "Sealed capacitors are cheap to remove and usually pure PCB, so we replaced them in bulk.",
                "accepted": True,
                "voters": ["priya-raman", "andres-restrepo"],
            },
            {
                "author": "andres-restrepo",
                "body": "Put equipment in schools, hospitals and food plants at the top of the list whatever "
                "its concentration; a leak there costs far more than replacement.",
                "accepted": False,
                "voters": ["priya-raman", "nino-beridze", "nguyen-thi-lan"],
            },
        ],
        "state": None,
    },
    {
        "asker": "omar-haddad",
        "title": "Can we export PCB-contaminated transformers for destruction when there is no facility at home?",
        "body": "We have about 300 tonnes of drained transformers and PCB oil and no high-temperature "
        "incinerator in the country. A facility in Europe has offered to destroy them. "
        "What should we check before starting the Basel notification?",
        "topics": ["pcbs", "transboundary-movements", "environmentally-sound-management"],
        "tags": ["pcb", "notification"],
        "countries": ["JOR"],
        "conventions": ["BC", "SC"],
        "group": None,
        "answers": [
            {
                "author": "nino-beridze",
                "body": "Classify the waste as **A3180** (PCB at 50 mg/kg or more) and make sure every transit "
                "country is on the notification, not only the country of destination. "
                "Ask for the facility's permit showing destruction, not just storage, and agree in the "
                "contract who pays if the shipment has to be taken back.",
                "accepted": True,
                "voters": ["omar-haddad", "priya-raman"],
            },
            {
                "author": "priya-raman",
                "body": "Ship the oil and the carcasses separately: carcasses can often be decontaminated by "
                "solvent washing, which is much cheaper per tonne than incineration.",
                "accepted": False,
                "voters": ["omar-haddad"],
            },
        ],
        "state": None,
    },
    {
        "asker": "fatou-ndiaye",
        "title": "Is anyone in the region still using DDT for indoor residual spraying, and how do you report it?",
        "body": "Our malaria programme is considering DDT again in two districts where mosquitoes resist "
        "pyrethroids. I understand we must register for the acceptable purpose of disease vector control. "
        "What reporting did this involve for you?",
        "topics": ["ddt-alternatives"],
        "tags": ["ddt", "vector-control"],
        "countries": ["SEN"],
        "conventions": ["SC"],
        "group": "african-group",
        "answers": [
            {
                "author": "wanjiru-kamau",
                "body": "Notify the secretariat so you are entered in the **DDT register**, then report on "
                "quantities used every three years through the DDT questionnaire. "
                "Our health ministry filled in the questionnaire and we only checked it before sending.",
                "accepted": True,
                "voters": ["fatou-ndiaye", "kwame-mensah"],
            },
            {
                "author": "kwame-mensah",
                "body": "Plan the storage and disposal of empty sachets and leftover product from the start; "
                "that was where our spraying campaigns went wrong.",
                "accepted": False,
                "voters": ["fatou-ndiaye", "wanjiru-kamau"],
            },
        ],
        "state": None,
    },
    {
        "asker": "kwame-mensah",
        "title": "How do customs officers tell used electronic equipment from e-waste at the port?",
        "body": "Containers of old computers and televisions arrive declared as second-hand goods. "
        "Many items do not work and end up at informal dumpsites. "
        "What evidence do your officers ask for before accepting that equipment is not waste?",
        "topics": ["e-waste", "customs-enforcement", "transboundary-movements"],
        "tags": ["e-waste", "used-equipment"],
        "countries": ["GHA"],
        "conventions": ["BC"],
        "group": None,
        "answers": [
            {
                "author": "dmitri-volkov",
                "body": "Use the criteria in the **technical guidelines on e-waste**: a record of functionality "
                "testing for each item, a declaration from the exporter, and packaging that protects the "
                "equipment from damage. If any of these is missing, treat the load as waste and ask for "
                "the Basel notification.",
                "accepted": True,
                "voters": ["kwame-mensah", "wanjiru-kamau", "nino-beridze"],
            },
            {
                "author": "wanjiru-kamau",
                "body": "We added a pre-shipment inspection certificate to the import licence conditions, "
                "which moved most of the checking to the exporting country.",
                "accepted": False,
                "voters": ["kwame-mensah"],
            },
        ],
        "state": None,
    },
    {
        "asker": "wanjiru-kamau",
        "title": "How are you preparing for the Basel e-waste amendments that took effect in 2025?",
        "body": "Since 1 January 2025 non-hazardous e-waste is also subject to prior informed consent. "
        "We expect many more notifications and our licensing office is small. "
        "What changes did you make to your procedures or national law?",
        "topics": ["e-waste", "transboundary-movements", "legal-institutional-frameworks"],
        "tags": ["e-waste-amendments", "y49"],
        "countries": ["KEN"],
        "conventions": ["BC"],
        "group": "african-group",
        "answers": [
            {
                "author": "kwame-mensah",
                "body": "We briefed the main importers and recyclers first: most had never filed a notification "
                "and did not know that entry **Y49** now covers what they ship.",
                "accepted": False,
                "voters": ["wanjiru-kamau"],
            },
            {
                "author": "fatou-ndiaye",
                "body": "Our ministry issued a circular instead of waiting for a new law; "
                "it simply refers to the amended annexes, so it stays valid.",
                "accepted": False,
                "voters": ["wanjiru-kamau", "kwame-mensah"],
            },
        ],
        "state": None,
    },
    {
        "asker": "chen-wei",
        "title": "Does a sorted PET bale with 2% contamination still qualify as non-hazardous entry B3011?",
        "body": "A recycler asks whether bales of clear PET bottles with some labels, caps and paper "
        "still count as *almost free from contamination*. The entry gives no percentage. "
        "How do your authorities decide in practice?",
        "topics": ["plastic-waste", "transboundary-movements"],
        "tags": ["plastic-waste-amendments", "b3011"],
        "countries": [],
        "conventions": ["BC"],
        "group": "plastic-waste-working-group",
        "answers": [
            {
                "author": "nguyen-thi-lan",
                "body": "We do not use a fixed threshold: the bale must be ready for recycling without further "
                "sorting, and caps of another polymer are accepted when they are a minor share. "
                "Anything needing manual sorting on arrival is treated as **Y48** and requires consent.",
                "accepted": True,
                "voters": ["chen-wei", "sione-tupou", "claire-dubois"],
            },
            {
                "author": "dmitri-volkov",
                "body": "Ask for photos of opened bales with the notification or the contract; "
                "our officers compare them with what they find at inspection.",
                "accepted": False,
                "voters": ["chen-wei"],
            },
        ],
        "state": None,
    },
    {
        "asker": "sione-tupou",
        "title": "Which HS codes do customs use for plastic waste covered by Y48 and A3210?",
        "body": "Our customs officers see plastic waste declared under heading 3915 only. "
        "They want to know how to tell from the declaration whether a shipment needs Basel consent. "
        "Is there a correspondence table between HS codes and the plastic waste entries?",
        "topics": ["plastic-waste", "customs-enforcement"],
        "tags": ["hs-codes", "customs"],
        "countries": ["FJI"],
        "conventions": ["BC"],
        "group": "plastic-waste-working-group",
        "answers": [
            {
                "author": "dmitri-volkov",
                "body": "Heading 3915 is split by polymer, not by contamination or hazard, so the code alone "
                "never tells you the Basel entry. Train officers to ask for the movement document "
                "whenever 3915 appears and to check that the entry on it matches what they see.",
                "accepted": True,
                "voters": ["sione-tupou", "chen-wei", "wanjiru-kamau"],
            },
        ],
        "state": None,
    },
    {
        "asker": "nguyen-thi-lan",
        "title": "How do you verify that imported plastic scrap goes to environmentally sound recycling?",
        "body": "Importers show us a recycling permit, but we have found facilities that landfill or burn "
        "the residues. We would like a short checklist for site visits before consenting. "
        "What do you look at?",
        "topics": ["plastic-waste", "environmentally-sound-management"],
        "tags": ["esm", "site-inspection"],
        "countries": ["VNM"],
        "conventions": ["BC"],
        "group": "plastic-waste-working-group",
        "answers": [],
        "state": None,
    },
    {
        "asker": "nino-beridze",
        "title": "What financial guarantee do you require from exporters of hazardous waste?",
        "body": "Our law requires insurance, a bond or another guarantee for each transboundary movement, "
        "but sets no amount. Exporters propose very low figures. "
        "How do you calculate what is enough to cover take-back or alternative disposal?",
        "topics": ["financial-resources", "transboundary-movements"],
        "tags": ["financial-guarantee"],
        "countries": ["GEO"],
        "conventions": ["BC"],
        "group": "eeg",
        "answers": [
            {
                "author": "dmitri-volkov",
                "body": "Base it on the cost of return transport, storage for six months and disposal at the "
                "most expensive acceptable facility, per tonne, multiplied by the notified quantity. "
                "Release the guarantee only after you receive the certificate of disposal.",
                "accepted": True,
                "voters": ["nino-beridze"],
            },
        ],
        "state": None,
    },
    {
        "asker": "dmitri-volkov",
        "title": "How do you handle suspected illegal traffic when the exporter claims the shipment is raw material?",
        "body": "We stopped a container of shredded cable declared as copper concentrate. "
        "The exporter says it is a commodity and not waste, and the importer has no permit. "
        "What steps did you take to establish the waste status?",
        "topics": ["customs-enforcement", "transboundary-movements"],
        "tags": ["illegal-traffic", "customs"],
        "countries": ["RUS"],
        "conventions": ["BC"],
        "group": None,
        "answers": [
            {
                "author": "nino-beridze",
                "body": "Take samples and contact the competent authority of the exporting country at once; "
                "if both sides agree it is waste without consent, it is illegal traffic and the exporting "
                "state must take it back. Document the chain of custody from the first day.",
                "accepted": True,
                "voters": ["dmitri-volkov", "kwame-mensah"],
            },
            {
                "author": "kwame-mensah",
                "body": "Shredded cable often still contains PVC insulation; a simple burn test or a "
                "laboratory check for chlorine usually settles the question.",
                "accepted": False,
                "voters": ["dmitri-volkov"],
            },
        ],
        "state": None,
    },
    {
        "asker": "omar-haddad",
        "title": "How do you share one data system between the Basel, Rotterdam and Stockholm focal points?",
        "body": "Each focal point in our country keeps its own spreadsheets on chemicals and wastes, "
        "and the same importers appear in all of them. "
        "Did anyone build a shared database, and which ministry hosts it?",
        "topics": ["national-coordination", "legal-institutional-frameworks"],
        "tags": ["synergies", "data-sharing"],
        "countries": ["JOR"],
        "conventions": ["BC", "RC", "SC"],
        "group": None,
        "answers": [
            {
                "author": "claire-dubois",
                "body": "We started smaller: one shared register of companies and permits that all three "
                "focal points update. Reporting data stayed in each system.",
                "accepted": False,
                "voters": ["omar-haddad", "nguyen-thi-lan"],
            },
            {
                "author": "nguyen-thi-lan",
                "body": "Ours is hosted by the environment administration, with read access for customs and "
                "the agriculture ministry; agreeing on who may edit took longer than building it.",
                "accepted": False,
                "voters": ["omar-haddad"],
            },
        ],
        "state": None,
    },
    {
        "asker": "nino-beridze",
        "title": "What should a first national hazardous waste inventory cover?",
        "body": "We are preparing our first inventory of hazardous waste generation and stocks. "
        "Should we start with the largest industrial generators or try a survey of all sectors? "
        "Which waste streams gave you the most trouble?",
        "topics": ["environmentally-sound-management", "technical-assistance"],
        "tags": ["inventory", "hazardous-waste"],
        "countries": ["GEO"],
        "conventions": ["BC"],
        "group": None,
        "answers": [
            {
                "author": "wanjiru-kamau",
                "body": "Start with the permitted generators and the hospitals: they cover most of the volume "
                "and already keep records. Add used oils, lead-acid batteries and obsolete pesticides "
                "next, because they are everywhere and easy to miss.",
                "accepted": True,
                "voters": ["nino-beridze", "priya-raman"],
            },
            {
                "author": "priya-raman",
                "body": "Use the same waste codes as your Basel national report from the beginning, "
                "so the inventory feeds the report directly.",
                "accepted": False,
                "voters": ["nino-beridze", "wanjiru-kamau"],
            },
        ],
        "state": None,
    },
    {
        "asker": "wanjiru-kamau",
        "title": "How do you collect data for the annual Basel national report under Article 13?",
        "body": "Our report depends on figures from customs, the waste regulator and two ports. "
        "Last year the data arrived after the deadline and did not match. "
        "How do you organise the collection?",
        "topics": ["national-implementation-plans", "national-coordination"],
        "tags": ["national-report", "article-13"],
        "countries": ["KEN"],
        "conventions": ["BC"],
        "group": None,
        "answers": [
            {
                "author": "nino-beridze",
                "body": "We reconcile the figures every quarter instead of once a year, using the movement "
                "documents as the reference. By the end of the year only small corrections are left.",
                "accepted": True,
                "voters": ["wanjiru-kamau", "claire-dubois"],
            },
            {
                "author": "claire-dubois",
                "body": "A one-page agreement between the agencies naming a data contact and a date helped us "
                "more than any software.",
                "accepted": False,
                "voters": ["wanjiru-kamau"],
            },
        ],
        "state": None,
    },
    {
        "asker": "omar-haddad",
        "title": "Can we submit the Stockholm Article 15 national report with incomplete PFAS data?",
        "body": "Our inventory of PFOS and PFOA uses is only half done and the reporting deadline is close. "
        "Is it better to leave the questions blank or to report estimates with a note? "
        "I would like to hear how others handled this.",
        "topics": ["national-implementation-plans", "monitoring-effectiveness"],
        "tags": ["national-report", "article-15", "pfas"],
        "countries": ["JOR"],
        "conventions": ["SC"],
        "group": None,
        "answers": [],
        "state": None,
    },
    {
        "asker": "kwame-mensah",
        "title": "Which safe dismantling practices reduce exposure for informal e-waste recyclers?",
        "body": "Many young people and women at our scrapyards burn cables and break monitors by hand. "
        "We cannot close the yards, but we can train and equip workers. "
        "Which simple practices made the largest difference where you work?",
        "topics": ["e-waste", "gender-vulnerable-groups", "environmentally-sound-management"],
        "tags": ["informal-sector", "occupational-health"],
        "countries": ["GHA"],
        "conventions": ["BC", "SC"],
        "group": None,
        "answers": [
            {
                "author": "wanjiru-kamau",
                "body": "Manual cable strippers ended most of the open burning once the recyclers saw that "
                "clean copper sold for more. Gloves, masks and a covered area for breaking screens "
                "came next.",
                "accepted": True,
                "voters": ["kwame-mensah", "chen-wei", "priya-raman"],
            },
            {
                "author": "chen-wei",
                "body": "Our university's summer school on the circular economy still has paid places left "
                "this year; send me a message for the brochure and a group discount.",
                "accepted": False,
                "voters": [],
            },
        ],
        "state": "flagged",
    },
    {
        "asker": "sione-tupou",
        "title": "How do small islands manage used lead-acid batteries without a local smelter?",
        "body": "Used car and solar batteries pile up at our scrap dealers and some are cracked open for "
        "the lead. We have no smelter and shipping volumes are small. "
        "How do other islands collect and export them safely?",
        "topics": ["environmentally-sound-management", "transboundary-movements"],
        "tags": ["lead-acid-batteries", "a1160"],
        "countries": ["FJI"],
        "conventions": ["BC"],
        "group": None,
        "answers": [
            {
                "author": "nguyen-thi-lan",
                "body": "Set a deposit on new batteries so they come back whole, store them upright on "
                "acid-resistant pallets, and ship full containers under a general notification to "
                "one licensed smelter. Never accept drained or broken batteries at the collection point.",
                "accepted": True,
                "voters": ["sione-tupou", "kwame-mensah"],
            },
            {
                "author": "kwame-mensah",
                "body": "Check the smelter's blood-lead monitoring of its workers before you sign; "
                "it is the quickest sign of how well it is run.",
                "accepted": False,
                "voters": ["sione-tupou", "nguyen-thi-lan", "priya-raman"],
            },
        ],
        "state": None,
    },
    {
        "asker": "lucia-fernandez",
        "title": "What alternatives to paraquat are working for no-till farmers in the region?",
        "body": "Smallholders using no-till rely heavily on paraquat for weed control before sowing. "
        "We are testing cover crops and mechanical rollers on demonstration plots. "
        "Has anyone measured yields and costs with these alternatives?",
        "topics": ["pesticides"],
        "tags": ["paraquat", "alternatives"],
        "countries": ["ARG"],
        "conventions": ["RC"],
        "group": "grulac",
        "answers": [
            {
                "author": "andres-restrepo",
                "body": "Our agriculture ministry ran roller-crimper trials with rye as a cover crop; "
                "yields were similar after the second season but the first year was difficult.",
                "accepted": False,
                "voters": ["lucia-fernandez"],
            },
        ],
        "state": None,
    },
    {
        "asker": "andres-restrepo",
        "title": "What happens when the Chemical Review Committee recommends a listing but the COP cannot agree?",
        "body": "Colleagues ask why chrysotile asbestos is still not in Annex III after so many meetings. "
        "I need to explain the procedure neutrally to our inter-ministerial committee. "
        "What can a party do while the decision is pending?",
        "topics": ["prior-informed-consent", "science-policy"],
        "tags": ["chrysotile", "annex-iii"],
        "countries": [],
        "conventions": ["RC"],
        "group": None,
        "answers": [
            {
                "author": "claire-dubois",
                "body": "Listing in Annex III needs a **consensus** decision of the COP, so a recommendation "
                "stays on the agenda until one is reached. In the meantime any party can still notify its "
                "own final regulatory actions and share information with its trading partners.",
                "accepted": True,
                "voters": ["andres-restrepo", "lucia-fernandez", "fatou-ndiaye"],
            },
            {
                "author": "lucia-fernandez",
                "body": "Point out that Annex III is an information procedure, not a ban; "
                "that helps the discussion in committees.",
                "accepted": False,
                "voters": ["andres-restrepo"],
            },
        ],
        "state": None,
    },
    {
        "asker": "fatou-ndiaye",
        "title": "Chlorpyrifos: should we wait for international listing before cancelling registrations?",
        "body": "Our pesticide committee is reviewing chlorpyrifos registrations. "
        "Some members want to wait for decisions under the Stockholm and Rotterdam conventions. "
        "Is there any reason a national decision should wait?",
        "topics": ["pesticides", "science-policy"],
        "tags": ["chlorpyrifos", "pesticide-registration"],
        "countries": ["SEN"],
        "conventions": ["RC", "SC"],
        "group": None,
        "answers": [
            {
                "author": "lucia-fernandez",
                "body": "No: national registration decisions are independent of the conventions. "
                "If you ban or severely restrict it, notify the **final regulatory action** under the "
                "Rotterdam Convention; your notification can help other countries.",
                "accepted": True,
                "voters": ["fatou-ndiaye", "andres-restrepo"],
            },
            {
                "author": "andres-restrepo",
                "body": "Give farmers a phase-out period and a list of registered alternatives; "
                "otherwise the product comes back through informal trade.",
                "accepted": False,
                "voters": ["fatou-ndiaye", "lucia-fernandez"],
            },
        ],
        "state": None,
    },
    {
        "asker": "claire-dubois",
        "title": "Which laboratories can analyse PFHxS in firefighting foam samples?",
        "body": "We need to check stocks of firefighting foam for PFHxS before deciding what to destroy. "
        "Our national laboratories measure PFOS but have not validated a method for PFHxS. "
        "Which laboratories or interlaboratory studies would you recommend?",
        "topics": ["industrial-chemicals", "monitoring-effectiveness"],
        "tags": ["pfhxs", "laboratory"],
        "countries": ["FRA"],
        "conventions": ["SC"],
        "group": None,
        "answers": [],
        "state": None,
    },
    {
        "asker": "priya-raman",
        "title": "How do you verify PCB decontamination of transformer carcasses before they are sold as scrap?",
        "body": "A contractor washes drained transformer casings with solvent and wants to sell the steel. "
        "We are unsure how many wipe samples are enough and which limit to apply. "
        "What procedure do your regulators use?",
        "topics": ["pcbs", "environmentally-sound-management"],
        "tags": ["pcb", "decontamination"],
        "countries": ["IND"],
        "conventions": ["SC", "BC"],
        "group": None,
        "answers": [],
        "state": None,
    },
    {
        "asker": "nguyen-thi-lan",
        "title": "How can recyclers identify plastics containing PBDEs from e-waste before recycling?",
        "body": "Our recyclers pellet casings from televisions and computers without sorting. "
        "Some of these plastics contain brominated flame retardants listed under the Stockholm Convention. "
        "Which screening methods are affordable for small recyclers?",
        "topics": ["e-waste", "plastic-waste", "pops-elimination"],
        "tags": ["pbde", "pops-in-plastics"],
        "countries": ["VNM"],
        "conventions": ["SC", "BC"],
        "group": "asia-pacific-group",
        "answers": [
            {
                "author": "chen-wei",
                "body": "Handheld X-ray fluorescence detects bromine in seconds; treat every part above your "
                "bromine screening level as possibly POP-containing and keep it out of recycling. "
                "Sorting by product type and year of manufacture removes much of the rest.",
                "accepted": True,
                "voters": ["nguyen-thi-lan", "omar-haddad", "sione-tupou"],
            },
            {
                "author": "priya-raman",
                "body": "Confirm a sample of the positives in a laboratory every few months, "
                "because bromine alone does not tell you which flame retardant is present.",
                "accepted": False,
                "voters": ["nguyen-thi-lan", "chen-wei"],
            },
        ],
        "state": None,
    },
    {
        "asker": "lucia-fernandez",
        "title": "What labelling do you require for exported pesticides under Rotterdam Article 13 and the GHS?",
        "body": "An exporter asks whether labels in English are enough for shipments to our neighbours. "
        "I know Article 13 refers to labelling requirements and the Globally Harmonized System. "
        "What do you check before export?",
        "topics": ["pesticides", "prior-informed-consent"],
        "tags": ["labelling", "ghs"],
        "countries": ["ARG"],
        "conventions": ["RC"],
        "group": None,
        "answers": [
            {
                "author": "andres-restrepo",
                "body": "We ask for GHS hazard pictograms and statements, and for the label in a language of "
                "the importing country, as far as practicable. A **safety data sheet** in the same "
                "language must travel with each shipment.",
                "accepted": True,
                "voters": ["lucia-fernandez", "fatou-ndiaye"],
            },
            {
                "author": "fatou-ndiaye",
                "body": "As an importing country we reject labels that do not match our registration; "
                "check the importer's registration certificate before printing.",
                "accepted": False,
                "voters": ["lucia-fernandez", "andres-restrepo"],
            },
        ],
        "state": None,
    },
    {
        "asker": "dmitri-volkov",
        "title": "Which HS codes should customs risk profiles use to flag Annex III chemicals?",
        "body": "We are updating our risk profiles for chemicals subject to the PIC procedure. "
        "Some Annex III chemicals have their own HS subheadings, others do not. "
        "How do you catch formulations and mixtures?",
        "topics": ["customs-enforcement", "prior-informed-consent"],
        "tags": ["hs-codes", "annex-iii"],
        "countries": ["RUS"],
        "conventions": ["RC"],
        "group": None,
        "answers": [
            {
                "author": "andres-restrepo",
                "body": "Successive HS editions added subheadings for many Annex III chemicals, so use those "
                "first. For formulations under general headings such as 3808, combine the code with the "
                "**CAS number** on the invoice or safety data sheet.",
                "accepted": True,
                "voters": ["dmitri-volkov", "omar-haddad"],
            },
        ],
        "state": None,
    },
    {
        "asker": "claire-dubois",
        "title": "Does the Ban Amendment stop our recyclers from exporting lead-acid batteries to non-OECD smelters?",
        "body": "A recycler wants to send spent batteries to a smelter outside the OECD that offers a good "
        "price. I believe the Ban Amendment applies to us as an Annex VII country. "
        "Does it cover exports for recovery as well as for final disposal?",
        "topics": ["transboundary-movements", "legal-institutional-frameworks"],
        "tags": ["ban-amendment", "lead-acid-batteries"],
        "countries": ["FRA"],
        "conventions": ["BC"],
        "group": None,
        "answers": [
            {
                "author": "nino-beridze",
                "body": "Yes: it prohibits exports of hazardous wastes from Annex VII countries to other "
                "countries for final disposal **and** for recovery. Spent lead-acid batteries are "
                "hazardous (A1160), so the shipment cannot go ahead.",
                "accepted": True,
                "voters": ["claire-dubois", "wanjiru-kamau"],
            },
            {
                "author": "wanjiru-kamau",
                "body": "From the importing side we see such offers regularly; "
                "we appreciate exporting countries that refuse them.",
                "accepted": False,
                "voters": ["claire-dubois"],
            },
        ],
        "state": None,
    },
    {
        "asker": "omar-haddad",
        "title": "How did you replace PFOS-based firefighting foams at airports and refineries?",
        "body": "Our civil defence still holds large stocks of foams containing PFOS. "
        "Fire chiefs worry that fluorine-free foams perform worse on fuel fires. "
        "How did you convince them, and what did you do with the old stocks?",
        "topics": ["industrial-chemicals", "pops-elimination"],
        "tags": ["pfos", "firefighting-foam"],
        "countries": ["JOR"],
        "conventions": ["SC"],
        "group": None,
        "answers": [
            {
                "author": "claire-dubois",
                "body": "Joint test fires with the fire service, using the new foams on their own equipment, "
                "did more than any report. Old stocks were sent for high-temperature incineration.",
                "accepted": False,
                "voters": ["omar-haddad", "nguyen-thi-lan"],
            },
            {
                "author": "nguyen-thi-lan",
                "body": "Do not forget to clean the tanks and pipes: residues in the system contaminate "
                "the new foam for years.",
                "accepted": False,
                "voters": ["omar-haddad", "claire-dubois"],
            },
        ],
        "state": None,
    },
    {
        "asker": "nino-beridze",
        "title": "How do we deal with obsolete pesticide stockpiles found in an abandoned warehouse?",
        "body": "Inspectors found several tonnes of unlabelled pesticides, some probably organochlorines, "
        "in the collapsed warehouse of a former farm cooperative. The soil around it smells strongly. "
        "What should be the first steps before repackaging and export for destruction?",
        "topics": ["pops-elimination", "contaminated-sites", "pesticides"],
        "tags": ["obsolete-pesticides"],
        "countries": ["GEO"],
        "conventions": ["SC", "BC"],
        "group": None,
        "answers": [
            {
                "author": "fatou-ndiaye",
                "body": "Secure the site and keep people and animals out, then sample and identify the "
                "products before moving anything. Repackage into UN-approved drums with trained staff, "
                "and treat the contaminated soil as a separate project.",
                "accepted": True,
                "voters": ["nino-beridze", "lucia-fernandez"],
            },
            {
                "author": "lucia-fernandez",
                "body": "Keep a photo record and an inventory sheet for every container; "
                "the destruction facility and the Basel notification will both need them.",
                "accepted": False,
                "voters": ["nino-beridze", "fatou-ndiaye"],
            },
        ],
        "state": None,
    },
    {
        "asker": "wanjiru-kamau",
        "title": "How do you prepare a funding proposal for a Stockholm national implementation plan update?",
        "body": "We need external funding for the inventories of the newly listed POPs. "
        "Which agencies helped you with the proposal, and how long did approval take? "
        "Any advice on the co-financing part is welcome.",
        "topics": ["financial-resources", "national-implementation-plans"],
        "tags": ["nip-update", "funding"],
        "countries": ["KEN"],
        "conventions": ["SC"],
        "group": None,
        "answers": [],
        "state": None,
    },
    {
        "asker": "claire-dubois",
        "title": "Would WEOG focal points share templates for briefing delegations to the joint COPs?",
        "body": "Each meeting of the conferences of the parties we rewrite our delegation briefing from scratch. "
        "A shared outline of agenda items across the three conventions would save time. "
        "Does anyone have a template they could share here?",
        "topics": ["national-coordination"],
        "tags": ["cop", "synergies"],
        "countries": [],
        "conventions": ["BC", "RC", "SC"],
        "group": "weog",
        "answers": [],
        "state": None,
    },
    {
        "asker": "sione-tupou",
        "title": "Can plastic collected from beach clean-ups be burned in a cement kiln?",
        "body": "Volunteers collect several tonnes of plastic from our beaches every month. "
        "A cement plant has offered to use it as fuel. "
        "Is this considered environmentally sound, and what should we ask the plant?",
        "topics": ["plastic-waste", "environmentally-sound-management"],
        "tags": ["co-processing", "marine-litter"],
        "countries": ["FJI"],
        "conventions": ["BC", "SC"],
        "group": None,
        "answers": [],
        "state": "held",
    },
    {
        "asker": "andres-restrepo",
        "title": "How can we build laboratory capacity for POPs monitoring on a small budget?",
        "body": "Our reference laboratory can measure organochlorine pesticides but not dioxins or PFAS. "
        "We would like to contribute data to the global monitoring plan. "
        "Where did you start, and which partnerships helped?",
        "topics": ["monitoring-effectiveness", "technical-assistance"],
        "tags": ["laboratory", "global-monitoring-plan"],
        "countries": ["COL"],
        "conventions": ["SC"],
        "group": "grulac",
        "answers": [
            {
                "author": "lucia-fernandez",
                "body": "Take part in the interlaboratory assessments first: they show where your methods "
                "stand at no cost. We then shared expensive instruments with a university instead of "
                "buying our own.",
                "accepted": True,
                "voters": ["andres-restrepo"],
            },
        ],
        "state": None,
    },
]

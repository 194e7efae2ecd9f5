"""Demo knowledge items for `manage.py seed_demo`: one dict per Wagtail page.

The content is fictional but realistic demo material: the organisations and
laws named exist or could exist, but the projects, figures and outcomes are
invented to show what members of the BRS Clearing-House Hub share. Nothing
here describes a real person. Long texts are Markdown; `_check()` (not run on
import) asserts the shape of every item.
"""

ITEMS: list[dict] = [
    # Best practices
    {
        "type": "best_practice",
        "title": "Producer-funded take-back of mobile phones and computers in Nairobi and Mombasa",
        "summary": (
            "A take-back scheme run by importers through a producer responsibility organisation collected 1,140 "
            "tonnes of e-waste in four years through 62 drop-off points and passed it to licensed recyclers."
        ),
        "countries": ["KEN"],
        "regions": ["AFRICAN"],
        "conventions": ["BC"],
        "topics": ["e-waste", "environmentally-sound-management"],
        "tags": ["take-back", "extended producer responsibility", "collection points"],
        "decisions": [],
        "year_start": 2019,
        "year_end": 2023,
        "organisation": "National Environment Management Authority (NEMA)",
        "submitter": "wanjiru-kamau",
        "state": "published",
        "review_comment": "",
        "fields": {
            "problem": (
                "Most discarded phones, laptops and desktop computers in Kenya's two largest cities ended up with "
                "informal collectors, who kept the parts containing copper and gold and dumped or burned the rest. "
                "Importers had no obligation to take products back, and only three recyclers held a licence to treat "
                "e-waste."
            ),
            "approach": (
                "- Six importers and two mobile network operators set up a non-profit producer responsibility "
                "organisation in 2019, funded by a fee per unit placed on the market (about KES 20 per phone and KES "
                "150 per computer).\n"
                "- 62 drop-off points opened in supermarkets, operator shops and county offices; schools and offices "
                "could book a free pick-up for loads over 50 kg.\n"
                "- Informal collectors who brought whole devices to the points were paid by weight, so they had a "
                "reason to hand them over rather than strip them.\n"
                "- NEMA licensed the receiving recyclers and checked their mass balance every quarter."
            ),
            "results": (
                "- 1,140 tonnes collected between 2019 and 2023, rising from 120 tonnes in the first year to 410 "
                "tonnes in 2023.\n"
                "- About 85% by weight was recovered in Kenya. Printed circuit boards and batteries (around 60 "
                "tonnes) were exported for metal recovery after written consent under the Basel notification "
                "procedure.\n"
                "- Around 300 informal collectors registered with the scheme."
            ),
            "lessons_learned": (
                "Paying collectors by weight worked better than awareness messages alone: deliveries to the drop-off "
                "points doubled within six months of the payments starting.\n"
                "\n"
                "A fee per unit was easier for importers to declare than a fee per kilogram, but it needs a yearly "
                "review because devices keep getting lighter."
            ),
            "replicability": (
                "The model suits countries where a handful of importers dominate the market. It needs a licensing "
                "system for recyclers and an authority able to audit the producer organisation's figures; without "
                "both, collected devices can leak back to informal dismantling."
            ),
        },
    },
    {
        "type": "best_practice",
        "title": "Replacing open cable burning with mechanical wire stripping at Accra scrap yards",
        "summary": (
            "Eighteen shared wire-stripping machines gave informal recyclers a faster and better-paid way to recover "
            "copper than burning, and the burning sites counted in monthly patrols fell by about 70%."
        ),
        "countries": ["GHA"],
        "regions": ["AFRICAN"],
        "conventions": ["BC", "SC"],
        "topics": ["e-waste", "environmentally-sound-management"],
        "tags": ["informal sector", "open burning", "copper recovery", "unintentional pops"],
        "decisions": [],
        "year_start": 2020,
        "year_end": 2024,
        "organisation": "Ghana Environmental Protection Agency",
        "submitter": "kwame-mensah",
        "state": "published",
        "review_comment": "",
        "fields": {
            "problem": (
                "Informal recyclers burned insulated cables in the open to recover copper, releasing dioxins and "
                "furans, which are unintentional persistent organic pollutants, and heavy metals into the air and "
                "soil around homes and food markets. Burning was quick and free; the alternatives cost money and time."
            ),
            "approach": (
                "1. Burning sites were mapped together with the scrap dealers' association.\n"
                "2. Eighteen wire-stripping and granulating machines were installed at three collection centres run "
                "by the association, free for members in the first year and for a small fee after that.\n"
                "3. Stripped insulation was collected separately and sent to a cement kiln for co-processing, so it "
                "was not burned later.\n"
                "4. 450 workers were trained in safe dismantling, with gloves and masks handed out at the centres."
            ),
            "results": (
                "- Burning sites counted in monthly patrols fell from 41 to 12 between 2020 and 2024.\n"
                "- Clean copper sold for 10–15% more than burnt copper, which paid back the machine fees within weeks "
                "for regular users.\n"
                "- About 380 tonnes of cable a year now go through the machines."
            ),
            "lessons_learned": (
                "The better price for clean copper, not enforcement, persuaded workers to switch. Machines break "
                "down: a maintenance budget and a mechanic trained from within the association were essential.\n"
                "\n"
                "The stripped plastic needs an outlet, otherwise it ends up burned anyway."
            ),
            "replicability": (
                "This works wherever dealers are organised in an association able to manage shared equipment. It "
                "needs electricity at the site (two centres use the grid, one a generator) and a treatment route for "
                "the stripped insulation."
            ),
        },
    },
    {
        "type": "best_practice",
        "title": "Screening 26,000 distribution transformers for PCBs in three state electricity utilities",
        "summary": (
            "Utilities screened transformer oil with chlorine test kits, confirmed positives by gas chromatography, "
            "and drained or replaced equipment above 50 mg/kg ahead of the Stockholm Convention 2025 deadline."
        ),
        "countries": ["IND"],
        "regions": ["ASIA_PACIFIC"],
        "conventions": ["SC", "BC"],
        "topics": ["pcbs", "pops-elimination"],
        "tags": ["transformers", "inventory", "test kits", "power sector"],
        "decisions": ["SC-8/3"],
        "year_start": 2019,
        "year_end": 2024,
        "organisation": "Central Pollution Control Board",
        "submitter": "priya-raman",
        "state": "published",
        "review_comment": "",
        "fields": {
            "problem": (
                "Older transformers in state distribution networks hold mineral oil that may have been "
                "cross-contaminated with PCBs during servicing. For most units nobody knew whether the oil contained "
                "PCBs, and local workshops topped up and reused oil from shared drums."
            ),
            "approach": (
                "1. Inventory of every transformer in service or in store, with make, year, oil volume and service "
                "history: 26,300 units.\n"
                "2. Screening of oil samples with colorimetric chlorine test kits by utility staff after a two-day "
                "course.\n"
                "3. Confirmation of all positives and of 5% of negatives by gas chromatography in two accredited "
                "laboratories.\n"
                "4. Labelling of contaminated units, a ban on topping up from shared drums, and draining and "
                "retro-filling or decommissioning of units above 50 mg/kg.\n"
                "5. Treatment of drained oil by dechlorination in a mobile unit shared between the utilities."
            ),
            "results": (
                "- About 6% of screened units (1,580) tested positive with the kits; gas chromatography confirmed 940 "
                "above 50 mg/kg.\n"
                "- By the end of 2024, 870 of them had been retro-filled or decommissioned, and 410 tonnes of "
                "contaminated oil had been treated.\n"
                "- Fewer than 1% of the negatives checked in the laboratory were false negatives."
            ),
            "lessons_learned": (
                "Cross-contamination in workshops was the main source, so controlling how oil is handled mattered as "
                "much as the inventory itself.\n"
                "\n"
                "Test kits cut laboratory costs by about two thirds, but they give many false positives: budget for "
                "confirmation."
            ),
            "replicability": (
                "Any utility with a large fleet of mineral-oil transformers can use this approach. The main costs are "
                "laboratory confirmation and treatment capacity; sharing one mobile dechlorination unit between "
                "utilities kept them down."
            ),
        },
    },
    {
        "type": "best_practice",
        "title": (
            "Cutting highly hazardous pesticide use in La Plata greenhouse horticulture with integrated pest "
            "management"
        ),
        "summary": (
            "Over three seasons, 140 greenhouse growers replaced most organophosphate and carbamate sprays with "
            "monitoring and biological control, lowering the share of highly hazardous products in their spray "
            "records from 38% to 9%."
        ),
        "countries": ["ARG"],
        "regions": ["GRULAC"],
        "conventions": ["RC"],
        "topics": ["pesticides"],
        "tags": ["highly hazardous pesticides", "integrated pest management", "smallholders", "biological control"],
        "decisions": [],
        "year_start": 2021,
        "year_end": 2024,
        "organisation": "Instituto Nacional de Tecnología Agropecuaria (INTA)",
        "submitter": "lucia-fernandez",
        "state": "published",
        "review_comment": "",
        "fields": {
            "problem": (
                "Tomato and pepper growers in the La Plata green belt, many of them families renting their land, "
                "sprayed by the calendar with organophosphates and carbamates, including several active ingredients "
                "that meet the FAO/WHO criteria for highly hazardous pesticides. Residue tests at the wholesale "
                "market often exceeded limits, and few growers had protective equipment."
            ),
            "approach": (
                "- Extension agents set up 12 demonstration greenhouses run by growers themselves.\n"
                "- Yellow sticky traps and weekly scouting, with sprays only above agreed pest thresholds.\n"
                "- Releases of predatory mites and parasitoid wasps from two local biofactories, half paid by the "
                "project in the first season.\n"
                "- A simple spray record book, reviewed with an extension agent every month.\n"
                "- Triple rinsing and collection of empty containers."
            ),
            "results": (
                "- Share of highly hazardous products in spray records down from 38% to 9%.\n"
                "- Sprays per tomato cycle down from 22 to 13 on average, with yields within 5% of the previous "
                "seasons.\n"
                "- Residue exceedances in market samples from participating growers fell from one sample in four to "
                "one in twelve."
            ),
            "lessons_learned": (
                "Growers changed practice fastest when a neighbour's demonstration greenhouse showed similar yields. "
                "Supply of biological control agents was the bottleneck: the biofactories expanded only once they had "
                "guaranteed orders.\n"
                "\n"
                "Growers renting land from season to season were reluctant to invest in anything lasting longer than "
                "one crop."
            ),
            "replicability": (
                "Suitable for peri-urban horticulture with an extension service. It needs a local supplier of "
                "biological control agents and, ideally, a buyer that rewards produce with low residues."
            ),
        },
    },
    {
        "type": "best_practice",
        "title": "Ranking former pesticide storage sites for clean-up with a simple risk score",
        "summary": (
            "Provinces surveyed 204 former pesticide stores, scored each for contamination, nearby homes and water, "
            "and land use, and used the ranking to direct clean-up funds to the 31 sites posing the highest risk."
        ),
        "countries": ["VNM"],
        "regions": ["ASIA_PACIFIC"],
        "conventions": ["SC"],
        "topics": ["contaminated-sites", "pesticides", "pops-elimination"],
        "tags": ["risk assessment", "obsolete pesticides", "site register"],
        "decisions": [],
        "year_start": 2018,
        "year_end": 2023,
        "organisation": "Viet Nam Environment Administration",
        "submitter": "nguyen-thi-lan",
        "state": "published",
        "review_comment": "",
        "fields": {
            "problem": (
                "Provincial records listed more than 1,100 places where pesticides, including DDT and other "
                "organochlorines, had been stored or buried between the 1960s and the 1990s. Many are now next to "
                "homes, schools or fields. Clean-up money covered only a few sites a year and went to whichever "
                "province asked first, not to the worst sites."
            ),
            "approach": (
                "- Field survey of 204 sites shortlisted from the records, with composite soil samples analysed for "
                "organochlorine pesticides.\n"
                "- A risk score from 0 to 100 combining concentration, distance to the nearest home and water source, "
                "current land use and the number of people living nearby.\n"
                "- A public register of all scored sites.\n"
                "- Provinces may apply for central clean-up funds only for sites scoring above 60."
            ),
            "results": (
                "- 31 sites scored above 60; 18 of them were cleaned up by the end of 2023, removing about 2,600 "
                "tonnes of heavily contaminated soil for co-processing in a cement kiln and capping the less "
                "contaminated soil.\n"
                "- All 31 were fenced and signposted within six months as an interim measure.\n"
                "- The register is now checked before land-use permits are issued on or near listed sites."
            ),
            "lessons_learned": (
                "The score was simple enough for provincial staff to apply themselves. Sampling was the largest cost; "
                "composite samples kept it affordable.\n"
                "\n"
                "Publishing the register created pressure from nearby communities to act on the top-ranked sites."
            ),
            "replicability": (
                "The method needs only basic laboratory analysis and a map. It can be adapted to other contaminants, "
                "such as PCBs at former electrical workshops or PFAS at fire training grounds, with different "
                "thresholds."
            ),
        },
    },
    {
        "type": "best_practice",
        "title": "Customs risk profiles for detecting mislabelled waste shipments at seaports",
        "summary": (
            "Risk profiles built from past seizures flag containers declared as second-hand goods or raw materials "
            "that are likely to hold hazardous waste, so that physical checks go where they matter."
        ),
        "countries": ["RUS"],
        "regions": ["EEG"],
        "conventions": ["BC"],
        "topics": ["customs-enforcement", "transboundary-movements"],
        "tags": ["illegal traffic", "risk management", "seaports", "used electronics"],
        "decisions": [],
        "year_start": 2021,
        "year_end": None,
        "organisation": "Federal Customs Service",
        "submitter": "dmitri-volkov",
        "state": "in_review",
        "review_comment": "",
        "fields": {
            "problem": (
                "Hazardous waste moving illegally is usually declared as something else: used electronics as "
                "second-hand goods, waste batteries as metal scrap, waste oil as fuel. With fewer than 3% of "
                "containers physically inspected, random checks rarely found such shipments."
            ),
            "approach": (
                "1. Five years of seizures and referrals from the environmental authority were analysed for common "
                "indicators: commodity codes, a declared value per kilogram far below the market price, consignees "
                "with no waste licence, and routes through transit hubs.\n"
                "2. Six sets of indicators were loaded into the automated risk management system. Flagged containers "
                "are X-rayed and then opened with an environmental inspector on call.\n"
                "3. The outcome of every flagged inspection is recorded, and the indicators are reviewed each quarter."
            ),
            "results": (
                "- In 2023 the profiles flagged 1,240 containers; 86 held waste that needed a Basel notification, "
                "compared with 11 detections from random checks in 2020.\n"
                "- The most frequent finds were used cathode ray tube monitors and waste lead-acid batteries.\n"
                "- A decision on a flagged container now takes two working days on average."
            ),
            "lessons_learned": (
                "Declared value per kilogram was the single most useful indicator. Officers needed clear criteria to "
                "decide whether used goods are waste; the criteria in the Basel technical guidelines on e-waste were "
                "adopted as an internal instruction."
            ),
            "replicability": (
                "Any customs administration with an automated risk system can add such profiles. It also needs a fast "
                "channel to the competent authority for advice on whether goods are waste."
            ),
        },
    },
    {
        "type": "best_practice",
        "title": "Phasing out PFOS-containing firefighting foams at airports, a refinery and civil defence depots",
        "summary": (
            "An inventory found 61 tonnes of foam concentrate, much of it containing PFOS or other PFAS; 44 tonnes "
            "have been replaced with fluorine-free foam and the old stock exported for destruction."
        ),
        "countries": ["JOR"],
        "regions": ["ASIA_PACIFIC"],
        "conventions": ["SC", "BC"],
        "topics": ["industrial-chemicals", "pops-elimination"],
        "tags": ["pfos", "pfas", "firefighting foam", "fluorine-free"],
        "decisions": [],
        "year_start": 2020,
        "year_end": 2025,
        "organisation": "Ministry of Environment",
        "submitter": "omar-haddad",
        "state": "published",
        "review_comment": "",
        "fields": {
            "problem": (
                "Foam concentrates bought years ago for fuel fires at airports, fuel depots and the refinery were "
                "suspected to contain PFOS, whose use is restricted under the Stockholm Convention, and possibly PFOA "
                "and PFHxS, listed later. Nobody kept a register of stocks, and training exercises released foam "
                "directly onto unlined ground."
            ),
            "approach": (
                "- Questionnaires and site visits covering three airports, the refinery and 14 civil defence depots.\n"
                "- Laboratory analysis of 48 foam samples for PFOS, PFOA and PFHxS.\n"
                "- An immediate stop on fluorinated foam in training, replaced by water or training foam.\n"
                "- A common procurement specification for fluorine-free foam, agreed with the civil aviation "
                "authority and civil defence after live fire trials.\n"
                "- Old stock consolidated in one store, repackaged and exported for high-temperature incineration "
                "under the Basel prior informed consent procedure.\n"
                "- Fixed foam systems flushed three times before refilling."
            ),
            "results": (
                "- 61 tonnes of foam concentrate inventoried; PFOS was found in 19 of the 48 samples.\n"
                "- 44 tonnes replaced with fluorine-free foam, and the same quantity exported for destruction in "
                "2024.\n"
                "- Soil sampling found PFOS at two fire training grounds, which were added to the national list of "
                "contaminated sites."
            ),
            "lessons_learned": (
                "Fixed systems are harder than portable stocks: residues in pipes contaminate new foam unless they "
                "are flushed thoroughly.\n"
                "\n"
                "Fire chiefs accepted fluorine-free foam only after seeing it perform in live fire trials, so involve "
                "them from the start."
            ),
            "replicability": (
                "The inventory costs little and can be done anywhere. The main costs are the replacement foam, about "
                "USD 4–6 per litre, and destruction abroad where no suitable facility exists at home."
            ),
        },
    },
    {
        "type": "best_practice",
        "title": "Telling recycled plastic pellets apart from plastic waste at import: a national product standard",
        "summary": (
            "National standards for recycled plastic pellets set limits on contamination, moisture and form, giving "
            "customs an objective test of whether a consignment is a product or plastic waste that needs prior "
            "informed consent."
        ),
        "countries": ["CHN"],
        "regions": ["ASIA_PACIFIC"],
        "conventions": ["BC"],
        "topics": ["plastic-waste", "transboundary-movements", "customs-enforcement"],
        "tags": ["plastic waste amendments", "recycled pellets", "waste classification"],
        "decisions": ["BC-14/12"],
        "year_start": 2020,
        "year_end": 2024,
        "organisation": "Basel Convention Regional Centre for Asia and the Pacific (BCRC China)",
        "submitter": "chen-wei",
        "state": "in_review",
        "review_comment": "",
        "fields": {
            "problem": (
                "After imports of solid waste, including plastic scrap, were stopped, trade shifted to recycled "
                "plastic pellets. Some consignments declared as pellets were in fact poorly processed flakes or "
                "regrind mixed with dirt and labels: plastic waste that, since the plastic waste amendments took "
                "effect in 2021, needs prior informed consent. Officers had no clear test to tell the two apart."
            ),
            "approach": (
                "- A technical committee of recyclers, laboratories, customs and environment authorities drafted "
                "standards for pellets of the main polymers (PE, PP, PET, PS, ABS, PA and PC).\n"
                "- Criteria cover pellet form, foreign matter, ash, moisture and volatile content, with a sampling "
                "plan per consignment.\n"
                "- Customs laboratories were equipped and trained to run the tests; disputed results go to a "
                "reference laboratory.\n"
                "- Consignments that fail are treated as solid waste and returned at the importer's cost."
            ),
            "results": (
                "- The standards have applied since 2021; about 2,600 consignments were tested in 2022 and 2023.\n"
                "- 7% failed and were returned.\n"
                "- The failure rate fell from 11% in the first half-year to 4% by the end of 2023, as exporters "
                "adjusted."
            ),
            "lessons_learned": (
                "A product standard is easier to apply at the border than deciding case by case whether something is "
                "waste, but it needs well-equipped laboratories and sampling rules that traders accept. Exporting "
                "countries needed to be told early."
            ),
            "replicability": (
                "Useful for countries that restrict plastic waste imports but accept pellets. It should be read "
                "together with the Basel entries B3011, Y48 and A3210, which decide what happens to material that "
                "fails."
            ),
        },
    },
    {
        "type": "best_practice",
        "title": "Collecting used lead-acid batteries from outer islands for export to licensed recyclers",
        "summary": (
            "Inter-island ferries, fuel stations and the Department of Environment set up a paid collection route for "
            "used vehicle and solar batteries; 1,300 tonnes were exported under the Basel procedure in three years."
        ),
        "countries": ["FJI"],
        "regions": ["ASIA_PACIFIC"],
        "conventions": ["BC"],
        "topics": ["environmentally-sound-management", "transboundary-movements"],
        "tags": ["lead-acid batteries", "small islands", "reverse logistics"],
        "decisions": [],
        "year_start": 2021,
        "year_end": 2024,
        "organisation": "Department of Environment",
        "submitter": "sione-tupou",
        "state": "published",
        "review_comment": "",
        "fields": {
            "problem": (
                "Used batteries from vehicles, boats and solar home systems piled up on the outer islands. Some were "
                "broken open to sell the lead or to make fishing sinkers, spilling acid and lead near homes and "
                "reefs. Shipping them to Suva cost more than their scrap value, and there is no lead smelter in the "
                "country."
            ),
            "approach": (
                "- Acid-proof pallets and drums at 24 collection points in fuel stations and island council stores.\n"
                "- Inter-island ferries carry batteries as return cargo at a reduced rate agreed with the operators.\n"
                "- A licensed exporter pays collectors per battery and consolidates them in a bunded warehouse in "
                "Suva.\n"
                "- Each export is notified to the competent authority of the importing country (Basel Annex VIII "
                "entry A1160) and shipped only after written consent."
            ),
            "results": (
                "- 1,300 tonnes exported in 14 shipments between 2021 and 2024.\n"
                "- No notification was refused; consent took six weeks on average.\n"
                "- In a household survey on four islands, the share of people who said they had broken open a battery "
                "fell from 18% to 5%."
            ),
            "lessons_learned": (
                "Return cargo on existing ferries was the cheapest transport; dedicated trips would never pay.\n"
                "\n"
                "Consent takes time, so the Suva warehouse must be able to hold about three months of collection."
            ),
            "replicability": (
                "Relevant to small island states without a smelter. It depends on the lead price: when prices fall, a "
                "small levy on new batteries is needed to keep collectors paid."
            ),
        },
    },
    {
        "type": "best_practice",
        "title": "Replacing open burning of healthcare waste with regional autoclave treatment centres",
        "summary": (
            "Four regional centres with autoclaves and shredders now treat infectious waste from 95 hospitals and "
            "clinics that used to burn it in pits or small incinerators."
        ),
        "countries": ["GEO"],
        "regions": ["EEG"],
        "conventions": ["BC", "SC"],
        "topics": ["environmentally-sound-management"],
        "tags": ["healthcare waste", "autoclaves", "hospitals", "unintentional pops"],
        "decisions": [],
        "year_start": 2019,
        "year_end": 2023,
        "organisation": "Ministry of Environmental Protection and Agriculture",
        "submitter": "nino-beridze",
        "state": "changes_requested",
        "review_comment": (
            "Thank you, this is a useful practice. Before we publish it, please add the quantities treated each year "
            "(in tonnes), the cost per kilogram for hospitals compared with the earlier arrangements, and how the "
            "residues are disposed of after autoclaving. Please also say whether the centres take pharmaceutical and "
            "chemical waste or infectious waste only."
        ),
        "fields": {
            "problem": (
                "Many district hospitals burned infectious waste in pits or in small single-chamber incinerators "
                "without flue gas cleaning, a source of dioxins and furans. Sharps were regularly found at municipal "
                "landfills."
            ),
            "approach": (
                "- Four treatment centres, each serving hospitals within about 150 km.\n"
                "- Hospitals separate waste where it arises, into colour-coded bags and sharps boxes.\n"
                "- Licensed carriers collect at least weekly in closed vans.\n"
                "- Each centre runs an autoclave and a shredder, so treated waste is no longer recognisable."
            ),
            "results": (
                "- 95 hospitals and clinics connected by the end of 2023.\n"
                "- 41 small incinerators and burning pits closed.\n"
                "- Inspections found segregation errors in 12% of bags in 2023, down from 30% in 2020."
            ),
            "lessons_learned": (
                "Segregation training had to be repeated every year because of staff turnover. Hospitals were more "
                "careful once carriers started refusing wrongly filled bags."
            ),
            "replicability": (
                "Central treatment works where roads allow weekly collection. For remote mountain clinics, small "
                "on-site autoclaves are an option."
            ),
        },
    },
    {
        "type": "best_practice",
        "title": "Handling Rotterdam Convention export notifications through the foreign trade single window",
        "summary": (
            "Exporters of chemicals banned or severely restricted in Colombia now file the export notification in the "
            "foreign trade single window, and customs cannot accept the declaration until the designated national "
            "authority has sent it."
        ),
        "countries": ["COL"],
        "regions": ["GRULAC"],
        "conventions": ["RC"],
        "topics": ["prior-informed-consent", "industrial-chemicals", "customs-enforcement"],
        "tags": ["export notification", "single window", "article 12"],
        "decisions": [],
        "year_start": 2022,
        "year_end": None,
        "organisation": "Ministry of Environment and Sustainable Development",
        "submitter": "andres-restrepo",
        "state": "changes_requested",
        "review_comment": (
            "Thank you for this submission. Please add results with figures, for example how many export "
            "notifications were filed through the single window each year and how long processing takes compared with "
            "the paper procedure, and list the agencies that have access to the module. Without results we cannot "
            "publish it as a best practice yet."
        ),
        "fields": {
            "problem": (
                "Exporters often did not know that a chemical banned or severely restricted in Colombia needs an "
                "export notification to the importing Party under Article 12 of the Rotterdam Convention. "
                "Notifications arrived late or not at all, and customs had no way to check."
            ),
            "approach": (
                "- The list of nationally banned or severely restricted chemicals, with their tariff codes, was "
                "loaded into the single window.\n"
                "- Export declarations with a matching code are held until the designated national authority issues "
                "an export notification number.\n"
                "- The authority sends the notification to the importing Party and keeps a record of "
                "acknowledgements.\n"
                "- For chemicals in Annex III, the window also shows the import response of the importing Party."
            ),
            "results": (
                "The module has been live since March 2023 and all exporters of listed chemicals now file through it. "
                "Customs no longer accept declarations for these codes without a notification number."
            ),
            "lessons_learned": (
                "Tariff codes are often too broad to single out one chemical, so national subheadings had to be "
                "created for several substances before the check could work."
            ),
            "replicability": (
                "Any country with an electronic single window for foreign trade can add a similar check. The effort "
                "lies in keeping the list of chemicals and codes up to date."
            ),
        },
    },
    # Project summaries
    {
        "type": "project_summary",
        "title": "Environmentally sound management of e-waste in Benin, Ghana and Nigeria",
        "summary": (
            "A regional project building collection systems and licensed dismantling facilities, and a shared way of "
            "telling used electronics from e-waste at the ports, working with informal recyclers rather than around "
            "them."
        ),
        "countries": ["GHA", "NGA", "BEN"],
        "regions": ["AFRICAN"],
        "conventions": ["BC", "BAN"],
        "topics": ["e-waste", "environmentally-sound-management", "transboundary-movements"],
        "tags": ["informal sector", "used electronics", "regional"],
        "decisions": [],
        "year_start": 2023,
        "year_end": 2027,
        "organisation": "Ghana Environmental Protection Agency",
        "submitter": "kwame-mensah",
        "state": "published",
        "review_comment": "",
        "fields": {
            "status": "ongoing",
            "start_date": "2023-04-01",
            "end_date": "2027-12-31",
            "funding_source": "Global Environment Facility (GEF)",
            "funding_amount": 8200000,
            "funding_currency": "USD",
            "partners": (
                "UNIDO, Basel Convention Coordinating Centre for Africa (Nigeria), National Environmental Standards "
                "and Regulations Enforcement Agency (Nigeria), Agence Béninoise pour l'Environnement, national "
                "e-waste dealers' associations"
            ),
            "results": (
                "Results so far:\n"
                "\n"
                "- Common criteria for distinguishing used equipment from e-waste at the ports, based on the Basel "
                "technical guidelines on e-waste, agreed by the three countries in 2024.\n"
                "- Two dismantling facilities licensed in Ghana and one in Nigeria; one under construction in Benin.\n"
                "- 1,900 informal workers trained in safe dismantling, a third of them women.\n"
                "- 3,400 tonnes collected through project channels in 2024 and 2025."
            ),
        },
    },
    {
        "type": "project_summary",
        "title": "Updating Viet Nam's national implementation plan for the POPs listed since 2017",
        "summary": (
            "An enabling activity that inventoried decaBDE, SCCPs, PFOA, dicofol and PFHxS, reviewed gaps in "
            "legislation and produced the updated national implementation plan transmitted in 2024."
        ),
        "countries": ["VNM"],
        "regions": ["ASIA_PACIFIC"],
        "conventions": ["SC"],
        "topics": ["national-implementation-plans", "industrial-chemicals", "pops-elimination"],
        "tags": ["inventory", "new pops", "enabling activity"],
        "decisions": [],
        "year_start": 2021,
        "year_end": 2024,
        "organisation": "Viet Nam Environment Administration",
        "submitter": "nguyen-thi-lan",
        "state": "published",
        "review_comment": "",
        "fields": {
            "status": "completed",
            "start_date": "2021-07-01",
            "end_date": "2024-06-30",
            "funding_source": "Global Environment Facility (GEF)",
            "funding_amount": 450000,
            "funding_currency": "USD",
            "partners": (
                "UNEP, Ministry of Industry and Trade, Ministry of Health, Viet Nam Academy of Science and "
                "Technology, provincial departments of natural resources and environment"
            ),
            "results": (
                "- Inventories of the five newly listed chemicals. DecaBDE was found mainly in plastics from "
                "end-of-life vehicles and electronics (about 1,900 tonnes in products still in use); SCCPs in PVC "
                "cables and metalworking fluids; PFOA in textile finishing and firefighting foams. Dicofol is no "
                "longer produced or registered.\n"
                "- A legal gap analysis and 14 priority actions, each with a lead agency and cost estimate.\n"
                "- The updated plan was endorsed by the government and transmitted to the Secretariat in 2024.\n"
                "- 160 officials from ministries and provinces trained in inventory methods."
            ),
        },
    },
    {
        "type": "project_summary",
        "title": "Safeguarding and disposal of obsolete pesticide stocks in Mali, Mauritania and Senegal",
        "summary": (
            "The project repackaged 410 tonnes of obsolete pesticides, including POPs left from past locust "
            "campaigns, shipped them to Europe for high-temperature incineration and set up stock management to stop "
            "new stockpiles."
        ),
        "countries": ["SEN", "MLI", "MRT"],
        "regions": ["AFRICAN"],
        "conventions": ["RC", "SC", "BC"],
        "topics": ["pesticides", "pops-elimination", "transboundary-movements"],
        "tags": ["obsolete pesticides", "locust control", "stockpiles"],
        "decisions": [],
        "year_start": 2018,
        "year_end": 2023,
        "organisation": "Directorate of Environment and Classified Establishments (DEEC)",
        "submitter": "fatou-ndiaye",
        "state": "published",
        "review_comment": "",
        "fields": {
            "status": "completed",
            "start_date": "2018-03-01",
            "end_date": "2023-06-30",
            "funding_source": "Global Environment Facility (GEF)",
            "funding_amount": 5400000,
            "funding_currency": "USD",
            "partners": (
                "FAO, Comité sahélien des pesticides, national plant protection services, national locust control "
                "units"
            ),
            "results": (
                "- 410 tonnes of obsolete pesticides and 160 tonnes of contaminated packaging repackaged at 27 "
                "sites.\n"
                "- All of it shipped in 19 containers, under Basel notifications to the transit and destination "
                "countries, to a licensed high-temperature incinerator in Europe.\n"
                "- 2,800 empty drums cleaned and crushed for recycling as scrap metal.\n"
                "- A stock management system installed in each locust control unit, so that insecticides are ordered "
                "against need and used before expiry."
            ),
        },
    },
    {
        "type": "project_summary",
        "title": "Scaling up alternatives to DDT for malaria vector control in 36 districts",
        "summary": (
            "The project tests and scales up long-lasting insecticidal nets, larval source management and alternative "
            "insecticides for indoor spraying, so that districts can stop using DDT without a rise in malaria."
        ),
        "countries": ["IND"],
        "regions": ["ASIA_PACIFIC"],
        "conventions": ["SC"],
        "topics": ["ddt-alternatives", "monitoring-effectiveness"],
        "tags": ["malaria", "vector control", "indoor residual spraying", "insecticide resistance"],
        "decisions": ["SC-8/2"],
        "year_start": 2022,
        "year_end": 2027,
        "organisation": "National Center for Vector Borne Diseases Control",
        "submitter": "priya-raman",
        "state": "published",
        "review_comment": "",
        "fields": {
            "status": "ongoing",
            "start_date": "2022-10-01",
            "end_date": "2027-09-30",
            "funding_source": "Global Environment Facility (GEF)",
            "funding_amount": 9800000,
            "funding_currency": "USD",
            "partners": (
                "UNEP, WHO Country Office for India, state health departments, Indian Council of Medical Research "
                "institutes, Central Pollution Control Board"
            ),
            "results": (
                "Results so far:\n"
                "\n"
                "- DDT used for indoor spraying in the project districts fell from 310 tonnes in 2022 to 120 tonnes "
                "in 2025.\n"
                "- Insecticide resistance is monitored at 48 sentinel sites; the main vector was resistant to DDT at "
                "most of them, which supported the switch.\n"
                "- Malaria cases in the project districts stayed stable or fell in each year.\n"
                "- Data on DDT use and alternatives were provided for the national report under the Stockholm "
                "Convention."
            ),
        },
    },
    {
        "type": "project_summary",
        "title": "Institutional strengthening for chemicals and waste management in Colombia",
        "summary": (
            "A Special Programme grant that helped set up a registry of industrial chemicals, train customs and "
            "environmental authorities, and secure a permanent budget line for the work of the three conventions' "
            "focal points."
        ),
        "countries": ["COL"],
        "regions": ["GRULAC"],
        "conventions": ["BC", "RC", "SC"],
        "topics": ["financial-resources", "legal-institutional-frameworks", "national-coordination"],
        "tags": ["special programme", "institutional strengthening", "chemicals registry"],
        "decisions": [],
        "year_start": 2020,
        "year_end": 2023,
        "organisation": "Ministry of Environment and Sustainable Development",
        "submitter": "andres-restrepo",
        "state": "published",
        "review_comment": "",
        "fields": {
            "status": "completed",
            "start_date": "2020-09-01",
            "end_date": "2023-08-31",
            "funding_source": "Special Programme",
            "funding_amount": 249000,
            "funding_currency": "USD",
            "partners": (
                "Colombian Agricultural Institute (ICA), National Tax and Customs Directorate (DIAN), Ministry of "
                "Health and Social Protection, National Institute of Health, regional environmental authorities"
            ),
            "results": (
                "- A registry of industrial chemicals launched in 2023, with data reported by 1,250 companies in its "
                "first year.\n"
                "- 210 officials from customs, regional environmental authorities and health services trained on the "
                "three conventions.\n"
                "- A permanent budget line in the ministry for the focal points of the Basel, Rotterdam and Stockholm "
                "conventions from 2023.\n"
                "- A draft decree on the management of industrial chemicals, submitted for public consultation."
            ),
        },
    },
    {
        "type": "project_summary",
        "title": "Plastic waste exports and prior informed consent: support to Fiji, Samoa, Tonga and Vanuatu",
        "summary": (
            "A regional project helping four Pacific island countries apply the plastic waste amendments: classifying "
            "plastic scrap, notifying exports of Y48 plastic waste and finding licensed recyclers abroad."
        ),
        "countries": ["FJI", "WSM", "TON", "VUT"],
        "regions": ["ASIA_PACIFIC"],
        "conventions": ["BC"],
        "topics": ["plastic-waste", "transboundary-movements", "technical-assistance"],
        "tags": ["plastic waste amendments", "small islands", "y48", "regional"],
        "decisions": ["BC-14/12"],
        "year_start": 2023,
        "year_end": 2027,
        "organisation": "Department of Environment",
        "submitter": "sione-tupou",
        "state": "published",
        "review_comment": "",
        "fields": {
            "status": "ongoing",
            "start_date": "2023-02-01",
            "end_date": "2027-01-31",
            "funding_source": "European Union",
            "funding_amount": 4500000,
            "funding_currency": "EUR",
            "partners": (
                "Secretariat of the Pacific Regional Environment Programme (SPREP), national environment agencies, "
                "ports authorities, private recyclers"
            ),
            "results": (
                "Results so far:\n"
                "\n"
                "- Guidance for classifying plastic scrap under entries B3011, Y48 and A3210 adopted by all four "
                "countries.\n"
                "- 23 export notifications handled in 2024 and 2025, covering 1,850 tonnes of baled PET and HDPE.\n"
                "- Balers installed at three ports, so that clean plastic leaves as compact bales rather than loose "
                "scrap.\n"
                "- 140 customs and environment officers trained."
            ),
        },
    },
    {
        "type": "project_summary",
        "title": (
            "Strengthening competent authorities for hazardous waste movements in Armenia, Georgia and the Republic "
            "of Moldova"
        ),
        "summary": (
            "A planned project to move notification and movement documents online, train competent authorities and "
            "customs, and agree common procedures for hazardous waste exported for recovery."
        ),
        "countries": ["GEO", "ARM", "MDA"],
        "regions": ["EEG"],
        "conventions": ["BC"],
        "topics": ["transboundary-movements", "customs-enforcement", "technical-assistance"],
        "tags": ["competent authorities", "notification", "electronic documents"],
        "decisions": [],
        "year_start": 2027,
        "year_end": 2029,
        "organisation": "Ministry of Environmental Protection and Agriculture",
        "submitter": "nino-beridze",
        "state": "draft",
        "review_comment": "",
        "fields": {
            "status": "planned",
            "start_date": "2027-03-01",
            "end_date": "2029-12-31",
            "funding_source": "Government of Switzerland",
            "funding_amount": 1200000,
            "funding_currency": "USD",
            "partners": (
                "Ministry of Environment of Armenia, Ministry of Environment of the Republic of Moldova, Revenue "
                "Service of Georgia, Basel Convention Regional Centre for Central and Eastern Europe"
            ),
            "results": (
                "Expected results:\n"
                "\n"
                "- An online system for notification and movement documents, shared by the three competent "
                "authorities and their customs services.\n"
                "- Common checklists for reviewing notifications of hazardous waste exported for recovery.\n"
                "- At least 120 officials trained, including customs officers at the main border crossings."
            ),
        },
    },
    # Coordination mechanisms
    {
        "type": "coordination_mechanism",
        "title": (
            "Inter-ministerial group preparing France's positions for the Basel, Rotterdam and Stockholm conventions"
        ),
        "summary": (
            "A standing group chaired by the environment ministry brings together health, agriculture, economy, "
            "customs and foreign affairs to prepare positions for the BRS meetings and follow up their decisions."
        ),
        "countries": ["FRA"],
        "regions": ["WEOG"],
        "conventions": ["BC", "RC", "SC"],
        "topics": ["national-coordination", "legal-institutional-frameworks"],
        "tags": ["inter-ministerial", "cop preparation", "eu coordination"],
        "decisions": [],
        "year_start": 2012,
        "year_end": None,
        "organisation": "Ministry for the Ecological Transition",
        "submitter": "claire-dubois",
        "state": "published",
        "review_comment": "",
        "fields": {
            "mechanism_type": "inter_ministerial_committee",
            "agencies_involved": (
                "- Ministry for the Ecological Transition (chair; focal points of the three conventions)\n"
                "- Ministry of Agriculture and Food (pesticides)\n"
                "- Ministry of Health\n"
                "- Ministry of the Economy (industrial chemicals)\n"
                "- Ministry for Europe and Foreign Affairs\n"
                "- Directorate General of Customs and Excise\n"
                "- National agency for food, environmental and occupational health safety (scientific advice)"
            ),
            "legal_basis": (
                "A working arrangement agreed between the ministries, with positions on European Union matters "
                "cleared through the General Secretariat for European Affairs."
            ),
            "how_it_works": (
                "The group meets four times a year, and weekly in the month before a meeting of the conferences of "
                "the Parties or of the review committees.\n"
                "\n"
                "- A lead ministry drafts the position on each agenda item, and the others comment within two weeks.\n"
                "- Because positions are agreed within the European Union, the group's output is France's input to EU "
                "coordination meetings.\n"
                "- A shared calendar tracks chemicals proposed for listing, so that national evaluations start as "
                "soon as a proposal is published."
            ),
            "results": (
                "- Positions prepared on more than 40 agenda items in each meeting cycle.\n"
                "- One national consultation with industry and NGOs before each set of meetings, instead of three "
                "separate ones.\n"
                "- National comments on chemicals proposed for listing are now sent within the deadlines of the "
                "review committees."
            ),
        },
    },
    {
        "type": "coordination_mechanism",
        "title": "National committee bringing together the Basel, Rotterdam and Stockholm focal points in Kenya",
        "summary": (
            "A standing committee of the focal points and the agencies that implement the three conventions plans "
            "joint reporting, training and funding requests, instead of each convention working alone."
        ),
        "countries": ["KEN"],
        "regions": ["AFRICAN"],
        "conventions": ["BC", "RC", "SC"],
        "topics": ["national-coordination", "legal-institutional-frameworks"],
        "tags": ["synergies", "focal points", "national reporting"],
        "decisions": [],
        "year_start": 2016,
        "year_end": None,
        "organisation": "Ministry of Environment and Forestry",
        "submitter": "wanjiru-kamau",
        "state": "published",
        "review_comment": "",
        "fields": {
            "mechanism_type": "national_coordinating_body",
            "agencies_involved": (
                "- Ministry of Environment and Forestry (chair)\n"
                "- National Environment Management Authority\n"
                "- Pest Control Products Board (designated national authority for pesticides)\n"
                "- Kenya Revenue Authority, Customs and Border Control\n"
                "- Ministry of Health\n"
                "- Kenya Bureau of Standards\n"
                "- Government Chemist\n"
                "- One university and one NGO representative as observers"
            ),
            "legal_basis": (
                "Established by a ministerial notice under the Environmental Management and Coordination Act, with "
                "terms of reference reviewed every three years."
            ),
            "how_it_works": (
                "The committee meets every quarter, with a small secretariat in the ministry.\n"
                "\n"
                "- One reporting calendar covers the Basel and Stockholm national reports and the Rotterdam import "
                "responses, so that data are collected once.\n"
                "- Training plans of the member agencies are shared, and joint sessions are held for customs "
                "officers.\n"
                "- Funding requests to the GEF or the Special Programme are drafted and agreed in the committee."
            ),
            "results": (
                "- National reports under the Basel and Stockholm conventions submitted on time in the last two "
                "reporting cycles.\n"
                "- A joint application to the Special Programme approved in 2019.\n"
                "- Four joint customs trainings covering waste, pesticides and industrial chemicals in one programme."
            ),
        },
    },
    {
        "type": "coordination_mechanism",
        "title": "Joint customs and environment working group against illegal traffic in waste and chemicals",
        "summary": (
            "Named officers in customs and in the environmental supervision service work as one team on suspected "
            "illegal shipments, from the first alert at the border to the decision on whether goods are waste."
        ),
        "countries": ["RUS"],
        "regions": ["EEG"],
        "conventions": ["BC", "RC"],
        "topics": ["customs-enforcement", "transboundary-movements"],
        "tags": ["green customs", "illegal traffic", "inter-agency"],
        "decisions": [],
        "year_start": 2018,
        "year_end": None,
        "organisation": "Federal Customs Service",
        "submitter": "dmitri-volkov",
        "state": "published",
        "review_comment": "",
        "fields": {
            "mechanism_type": "joint_customs_environment_unit",
            "agencies_involved": (
                "- Federal Customs Service\n"
                "- Federal Service for Supervision of Natural Resource Use\n"
                "- Ministry of Natural Resources and Environment\n"
                "- Federal Service for Veterinary and Phytosanitary Surveillance (pesticides)"
            ),
            "legal_basis": (
                "A cooperation agreement between the Federal Customs Service and the Federal Service for Supervision "
                "of Natural Resource Use, first signed in 2018 and renewed in 2022."
            ),
            "how_it_works": (
                "- Each regional customs directorate has a named contact, with a direct line to an environmental "
                "inspector on duty.\n"
                "- Suspected shipments are discussed within one working day, and samples are taken jointly when "
                "needed.\n"
                "- Joint training uses the Green Customs modules on waste and chemicals.\n"
                "- Seizures are recorded in a shared database that feeds the national reports on illegal traffic."
            ),
            "results": (
                "- A decision on whether a detained shipment is waste now takes about three working days, down from "
                "around three weeks.\n"
                "- 58 cases referred for prosecution or administrative penalties between 2019 and 2024.\n"
                "- 640 officers from both services trained together."
            ),
        },
    },
    {
        "type": "coordination_mechanism",
        "title": "Steering committee on chemicals and hazardous waste guiding the POPs plan update in Jordan",
        "summary": (
            "A committee of ten ministries and agencies oversees the national implementation plan for POPs and links "
            "it with Basel and Rotterdam work on waste and pesticides."
        ),
        "countries": ["JOR"],
        "regions": ["ASIA_PACIFIC"],
        "conventions": ["SC", "BC", "RC"],
        "topics": ["national-coordination", "national-implementation-plans"],
        "tags": ["steering committee", "synergies", "pops"],
        "decisions": [],
        "year_start": 2019,
        "year_end": None,
        "organisation": "Ministry of Environment",
        "submitter": "omar-haddad",
        "state": "in_review",
        "review_comment": "",
        "fields": {
            "mechanism_type": "inter_ministerial_committee",
            "agencies_involved": (
                "- Ministry of Environment (chair)\n"
                "- Ministry of Agriculture\n"
                "- Ministry of Health\n"
                "- Jordan Food and Drug Administration\n"
                "- Jordan Customs\n"
                "- Ministry of Energy and Mineral Resources\n"
                "- National Electric Power Company (PCB-containing equipment)\n"
                "- Civil Defence Directorate (firefighting foams)\n"
                "- Royal Scientific Society (laboratory analysis)\n"
                "- Jordan Chamber of Industry"
            ),
            "legal_basis": (
                "Formed by decision of the Minister of Environment under the Environmental Protection Law No. 6 of "
                "2017."
            ),
            "how_it_works": (
                "The committee meets twice a year and sets up task teams for inventories, legislation and awareness.\n"
                "\n"
                "- Each task team is led by the agency with the most data on the subject.\n"
                "- Inventory findings on waste, for example PCB oils or PFOS foams, go straight to the Basel "
                "competent authority to plan export or treatment.\n"
                "- Draft regulations are reviewed by all members before they go to the Legislation and Opinion Bureau."
            ),
            "results": (
                "- Inventories of PCBs, PFOS-containing foams and obsolete pesticides completed between 2020 and "
                "2023.\n"
                "- A draft by-law on POPs prepared and circulated to members.\n"
                "- Export of 44 tonnes of PFOS-containing foam for destruction coordinated with civil defence and "
                "customs."
            ),
        },
    },
    {
        "type": "coordination_mechanism",
        "title": "Inter-agency technical table on import and export controls for pesticides and industrial chemicals",
        "summary": (
            "The two designated national authorities, customs and health meet every two months to prepare import "
            "responses for Annex III chemicals and to handle export notifications."
        ),
        "countries": ["COL"],
        "regions": ["GRULAC"],
        "conventions": ["RC"],
        "topics": ["prior-informed-consent", "pesticides", "industrial-chemicals"],
        "tags": ["import responses", "designated national authorities", "inter-agency"],
        "decisions": [],
        "year_start": 2017,
        "year_end": None,
        "organisation": "Ministry of Environment and Sustainable Development",
        "submitter": "andres-restrepo",
        "state": "published",
        "review_comment": "",
        "fields": {
            "mechanism_type": "other",
            "agencies_involved": (
                "- Ministry of Environment and Sustainable Development (designated national authority for industrial "
                "chemicals)\n"
                "- Colombian Agricultural Institute (designated national authority for pesticides)\n"
                "- National Environmental Licensing Authority\n"
                "- Ministry of Health and Social Protection\n"
                "- National Tax and Customs Directorate"
            ),
            "legal_basis": (
                "A memorandum of understanding between the ministries of environment, agriculture and health and the "
                "customs directorate, signed in 2017."
            ),
            "how_it_works": (
                "The technical table meets every two months, and in extra sessions after each meeting of the "
                "Conference of the Parties.\n"
                "\n"
                "- Each chemical newly listed in Annex III gets a lead agency, which drafts the import response "
                "within the nine months the Convention allows.\n"
                "- Customs checks that tariff codes exist for every listed chemical and sets up national subheadings "
                "where needed.\n"
                "- Final regulatory actions taken in Colombia are reviewed to decide whether a notification to the "
                "Secretariat is due."
            ),
            "results": (
                "- Import responses submitted for all chemicals in Annex III, and for new listings within the "
                "deadline since 2019.\n"
                "- Two notifications of final regulatory action sent to the Secretariat.\n"
                "- National tariff subheadings created for 11 chemicals that could not be identified at the border "
                "before."
            ),
        },
    },
    {
        "type": "coordination_mechanism",
        "title": (
            "Senegal's national committee on chemicals management and its link to the Sahelian Pesticides Committee"
        ),
        "summary": (
            "A national committee joins the focal points of the three conventions with the plant protection service, "
            "customs and health, and prepares Senegal's input to the joint pesticide registration of Sahelian "
            "countries."
        ),
        "countries": ["SEN"],
        "regions": ["AFRICAN"],
        "conventions": ["RC", "SC", "BC"],
        "topics": ["national-coordination", "pesticides"],
        "tags": ["synergies", "pesticide registration", "sahel"],
        "decisions": [],
        "year_start": 2010,
        "year_end": None,
        "organisation": "Direction de l'Environnement et des Établissements classés",
        "submitter": "fatou-ndiaye",
        "state": "published",
        "review_comment": "",
        "fields": {
            "mechanism_type": "national_coordinating_body",
            "agencies_involved": (
                "- Directorate of Environment and Classified Establishments (chair; Basel and Stockholm focal "
                "points)\n"
                "- Plant Protection Directorate (Rotterdam designated national authority for pesticides)\n"
                "- Directorate General of Customs\n"
                "- Ministry of Health, Poison Control Centre\n"
                "- Senegalese Agricultural Research Institute\n"
                "- Basel Convention Regional Centre for French-speaking Africa\n"
                "- Farmers' organisations and one NGO as observers"
            ),
            "legal_basis": (
                "Created by ministerial order under the Environment Code, with members appointed by their own "
                "institutions."
            ),
            "how_it_works": (
                "The committee meets every quarter.\n"
                "\n"
                "- Before each session of the Sahelian Pesticides Committee, it reviews the products proposed for "
                "registration and checks them against the Rotterdam Annex III list and national bans.\n"
                "- It prepares the national positions for the meetings of the conferences of the Parties.\n"
                "- Cases of poisoning reported by the Poison Control Centre are reviewed to decide whether a severely "
                "hazardous pesticide formulation proposal is warranted."
            ),
            "results": (
                "- Senegal's comments on about 60 products a year are sent to the Sahelian Pesticides Committee on "
                "time.\n"
                "- A joint inventory of obsolete pesticides prepared the ground for the regional disposal project.\n"
                "- Poisoning data are now collected with a common form shared by health and agriculture."
            ),
        },
    },
    # Awareness materials
    {
        "type": "awareness_material",
        "title": "Safe dismantling posters for informal e-waste workers, in English and Twi",
        "summary": (
            "Eight picture-based posters showing how to dismantle electronics without burning, store batteries safely "
            "and keep children away from dismantling areas."
        ),
        "countries": ["GHA"],
        "regions": ["AFRICAN"],
        "conventions": ["BC"],
        "topics": ["e-waste", "public-awareness", "gender-vulnerable-groups"],
        "tags": ["informal sector", "pictograms", "occupational health"],
        "decisions": [],
        "year_start": 2022,
        "year_end": 2022,
        "organisation": "Ghana Environmental Protection Agency",
        "submitter": "kwame-mensah",
        "state": "published",
        "review_comment": "",
        "fields": {
            "audience": "Informal e-waste collectors, dismantlers and scrap dealers, many of whom read little",
            "material_format": "poster",
            "description": (
                "The set has eight A2 posters that rely on pictures, with short captions in English and Twi:\n"
                "\n"
                "- no burning of cables, and where to sell cables instead;\n"
                "- gloves, masks and washing hands before eating;\n"
                "- storing batteries dry and upright, away from fire;\n"
                "- handling screens and lamps without breaking them;\n"
                "- keeping children and pregnant women out of dismantling areas.\n"
                "\n"
                "Print them on weather-proof vinyl and hang them where people work. The trainers' notes suggest a "
                "20-minute talk per poster during site visits."
            ),
        },
    },
    {
        "type": "awareness_material",
        "title": "Short video for farmers on reading pesticide labels and recognising banned products",
        "summary": (
            "A nine-minute video in French and Wolof, with English subtitles, showing farmers how to read a pesticide "
            "label, spot products that are not registered and store pesticides away from food."
        ),
        "countries": ["SEN"],
        "regions": ["AFRICAN"],
        "conventions": ["RC"],
        "topics": ["pesticides", "public-awareness", "prior-informed-consent"],
        "tags": ["farmers", "labelling", "highly hazardous pesticides"],
        "decisions": [],
        "year_start": 2023,
        "year_end": 2023,
        "organisation": "Directorate of Environment and Classified Establishments (DEEC)",
        "submitter": "fatou-ndiaye",
        "state": "published",
        "review_comment": "",
        "fields": {
            "audience": (
                "Horticultural farmers, pesticide retailers and extension agents in Senegal and neighbouring "
                "French-speaking countries"
            ),
            "material_format": "video",
            "description": (
                "Filmed with growers in the Niayes vegetable area, the video covers:\n"
                "\n"
                "1. what the registration number and hazard pictograms on a label mean;\n"
                "2. how to recognise an unregistered or counterfeit product;\n"
                "3. why some pesticides are banned, with a short explanation of the Rotterdam Convention;\n"
                "4. safe storage at home and what to do with empty containers.\n"
                "\n"
                "It is meant to be shown in farmer meetings on a phone or a small projector, followed by a "
                "discussion. A one-page guide for the facilitator comes with it."
            ),
        },
    },
    {
        "type": "awareness_material",
        "title": "Plastic waste classroom toolkit for Pacific secondary schools",
        "summary": (
            "Six lesson plans, worksheets and a school waste audit guide that help students trace where plastic goes "
            "on an island and what can and cannot be recycled."
        ),
        "countries": ["FJI"],
        "regions": ["ASIA_PACIFIC"],
        "conventions": ["BC"],
        "topics": ["plastic-waste", "public-awareness"],
        "tags": ["schools", "marine litter", "teachers"],
        "decisions": [],
        "year_start": 2022,
        "year_end": 2024,
        "organisation": "Department of Environment",
        "submitter": "sione-tupou",
        "state": "published",
        "review_comment": "",
        "fields": {
            "audience": "Teachers and students aged 12–16 in Pacific island schools",
            "material_format": "toolkit",
            "description": (
                "The toolkit contains:\n"
                "\n"
                "- six 45-minute lesson plans, from where plastics come from to why small islands ship plastic waste "
                "abroad;\n"
                "- worksheets and a quiz for each lesson;\n"
                "- a guide for a one-day audit of the school's own waste, with a tally sheet;\n"
                "- a short explanation, for teachers, of why exports of mixed plastic waste now need the consent of "
                "the importing country.\n"
                "\n"
                "It was tested in 18 schools in Fiji and adapted after teachers' feedback. Teachers can use single "
                "lessons or the whole set as a term project."
            ),
        },
    },
    {
        "type": "awareness_material",
        "title": "E-learning course for customs officers on detecting illegal shipments of waste and chemicals",
        "summary": (
            "A self-paced course of five modules, in Russian and English, on the three conventions, how illegal "
            "shipments are disguised, and what to do when a suspicious consignment is found."
        ),
        "countries": ["RUS"],
        "regions": ["EEG"],
        "conventions": ["BC", "RC", "SC"],
        "topics": ["customs-enforcement", "transboundary-movements"],
        "tags": ["green customs", "e-learning", "illegal traffic"],
        "decisions": [],
        "year_start": 2024,
        "year_end": None,
        "organisation": "Federal Customs Service",
        "submitter": "dmitri-volkov",
        "state": "in_review",
        "review_comment": "",
        "fields": {
            "audience": (
                "Customs officers, border guards and environmental inspectors at seaports, airports and land borders"
            ),
            "material_format": "course",
            "description": (
                "The course takes about six hours and follows the Green Customs approach:\n"
                "\n"
                "1. the Basel, Rotterdam and Stockholm conventions in brief, and which documents must accompany a "
                "shipment;\n"
                "2. common disguises: used goods that are really waste, wrong tariff codes, false declarations of "
                "origin;\n"
                "3. risk indicators and how to read the documents;\n"
                "4. safe inspection: what not to open, and sampling;\n"
                "5. what to do next: detaining the shipment, contacting the competent authority, and return of the "
                "goods.\n"
                "\n"
                "Each module ends with a short test, and officers who pass all five get a certificate. Training "
                "centres can also use the modules in classroom courses."
            ),
        },
    },
    {
        "type": "awareness_material",
        "title": "Leaflet for households on persistent organic pollutants in everyday products",
        "summary": (
            "A folded leaflet explaining where POPs such as PFAS and brominated flame retardants can be found at home "
            "and how to reduce exposure and dispose of old products safely."
        ),
        "countries": ["VNM"],
        "regions": ["ASIA_PACIFIC"],
        "conventions": ["SC"],
        "topics": ["public-awareness", "industrial-chemicals"],
        "tags": ["consumers", "pfas", "flame retardants"],
        "decisions": [],
        "year_start": 2026,
        "year_end": None,
        "organisation": "Viet Nam Environment Administration",
        "submitter": "nguyen-thi-lan",
        "state": "draft",
        "review_comment": "",
        "fields": {
            "audience": "Households and consumers in towns and cities",
            "material_format": "leaflet",
            "description": (
                "The leaflet has six panels:\n"
                "\n"
                "- what persistent organic pollutants are, in two sentences;\n"
                "- where they can be found at home: some older non-stick pans, water-repellent textiles, old "
                "electronics and foam furniture;\n"
                "- simple steps to reduce exposure, such as airing rooms and washing hands;\n"
                "- how to dispose of old electronics and furniture through official collection points.\n"
                "\n"
                "It is meant to be handed out at collection events and in health centres."
            ),
        },
    },
    {
        "type": "awareness_material",
        "title": "Toolkit for rural health workers on pesticide exposure of women and children",
        "summary": (
            "A toolkit that helps primary health care workers recognise pesticide poisoning, ask about exposure at "
            "home and in the field, and advise families, with a focus on pregnant women and children."
        ),
        "countries": ["ARG"],
        "regions": ["GRULAC"],
        "conventions": ["RC"],
        "topics": ["gender-vulnerable-groups", "pesticides", "public-awareness"],
        "tags": ["gender", "women", "children", "rural health"],
        "decisions": [],
        "year_start": 2023,
        "year_end": 2024,
        "organisation": "Ministry of Health of Buenos Aires Province",
        "submitter": "lucia-fernandez",
        "state": "published",
        "review_comment": "",
        "fields": {
            "audience": "Primary health care workers and community health promoters in horticultural areas",
            "material_format": "toolkit",
            "description": (
                "The toolkit contains:\n"
                "\n"
                "- a one-page checklist of signs of acute pesticide poisoning and when to refer a patient;\n"
                "- questions to ask about exposure, including work that women and children often do, such as washing "
                "work clothes and helping with harvesting;\n"
                "- advice cards for families in plain language, on storage, re-entry times after spraying and washing "
                "produce;\n"
                "- a simple form to report suspected poisonings to the provincial health system.\n"
                "\n"
                "It was tested in 14 health centres. A two-hour training session for health workers is included."
            ),
        },
    },
    {
        "type": "awareness_material",
        "title": "Lecture slides on plastic pollution from production to the ocean",
        "summary": (
            "Fourteen university lecture slide decks on global plastic pollution, covering production, consumption, "
            "waste management, marine litter and microplastics."
        ),
        "countries": ["CHN"],
        "regions": ["ASIA_PACIFIC"],
        "conventions": ["BC"],
        "topics": ["plastic-waste", "science-policy"],
        "tags": ["university", "lectures", "microplastics"],
        "decisions": [],
        "year_start": 2023,
        "year_end": 2023,
        "organisation": "Tsinghua University",
        "submitter": "chen-wei",
        "state": "declined",
        "review_comment": (
            "Thank you for sharing these lectures. We are unable to publish them in the knowledge base: they are a "
            "general university course that does not describe the implementation of the conventions, and several "
            "figures are reproduced from other publications without a note on permission. You would be very welcome "
            "to submit your study of plastic waste flows as a best practice instead."
        ),
        "fields": {
            "audience": "Undergraduate students in environmental engineering",
            "material_format": "course",
            "description": (
                "Fourteen slide decks, one per lecture:\n"
                "\n"
                "- polymers and how plastics are produced;\n"
                "- plastic use by sector and product lifetimes;\n"
                "- collection, recycling, incineration and landfill;\n"
                "- marine litter and microplastics;\n"
                "- international rules, including the Basel Convention.\n"
                "\n"
                "Each deck has about 40 slides and suggested reading."
            ),
        },
    },
    # Legal information
    {
        "type": "legal_information",
        "title": (
            "Extended producer responsibility for electrical and electronic equipment in Kenya: a guide to producers' "
            "obligations"
        ),
        "summary": (
            "A plain-language guide for importers and manufacturers to their obligations under Kenya's waste "
            "legislation: registration, collection through a producer responsibility organisation, reporting and "
            "export rules."
        ),
        "countries": ["KEN"],
        "regions": ["AFRICAN"],
        "conventions": ["BC"],
        "topics": ["e-waste", "legal-institutional-frameworks"],
        "tags": ["extended producer responsibility", "producers", "compliance"],
        "decisions": [],
        "year_start": 2024,
        "year_end": None,
        "organisation": "National Environment Management Authority (NEMA)",
        "submitter": "wanjiru-kamau",
        "state": "published",
        "review_comment": "",
        "fields": {
            "instrument_type": "guidance",
            "jurisdiction": "KEN",
            "convention_articles": "Basel Convention, Articles 4 and 6",
            "description": (
                "The guide explains, step by step, what the Sustainable Waste Management Act and its regulations on "
                "extended producer responsibility require of anyone who places electrical and electronic equipment on "
                "the Kenyan market.\n"
                "\n"
                "Key obligations:\n"
                "\n"
                "- register with NEMA before placing products on the market;\n"
                "- join a registered producer responsibility organisation or run an approved individual scheme;\n"
                "- meet the yearly collection targets set by NEMA;\n"
                "- report every year the quantities placed on the market, collected and treated;\n"
                "- hand collected equipment only to licensed recyclers, and export e-waste only after the written "
                "consent required by the Basel Convention.\n"
                "\n"
                "It ends with a checklist and answers to questions producers often ask."
            ),
        },
    },
    {
        "type": "legal_information",
        "title": "Georgia: guidance for exporters on permits for transboundary movements of hazardous waste",
        "summary": (
            "Guidance explaining, step by step, how a company obtains a permit to export hazardous waste from "
            "Georgia, what the notification must contain and how the movement is tracked until disposal is confirmed."
        ),
        "countries": ["GEO"],
        "regions": ["EEG"],
        "conventions": ["BC"],
        "topics": ["transboundary-movements", "legal-institutional-frameworks"],
        "tags": ["export permits", "notification", "movement document"],
        "decisions": [],
        "year_start": 2021,
        "year_end": None,
        "organisation": "Ministry of Environmental Protection and Agriculture",
        "submitter": "nino-beridze",
        "state": "published",
        "review_comment": "",
        "fields": {
            "instrument_type": "guidance",
            "jurisdiction": "GEO",
            "convention_articles": "Basel Convention, Articles 4, 6 and 9; Annexes V A and V B",
            "description": (
                "The guidance follows the Waste Management Code and the Basel Convention procedure:\n"
                "\n"
                "1. Check whether the waste is hazardous and whether the importing and transit countries accept it.\n"
                "2. Submit the notification document to the ministry, with the contract with the disposer and proof "
                "of insurance.\n"
                "3. The ministry sends the notification to the importing and transit countries and issues the permit "
                "only after their written consent.\n"
                "4. Each shipment travels with a movement document, and the disposer confirms receipt and disposal.\n"
                "\n"
                "It also explains what counts as illegal traffic, the duty to take back waste when a movement cannot "
                "be completed as planned, and the penalties under national law."
            ),
        },
    },
    {
        "type": "legal_information",
        "title": "Legal analysis: how Colombian law gives effect to import responses for Annex III chemicals",
        "summary": (
            "An analysis of whether Colombia's import decisions under the Rotterdam Convention are backed by national "
            "law, which found gaps for industrial chemicals and proposed a single regulation covering both pesticides "
            "and industrial chemicals."
        ),
        "countries": ["COL"],
        "regions": ["GRULAC"],
        "conventions": ["RC"],
        "topics": ["prior-informed-consent", "legal-institutional-frameworks", "industrial-chemicals"],
        "tags": ["import responses", "annex iii", "gap analysis"],
        "decisions": [],
        "year_start": 2022,
        "year_end": 2023,
        "organisation": "Ministry of Environment and Sustainable Development",
        "submitter": "andres-restrepo",
        "state": "published",
        "review_comment": "",
        "fields": {
            "instrument_type": "legal_analysis",
            "jurisdiction": "COL",
            "convention_articles": "Rotterdam Convention, Articles 10, 11 and 13",
            "description": (
                "The analysis compares each import response Colombia has given with the national rules that should "
                "enforce it.\n"
                "\n"
                "- For pesticides, the registration system enforces import responses well: a product that is not "
                "registered cannot be imported.\n"
                '- For industrial chemicals, several responses of "no consent" had no legal instrument behind them, '
                "so customs could not stop imports.\n"
                "- Labelling and safety data sheet requirements for exports, under Article 13, were only partly "
                "covered.\n"
                "\n"
                "It recommends a single regulation that gives import responses legal effect for both groups of "
                "chemicals and links them to tariff codes."
            ),
        },
    },
    {
        "type": "legal_information",
        "title": (
            "Exports of hazardous waste from France after the entry into force of the Ban Amendment: a legal note"
        ),
        "summary": (
            "A note explaining what the Ban Amendment means for French exporters, how European Union rules already "
            "apply it, and what remains possible for waste exported for recovery."
        ),
        "countries": ["FRA"],
        "regions": ["WEOG"],
        "conventions": ["BC", "BAN"],
        "topics": ["transboundary-movements", "legal-institutional-frameworks"],
        "tags": ["ban amendment", "eu waste shipment regulation", "exports"],
        "decisions": ["BC-15/4"],
        "year_start": 2020,
        "year_end": 2024,
        "organisation": "Ministry for the Ecological Transition",
        "submitter": "claire-dubois",
        "state": "published",
        "review_comment": "",
        "fields": {
            "instrument_type": "legal_analysis",
            "jurisdiction": "FRA",
            "convention_articles": "Basel Convention, Articles 4, 4A and 6; Annex VII",
            "description": (
                "The Ban Amendment entered into force in December 2019. It prohibits exports of hazardous waste from "
                "the countries listed in Annex VII, which include the member states of the European Union, to other "
                "countries, whether for disposal or for recovery.\n"
                "\n"
                "The note explains that:\n"
                "\n"
                "- EU rules on waste shipments already prohibited these exports, so no new French law was needed;\n"
                "- exports of hazardous waste to OECD countries remain possible under prior written notification and "
                "consent;\n"
                "- non-hazardous waste listed in Annex IX may still go to other countries, subject to the importing "
                "country's own rules;\n"
                "- breaches are offences under the Environment Code and customs law.\n"
                "\n"
                "The 2024 update adds the revised EU waste shipment rules, including the stricter conditions on "
                "exports of plastic waste."
            ),
        },
    },
    {
        "type": "legal_information",
        "title": "Model ministerial order on pesticide import and export controls under the Rotterdam Convention",
        "summary": (
            "A model order, prepared in Senegal for adaptation by other Sahelian countries, that turns the Rotterdam "
            "Convention's import responses, export notifications and labelling rules into national obligations."
        ),
        "countries": ["SEN"],
        "regions": ["AFRICAN"],
        "conventions": ["RC"],
        "topics": ["pesticides", "prior-informed-consent", "legal-institutional-frameworks"],
        "tags": ["model law", "import responses", "export notification"],
        "decisions": [],
        "year_start": 2025,
        "year_end": None,
        "organisation": "Directorate of Environment and Classified Establishments (DEEC)",
        "submitter": "fatou-ndiaye",
        "state": "in_review",
        "review_comment": "",
        "fields": {
            "instrument_type": "model_law",
            "jurisdiction": "SEN",
            "convention_articles": "Rotterdam Convention, Articles 10, 11, 12 and 13",
            "description": (
                "The model order has 18 articles, with notes explaining each choice. It provides that:\n"
                "\n"
                "- no pesticide listed in Annex III may be imported contrary to the national import response;\n"
                "- an exporter of a pesticide banned or severely restricted nationally must apply for an export "
                "notification at least 30 days before the first shipment;\n"
                "- exported pesticides must carry labels and safety data sheets in a language of the importing "
                "country;\n"
                "- customs must check the Rotterdam status of pesticides against the list kept by the designated "
                "national authority.\n"
                "\n"
                "It is written to fit alongside the joint registration of pesticides by the Sahelian Pesticides "
                "Committee."
            ),
        },
    },
    {
        "type": "legal_information",
        "title": "India's rules on PCBs: obligations for owners of transformers and capacitors",
        "summary": (
            "A summary of the national rules that ban the manufacture, import and trade of PCBs and set deadlines for "
            "owners to phase out and dispose of PCB-containing equipment."
        ),
        "countries": ["IND"],
        "regions": ["ASIA_PACIFIC"],
        "conventions": ["SC", "BC"],
        "topics": ["pcbs", "legal-institutional-frameworks"],
        "tags": ["equipment owners", "phase-out", "2025 deadline"],
        "decisions": ["SC-8/3"],
        "year_start": 2016,
        "year_end": None,
        "organisation": "Central Pollution Control Board",
        "submitter": "priya-raman",
        "state": "published",
        "review_comment": "",
        "fields": {
            "instrument_type": "national_legislation",
            "jurisdiction": "IND",
            "convention_articles": "Stockholm Convention, Articles 3 and 6; Annex A, Part II",
            "description": (
                "The rules, made under the Environment (Protection) Act, apply to anyone who owns or handles PCBs or "
                "equipment containing them.\n"
                "\n"
                "Key obligations:\n"
                "\n"
                "- no manufacture, import or trade of PCBs or of equipment containing them;\n"
                "- owners must declare their equipment to the state pollution control board and label it;\n"
                "- no use of PCB-containing equipment after the end of 2025;\n"
                "- PCB oils and equipment must be decontaminated or disposed of at facilities authorised under the "
                "hazardous waste rules, with records kept.\n"
                "\n"
                "The summary also lists the state boards' inspection duties and the forms owners must file."
            ),
        },
    },
    {
        "type": "legal_information",
        "title": "Draft by-law on the management of persistent organic pollutants in Jordan",
        "summary": (
            "A draft by-law that would ban the production and use of POPs listed under the Stockholm Convention, "
            "require inventories from holders, and set rules for the storage and disposal of POPs waste."
        ),
        "countries": ["JOR"],
        "regions": ["ASIA_PACIFIC"],
        "conventions": ["SC"],
        "topics": ["pops-elimination", "legal-institutional-frameworks", "national-implementation-plans"],
        "tags": ["by-law", "pops", "draft"],
        "decisions": [],
        "year_start": 2026,
        "year_end": None,
        "organisation": "Ministry of Environment",
        "submitter": "omar-haddad",
        "state": "draft",
        "review_comment": "",
        "fields": {
            "instrument_type": "national_legislation",
            "jurisdiction": "JOR",
            "convention_articles": "Stockholm Convention, Articles 3, 5, 6 and 7",
            "description": (
                "The draft, prepared under the Environmental Protection Law, would:\n"
                "\n"
                "- ban the production, import, export and use of chemicals listed in Annexes A and B, except for "
                "registered exemptions;\n"
                "- require holders of PCB equipment, PFOS-containing foams and obsolete pesticides to declare their "
                "stocks each year;\n"
                "- set rules for labelling and storing POPs waste and for its export for destruction;\n"
                "- update the list of controlled chemicals automatically when the Convention's annexes change.\n"
                "\n"
                "It is still being discussed by the steering committee before public consultation."
            ),
        },
    },
]


# Self-check: `python -c "import knowledge.demo as d; d._check()"`; not run on import.

_FIELDS = {
    "best_practice": {"problem", "approach", "results", "lessons_learned", "replicability"},
    "project_summary": {
        "status",
        "start_date",
        "end_date",
        "funding_source",
        "funding_amount",
        "funding_currency",
        "partners",
        "results",
    },
    "coordination_mechanism": {"mechanism_type", "agencies_involved", "legal_basis", "how_it_works", "results"},
    "awareness_material": {"audience", "material_format", "description"},
    "legal_information": {"instrument_type", "jurisdiction", "convention_articles", "description"},
}
_MARKDOWN = {
    "problem",
    "approach",
    "results",
    "lessons_learned",
    "replicability",
    "agencies_involved",
    "how_it_works",
    "description",
}
_CHOICES = {
    "status": {"planned", "ongoing", "completed"},
    "funding_currency": {"USD", "EUR"},
    "mechanism_type": {
        "inter_ministerial_committee",
        "national_coordinating_body",
        "joint_customs_environment_unit",
        "other",
    },
    "material_format": {"poster", "leaflet", "video", "toolkit", "course"},
    "instrument_type": {"national_legislation", "guidance", "model_law", "legal_analysis"},
}
_TOPICS = {
    "environmentally-sound-management",
    "transboundary-movements",
    "plastic-waste",
    "e-waste",
    "prior-informed-consent",
    "pesticides",
    "industrial-chemicals",
    "pops-elimination",
    "pcbs",
    "ddt-alternatives",
    "contaminated-sites",
    "national-implementation-plans",
    "legal-institutional-frameworks",
    "customs-enforcement",
    "technical-assistance",
    "financial-resources",
    "gender-vulnerable-groups",
    "monitoring-effectiveness",
    "science-policy",
    "public-awareness",
    "national-coordination",
}
_CONVENTIONS = {"BC", "BAN", "RC", "SC"}
_STATES = {"published", "in_review", "changes_requested", "declined", "draft"}
_MIN_PER_TYPE = {
    "best_practice": 9,
    "project_summary": 6,
    "coordination_mechanism": 6,
    "awareness_material": 5,
    "legal_information": 5,
}
_MIN_PER_STATE = {"in_review": 4, "changes_requested": 2, "declined": 1, "draft": 2}
_KEYS = {
    "type",
    "title",
    "summary",
    "countries",
    "regions",
    "conventions",
    "topics",
    "tags",
    "decisions",
    "year_start",
    "year_end",
    "organisation",
    "submitter",
    "state",
    "review_comment",
    "fields",
}


def _check() -> None:
    """Assert the shape of ITEMS against the reference data and the demo members."""
    import csv
    import datetime
    import re
    from collections import Counter
    from pathlib import Path

    from profiles.demo import EXPERTS, FOCAL_POINTS, MEMBERS

    today = datetime.date(2026, 11, 27)
    data = Path(__file__).resolve().parent.parent / "conventions" / "data"
    groups_of: dict[str, set[str]] = {}
    with open(data / "un_regional_groups.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            groups_of.setdefault(row["iso3"], set()).add(row["group_code"])
    regions = set().union(*groups_of.values())
    with open(data / "cop_decisions_sample.csv", encoding="utf-8", newline="") as f:
        decisions = {row["code"] for row in csv.DictReader(f)}
    members = [m for m, _ in FOCAL_POINTS] + [m for m, _ in EXPERTS] + list(MEMBERS)
    country_of = {m[0]: m[4] for m in members}

    assert len(ITEMS) >= 32
    assert len({item["title"] for item in ITEMS}) == len(ITEMS), "titles must be unique"
    for item in ITEMS:
        where = item.get("title", "?")
        assert set(item) == _KEYS, (where, set(item) ^ _KEYS)
        assert item["type"] in _FIELDS, where
        assert 0 < len(item["title"]) <= 120, where
        assert 0 < len(item["summary"]) <= 300, where
        countries = item["countries"]
        max_countries = 6 if item["type"] == "project_summary" else 3
        assert 1 <= len(countries) <= max_countries and len(set(countries)) == len(countries), where
        assert all(c in groups_of for c in countries), where
        expected_regions = set().union(*(groups_of[c] for c in countries))
        assert set(item["regions"]) <= regions, where
        assert set(item["regions"]) == expected_regions or (not item["regions"] and len(countries) == 1), where
        assert item["conventions"] and set(item["conventions"]) <= _CONVENTIONS, where
        assert 1 <= len(item["topics"]) <= 3 and set(item["topics"]) <= _TOPICS, where
        assert 1 <= len(item["tags"]) <= 4, where
        assert all(t and t == t.lower() and t == t.strip() for t in item["tags"]), where
        assert len(item["decisions"]) <= 2 and set(item["decisions"]) <= decisions, where
        for code in item["decisions"]:
            assert code.split("-")[0] in item["conventions"], (where, code)
        start, end = item["year_start"], item["year_end"]
        assert isinstance(start, int) and 1980 <= start <= 2030, where
        assert end is None or (isinstance(end, int) and start <= end <= 2035), where
        assert 0 < len(item["organisation"]) <= 200, where
        assert item["submitter"] in country_of, where
        assert country_of[item["submitter"]] in countries, (where, "submitter's country")
        assert item["state"] in _STATES, where
        needs_comment = item["state"] in {"changes_requested", "declined"}
        assert bool(item["review_comment"].strip()) == needs_comment, where

        fields = item["fields"]
        assert set(fields) == _FIELDS[item["type"]], (where, set(fields) ^ _FIELDS[item["type"]])
        for name, value in fields.items():
            if name in _CHOICES:
                assert value in _CHOICES[name], (where, name, value)
            if name in _MARKDOWN:
                assert value.strip(), (where, name)
                lines = value.split("\n")
                for before, line in zip(lines, lines[1:], strict=False):
                    is_item = re.match(r"(- |\d+\. )", line)
                    assert not is_item or not before or re.match(r"(- |\d+\. )", before), (where, name, line)
        if item["type"] == "project_summary":
            begins = datetime.date.fromisoformat(fields["start_date"])
            ends = fields["end_date"] and datetime.date.fromisoformat(fields["end_date"])
            assert begins.year == start and (ends.year if ends else None) == end, where
            assert not ends or ends > begins, where
            status = "planned" if begins > today else "completed" if ends and ends < today else "ongoing"
            assert fields["status"] == status, (where, status)
            assert isinstance(fields["funding_amount"], int) and fields["funding_amount"] > 0, where
            assert fields["funding_source"] and fields["partners"], where
        if item["type"] == "coordination_mechanism":
            assert fields["legal_basis"].strip() and "\n" not in fields["legal_basis"], where
        if item["type"] == "awareness_material":
            assert 0 < len(fields["audience"]) <= 200, where
        if item["type"] == "legal_information":
            assert fields["jurisdiction"] in countries, where
            assert 0 < len(fields["convention_articles"]) <= 300, where
        texts = [item["title"], item["summary"], item["review_comment"]]
        texts += [v for v in fields.values() if isinstance(v, str)]
        assert not any("http" in t or "www." in t or "](" in t for t in texts), (where, "no links")

    types = Counter(item["type"] for item in ITEMS)
    states = Counter(item["state"] for item in ITEMS)
    assert all(types[t] >= n for t, n in _MIN_PER_TYPE.items()), types
    assert all(states[s] >= n for s, n in _MIN_PER_STATE.items()), states
    assert states["published"] > len(ITEMS) / 2, states
    assert {c for item in ITEMS for c in item["conventions"]} >= {"BC", "RC", "SC"}
    assert {r for item in ITEMS for r in item["regions"]} == regions

"""Benchmark of the search view on PostgreSQL (a benchmark, not a timed test).

Fills a PostgreSQL database of its own with DOCUMENTS search documents
(the reference data of `import_reference_data`, indexed as the application
indexes it, and generated knowledge items, forum questions, members, focal
points, decisions, meetings and groups, in six languages, written with the
thematic vocabulary), computes their vectors (search_vector and
rank_vector) with the application's own `PostgresBackend.write`, and times
20 representative searches through the Django test client, REPEAT times
each, next to a baseline in the same run: the equivalent raw
`websearch_to_tsquery` SQL on the same table and indexes (matched on
search_vector, ranked with ts_rank on rank_vector, every match ranked and
counted; in every language unless lang=only, as the view; with the planner
settings the view gives its statements: no JIT, random_page_cost 1.1).
The view counts at most its first 1,000 results (search.results): where
there are more, its total must read "1,000+" and the raw SQL count more.
Prints p50 and p95 per query and overall, against the goal (p95 under
150 ms, the view within 2× of the raw SQL).

    .venv/bin/python bench/search.py                       # the issue's scale: 100,000 documents, 20 repetitions
    .venv/bin/python bench/search.py --documents 5000      # a quick look

PostgreSQL only: the server of DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres
when unset), on which the benchmark makes a database of its own, "brs_hub_bench"
(--database), and drops it at the end (--keep keeps it; --reuse times it again
without filling it anew). The database the URL names is not touched.
bench/README.md has the figures and how they were measured.
"""

import argparse
import io
import json
import math
import os
import random
import re
import sys
import time
import unicodedata
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
# Databases other people use on the shared server: never created, filled or dropped here.
NOT_OURS = {"brs_hub", "test_brs_hub", "test_brs_hub_relevance", "postgres", "template0", "template1"}
GOAL_P95_MS = 150.0
GOAL_RATIO = 2.0
HOST = "localhost"

# What the index holds, in proportions of a mature clearing-house: most rows
# are knowledge items (in the six languages) and forum questions; members'
# profiles next; directories and reference data are a small part.
KINDS = [
    ("best_practice", 0.17),
    ("project_summary", 0.13),
    ("legal_information", 0.10),
    ("awareness_material", 0.09),
    ("coordination_mechanism", 0.05),
    ("question", 0.26),
    ("member", 0.15),
    ("focal_point", 0.025),
    ("decision", 0.015),
    ("meeting", 0.005),
    ("group", 0.005),
]
KNOWLEDGE = {"best_practice", "project_summary", "legal_information", "awareness_material", "coordination_mechanism"}
# Knowledge items are written in their page's language; questions, members and
# the rest are language-neutral rows (searched in English) whatever their text.
KNOWLEDGE_LANGUAGES = [("en", 0.55), ("fr", 0.13), ("es", 0.13), ("ru", 0.07), ("ar", 0.06), ("zh-hans", 0.06)]
FORUM_LANGUAGES = [("en", 0.75), ("fr", 0.08), ("es", 0.08), ("ru", 0.04), ("ar", 0.03), ("zh-hans", 0.02)]
PRIVATE_QUESTIONS = 0.10  # of the questions, in a private group (with half the groups): about 3% of all rows
RARE_WORD_EVERY = 4_000  # about one English text in this many mentions chlordecone

# The vocabulary ---------------------------------------------------------------------------------------

TOPICS = {
    "en": {
        "environmentally-sound-management": [
            "environmentally sound management of hazardous wastes",
            "ESM of wastes",
            "licensed waste management facilities",
        ],
        "transboundary-movements": [
            "transboundary movements of hazardous wastes",
            "illegal traffic in wastes",
            "notification and movement documents",
        ],
        "plastic-waste": ["plastic waste", "the plastic waste amendments", "marine plastic litter"],
        "e-waste": ["e-waste", "waste electrical and electronic equipment", "used electronic equipment"],
        "prior-informed-consent": ["the prior informed consent procedure", "import responses", "export notifications"],
        "pesticides": [
            "highly hazardous pesticides",
            "severely hazardous pesticide formulations",
            "pesticide registration",
        ],
        "industrial-chemicals": ["industrial chemicals", "chemicals in products", "chemical registration"],
        "pops-elimination": [
            "obsolete POPs stockpiles",
            "the elimination of persistent organic pollutants",
            "POPs wastes",
        ],
        "pcbs": ["PCB-containing transformers", "PCB inventories", "the elimination of PCBs by 2028"],
        "ddt-alternatives": ["DDT for disease vector control", "alternatives to DDT", "integrated vector management"],
        "contaminated-sites": ["contaminated sites", "site remediation", "soil contamination"],
        "national-implementation-plans": ["national implementation plans", "national reporting", "Article 15 reports"],
        "legal-institutional-frameworks": [
            "national legislation on chemicals",
            "legal and institutional frameworks",
            "implementing regulations",
        ],
        "customs-enforcement": ["customs controls", "border inspections", "enforcement against illegal traffic"],
        "technical-assistance": ["technical assistance", "capacity building", "training of trainers"],
        "financial-resources": ["financial resources", "GEF funding", "the Special Programme"],
        "gender-vulnerable-groups": [
            "gender mainstreaming",
            "waste pickers",
            "women and children exposed to chemicals",
        ],
        "monitoring-effectiveness": [
            "the global monitoring plan",
            "effectiveness evaluation",
            "air and human milk sampling",
        ],
        "science-policy": ["the science-policy interface", "scientific assessments", "the POPs Review Committee"],
        "public-awareness": ["public awareness campaigns", "education materials", "community outreach"],
        "national-coordination": [
            "national coordination mechanisms",
            "inter-ministerial committees",
            "focal points and competent authorities",
        ],
    },
    "fr": {
        "environmentally-sound-management": ["gestion écologiquement rationnelle des déchets"],
        "transboundary-movements": ["mouvements transfrontières de déchets dangereux"],
        "plastic-waste": ["déchets plastiques"],
        "e-waste": ["déchets d'équipements électriques et électroniques"],
        "prior-informed-consent": ["procédure de consentement préalable en connaissance de cause"],
        "pesticides": ["pesticides extrêmement dangereux"],
        "industrial-chemicals": ["produits chimiques industriels"],
        "pops-elimination": ["stocks de polluants organiques persistants"],
        "pcbs": ["transformateurs contenant des PCB"],
        "ddt-alternatives": ["solutions de remplacement du DDT"],
        "contaminated-sites": ["sites contaminés"],
        "national-implementation-plans": ["plans nationaux de mise en œuvre"],
        "legal-institutional-frameworks": ["cadre juridique et institutionnel"],
        "customs-enforcement": ["contrôles douaniers et lutte contre le trafic illicite"],
        "technical-assistance": ["assistance technique et renforcement des capacités"],
        "financial-resources": ["ressources financières"],
        "gender-vulnerable-groups": ["femmes et groupes vulnérables"],
        "monitoring-effectiveness": ["plan de surveillance mondiale"],
        "science-policy": ["interface science-politique"],
        "public-awareness": ["sensibilisation du public"],
        "national-coordination": ["mécanismes nationaux de coordination"],
    },
    "es": {
        "environmentally-sound-management": ["gestión ambientalmente racional de los desechos"],
        "transboundary-movements": ["movimientos transfronterizos de desechos peligrosos"],
        "plastic-waste": ["residuos plásticos"],
        "e-waste": ["residuos de aparatos eléctricos y electrónicos"],
        "prior-informed-consent": ["procedimiento de consentimiento fundamentado previo"],
        "pesticides": ["plaguicidas altamente peligrosos"],
        "industrial-chemicals": ["productos químicos industriales"],
        "pops-elimination": ["existencias de contaminantes orgánicos persistentes"],
        "pcbs": ["transformadores con PCB"],
        "ddt-alternatives": ["alternativas al DDT"],
        "contaminated-sites": ["sitios contaminados"],
        "national-implementation-plans": ["planes nacionales de aplicación"],
        "legal-institutional-frameworks": ["marco jurídico e institucional"],
        "customs-enforcement": ["control aduanero y tráfico ilícito"],
        "technical-assistance": ["asistencia técnica y creación de capacidad"],
        "financial-resources": ["recursos financieros"],
        "gender-vulnerable-groups": ["género y grupos vulnerables"],
        "monitoring-effectiveness": ["plan de vigilancia mundial"],
        "science-policy": ["interfaz ciencia-política"],
        "public-awareness": ["sensibilización del público"],
        "national-coordination": ["mecanismos nacionales de coordinación"],
    },
    "ru": {
        "environmentally-sound-management": ["экологически обоснованное регулирование отходов"],
        "transboundary-movements": ["трансграничная перевозка опасных отходов"],
        "plastic-waste": ["пластиковые отходы"],
        "e-waste": ["отходы электрического и электронного оборудования"],
        "prior-informed-consent": ["процедура предварительного обоснованного согласия"],
        "pesticides": ["особо опасные пестициды"],
        "industrial-chemicals": ["промышленные химические вещества"],
        "pops-elimination": ["запасы стойких органических загрязнителей"],
        "pcbs": ["трансформаторы, содержащие ПХБ"],
        "ddt-alternatives": ["альтернативы ДДТ"],
        "contaminated-sites": ["загрязнённые участки"],
        "national-implementation-plans": ["национальные планы выполнения"],
        "legal-institutional-frameworks": ["правовая и институциональная база"],
        "customs-enforcement": ["таможенный контроль и незаконный оборот"],
        "technical-assistance": ["техническая помощь и наращивание потенциала"],
        "financial-resources": ["финансовые ресурсы"],
        "gender-vulnerable-groups": ["гендерные вопросы и уязвимые группы"],
        "monitoring-effectiveness": ["план глобального мониторинга"],
        "science-policy": ["взаимодействие науки и политики"],
        "public-awareness": ["информирование общественности"],
        "national-coordination": ["национальные механизмы координации"],
    },
    "ar": {
        "environmentally-sound-management": ["الإدارة السليمة بيئيا للنفايات"],
        "transboundary-movements": ["نقل النفايات الخطرة عبر الحدود"],
        "plastic-waste": ["النفايات البلاستيكية"],
        "e-waste": ["النفايات الإلكترونية"],
        "prior-informed-consent": ["إجراء الموافقة المسبقة عن علم"],
        "pesticides": ["مبيدات الآفات شديدة الخطورة"],
        "industrial-chemicals": ["المواد الكيميائية الصناعية"],
        "pops-elimination": ["مخزونات الملوثات العضوية الثابتة"],
        "pcbs": ["المحولات المحتوية على مركبات ثنائي الفينيل متعدد الكلور"],
        "ddt-alternatives": ["بدائل مادة دي دي تي"],
        "contaminated-sites": ["المواقع الملوثة"],
        "national-implementation-plans": ["خطط التنفيذ الوطنية"],
        "legal-institutional-frameworks": ["الأطر القانونية والمؤسسية"],
        "customs-enforcement": ["الجمارك وإنفاذ القانون"],
        "technical-assistance": ["المساعدة التقنية وبناء القدرات"],
        "financial-resources": ["الموارد المالية"],
        "gender-vulnerable-groups": ["المساواة بين الجنسين والفئات الضعيفة"],
        "monitoring-effectiveness": ["خطة الرصد العالمية"],
        "science-policy": ["التفاعل بين العلوم والسياسات"],
        "public-awareness": ["التوعية العامة"],
        "national-coordination": ["آليات التنسيق الوطنية"],
    },
    "zh-hans": {
        "environmentally-sound-management": ["废物的环境无害化管理"],
        "transboundary-movements": ["危险废物越境转移"],
        "plastic-waste": ["塑料废物"],
        "e-waste": ["电子废物"],
        "prior-informed-consent": ["事先知情同意程序"],
        "pesticides": ["高度危险农药"],
        "industrial-chemicals": ["工业化学品"],
        "pops-elimination": ["持久性有机污染物库存"],
        "pcbs": ["含多氯联苯（PCB）的变压器"],
        "ddt-alternatives": ["滴滴涕（DDT）替代品"],
        "contaminated-sites": ["污染场地"],
        "national-implementation-plans": ["国家实施计划"],
        "legal-institutional-frameworks": ["法律和体制框架"],
        "customs-enforcement": ["海关与执法"],
        "technical-assistance": ["技术援助和能力建设"],
        "financial-resources": ["财政资源"],
        "gender-vulnerable-groups": ["性别与弱势群体"],
        "monitoring-effectiveness": ["全球监测计划"],
        "science-policy": ["科学与政策衔接"],
        "public-awareness": ["公众意识"],
        "national-coordination": ["国家协调机制"],
    },
}

# Sentences by topic ("" for any document): a document's text is mostly about
# its own thematic areas, so that a specific word (mercury, PCB, customs) is
# in a few per cent of the documents and a general one (waste) in about half.
SENTENCES = {
    "en": {
        "": [
            "The project was implemented in {country} with the support of {org}.",
            "Training workshops were held in {city} for {n} officials, laboratory staff and port authorities.",
            "{org} provided technical assistance and reviewed the draft report.",
            "Stakeholders included municipalities, industry associations, civil society and the private sector.",
            "The results were presented at a regional workshop in {city} in {year}.",
            "Lessons learned: involve all ministries early, budget for analyses and keep the data up to date.",
            "The report was endorsed by the national steering committee in {year}.",
            "{org} and {org} co-organised the activities in {city}.",
            "Priority was given to {topic} and to {topic}.",
            "A follow-up phase is planned, subject to funding.",
            "Under the {convention}, parties report regularly on {topic}.",
            "Decision {decision} asks parties to share information on {topic}.",
            "The ministry of environment of {country} coordinated the work with the ministry of health.",
            "An estimated {n} tonnes of hazardous waste are generated each year in {country}.",
            "Waste management remains a challenge for municipalities in {country}.",
        ],
        "environmentally-sound-management": [
            "The guidance sets criteria for the environmentally sound management of {waste}.",
            "Licensed facilities must keep records of the hazardous wastes they receive and treat.",
            "A tracking system records each shipment of waste from the generator to the final disposal facility.",
            "High-temperature incineration capacity is limited, so hazardous wastes are stored until export.",
        ],
        "transboundary-movements": [
            "Exports of {waste} require the prior written consent of the countries of import and transit.",
            "Customs officers at the port of {city} stopped containers of {waste} declared as second-hand goods.",
            "Illegal traffic cases were referred to the prosecutor and the waste was returned to the country of "
            "export.",
            "Movement documents must accompany every transboundary shipment of hazardous waste.",
        ],
        "plastic-waste": [
            "Plastic waste exports now require prior informed consent under the amendments adopted by decision "
            "BC-14/12.",
            "Mixed plastic waste is difficult to recycle and often ends up in open dumps or the sea.",
            "Collection of plastic packaging in {city} rose to {pct} per cent.",
        ],
        "e-waste": [
            "Informal recyclers burn cables to recover copper, releasing dioxins and furans.",
            "E-waste collection points were set up in {n} shopping centres and repair shops in {city}.",
            "The study estimates that {n} tonnes of e-waste are generated each year, of which less than {pct} per "
            "cent is collected.",
            "Used electronic equipment for repair must be distinguished from e-waste at the border.",
            "Fluorescent lamps contain mercury and are collected separately from household waste.",
        ],
        "prior-informed-consent": [
            "Import responses for {chemical} were submitted to the Secretariat of the Rotterdam Convention.",
            "The designated national authority reviews export notifications and decides on imports of listed "
            "chemicals.",
            "The decision guidance document helps countries decide whether to allow future imports.",
        ],
        "pesticides": [
            "The pilot facility co-processes obsolete pesticides in cement kilns under strict emission controls.",
            "Farmers reported poisoning incidents with severely hazardous pesticide formulations.",
            "The registration of {chemical} was withdrawn and remaining stocks were collected.",
        ],
        "industrial-chemicals": [
            "The regulation bans the import of {chemical} and sets limits for its presence in products.",
            "Mercury-added products such as thermometers and batteries are being phased out.",
            "Manufacturers must declare hazardous substances in articles placed on the market.",
        ],
        "pops-elimination": [
            "An estimated {n} tonnes of obsolete stockpiles of {chemical} were repackaged and exported for "
            "destruction.",
            "POPs wastes were destroyed in a high-temperature incinerator abroad.",
            "Stockpiles are stored in a secured warehouse until they can be destroyed.",
        ],
        "pcbs": [
            "The national inventory covers {n} transformers and capacitors, of which {pct} per cent contain PCBs "
            "above 50 ppm.",
            "PCB-contaminated oil was drained and the transformers were decontaminated.",
            "Parties must eliminate PCBs in equipment by 2025 and manage PCB wastes soundly by 2028.",
            "The inspection found leaking transformer oil and unlabelled capacitors.",
        ],
        "ddt-alternatives": [
            "Alternatives to DDT for malaria vector control were evaluated with the ministry of health.",
            "DDT is used only for indoor residual spraying, as allowed under the Stockholm Convention.",
            "Insecticide-treated nets and larval source management reduced the need for DDT.",
        ],
        "contaminated-sites": [
            "Contaminated soil around the former storage site was excavated and treated.",
            "Groundwater near the site showed high levels of {chemical}.",
            "Site remediation cost an estimated {n} thousand dollars.",
        ],
        "national-implementation-plans": [
            "The national implementation plan was updated in {year} to include newly listed chemicals.",
            "The national report was submitted through the electronic reporting system.",
            "The inventory of newly listed POPs informed the revised national implementation plan.",
        ],
        "legal-institutional-frameworks": [
            "The legal framework defines hazardous waste, illegal traffic and the duties of generators, carriers "
            "and disposers.",
            "The new law designates the competent authority and sets penalties for illegal traffic.",
            "Implementing regulations were adopted in {year}.",
        ],
        "customs-enforcement": [
            "Customs officers at {city} were trained to identify mislabelled shipments of {waste}.",
            "The customs code list was aligned with the Harmonized System amendments for {waste}.",
            "Joint inspections with the police and port authorities found {n} illegal shipments.",
            "Customs laboratories received test kits for {chemical}.",
        ],
        "technical-assistance": [
            "Training of trainers reached {n} officials from {n} countries.",
            "The regional centre in {city} provided technical assistance on {topic}.",
            "An online course on {topic} was translated into French and Spanish.",
        ],
        "financial-resources": [
            "The Special Programme grant funded a new chemicals unit in the ministry.",
            "GEF funding of {n} thousand dollars was matched by national co-financing.",
            "Cost recovery through extended producer responsibility fees is being considered.",
        ],
        "gender-vulnerable-groups": [
            "Women working in informal recycling are disproportionately exposed to lead and mercury.",
            "Waste pickers' cooperatives were included in the municipal collection system.",
            "Children living near dumpsites had elevated blood lead levels.",
        ],
        "monitoring-effectiveness": [
            "Samples of air, human milk and blood were analysed for {chemical} as part of the global monitoring plan.",
            "The laboratory took part in an interlaboratory assessment for POPs analysis.",
            "Mercury concentrations in fish were measured at {n} sites.",
        ],
        "science-policy": [
            "The POPs Review Committee evaluated the risk profile of {chemical}.",
            "The scientific assessment was summarised for policymakers.",
        ],
        "public-awareness": [
            "The awareness campaign reached {n} households through radio spots, posters and school visits.",
            "Students learned how to sort household waste and return used batteries.",
            "A video explains the risks of burning waste in the open.",
        ],
        "national-coordination": [
            "A national coordination committee brings together the ministries of environment, health, agriculture "
            "and finance.",
            "Focal points of the three conventions meet every quarter to align their work.",
            "The committee agreed a joint workplan on {topic}.",
        ],
    },
    "fr": {
        "": [
            "Le ministère de l'environnement de {country} a coordonné les travaux avec le ministère de la santé.",
            "Des ateliers de formation ont réuni {n} inspecteurs, douaniers et techniciens de laboratoire à {city}.",
            "Les résultats ont été présentés lors d'un atelier régional à {city} en {year}.",
            "Le projet a été financé par le Fonds pour l'environnement mondial et le Programme spécial.",
            "Thème principal : {topic}.",
            "La gestion des déchets reste un défi pour les communes du pays.",
        ],
        "environmentally-sound-management": [
            "Les installations agréées doivent tenir un registre des déchets dangereux reçus et traités.",
        ],
        "transboundary-movements": [
            "Les exportations de déchets dangereux exigent le consentement écrit des pays d'importation et de "
            "transit.",
            "Les agents des douanes du port de {city} ont intercepté des conteneurs de déchets dangereux déclarés "
            "comme biens d'occasion.",
        ],
        "plastic-waste": [
            "Les exportations de déchets plastiques sont désormais soumises à la procédure de consentement préalable.",
        ],
        "e-waste": [
            "Les déchets électroniques sont souvent démantelés par le secteur informel, au détriment de la santé "
            "des travailleurs.",
            "Les lampes fluorescentes contiennent du mercure et sont collectées séparément des ordures ménagères.",
        ],
        "prior-informed-consent": [
            "L'autorité nationale désignée examine les notifications d'exportation des produits chimiques inscrits.",
        ],
        "pesticides": ["Des pesticides périmés ont été reconditionnés et stockés dans un entrepôt sécurisé à {city}."],
        "industrial-chemicals": [
            "Les produits contenant du mercure, comme les thermomètres et les piles, sont progressivement interdits.",
        ],
        "pops-elimination": ["Environ {n} tonnes de stocks de {chemical} ont été exportées pour être détruites."],
        "pcbs": [
            "Les transformateurs contenant des PCB doivent être éliminés d'ici 2028 conformément à la Convention "
            "de Stockholm.",
            "L'inventaire national recense {n} transformateurs, dont {pct} % contiennent des PCB.",
        ],
        "ddt-alternatives": [
            "Les solutions de remplacement du DDT pour la lutte antivectorielle ont été évaluées avec le ministère "
            "de la santé.",
        ],
        "contaminated-sites": ["Les sols contaminés autour de l'ancien site de stockage ont été excavés et traités."],
        "national-implementation-plans": [
            "Le plan national de mise en œuvre a été actualisé en {year} pour tenir compte des nouveaux polluants "
            "organiques persistants.",
        ],
        "legal-institutional-frameworks": [
            "Le cadre juridique définit les déchets dangereux, le trafic illicite et les obligations des producteurs "
            "et des transporteurs.",
        ],
        "customs-enforcement": [
            "Les douaniers ont été formés à l'identification des déchets dangereux et des produits chimiques "
            "interdits.",
        ],
        "technical-assistance": ["Le centre régional de {city} a fourni une assistance technique sur ce thème."],
        "financial-resources": [
            "Une subvention du Programme spécial a financé une nouvelle unité chargée des produits chimiques.",
        ],
        "gender-vulnerable-groups": [
            "Les femmes travaillant dans le recyclage informel sont particulièrement exposées au plomb et au mercure.",
        ],
        "monitoring-effectiveness": [
            "Des échantillons d'air et de lait maternel ont été analysés dans le cadre du plan de surveillance "
            "mondiale.",
        ],
        "science-policy": [
            "Le Comité d'étude des polluants organiques persistants a examiné le profil de risque de {chemical}.",
        ],
        "public-awareness": [
            "La campagne de sensibilisation a touché {n} ménages grâce à la radio, aux affiches et aux écoles.",
        ],
        "national-coordination": [
            "Un comité national de coordination réunit les ministères de l'environnement, de la santé, de "
            "l'agriculture et des finances.",
        ],
    },
    "es": {
        "": [
            "El ministerio de ambiente de {country} coordinó el trabajo con el ministerio de salud.",
            "Se realizaron talleres de capacitación en {city} para {n} inspectores, funcionarios de aduanas y "
            "técnicos de laboratorio.",
            "Los resultados se presentaron en un taller regional en {city} en {year}.",
            "El proyecto fue financiado por el Fondo para el Medio Ambiente Mundial y el Programa Especial.",
            "Tema principal: {topic}.",
            "La gestión de los residuos sigue siendo un reto para los municipios.",
        ],
        "environmentally-sound-management": [
            "Las instalaciones autorizadas deben llevar un registro de los desechos peligrosos que reciben y tratan.",
        ],
        "transboundary-movements": [
            "Las exportaciones de desechos peligrosos requieren el consentimiento por escrito de los países de "
            "importación y de tránsito.",
            "Los funcionarios de aduanas del puerto de {city} detuvieron contenedores de desechos peligrosos "
            "declarados como bienes usados.",
        ],
        "plastic-waste": [
            "Las exportaciones de residuos plásticos requieren ahora el consentimiento fundamentado previo.",
            "La recolección selectiva de residuos plásticos aumentó en {city}.",
        ],
        "e-waste": [
            "Los recicladores informales queman cables para recuperar cobre y liberan dioxinas.",
            "Las lámparas fluorescentes contienen mercurio y se recogen por separado de los residuos domésticos.",
        ],
        "prior-informed-consent": [
            "La autoridad nacional designada examina las notificaciones de exportación de los productos químicos "
            "incluidos.",
        ],
        "pesticides": ["Los plaguicidas obsoletos fueron reenvasados y almacenados en un depósito seguro en {city}."],
        "industrial-chemicals": [
            "Los productos con mercurio, como termómetros y pilas, se están eliminando gradualmente."
        ],
        "pops-elimination": ["Se exportaron unas {n} toneladas de existencias de {chemical} para su destrucción."],
        "pcbs": [
            "Los transformadores con PCB deben eliminarse antes de 2028, según el Convenio de Estocolmo.",
            "El inventario nacional incluye {n} transformadores, de los cuales el {pct} % contiene PCB.",
        ],
        "ddt-alternatives": [
            "Se evaluaron alternativas al DDT para el control de vectores con el ministerio de salud.",
        ],
        "contaminated-sites": ["Los suelos contaminados alrededor del antiguo depósito fueron excavados y tratados."],
        "national-implementation-plans": [
            "El plan nacional de aplicación se actualizó en {year} para incluir los nuevos contaminantes orgánicos "
            "persistentes.",
        ],
        "legal-institutional-frameworks": [
            "El marco jurídico define los desechos peligrosos, el tráfico ilícito y las obligaciones de generadores "
            "y transportistas.",
        ],
        "customs-enforcement": [
            "Los funcionarios de aduanas recibieron capacitación para identificar desechos peligrosos y residuos "
            "electrónicos.",
        ],
        "technical-assistance": ["El centro regional de {city} brindó asistencia técnica sobre este tema."],
        "financial-resources": [
            "Una subvención del Programa Especial financió una nueva unidad de productos químicos."
        ],
        "gender-vulnerable-groups": [
            "Las mujeres que trabajan en el reciclaje informal están más expuestas al plomo y al mercurio.",
        ],
        "monitoring-effectiveness": [
            "Se analizaron muestras de aire y leche materna en el marco del plan de vigilancia mundial.",
        ],
        "public-awareness": ["La campaña de sensibilización llegó a {n} hogares mediante radio, carteles y escuelas."],
        "national-coordination": [
            "Un comité nacional de coordinación reúne a los ministerios de ambiente, salud, agricultura y finanzas.",
        ],
    },
    "ru": {
        "": [
            "Министерство природных ресурсов координировало работу с министерством здравоохранения.",
            "В городе {city} прошли учебные семинары для {n} инспекторов и сотрудников лабораторий.",
            "Результаты были представлены на региональном семинаре в {year} году.",
            "Основная тема: {topic}.",
            "Управление отходами остаётся сложной задачей для муниципалитетов.",
        ],
        "transboundary-movements": [
            "Сотрудники таможни в порту {city} задержали контейнеры с опасными отходами, заявленными как бывшие "
            "в употреблении товары.",
        ],
        "plastic-waste": ["Экспорт пластиковых отходов теперь требует предварительного обоснованного согласия."],
        "e-waste": [
            "Электронные отходы часто разбирают в неформальном секторе.",
            "Люминесцентные лампы содержат ртуть и собираются отдельно от бытовых отходов.",
        ],
        "pesticides": ["Устаревшие пестициды были переупакованы и помещены на охраняемый склад в городе {city}."],
        "industrial-chemicals": [
            "Изделия, содержащие ртуть, такие как термометры и батареи, постепенно выводятся из оборота.",
        ],
        "pops-elimination": [
            "Было собрано около {n} тонн устаревших химических веществ, которые были вывезены для уничтожения.",
        ],
        "pcbs": [
            "Трансформаторы, содержащие ПХБ, должны быть выведены из эксплуатации до 2028 года в соответствии "
            "со Стокгольмской конвенцией.",
        ],
        "contaminated-sites": ["Загрязнённые почвы вокруг бывшего склада были вывезены и обезврежены."],
        "national-implementation-plans": [
            "Национальный план выполнения был обновлён в {year} году с учётом новых стойких органических "
            "загрязнителей.",
        ],
        "legal-institutional-frameworks": [
            "Законодательство определяет опасные отходы, незаконный оборот и обязанности производителей и "
            "перевозчиков.",
        ],
        "customs-enforcement": [
            "Сотрудники таможни прошли обучение по выявлению опасных отходов и электронного лома."
        ],
        "gender-vulnerable-groups": ["Загрязнение ртутью остаётся серьёзной проблемой в кустарной золотодобыче."],
        "monitoring-effectiveness": ["Содержание ртути в рыбе измерялось в {n} пробах."],
        "public-awareness": ["Просветительская кампания охватила {n} домохозяйств через радио, плакаты и школы."],
        "national-coordination": [
            "Национальный координационный комитет объединяет министерства охраны окружающей среды, здравоохранения "
            "и сельского хозяйства.",
        ],
    },
    "ar": {
        "": [
            "نسقت وزارة البيئة العمل مع وزارة الصحة.",
            "عقدت حلقات عمل تدريبية في {city} لفائدة {n} من المفتشين وموظفي المختبرات.",
            "الموضوع الرئيسي: {topic}.",
            "لا تزال إدارة النفايات تمثل تحديا للبلديات.",
        ],
        "environmentally-sound-management": ["أكملت وزارة البيئة جردا وطنيا للنفايات الخطرة في عام {year}."],
        "transboundary-movements": [
            "تلقى موظفو الجمارك في ميناء {city} تدريبا على تحديد النفايات الخطرة والنفايات الإلكترونية."
        ],
        "plastic-waste": ["تخضع صادرات النفايات البلاستيكية الآن لإجراء الموافقة المسبقة عن علم."],
        "e-waste": ["تجمع المصابيح المحتوية على الزئبق بشكل منفصل عن النفايات المنزلية."],
        "pesticides": ["أعيد تغليف مبيدات الآفات المتقادمة وتخزينها في مستودع آمن في {city}."],
        "pops-elimination": ["تم جمع نحو {n} طن من المواد الكيميائية المتقادمة وتصديرها لإتلافها."],
        "pcbs": ["يجب التخلص من المحولات المحتوية على مركبات ثنائي الفينيل متعدد الكلور بحلول عام 2028."],
        "contaminated-sites": ["تم استخراج التربة الملوثة حول موقع التخزين السابق ومعالجتها."],
        "legal-institutional-frameworks": [
            "يحدد الإطار القانوني النفايات الخطرة والاتجار غير المشروع والتزامات المنتجين والناقلين."
        ],
        "customs-enforcement": ["ضبطت الجمارك شحنات من النفايات الخطرة مخالفة للقانون."],
        "public-awareness": ["وصلت حملة التوعية إلى {n} أسرة عبر الإذاعة والملصقات والمدارس."],
        "national-coordination": ["تجمع لجنة التنسيق الوطنية وزارات البيئة والصحة والزراعة والمالية."],
    },
    "zh-hans": {
        "": [
            "环境部与卫生部协调开展了相关工作。",
            "在{city}为{n}名检查员和实验室人员举办了培训班。",
            "该项目的重点是：{topic}。",
        ],
        "environmentally-sound-management": ["环境部于{year}年完成了国家危险废物清单。"],
        "transboundary-movements": ["{city}港口的海关官员接受了识别危险废物和电子废物的培训。"],
        "plastic-waste": ["塑料废物出口现在须经事先知情同意程序。"],
        "e-waste": ["含汞灯具与生活垃圾分开收集。"],
        "pops-elimination": ["共收集了约{n}吨过期化学品，并出口销毁。"],
        "pcbs": ["含多氯联苯（PCB）的变压器必须在2028年前淘汰。"],
        "legal-institutional-frameworks": ["法律框架界定了危险废物、非法贩运以及生产者和运输者的义务。"],
        "public-awareness": ["宣传活动通过广播、海报和学校覆盖了{n}个家庭。"],
        "national-coordination": ["国家协调委员会由环境、卫生、农业和财政部门组成。"],
    },
}
TOPICAL = 0.6  # the share of a document's sentences about its own thematic areas

TITLES = {
    "en": {
        "best_practice": [
            "{Topic} in {country}: lessons learned",
            "Good practice: {topic} in {city}",
            "How {country} improved {topic}",
            "Community-based approach to {topic} in {city}",
        ],
        "project_summary": [
            "{Topic} in {country} ({year})",
            "Project on {topic} and {topic}",
            "Pilot project: {topic} in {city}",
            "Regional project on {topic}",
        ],
        "legal_information": [
            "{country}: regulation on {topic}",
            "Law on hazardous wastes and chemicals of {country} ({year})",
            "{country}: decree on the import of {chemical}",
            "Legal requirements for {topic} in {country}",
        ],
        "awareness_material": [
            "Poster: {topic}",
            "Leaflet for households on {waste}",
            "Video: {topic} explained",
            "School kit on {topic}",
            "Radio spot on {chemical}",
        ],
        "coordination_mechanism": [
            "National coordination mechanism of {country}",
            "Inter-ministerial committee on chemicals and waste in {country}",
            "{country}: coordinating {topic}",
        ],
        "decision": ["{Topic}", "Technical guidelines on {topic}", "Matters related to {topic}", "Work on {topic}"],
        "meeting": ["Regional workshop on {topic}, {city}", "Expert meeting on {topic}", "Webinar: {topic}"],
        "group": ["{Topic} network", "{Topic} practitioners", "Working group on {topic}"],
        "question": [
            "How do you keep a PCB inventory up to date?",
            "Which HS code should customs use for {waste}?",
            "Has anyone co-processed obsolete pesticides in cement kilns?",
            "Experience with take-back schemes for e-waste in {country}?",
            "Is a transit country required to consent to shipments of {waste}?",
            "Laboratory for testing {chemical} in transformer oil?",
            "How to report under Article 15 of the Stockholm Convention?",
            "Classifying {waste}: Annex VIII or Annex IX?",
            "Alternatives to DDT for malaria control: any results?",
            "Funding for a contaminated site assessment in {country}?",
            "Training material for customs officers on illegal traffic?",
            "How are plastic waste shipments notified since the amendments?",
            "Mercury in artisanal gold mining: awareness materials?",
            "What counts as environmentally sound management of {waste}?",
            "Who is the competent authority for {topic} in {country}?",
        ],
    },
    "fr": {
        "best_practice": ["{country} : enseignements tirés ({topic})", "Bonne pratique à {city} : {topic}"],
        "project_summary": ["Projet au {country} ({year}) : {topic}", "Projet pilote : {topic}"],
        "legal_information": [
            "{country} : loi sur les déchets dangereux ({year})",
            "{country} : réglementation ({topic})",
        ],
        "awareness_material": ["Affiche : {topic}", "Dépliant pour les ménages : {topic}"],
        "coordination_mechanism": [
            "Mécanisme national de coordination : {country}",
            "Comité interministériel sur les produits chimiques et les déchets ({country})",
        ],
        "question": [
            "Comment tenir à jour l'inventaire des PCB ?",
            "Quel code SH pour les déchets électroniques ?",
            "Expérience de co-traitement des pesticides périmés en cimenterie ?",
            "Qui est l'autorité compétente pour les mouvements transfrontières au {country} ?",
        ],
    },
    "es": {
        "best_practice": ["{country}: lecciones aprendidas ({topic})", "Buena práctica en {city}: {topic}"],
        "project_summary": ["Proyecto en {country} ({year}): {topic}", "Proyecto piloto: {topic}"],
        "legal_information": ["{country}: ley sobre residuos peligrosos ({year})", "{country}: reglamento ({topic})"],
        "awareness_material": ["Cartel: {topic}", "Folleto para los hogares: {topic}"],
        "coordination_mechanism": [
            "Mecanismo nacional de coordinación: {country}",
            "Comité interministerial de productos químicos y desechos ({country})",
        ],
        "question": [
            "¿Cómo mantener actualizado el inventario de PCB?",
            "¿Qué código SA corresponde a los residuos electrónicos?",
            "¿Experiencias con la gestión de residuos plásticos en {country}?",
        ],
    },
    "ru": {
        "best_practice": ["{country}: извлечённые уроки ({topic})", "Передовая практика в городе {city}: {topic}"],
        "project_summary": ["Проект ({country}, {year}): {topic}", "Пилотный проект: {topic}"],
        "legal_information": [
            "{country}: закон об опасных отходах ({year})",
            "{country}: нормативные требования ({topic})",
        ],
        "awareness_material": ["Плакат: {topic}", "Брошюра для населения: {topic}"],
        "coordination_mechanism": [
            "Национальный механизм координации: {country}",
            "Межведомственный комитет по химическим веществам и отходам ({country})",
        ],
        "question": [
            "Как вести инвентаризацию ПХБ?",
            "Какой код ТН ВЭД у электронных отходов?",
            "Опыт утилизации ламп, содержащих ртуть?",
        ],
    },
    "ar": {
        "best_practice": ["{topic} في {country}: الدروس المستفادة", "ممارسة جيدة في {city}: {topic}"],
        "project_summary": ["مشروع في {country} ({year}): {topic}", "مشروع تجريبي: {topic}"],
        "legal_information": ["{country}: قانون النفايات الخطرة ({year})", "{country}: لائحة بشأن {topic}"],
        "awareness_material": ["ملصق: {topic}", "نشرة للأسر: {topic}"],
        "coordination_mechanism": [
            "آلية التنسيق الوطنية: {country}",
            "اللجنة الوزارية المشتركة للمواد الكيميائية والنفايات ({country})",
        ],
        "question": [
            "كيف يتم تحديث جرد مركبات ثنائي الفينيل متعدد الكلور؟",
            "ما هو رمز النظام المنسق للنفايات الإلكترونية؟",
        ],
    },
    "zh-hans": {
        "best_practice": ["{country}的{topic}：经验教训", "良好做法：{city}的{topic}"],
        "project_summary": ["项目：{country}{topic}（{year}年）", "试点项目：{topic}"],
        "legal_information": ["{country}：危险废物法（{year}年）", "{country}：关于{topic}的条例"],
        "awareness_material": ["海报：{topic}", "家庭宣传册：{topic}"],
        "coordination_mechanism": ["国家协调机制：{country}", "{country}化学品和废物部际委员会"],
        "question": ["如何更新多氯联苯（PCB）清单？", "电子废物应使用哪个海关编码？"],
    },
}

QUESTION_OPENINGS = [
    "We are working on {topic} in {country} and would welcome advice.",
    "Our ministry is revising the regulation on {topic}.",
    "Customs in {city} stopped a container declared as second-hand goods.",
    "Any experience, template or guidance document would help.",
    "We have a budget for {n} samples this year.",
]
ANSWER_OPENINGS = ["In our country, ", "Thank you. ", "We had the same problem: ", "", "", ""]
RARE = "Soil samples from former banana plantations showed chlordecone residues."
CHEMICALS = (
    ["PCBs"] * 6
    + ["DDT"] * 4
    + ["mercury"] * 5
    + ["lindane", "endosulfan", "PFOS", "pentachlorophenol", "HBCD", "asbestos", "paraquat", "tributyltin"]
    + [
        "hexachlorobenzene",
        "aldrin",
        "dieldrin",
        "toxaphene",
        "lead",
        "cadmium",
        "PBDEs",
        "short-chain chlorinated paraffins",
    ]
)
WASTES = [
    "e-waste",
    "plastic waste",
    "used lead-acid batteries",
    "POPs wastes",
    "waste oils",
    "medical waste",
    "household waste",
    "end-of-life vehicles",
    "mercury waste",
    "obsolete pesticides",
    "PCB-contaminated equipment",
    "ship-breaking waste",
    "fly ash from incineration",
    "used tyres",
]
CONVENTION_NAMES = {"BC": "Basel Convention", "RC": "Rotterdam Convention", "SC": "Stockholm Convention"}
ORGS = [
    "UNEP",
    "UNIDO",
    "FAO",
    "WHO",
    "UNDP",
    "UNITAR",
    "the World Customs Organization",
    "INTERPOL",
    "the Basel Convention Regional Centre in Dakar",
    "the Stockholm Convention Regional Centre in Beijing",
    "the Basel Convention Regional Centre for Latin America in Montevideo",
    "the national customs service",
    "a university laboratory",
    "the cement industry association",
    "the chamber of commerce",
    "the ministry of environment",
    "the ministry of health",
]
CITIES = [
    "Nairobi", "Dakar", "Bangkok", "Montevideo", "Pretoria", "Beijing", "Moscow", "Cairo", "Jakarta", "Panama City",
    "Port of Spain", "Bratislava", "Barcelona", "Tehran", "Abidjan", "Lima", "Manila", "Hanoi", "Accra", "Lagos",
    "Dar es Salaam", "Amman", "Rabat", "Tunis", "Bogotá", "Quito", "Santiago", "Buenos Aires", "Mexico City",
    "Havana", "Kingston", "Suva", "Apia", "Colombo", "Dhaka", "Kathmandu", "Almaty", "Tbilisi", "Ankara",
    "Rotterdam", "Geneva", "Mombasa", "Durban", "Chittagong", "Haiphong", "Valparaíso", "Douala", "Lomé",
]  # fmt: skip
FIRST_NAMES = [
    "Amina", "Kwame", "María", "José", "Olga", "Dmitri", "Fatima", "Omar", "Li", "Wei", "Anne", "Pierre", "Sofia",
    "Lucas", "Priya", "Arjun", "Nadia", "Youssef", "Grace", "Samuel", "Elena", "Mateo", "Aigerim", "Tuan", "Mele",
    "Ingrid", "Kofi", "Leila", "Hassan", "Chen", "Yuki", "Carlos", "Ana", "Ibrahim", "Nomvula", "Tomás",
]  # fmt: skip
LAST_NAMES = [
    "Mensah", "García", "Ivanova", "Petrov", "Haddad", "Benali", "Wang", "Zhang", "Dubois", "Martin", "Rossi",
    "Silva", "Sharma", "Patel", "Okafor", "Mwangi", "Nguyen", "Tupou", "Andersson", "Diallo", "Traoré", "Hosseini",
    "Kowalski", "Fernández", "López", "Nakamura", "Abdullah", "Dlamini", "Mukherjee", "Sokolova", "Cruz", "Bakr",
]  # fmt: skip
POSITIONS = [
    "Senior environmental officer",
    "Customs officer",
    "Chemist",
    "Programme officer",
    "Legal adviser",
    "Laboratory manager",
    "Policy analyst",
    "Waste management consultant",
    "Environmental inspector",
    "Researcher",
    "National focal point",
]
FOCAL_POINTS = [
    ("BC", "Basel Convention competent authority: {country}"),
    ("BC", "Basel Convention focal point: {country}"),
    ("RC", "Rotterdam Convention designated national authority: {country}"),
    ("RC", "Rotterdam Convention official contact point: {country}"),
    ("SC", "Stockholm Convention official contact point: {country}"),
    ("SC", "Stockholm Convention national focal point: {country}"),
]

SLOT = re.compile(r"\{(\w+)\}")


def weighted(rng, pairs):
    return rng.choices([value for value, _weight in pairs], weights=[weight for _value, weight in pairs])[0]


class Writer:
    """Generated documents, as search.services would write them for the
    objects they stand for: the same columns, facets and metadata."""

    def __init__(self, rng, reference):
        self.rng = rng
        self.countries = reference["countries"]  # [(iso3, name)]
        self.regions = reference["regions"]  # iso3 -> [UN regional group codes]
        self.topics = reference["topics"]  # [(slug, name)]
        self.topic_names = dict(self.topics)
        self.decisions = reference["decisions"]
        self.private_groups = reference["private_groups"]
        self.numbers = Counter()  # documents of each kind
        self.source_ids = Counter()  # of each source (the five kinds of knowledge item share one)

    # Text ---------------------------------------------------------------------------------------------

    def fill(self, template: str, context: dict) -> str:
        return SLOT.sub(lambda match: self.slot(match[1], context), template)

    def slot(self, name: str, context: dict) -> str:
        rng = self.rng
        if name in ("topic", "Topic"):
            slug = rng.choice(context["topics"]) if context["topics"] else rng.choice(self.topics)[0]
            phrases = TOPICS[context["language"]].get(slug) or TOPICS["en"][slug]
            phrase = rng.choice(phrases)
            return phrase[0].upper() + phrase[1:] if name == "Topic" else phrase
        if name == "country":
            return rng.choice(context["countries"])[1] if context["countries"] else rng.choice(self.countries)[1]
        if name == "convention":
            return CONVENTION_NAMES[rng.choice(context["conventions"] or ["BC", "RC", "SC"])]
        if name == "year":
            return str(context["year"])
        if name == "n":
            return str(rng.choice([3, 12, 25, 40, 120, 300, 450, 1200, 3500, 18000]) + rng.randrange(10))
        if name == "pct":
            return str(rng.randrange(3, 60))
        if name == "chemical":
            return rng.choice(CHEMICALS)
        if name == "waste":
            return rng.choice(WASTES)
        if name == "org":
            return rng.choice(ORGS)
        if name == "city":
            return rng.choice(CITIES)
        if name == "decision":
            return rng.choice(self.decisions)
        raise KeyError(name)

    def sentences(self, language: str, count: int, context: dict) -> str:
        bank = SENTENCES[language]
        topical = [sentence for slug in context["topics"] for sentence in bank.get(slug, ())]
        parts = []
        for _ in range(count):
            pool = topical if topical and self.rng.random() < TOPICAL else bank[""]
            parts.append(self.fill(self.rng.choice(pool), context))
        text = " ".join(parts)
        if language == "en" and self.rng.randrange(RARE_WORD_EVERY) == 0:
            text += " " + RARE
        return text

    # Documents --------------------------------------------------------------------------------------------

    def context(self, language, *, topics=(1, 3), countries=(0, 3), conventions=(1, 2), years=(2008, 2026)):
        rng = self.rng
        year = min(years[1], int(rng.triangular(years[0], years[1] + 1, years[1] + 1)))
        return {
            "language": language,
            "topics": [slug for slug, _name in rng.sample(self.topics, rng.randint(*topics))],
            "countries": rng.sample(self.countries, rng.randint(*countries)),
            "conventions": sorted(rng.sample(["BC", "RC", "SC"], rng.randint(*conventions))),
            "year": year,
        }

    def document(self, kind: str) -> dict:
        self.numbers[kind] += 1
        number = self.numbers[kind]
        rng = self.rng
        if kind in KNOWLEDGE:
            language = weighted(rng, KNOWLEDGE_LANGUAGES)
            context = self.context(language)
            title = self.fill(rng.choice(TITLES[language][kind]), context)
            summary = self.sentences(language, rng.randint(2, 3), context)
            body = summary + "\n" + self.sentences(language, rng.randint(6, 40), context)
            keywords = " ".join(rng.sample(["training", "inventory", "guidance", "case study", "toolkit"], 2))
            keywords += " " + " ".join(self.topic_names[slug] for slug in context["topics"])
            day = self.day(context["year"])
            years = [context["year"]]
            if kind == "project_summary":
                start = context["year"] - rng.randint(0, 4)
                years = list(range(start, start + rng.randint(1, 5)))
            row = self.row(kind, "knowledge", number, language, title, keywords, body, day, context)
            row["url"] = f"/{language}/knowledge/{kind.replace('_', '-')}-{number}/"
            row["metadata"]["summary"] = summary[:300]
            row["facets"] += [("year", str(year)) for year in years]
            return row
        if kind == "question":
            language = weighted(rng, FORUM_LANGUAGES)
            context = self.context(language, topics=(0, 2), countries=(0, 1), conventions=(0, 2), years=(2018, 2026))
            title = self.fill(rng.choice(TITLES[language]["question"]), context)
            opening = self.fill(rng.choice(QUESTION_OPENINGS), context) if language == "en" else ""
            parts = [opening + " " + self.sentences(language, rng.randint(2, 6), context)]
            answers = rng.choice([0, 1, 1, 2, 2, 3, 4, 6])
            parts += [
                rng.choice(ANSWER_OPENINGS) + self.sentences(language, rng.randint(1, 5), context)
                for _answer in range(answers)
            ]
            keywords = " ".join(self.topic_names[slug] for slug in context["topics"])
            private = rng.random() < PRIVATE_QUESTIONS
            row = self.row(
                kind, "question", number, "", title, keywords, "\n".join(parts), self.day(context["year"]), context
            )
            row["url"] = f"/forum/questions/{number}/"
            row["metadata"].update({"answers": answers, "accepted": answers > 0 and rng.random() < 0.4})
            row["private_group_id"] = rng.choice(self.private_groups) if private else None
            row["facets"].append(("year", str(context["year"])))
            return row
        if kind == "member":
            context = self.context("en", topics=(1, 3), countries=(0, 1), conventions=(0, 0))
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            handle = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode())
            handle = f"{handle.lower()}-{number}"
            position, org = rng.choice(POSITIONS), rng.choice(ORGS)
            bio = self.fill("Works on {topic} and {topic}.", context) + (
                " " + self.sentences("en", rng.randint(0, 2), context) if rng.random() < 0.5 else ""
            )
            row = self.row(
                kind, "member", number, "", name, f"{handle} @{handle}", f"{position}\n{org}\n{bio}", None, context
            )
            row["url"] = f"/members/{handle}/"
            row["metadata"].update({"handle": handle, "title": position, "organisation": org})
            return row
        if kind == "focal_point":
            context = self.context("en", topics=(0, 0), countries=(1, 1), conventions=(0, 0))
            convention, template = rng.choice(FOCAL_POINTS)
            context["conventions"] = [convention]
            person = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            body = f"{rng.choice(POSITIONS)}\nMinistry of environment of {context['countries'][0][1]}"
            day = self.day(context["year"])
            row = self.row(kind, "focal_point", number, "", self.fill(template, context), person, body, day, context)
            row["url"] = f"/directory/focal-points/?country={context['countries'][0][0]}"
            return row
        if kind == "decision":
            context = self.context("en", topics=(1, 2), countries=(0, 0), conventions=(1, 1), years=(1994, 2025))
            code = f"{context['conventions'][0]}-{rng.randint(1, 17)}/{rng.randint(1, 30)}"
            summary = self.sentences("en", rng.randint(1, 2), context)
            body = summary + "\n" + self.sentences("en", rng.randint(4, 25), context)
            title = self.fill(rng.choice(TITLES["en"]["decision"]), context)
            row = self.row(kind, "decision", number, "", title, code, body, self.day(context["year"]), context)
            row["url"] = f"/decisions/{code.lower().replace('/', '-')}/"
            row["metadata"].update({"code": code, "summary": summary[:300]})
            row["facets"].append(("year", str(context["year"])))
            return row
        if kind == "meeting":
            context = self.context("en", topics=(1, 1), countries=(0, 1), conventions=(1, 3), years=(2005, 2027))
            title = self.fill(rng.choice(TITLES["en"]["meeting"]), context)
            city = rng.choice(CITIES)
            day = self.day(context["year"])
            body = self.sentences("en", rng.randint(2, 6), context)
            row = self.row(kind, "meeting", number, "", title, city, body, day, context)
            row["url"] = f"/meetings/meeting-{number}/"
            row["metadata"].update({"start": day.isoformat(), "end": (day + timedelta(days=2)).isoformat()})
            row["facets"] = [(facet, value) for facet, value in row["facets"] if facet != "topic"]
            row["facets"].append(("year", str(context["year"])))
            return row
        if kind == "group":
            context = self.context("en", topics=(1, 1), countries=(0, 0), conventions=(0, 0))
            title = self.fill(rng.choice(TITLES["en"]["group"]), context)
            private = number % 2 == 0
            body = self.sentences("en", rng.randint(1, 4), context)
            row = self.row(kind, "group", number, "", title, "", body, None, context)
            row["url"] = f"/groups/group-{number}/"
            row["metadata"]["privacy"] = "private" if private else "open"
            row["private_group_id"] = rng.choice(self.private_groups) if private else None
            row["facets"] = [facet for facet in row["facets"] if facet[0] == "type"]
            return row
        raise ValueError(kind)

    def day(self, year: int) -> date:
        return min(date(year, 1, 1) + timedelta(days=self.rng.randrange(365)), date(2026, 11, 20))

    def row(self, kind, source, number, language, title, keywords, body, day, context) -> dict:
        from search.constants import text_search_config

        self.source_ids[source] += 1

        countries = context["countries"]
        metadata = {}
        if context["conventions"]:
            metadata["conventions"] = context["conventions"]
        if countries:
            metadata["countries"] = [name for _iso3, name in countries[:5]]
            keywords += " " + " ".join(name for _iso3, name in countries)
        facets = [("type", kind)]
        facets += [("convention", code) for code in context["conventions"]]
        facets += [("topic", slug) for slug in context["topics"]]
        facets += [("country", iso3) for iso3, _name in countries]
        facets += [
            ("region", code) for code in sorted({code for iso3, _ in countries for code in self.regions.get(iso3, ())})
        ]
        return {
            "kind": kind,
            "source": source,
            "source_id": 10**7 + self.source_ids[source],  # clear of the real rows of the same sources
            "language": language,
            "config": text_search_config(language),
            "title": title[:500],
            "keywords": keywords.strip(),
            "body": body,
            "url": "",
            "date": day,
            "metadata": metadata,
            "private_group_id": None,
            "facets": sorted(set(facets)),
        }


# Setting up --------------------------------------------------------------------------------------------


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=100_000, help="rows in the index (default 100,000)")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs of each query (default 20)")
    parser.add_argument(
        "--database", default="brs_hub_bench", help="the benchmark's own database (default brs_hub_bench)"
    )
    parser.add_argument(
        "--cache",
        action="store_true",
        help="leave the search cache on (SEARCH_CACHE_SECONDS): the timed runs then measure repeated searches; "
        "without it every request counts and ranks afresh",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database at the end (for --reuse)")
    parser.add_argument(
        "--reuse", action="store_true", help="time the database a --keep run left, without filling it (kept)"
    )
    parser.add_argument(
        "--explain",
        choices=["missed", "all"],
        nargs="?",
        const="missed",
        help="print the view's SQL statements and EXPLAIN ANALYZE of the slowest, for the queries that missed "
        "the goal (or all)",
    )
    options = parser.parse_args()
    if options.database in NOT_OURS or not re.fullmatch(r"[a-z_][a-z0-9_]*", options.database):
        parser.error(f"not a database this benchmark may create and drop: {options.database}")
    return options


def configure(options) -> None:
    """Django with test settings on the benchmark's server; tasks eager; the
    search cache off unless --cache (the figures are of the uncached work)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.setdefault("DATABASE_URL", SERVER)
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        sys.exit("bench/search.py measures PostgreSQL's full-text search: DATABASE_URL must be postgres://…")
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False
    if not options.cache:
        settings.SEARCH_CACHE_SECONDS = 0


def create(database: str) -> None:
    """A new database on the server (dropped first if a run left it), migrated."""
    from django.conf import settings
    from django.db import connection

    settings.DATABASES["default"]["TEST"]["NAME"] = database
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)


def use(database: str) -> None:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.DATABASES["default"]["NAME"] = database
    call_command("migrate", verbosity=0)  # whatever migrations came since the --keep run
    # A migration may have rewritten rows or added indexes: statistics as after a fill.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE search_searchdocument")
        cursor.execute("VACUUM ANALYZE search_searchfacetvalue")


def fill(options) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction

    from community.constants import GroupKind, GroupPrivacy, MembershipStatus
    from community.models import Group, Membership
    from conventions.models import Country, Decision, RegionalGroupMembership, ThematicArea
    from profiles.models import Profile, User
    from search import services
    from search.backends import PostgresBackend
    from search.models import SearchDocument

    started = time.perf_counter()
    call_command("import_reference_data", stdout=io.StringIO())
    services.rebuild(["decision", "meeting", "chemical", "country", "regional_centre"])
    reference_rows = SearchDocument.objects.count()
    print(
        f"reference data imported and indexed ({reference_rows:,} rows: decisions, meetings, chemicals, countries, "
        f"regional centres): {time.perf_counter() - started:.0f} s",
        flush=True,
    )

    groups = Group.objects.bulk_create(
        [
            Group(
                name=f"Bench group {n}", slug=f"bench-group-{n}", kind=GroupKind.THEMATIC, privacy=GroupPrivacy.PRIVATE
            )
            for n in range(40)
        ]
    )
    member = User.objects.create(email="bench-member@example.org", handle="bench-member", password="!")  # noqa: S106 (unusable)
    Profile.objects.get_or_create(user=member, defaults={"display_name": "Bench member"})
    Membership.objects.bulk_create(
        [Membership(group=group, user=member, status=MembershipStatus.ACTIVE) for group in groups[:4]]
    )
    regions: dict[str, list[str]] = {}
    for iso3, code in RegionalGroupMembership.objects.values_list("country__iso3", "group__code"):
        regions.setdefault(iso3, []).append(code)
    reference = {
        "countries": list(Country.objects.states().order_by("iso3").values_list("iso3", "name")),
        "regions": regions,
        "topics": list(ThematicArea.objects.originals().order_by("sort_order").values_list("slug", "name")),
        "decisions": list(Decision.objects.order_by("code").values_list("code", flat=True)) or ["BC-14/12"],
        "private_groups": [group.pk for group in groups],
    }
    writer = Writer(random.Random(2026), reference)

    # The rows, written with COPY in chunks; the ids are given here so that the
    # facet values can name their document.
    wanted = max(0, options.documents - reference_rows)
    kinds = random.Random(7).choices([kind for kind, _ in KINDS], weights=[weight for _, weight in KINDS], k=wanted)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM search_searchdocument")
        next_id = cursor.fetchone()[0] + 1
    first_id = next_id
    started = time.perf_counter()
    now = datetime.now(UTC)
    facet_rows = text_characters = 0
    columns = (
        "id, kind, source, source_id, language, config, title, keywords, body, url, date, recency, metadata, "
        "private_group_id, indexed_at"
    )
    for start in range(0, wanted, 5_000):
        documents = [writer.document(kind) for kind in kinds[start : start + 5_000]]
        with transaction.atomic(), connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY search_searchdocument ({columns}) FROM STDIN") as copy:
                for offset, row in enumerate(documents):
                    copy.write_row(
                        (
                            next_id + offset,
                            row["kind"],
                            row["source"],
                            row["source_id"],
                            row["language"],
                            row["config"],
                            row["title"],
                            row["keywords"],
                            row["body"],
                            row["url"],
                            row["date"],
                            row["date"].toordinal() if row["date"] else 0,  # as search.services writes it
                            json.dumps(row["metadata"], ensure_ascii=False),
                            row["private_group_id"],
                            now,
                        )
                    )
                    text_characters += len(row["title"]) + len(row["keywords"]) + len(row["body"])
            with cursor.cursor.copy("COPY search_searchfacetvalue (document_id, facet, value) FROM STDIN") as copy:
                for offset, row in enumerate(documents):
                    for facet, value in row["facets"]:
                        copy.write_row((next_id + offset, facet, value))
                        facet_rows += 1
        next_id += len(documents)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('search_searchdocument', 'id'), MAX(id)) FROM search_searchdocument"
        )
    generated = time.perf_counter() - started
    private = SearchDocument.objects.filter(private_group__isnull=False).count()
    print(
        f"generated {wanted:,} documents ({text_characters / 1e6:,.0f} million characters of text, "
        f"{facet_rows:,} facet values, "
        f"{private:,} in private groups = {100 * private / max(1, options.documents):.1f}%) in {generated:.1f} s "
        f"({wanted / max(generated, 1e-9):,.0f} documents/s)",
        flush=True,
    )
    print("mix: " + ", ".join(f"{kind} {count:,}" for kind, count in writer.numbers.most_common()))
    languages = Counter(SearchDocument.objects.values_list("language", flat=True))
    print(
        "languages: " + ", ".join(f"{language or 'neutral'} {count:,}" for language, count in languages.most_common())
    )

    # The vectors, as the application computes them, in batches.
    started = time.perf_counter()
    ids = list(range(first_id, next_id))
    for start in range(0, len(ids), 2_000):
        PostgresBackend().write(ids[start : start + 2_000])
    indexed = time.perf_counter() - started
    print(
        f"vectors (search_vector and rank_vector, PostgresBackend.write, batches of 2,000): {indexed:.1f} s "
        f"({len(ids) / max(indexed, 1e-9):,.0f} documents/s)",
        flush=True,
    )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE search_searchdocument")
        cursor.execute("VACUUM ANALYZE search_searchfacetvalue")
    print(f"VACUUM ANALYZE: {time.perf_counter() - started:.1f} s", flush=True)


def vocabulary() -> None:
    """The vocabulary of "Did you mean" for the generated rows, which are
    copied in without it: the words of titles and keywords, 3 to 40
    characters and not only digits, as search.services.remember_words adds
    them. Adds only what is missing (also after --reuse)."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            r"""
            INSERT INTO search_searchterm (word, length)
            SELECT DISTINCT word, length(word) FROM (
                SELECT regexp_split_to_table(lower(title || ' ' || keywords), '\W+') AS word FROM search_searchdocument
            ) AS words
            WHERE length(word) BETWEEN 3 AND 40 AND word !~ '^[0-9]+$'
            ON CONFLICT (word) DO NOTHING
            """
        )
        cursor.execute("SELECT COUNT(*) FROM search_searchterm")
        words = cursor.fetchone()[0]
        cursor.execute("ANALYZE search_searchterm")
    print(f"vocabulary: {words:,} words ({time.perf_counter() - started:.1f} s)", flush=True)


def sizes() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT pg_size_pretty(pg_table_size('search_searchdocument')),
                   (SELECT pg_size_pretty(SUM(pg_relation_size(i.indexrelid))) FROM pg_index i
                    JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
                    WHERE i.indrelid = 'search_searchdocument'::regclass AND am.amname = 'gin'),
                   pg_size_pretty(pg_total_relation_size('search_searchfacetvalue')),
                   (SELECT COUNT(*) FROM search_searchdocument), (SELECT COUNT(*) FROM search_searchfacetvalue)
            """
        )
        table, gin, facets, documents, values = cursor.fetchone()
        settings = []
        for name in ("shared_buffers", "work_mem", "random_page_cost", "max_parallel_workers_per_gather", "jit"):
            cursor.execute(f"SHOW {name}")
            settings.append(f"{name} {cursor.fetchone()[0]}")
    return (
        f"index: {documents:,} documents (table with TOAST {table}, GIN indexes {gin}); "
        f"{values:,} facet values ({facets} with indexes)\nserver: {', '.join(settings)}"
    )


# The queries -------------------------------------------------------------------------------------------

# (label, language of the page, query parameters, as the signed-in member of four private groups)
QUERIES = [
    ("waste", "en", {"q": "waste"}, False),
    ("mercury", "en", {"q": "mercury"}, False),
    ("PCB transformers inventory", "en", {"q": "PCB transformers inventory"}, False),
    ('"environmentally sound management"', "en", {"q": '"environmentally sound management"'}, False),
    ("e-waste · type=best_practice", "en", {"q": "e-waste", "type": "best_practice"}, False),
    ("plastic waste · convention=BC", "en", {"q": "plastic waste", "convention": "BC"}, False),
    (
        "customs training · topic=customs-enforcement",
        "en",
        {"q": "customs training", "topic": "customs-enforcement"},
        False,
    ),
    ("pesticides · country=KEN", "en", {"q": "pesticides", "country": "KEN"}, False),
    ("national implementation plan · year=2023", "en", {"q": "national implementation plan", "year": "2023"}, False),
    ("PCB · sort=date", "en", {"q": "PCB", "sort": "date"}, False),
    ("DDT alternatives · lang=only", "en", {"q": "DDT alternatives", "lang": "only"}, False),
    ("chlordecone (rare)", "en", {"q": "chlordecone"}, False),
    (
        "contaminated sites · type=project_summary · convention=SC",
        "en",
        {"q": "contaminated sites", "type": "project_summary", "convention": "SC"},
        False,
    ),
    ("illegal traffic -plastic", "en", {"q": "illegal traffic -plastic"}, False),
    ("incineration OR co-processing", "en", {"q": "incineration OR co-processing"}, False),
    ("fr: déchets dangereux", "fr", {"q": "déchets dangereux"}, False),
    ("es: residuos plásticos · convention=BC", "es", {"q": "residuos plásticos", "convention": "BC"}, False),
    ("ru: ртуть", "ru", {"q": "ртуть"}, False),
    ("ar: النفايات الخطرة", "ar", {"q": "النفايات الخطرة"}, False),
    (
        "member: PCB inventory · topic=pcbs · region=AFRICAN",
        "en",
        {"q": "PCB inventory", "topic": "pcbs", "region": "AFRICAN"},
        True,
    ),
    # Nothing matches: the page offers a correction from the vocabulary ("Did you mean").
    ("misspelt: transformrs inventroy (none)", "en", {"q": "transformrs inventroy"}, False),
]
# The searches that find nothing (checked for 0, and for a correction).
FINDS_NOTHING = {"misspelt: transformrs inventroy (none)"}


def baseline_statements(language: str, params: dict, member_id: int | None):
    """The raw SQL any implementation must at least run for this search: the
    page of ids by rank and the facet counts over all the matches, with the
    same filters (visibility, language, facets) and the same tsquery text."""
    from search.backends import PostgresBackend
    from search.query import parse_query

    text = parse_query(params["q"]).websearch()
    all_languages = params.get("lang") != "only"  # as the view: every language unless lang=only
    configs = PostgresBackend().configs(None if all_languages else [language])
    where, args = [], []
    if member_id is None:
        where.append("d.private_group_id IS NULL")
    else:
        where.append(
            "(d.private_group_id IS NULL OR d.private_group_id IN "
            "(SELECT m.group_id FROM community_membership m WHERE m.user_id = %s AND m.status = 'active'))"
        )
        args.append(member_id)
    if not all_languages:
        where.append("d.language IN (%s, '')")
        args.append(language)
    if "type" in params:
        where.append("d.kind = %s")  # as the view: the indexed column, no join
        args.append(params["type"])
    for facet in ("convention", "topic", "region", "country", "year"):
        if facet in params:
            where.append(
                "d.id IN (SELECT f.document_id FROM search_searchfacetvalue f WHERE f.facet = %s AND f.value = %s)"
            )
            args += [facet, params[facet]]
    where.append(
        "("
        + " OR ".join(
            "(d.config = %s AND d.search_vector @@ websearch_to_tsquery(%s::regconfig, %s))" for _ in configs
        )
        + ")"
    )
    for config in configs:
        args += [config, config, text]
    # Ranked as the view ranks (without its name and title tiers): ts_rank on
    # the ranking vector, with the row's tsquery a constant per configuration.
    if len(configs) == 1:
        rank, rank_args = "ts_rank(d.rank_vector, websearch_to_tsquery(%s::regconfig, %s), 1)", [configs[0], text]
    else:
        cases = " ".join("WHEN %s THEN websearch_to_tsquery(%s::regconfig, %s)" for _ in configs)
        rank = f"ts_rank(d.rank_vector, CASE d.config {cases} END, 1)"
        rank_args = [value for config in configs for value in (config, config, text)]
    order = "rank DESC, d.date DESC, d.id" if params.get("sort") != "date" else "d.date DESC, rank DESC, d.id"
    order_args = []
    if all_languages:
        order = "CASE WHEN d.language IN (%s, '') THEN 0 ELSE 1 END, " + order
        order_args = [language]
    condition = " AND ".join(where)
    page = (
        f"SELECT d.id, {rank} AS rank FROM search_searchdocument d WHERE {condition} "  # noqa: S608 (fixed SQL, values as parameters)
        f"ORDER BY {order} LIMIT 20",
        rank_args + args + order_args,
    )
    counts = (
        "SELECT f.facet, f.value, COUNT(f.document_id) FROM search_searchfacetvalue f "  # noqa: S608 (as above)
        f"WHERE f.document_id IN (SELECT d.id FROM search_searchdocument d WHERE {condition}) "
        "GROUP BY f.facet, f.value",
        args,
    )
    return page, counts


def run_baseline(cursor, statements):
    """The two statements in one transaction with the planner settings the
    view gives its own (search.backends.PostgresBackend.planned): without
    them the server's JIT compiles for longer than these statements run."""
    from django.db import transaction

    with transaction.atomic():
        cursor.execute("SET LOCAL jit = off")
        cursor.execute("SET LOCAL random_page_cost = 1.1")
        return _run_baseline(cursor, statements)


def _run_baseline(cursor, statements):
    (page_sql, page_args), (counts_sql, counts_args) = statements
    cursor.execute(page_sql, page_args)
    ids = [row[0] for row in cursor.fetchall()]
    cursor.execute(counts_sql, counts_args)
    total = sum(count for facet, _value, count in cursor.fetchall() if facet == "type")
    return ids, total


def percentile(values: list[float], fraction: float) -> float:
    """Nearest rank: the smallest value with at least `fraction` of them at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


COUNT = re.compile(r'id="search-count">\s*([^<]*)<')


def shown_total(content: bytes) -> int:
    match = COUNT.search(content.decode())
    return int(re.sub(r"\D", "", match[1]) or 0) if match else -1


def run(options) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from profiles.models import User
    from search.results import read_request, run_search

    try:
        from search.results import counted_results
    except ImportError:  # a tree from before the counts were capped (#17)
        counted = None
    else:
        counted = counted_results()
    print(sizes())
    print(f"results counted per search: {'all' if counted is None else f'the first {counted:,}'}")
    member = User.objects.get(handle="bench-member")
    anonymous, signed_in = Client(HTTP_HOST=HOST), Client(HTTP_HOST=HOST)
    signed_in.force_login(member)

    # Warm up once each (and check): the view answers 200 with the same total
    # as the raw SQL, and its page holds the same documents in the same order.
    checks = []
    statements = []
    problems = same_pages = 0
    for label, language, params, as_member in QUERIES:
        client = signed_in if as_member else anonymous
        client.get(f"/{language}/search/", params)  # the first request of a client does some one-off reads
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/{language}/search/", params)
        statements.append(len(captured.captured_queries))
        baseline = baseline_statements(language, params, member.pk if as_member else None)
        with connection.cursor() as cursor:
            ids, total = run_baseline(cursor, baseline)
        with translation.override(language):
            outcome = run_search(
                member if as_member else anonymous_user(), read_request(as_query_dict(params)), language
            )
        shown = shown_total(response.content) if response.status_code == 200 else -1
        view_ids = [result.document.pk for result in outcome.results]
        # The view counts at most `counted` results and says "1,000+" beyond.
        expected = total if counted is None else min(total, counted)
        capped = counted is not None and total > counted
        finds = total == 0 if label in FINDS_NOTHING else total > 0
        if not (
            response.status_code == 200
            and shown == expected == outcome.total
            and getattr(outcome, "capped", False) == capped
            and finds
        ):
            problems += 1
            print(
                f"CHECK FAILED: {label}: status {response.status_code}, view shows {shown}, run_search "
                f"{outcome.total}, raw SQL {total}"
            )
        if label in FINDS_NOTHING:
            print(f"{label}: did you mean {outcome.correction or '(nothing offered)'}")
        # The same first page too, when the view ranks by ts_rank alone as the raw SQL does.
        same_pages += view_ids == ids
        checks.append(total)

    # The timed runs: REPEAT rounds, each running every query in turn, the
    # view and its raw SQL one after the other (the view first in even rounds,
    # the raw SQL first in odd ones, so that neither always finds the pages
    # the other just read), so that whatever else the shared machine does
    # falls on both alike.
    view_ms = [[] for _ in QUERIES]
    raw_ms = [[] for _ in QUERIES]
    load = os.getloadavg()[0]
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for round_ in range(options.repeat):
            for index, (_label, language, params, as_member) in enumerate(QUERIES):
                client = signed_in if as_member else anonymous
                baseline = baseline_statements(language, params, member.pk if as_member else None)
                for which in ("view", "raw") if round_ % 2 == 0 else ("raw", "view"):
                    began = time.perf_counter()
                    if which == "view":
                        response = client.get(f"/{language}/search/", params)
                        view_ms[index].append((time.perf_counter() - began) * 1000)
                        assert response.status_code == 200
                    else:
                        run_baseline(cursor, baseline)
                        raw_ms[index].append((time.perf_counter() - began) * 1000)
    elapsed = time.perf_counter() - started

    print(
        f"\n{len(QUERIES)} queries × {options.repeat} runs, interleaved (view and raw SQL in turn), "
        f"in {elapsed:.0f} s; "
        f"{os.cpu_count()} cores, load average {load:.1f} before and {os.getloadavg()[0]:.1f} after; times in ms"
    )
    width = max(len(label) for label, *_ in QUERIES)
    print(
        f"{'query':<{width}}  {'results':>7}  {'SQL':>3}  {'view p50':>8}  {'view p95':>8}  {'raw p50':>7}  "
        f"{'raw p95':>7}  {'ratio p50':>9}  {'ratio p95':>9}"
    )
    missed = []
    for index, (label, *_rest) in enumerate(QUERIES):
        v50, v95 = percentile(view_ms[index], 0.5), percentile(view_ms[index], 0.95)
        r50, r95 = percentile(raw_ms[index], 0.5), percentile(raw_ms[index], 0.95)
        flag = ""
        if v95 >= GOAL_P95_MS or v95 / r95 > GOAL_RATIO:
            flag = "  ← misses the goal"
            missed.append(index)
        print(
            f"{label:<{width}}  {checks[index]:>7,}  {statements[index]:>3}  {v50:>8.1f}  {v95:>8.1f}  {r50:>7.1f}  "
            f"{r95:>7.1f}  {v50 / r50:>8.1f}×  {v95 / r95:>8.1f}×{flag}"
        )
    every_view = [value for values in view_ms for value in values]
    every_raw = [value for values in raw_ms for value in values]
    v50, v95 = percentile(every_view, 0.5), percentile(every_view, 0.95)
    r50, r95 = percentile(every_raw, 0.5), percentile(every_raw, 0.95)
    print(
        f"{'all ' + str(len(every_view)) + ' requests':<{width}}  {'':>7}  {'':>3}  {v50:>8.1f}  {v95:>8.1f}  "
        f"{r50:>7.1f}  {r95:>7.1f}  {v50 / r50:>8.1f}×  {v95 / r95:>8.1f}×"
    )
    over_p95 = sum(percentile(values, 0.95) >= GOAL_P95_MS for values in view_ms)
    over_ratio = sum(
        percentile(view, 0.95) / percentile(raw, 0.95) > GOAL_RATIO for view, raw in zip(view_ms, raw_ms, strict=True)
    )
    print(
        f"\ngoal p95 < {GOAL_P95_MS:.0f} ms: overall view p95 {v95:.1f} ms → "
        f"{'met' if v95 < GOAL_P95_MS else 'MISSED'}; "
        f"queries with p95 ≥ {GOAL_P95_MS:.0f} ms: {over_p95} of {len(QUERIES)}"
    )
    print(
        f"goal view within {GOAL_RATIO:.0f}× raw SQL: overall p95 ratio {v95 / r95:.1f}×, p50 ratio {v50 / r50:.1f}× "
        f"→ {'met' if v95 / r95 <= GOAL_RATIO else 'MISSED'}; queries over {GOAL_RATIO:.0f}× (p95): {over_ratio} "
        f"of {len(QUERIES)}"
    )
    print(
        f"checks (status 200, results found, the raw SQL's total as shown): {len(QUERIES) - problems} of "
        f"{len(QUERIES)}; the same first page (documents and order) as the raw SQL: {same_pages} of {len(QUERIES)}"
    )
    if options.explain:
        explain(QUERIES if options.explain == "all" else [QUERIES[index] for index in missed], anonymous, signed_in)


def anonymous_user():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def as_query_dict(params: dict):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in params.items():
        query[key] = value
    return query


def explain(queries, anonymous, signed_in) -> None:
    """Each statement the view runs for these queries, with its time, and
    EXPLAIN (ANALYZE, BUFFERS) of the two slowest."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    for label, language, params, as_member in queries:
        client = signed_in if as_member else anonymous
        client.get(f"/{language}/search/", params)
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            client.get(f"/{language}/search/", params)
            total = (time.perf_counter() - began) * 1000
        timed = sorted(captured.captured_queries, key=lambda query: -float(query["time"]))
        database = sum(float(query["time"]) for query in timed) * 1000
        print(f"\n=== {label}: {len(timed)} statements, {database:.1f} ms in the database of {total:.1f} ms")
        for query in timed:
            print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:160]}")
        for query in timed[:2]:
            print(f"\n--- EXPLAIN ANALYZE ({float(query['time']) * 1000:.1f} ms when timed):\n{query['sql']}")
            # With the planner settings the view's statements run with (search.backends).
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
                cursor.execute("SET LOCAL random_page_cost = 1.1")
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                print("\n".join(row[0] for row in cursor.fetchall()))


def main() -> None:
    options = arguments()
    configure(options)
    from django.conf import settings
    from django.db import connection

    seconds = settings.SEARCH_CACHE_SECONDS
    print(f"search cache: {f'on ({seconds} s): repeated searches' if seconds else 'off: every search afresh'}")

    if options.reuse:
        use(options.database)
        print(f"database: {options.database} (reused)")
    else:
        started = time.perf_counter()
        create(options.database)
        print(
            f"database: {options.database}, created and migrated in {time.perf_counter() - started:.0f} s", flush=True
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        print(cursor.fetchone()[0].split(" on ")[0])
    try:
        if not options.reuse:
            fill(options)
        vocabulary()
        run(options)
    finally:
        connection.close()
        if not (options.keep or options.reuse):
            connection.creation.destroy_test_db(verbosity=0)
            print(f"database {options.database} dropped")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generate synthetic but realistic client profiles for benchmarking `engage`.

    python3 Benchmarks/generate_profiles.py N OUTDIR [--seed S]

Writes N files OUTDIR/NNNNN-<client-id>.xml. Every profile is valid against
Schema/client-profile.xsd and the rules of
docs/profile-rules.md: ids unique across the file, every reference resolves, the five
journey stages in order, thresholds on the right side of their targets, percentages in
0..100, review dates after the kick-off and in order, segment shares <= 100, exactly one
recommended option and no appraisal year beyond the horizon, at least one sponsor.

Every profile also logs the firm's own relationship with the client (<relationship>,
DESIGN section 13): a start a week or two before the kick-off, the client form, 6 to 30
interactions in date order up to 2026-11-22 through the stages up to a random one, with
their follow-ups, visit checklists, survey answers and advocacy. Most clients keep to the
service standard of Samples/halden-partners/firm.xml; some breach several of its rules, so
that `engage audit` of a pack finds a spread.

The output is deterministic: profile number i depends only on the seed and on i (not on
N), so `N=100` is a prefix of `N=1000` for the same seed. Client ids end in the profile
number, so packs generated with `engage generate --out-dir` never collide.

Only the Python standard library is used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import sys
from xml.sax.saxutils import escape, quoteattr

# ---------------------------------------------------------------------------
# Word lists
# ---------------------------------------------------------------------------

FIRST_NAMES = [
    "Aisha", "Alan", "Amara", "Anil", "Anna", "Ben", "Bridget", "Carlos", "Catherine", "Chen",
    "Claire", "Daniel", "David", "Deepa", "Eilidh", "Elena", "Emeka", "Fatima", "Fiona", "Gareth",
    "Grace", "Hannah", "Hassan", "Helen", "Ian", "Imogen", "Isabel", "James", "Javier", "Joanna",
    "Jonas", "Karen", "Kofi", "Laura", "Liam", "Lucia", "Marek", "Maria", "Mark", "Mei",
    "Michael", "Nadia", "Niamh", "Oliver", "Olumide", "Owen", "Paula", "Pedro", "Priya", "Rachel",
    "Rahul", "Rosa", "Ruth", "Samir", "Sarah", "Sean", "Siobhan", "Sofia", "Tom", "Tomasz",
    "Ursula", "Victor", "Wei", "Yusuf", "Zainab", "Zoe",
]

LAST_NAMES = [
    "Adeyemi", "Ahmed", "Ashworth", "Barker", "Begum", "Brennan", "Byrne", "Campbell", "Chowdhury",
    "Clarke", "Costa", "Dąbrowski", "Doyle", "Ellison", "Evans", "Fernández", "Fitzgerald",
    "Gallagher", "García", "Gupta", "Hughes", "Iyer", "Jansen", "Kapoor", "Kelly", "Kowalski",
    "Lambert", "Li", "Lindqvist", "MacLeod", "Marsh", "McCarthy", "Mensah", "Moreau", "Murphy",
    "Nakamura", "Novak", "O'Brien", "Okafor", "Osei", "Patel", "Porter", "Quinn", "Raman", "Reilly",
    "Rossi", "Schneider", "Shah", "Silva", "Singh", "Sørensen", "Thompson", "Tremblay", "Van Dijk",
    "Walsh", "Whitfield", "Williams", "Wójcik", "Yilmaz", "Zhang",
]

TITLES = ["", "", "", "", "Dr ", "Prof ", "Mr ", "Ms "]

PLACES = [
    "Ashby", "Brackenford", "Calder", "Dunmore", "Eastwick", "Fernhill", "Glenmoor", "Harrowgate",
    "Kilbride", "Larchfield", "Marston", "Northgate", "Oakridge", "Pennant", "Riverside", "Saltmarsh",
    "Thornbury", "Westvale", "Whitecliff", "Yarrow", "Kestrel Bay", "Lough Carra", "Rhosneigr",
    "Strathmore", "Holloway", "Beacon Hill", "Millbrook", "Stonebridge",
]

PROVIDERS = [
    "Halden Partners", "Castlegate Operations Partners", "Kestrel Advisory", "Northlight Consulting",
    "Brightwater & Co", "Ferrous Advisory", "Meridian Change Partners", "Clearpath Consulting",
]

COUNTRIES = [("GB", "GBP"), ("IE", "EUR"), ("DE", "EUR"), ("NL", "EUR"), ("FR", "EUR"),
             ("US", "USD"), ("CA", "CAD"), ("AU", "AUD"), ("SE", "SEK"), ("CH", "CHF")]

CHANNELS = ["in-person", "video-call", "phone", "email", "portal", "report", "workshop",
            "newsletter", "intranet", "chat", "event", "survey"]

FREQUENCIES = ["P1D", "P7D", "P14D", "P1M", "P3M", "P84D", "P2W", "P1W"]
MEETING_FREQUENCIES = ["P7D", "P14D", "P1M", "P1W", "P2W"]

ENGAGEMENT = ["unaware", "resistant", "neutral", "supportive", "leading"]

RISK_CATEGORIES = ["strategic", "operational", "financial", "commercial", "people",
                   "technology", "regulatory", "reputational"]

FORMATS = ["board-paper", "steering-pack", "one-page-dashboard", "action-log", "huddle-notes",
           "written-summary", "finance-pack", "newsletter", "technical-note", "scorecard",
           "call-and-text", "site-walkthrough"]

STAGES = ["discovery", "consideration", "conversion", "retention", "advocacy"]

# Each sector: code and label for <sector>, organisation name patterns, the words used
# in prose, segments, change groups, client roles by level, and sector-specific metrics
# (name, metric text, unit, direction, baseline range, improvement as a fraction).
SECTORS = [
    {
        "key": "health", "code": "86.10", "label": "Hospital activities",
        "names": ["{place} Hospitals", "{place} Community Health", "{place} Care Partnership"],
        "legal": ["{name} NHS Foundation Trust", "{name} Health Board", "{name} Trust"],
        "customer": "patient", "service": "outpatient care", "site": "clinic",
        "product": "appointment", "partner": "GP practices",
        "segments": ["Commissioner contracts", "Specialised services", "Research and education",
                     "Private patients", "Community services", "Mental health contracts"],
        "groups": ["Booking and scheduling staff", "Consultants running clinics", "Outpatient nurses",
                   "Medical secretaries", "Patient experience team", "Ward managers", "Pharmacy team"],
        "exec": [("ceo", "Chief Executive"), ("coo", "Chief Operating Officer"), ("cno", "Chief Nurse"),
                 ("cfo", "Chief Finance Officer"), ("cmo", "Medical Director")],
        "mgmt": [("outpatient-mgr", "Associate Director of Outpatient Services"),
                 ("access-lead", "Head of Elective Access"), ("clinical-director", "Clinical Director for Planned Care"),
                 ("experience-lead", "Head of Patient Experience"), ("digital-lead", "Head of Digital Services")],
        "front": [("booking-lead", "Team Leader, Patient Access Centre"), ("opd-sister", "Outpatient Sister"),
                  ("ward-clerk", "Senior Ward Clerk"), ("porter-lead", "Portering Supervisor")],
        "metrics": [
            ("Patients waiting under 18 weeks", "Incomplete pathways waiting under 18 weeks as a share of all pathways", "%", "higher", (50, 75), 0.2),
            ("Waiting time for a first appointment", "Median days from referral to first attendance", "days", "lower", (60, 120), 0.3),
            ("Clinic waiting time", "Mean minutes from check-in to the start of the consultation", "minutes", "lower", (25, 55), 0.45),
            ("Missed appointments", "Did-not-attend appointments as a share of all booked appointments", "%", "lower", (6, 12), 0.35),
            ("Calls answered quickly", "Calls answered within 60 seconds as a share of calls offered", "%", "higher", (40, 70), 0.4),
        ],
    },
    {
        "key": "aero", "code": "C30.3", "label": "Manufacture of air and spacecraft and related machinery",
        "names": ["{place} Aerostructures", "{place} Precision Engineering", "{place} Composites"],
        "legal": ["{name} Ltd", "{name} GmbH", "{name} plc"],
        "customer": "customer", "service": "supply of structural parts", "site": "plant",
        "product": "delivery", "partner": "tier-1 integrators",
        "segments": ["Commercial airframers", "Defence programmes", "Aftermarket and spares",
                     "Business jets", "Space and satellites"],
        "groups": ["Machine shop operators", "Quality inspectors", "Supply chain planners",
                   "Customer support team", "Night shift", "Engineering change team"],
        "exec": [("ceo", "Managing Director"), ("coo", "Operations Director"), ("cfo", "Finance Director"),
                 ("quality-director", "Quality Director"), ("commercial-director", "Commercial Director")],
        "mgmt": [("production-mgr", "Production Manager"), ("supply-chain-mgr", "Supply Chain Manager"),
                 ("support-mgr", "Customer Support Manager"), ("engineering-mgr", "Engineering Manager")],
        "front": [("lead-inspector", "Lead Inspector"), ("cell-leader", "Cell Leader, 5-axis machining"),
                  ("aog-coordinator", "AOG Coordinator"), ("planner", "Senior Production Planner")],
        "metrics": [
            ("On-time delivery", "Order lines delivered on the acknowledged date as a share of lines due", "%", "higher", (75, 90), 0.15),
            ("Quality escapes", "Non-conforming parts found by customers per million delivered", "ppm", "lower", (800, 2500), 0.6),
            ("AOG response time", "Mean hours from an aircraft-on-ground request to a committed ship date", "h", "lower", (8, 16), 0.55),
            ("First-article pass rate", "First-article inspections accepted at first submission", "%", "higher", (60, 80), 0.3),
            ("Scorecard rating", "Mean supplier scorecard rating across airframer customers, 1-5", "rating", "higher", (2.2, 3.2), 0.35),
        ],
    },
    {
        "key": "agri", "code": "A01.1", "label": "Growing of non-perennial crops",
        "names": ["{place} Growers Co-operative", "{place} Farmers", "{place} Produce"],
        "legal": ["{name} Society Limited", "{name} Co-operative Ltd", "{name} eG"],
        "customer": "member", "service": "grading, packing and marketing", "site": "packhouse",
        "product": "load", "partner": "retail buyers",
        "segments": ["Major retailers", "Wholesale markets", "Food service", "Export", "Processing contracts"],
        "groups": ["Intake and grading staff", "Agronomists", "Member services team", "Packhouse operators",
                   "Transport planners", "Finance and remittance team"],
        "exec": [("ceo", "Chief Executive"), ("chair", "Chair of the Board"), ("cfo", "Finance Director"),
                 ("commercial", "Commercial Director")],
        "mgmt": [("member-services", "Member Services Manager"), ("grading-mgr", "Grading Manager"),
                 ("it-lead", "IT Manager"), ("agronomy-lead", "Head of Agronomy")],
        "front": [("intake-lead", "Intake Supervisor"), ("agronomist", "Field Agronomist"),
                  ("member-rep", "Member Representative"), ("driver-lead", "Transport Coordinator")],
        "metrics": [
            ("Payment time", "Mean days from delivery to remittance", "days", "lower", (25, 45), 0.4),
            ("Grading disputes", "Loads disputed by members as a share of loads graded", "%", "lower", (4, 10), 0.5),
            ("Portal adoption", "Active members using the member portal monthly", "%", "higher", (10, 35), 1.5),
            ("Retail delivery in full", "Retailer orders delivered on time and in full", "%", "higher", (88, 95), 0.04),
            ("Statement queries", "Statement queries per 100 loads", "queries-per-100-loads", "lower", (6, 12), 0.6),
        ],
    },
    {
        "key": "bank", "code": "K64.19", "label": "Other monetary intermediation",
        "names": ["{place} Building Society", "{place} Mutual Bank", "{place} Savings & Loans"],
        "legal": ["{name} Limited", "{name} plc", "{name} AG"],
        "customer": "customer", "service": "mortgages and savings", "site": "branch",
        "product": "application", "partner": "mortgage brokers",
        "segments": ["Residential mortgages", "Savings accounts", "Buy-to-let", "Small business lending", "Insurance commission"],
        "groups": ["Branch advisers", "Mortgage underwriters", "Contact centre agents", "Complaints handlers",
                   "Broker support team", "Digital product team"],
        "exec": [("ceo", "Chief Executive"), ("coo", "Chief Operating Officer"), ("cfo", "Chief Financial Officer"),
                 ("cro", "Chief Risk Officer"), ("cco", "Chief Customer Officer")],
        "mgmt": [("lending-head", "Head of Lending"), ("contact-centre-mgr", "Contact Centre Manager"),
                 ("complaints-mgr", "Head of Complaints"), ("digital-mgr", "Digital Channels Manager")],
        "front": [("branch-mgr", "Branch Manager"), ("underwriter", "Senior Underwriter"),
                  ("team-leader", "Contact Centre Team Leader"), ("broker-adviser", "Broker Account Adviser")],
        "metrics": [
            ("Time to mortgage offer", "Median working days from full application to offer", "days", "lower", (14, 30), 0.4),
            ("First contact resolution", "Enquiries resolved on the first contact", "%", "higher", (55, 75), 0.2),
            ("Complaints upheld", "Complaints upheld by the ombudsman as a share of referrals", "%", "lower", (20, 40), 0.35),
            ("Digital account opening", "Accounts opened online without branch contact", "%", "higher", (30, 60), 0.4),
            ("Call waiting time", "Mean seconds to answer in the contact centre", "seconds", "lower", (90, 300), 0.5),
        ],
    },
    {
        "key": "uni", "code": "P85.42", "label": "Tertiary education",
        "names": ["University of {place}", "{place} College", "{place} Institute of Technology"],
        "legal": ["{name}", "{name} Corporation", "The Governors of {name}"],
        "customer": "student", "service": "teaching and student support", "site": "campus",
        "product": "enrolment", "partner": "schools and colleges",
        "segments": ["Home undergraduates", "International students", "Postgraduate taught", "Research grants",
                     "Apprenticeships", "Short courses"],
        "groups": ["Academic staff", "Student services advisers", "Admissions team", "Library staff",
                   "Timetabling team", "Accommodation team"],
        "exec": [("vc", "Vice-Chancellor"), ("dvc", "Deputy Vice-Chancellor"), ("cfo", "Chief Financial Officer"),
                 ("registrar", "Registrar and Secretary")],
        "mgmt": [("student-services", "Director of Student Services"), ("admissions-head", "Head of Admissions"),
                 ("faculty-dean", "Dean of the Faculty of Science"), ("it-director", "Director of IT Services")],
        "front": [("adviser", "Senior Student Adviser"), ("course-leader", "Course Leader"),
                  ("librarian", "Subject Librarian"), ("rep", "Students' Union Education Officer")],
        "metrics": [
            ("Continuation rate", "First-year students continuing into second year", "%", "higher", (82, 92), 0.05),
            ("Feedback turnaround", "Mean working days from submission to marked feedback", "days", "lower", (15, 28), 0.35),
            ("Overall satisfaction", "Final-year students agreeing they are satisfied", "%", "higher", (70, 85), 0.1),
            ("Offer response time", "Median days from application to decision", "days", "lower", (20, 45), 0.4),
            ("Enquiries answered", "Student enquiries answered within two working days", "%", "higher", (50, 75), 0.25),
        ],
    },
    {
        "key": "logistics", "code": "H52.29", "label": "Other transportation support activities",
        "names": ["{place} Logistics", "{place} Freight", "{place} Distribution"],
        "legal": ["{name} Ltd", "{name} B.V.", "{name} Inc."],
        "customer": "shipper", "service": "freight forwarding and warehousing", "site": "depot",
        "product": "shipment", "partner": "carriers",
        "segments": ["Retail contract logistics", "Pharmaceutical cold chain", "E-commerce parcels",
                     "Automotive inbound", "Ocean freight forwarding"],
        "groups": ["Warehouse operatives", "Transport planners", "Customer service agents", "Drivers",
                   "Customs brokerage team", "Account managers"],
        "exec": [("ceo", "Chief Executive"), ("coo", "Chief Operating Officer"), ("cfo", "Chief Financial Officer"),
                 ("cco", "Chief Commercial Officer")],
        "mgmt": [("ops-mgr", "Regional Operations Manager"), ("cs-mgr", "Customer Service Manager"),
                 ("it-mgr", "Head of Logistics Systems"), ("account-director", "Key Account Director")],
        "front": [("shift-mgr", "Warehouse Shift Manager"), ("planner", "Senior Transport Planner"),
                  ("cs-agent", "Customer Service Team Leader"), ("driver-trainer", "Driver Trainer")],
        "metrics": [
            ("On-time in full", "Shipments delivered on time and in full", "%", "higher", (85, 94), 0.05),
            ("Tracking accuracy", "Shipments with a correct tracking status at each milestone", "%", "higher", (70, 88), 0.1),
            ("Claims rate", "Damage and loss claims per 10,000 shipments", "claims-per-10k", "lower", (8, 25), 0.5),
            ("Quote turnaround", "Median hours from request to quote", "h", "lower", (12, 48), 0.5),
            ("Invoice disputes", "Invoices disputed as a share of invoices issued", "%", "lower", (4, 12), 0.45),
        ],
    },
    {
        "key": "saas", "code": "J62.01", "label": "Computer programming activities",
        "names": ["{place} Software", "{place} Systems", "{place} Cloud"],
        "legal": ["{name} Ltd", "{name} Inc.", "{name} SAS"],
        "customer": "subscriber", "service": "software subscriptions and support", "site": "support centre",
        "product": "ticket", "partner": "implementation partners",
        "segments": ["Enterprise subscriptions", "Mid-market subscriptions", "Professional services",
                     "Marketplace add-ons", "Training and certification"],
        "groups": ["Support engineers", "Customer success managers", "Implementation consultants",
                   "Product managers", "Sales engineers", "Billing team"],
        "exec": [("ceo", "Chief Executive"), ("cto", "Chief Technology Officer"), ("cfo", "Chief Financial Officer"),
                 ("cro", "Chief Revenue Officer"), ("cpo", "Chief Product Officer")],
        "mgmt": [("support-director", "Director of Support"), ("cs-head", "Head of Customer Success"),
                 ("pm-lead", "Group Product Manager"), ("services-mgr", "Professional Services Manager")],
        "front": [("support-lead", "Support Team Lead"), ("csm", "Senior Customer Success Manager"),
                  ("consultant", "Implementation Consultant"), ("community-mgr", "Community Manager")],
        "metrics": [
            ("Gross revenue retention", "Annual recurring revenue retained from existing subscribers", "%", "higher", (82, 92), 0.06),
            ("Time to first response", "Median minutes to first response on priority tickets", "minutes", "lower", (45, 180), 0.6),
            ("Onboarding time", "Median days from contract signature to go-live", "days", "lower", (45, 120), 0.4),
            ("Uptime", "Monthly availability of the production service", "%", "higher", (99.0, 99.7), 0.002),
            ("Monthly churn", "Subscribers cancelling in the month as a share of subscribers", "%", "lower", (1.5, 4.0), 0.4),
        ],
    },
    {
        "key": "water", "code": "E36.00", "label": "Water collection, treatment and supply",
        "names": ["{place} Water", "{place} Water Services", "{place} Utilities"],
        "legal": ["{name} Ltd", "{name} plc", "{name} Authority"],
        "customer": "household customer", "service": "water and wastewater services", "site": "treatment works",
        "product": "service request", "partner": "local councils",
        "segments": ["Household supply", "Business retail", "Wastewater", "Developer services", "Bulk supply"],
        "groups": ["Field technicians", "Contact centre agents", "Network controllers", "Billing team",
                   "Leakage teams", "Metering team"],
        "exec": [("ceo", "Chief Executive"), ("coo", "Director of Operations"), ("cfo", "Chief Financial Officer"),
                 ("customer-director", "Customer Services Director")],
        "mgmt": [("network-mgr", "Head of Network Operations"), ("billing-mgr", "Billing Manager"),
                 ("contact-mgr", "Contact Centre Manager"), ("regulation-lead", "Head of Regulation")],
        "front": [("field-supervisor", "Field Supervisor"), ("agent-lead", "Customer Adviser Team Leader"),
                  ("leakage-lead", "Leakage Technician"), ("meter-lead", "Metering Supervisor")],
        "metrics": [
            ("Supply interruptions", "Mean minutes of supply interruption per property per year", "minutes", "lower", (8, 20), 0.4),
            ("Complaints resolved first time", "Written complaints resolved without escalation", "%", "higher", (70, 88), 0.1),
            ("Leakage", "Megalitres lost per day", "ML-per-day", "lower", (80, 160), 0.2),
            ("Billing accuracy", "Bills issued without a correction", "%", "higher", (90, 97), 0.03),
            ("Appointment keeping", "Field appointments kept in the agreed slot", "%", "higher", (80, 92), 0.08),
        ],
    },
]

# Metrics any sector can use; {customer} and similar words are filled in.
GENERIC_METRICS = [
    ("{Customer} satisfaction", "{Customer}s rating their experience good or very good", "%", "higher", (65, 85), 0.12),
    ("Complaint response time", "Mean working days from a complaint to a full response", "days", "lower", (20, 45), 0.4),
    ("Self-service adoption", "{Product} changes made through self-service", "%", "higher", (15, 45), 0.8),
    ("Follow-up summaries on time", "Meeting summaries sent within the agreed days", "%", "higher", (40, 70), 0.4),
    ("Repeat contacts", "{Customer}s contacting us twice or more about the same issue", "%", "lower", (12, 30), 0.45),
    ("Effort score", "Mean customer effort score after a contact, 1-7", "score", "lower", (3.5, 5.0), 0.25),
]

# What a named value is called, where its key alone would not do.
VALUE_NAMES = {"value": "Value for money", "improvement": "Continuous improvement"}

VALUE_THEMES = [
    ("care", "We treat every {customer} and colleague with respect, so that dealing with {org} never feels like a fight.",
     ["Tell {customer}s what will happen next and when, at every contact.", "Apologise and put it right on the same day when we let a {customer} down."]),
    ("reliability", "We do what we said we would, when we said we would: a promise to a {customer} is a commitment, not an estimate.",
     ["Confirm every {product} date in writing and call before it slips.", "Review every late {product} at the weekly operations meeting."]),
    ("openness", "We are honest about where we fall short and what we are doing about it.",
     ["Publish our service figures every month, good or bad.", "Give a written reason whenever we miss a standard."]),
    ("partnership", "We work with {partner} as one team, so that {customer}s see one joined-up service instead of a series of hand-offs.",
     ["Fix a problem with the partner by phone instead of returning the work.", "Share forecasts with {partner} every month."]),
    ("improvement", "We listen, measure what matters and change how we work when the {service} falls short.",
     ["Review feedback for each {site} monthly and agree one change.", "Test a change in one {site} first, measure it, then spread what works."]),
    ("safety", "Nobody is harmed by our work: we stop and ask when something does not look right.",
     ["Anyone may stop the line or the process to raise a concern.", "Report every near miss within a day."]),
    ("value", "We spend every {currency} as if it were our own and show {customer}s what they get for it.",
     ["Explain every charge on the statement in plain words.", "Challenge any spend that does not serve a {customer}."]),
    ("inclusion", "Our {service} works for everyone, whatever their age, language or ability.",
     ["Keep a phone and paper route for anyone who prefers it.", "Test new letters and screens with a {customer} panel."]),
]

GOAL_TEMPLATES = [
    "Raise the standard of {service} so that {customer}s notice the difference within a year.",
    "Make sure every {customer} can reach us first time and knows what will happen next.",
    "Run every {site} to time, so that {product}s are handled within the promised window.",
    "Work with {partner} so that work arrives complete and nothing is sent back for missing paperwork.",
    "Turn {customer} feedback into visible change every month.",
    "Cut the cost to serve without cutting the quality of {service}.",
    "Move routine {product} changes to self-service while keeping an assisted route open.",
]

EXPECTATION_STATEMENTS = [
    "{Customer}s get a better experience of {service}, measured by {metric_l}.",
    "The {site} teams improve {metric_l} in line with the agreed plan.",
    "{Org} leadership sees steady progress on {metric_l} each month.",
]

# What a client might call each stage in its own words.
STAGE_LABELS = {
    "discovery": "Finding us",
    "consideration": "Choosing",
    "conversion": "Signing up",
    "retention": "Using the service",
    "advocacy": "Recommending us",
}

STAGE_GOALS = {
    "discovery": "Prospective {customer}s and {partner} know what {org} offers and how to start, so that requests arrive complete the first time.",
    "consideration": "{Customer}s understand how long things will take, what happens next and whom to contact, without having to chase.",
    "conversion": "Every {product} is set up correctly at the first attempt, at a time that suits the {customer}.",
    "retention": "The {service} runs to time, problems are fixed quickly and follow-up happens without the {customer} having to chase.",
    "advocacy": "{Customer}s tell us what went well and what did not, see us act on it and recommend {org} to others.",
}

TOUCHPOINTS = {
    "discovery": ["Website service pages", "Referral from {partner}", "Introductory webinar", "Trade fair stand",
                  "Search and social advertising", "Brochure and price list", "First enquiry call"],
    "consideration": ["Acknowledgement of the request", "Quote or proposal", "Needs assessment meeting",
                      "Eligibility check", "Site visit", "Expected-wait notice", "Comparison guide"],
    "conversion": ["Booking call", "Contract and onboarding pack", "Reminder messages", "Self-service portal set-up",
                   "Welcome call", "Payment set-up", "First {product}"],
    "retention": ["Routine {product} handling", "Progress update", "Issue resolution", "Account review meeting",
                  "Statement and invoice", "Service outage notice", "Follow-up after each {product}"],
    "advocacy": ["Satisfaction survey", "Complaint handling", "{Customer} panel", "Case study and reference",
                 "Annual {customer} event", "Online reviews", "Loyalty newsletter"],
}

PAIN_POINTS = [
    "{Customer}s are not told how long they will wait and phone to ask.",
    "Information is held in several systems, so staff re-key it and errors creep in.",
    "Half of the calls wait longer than a minute at peak times.",
    "Letters use internal jargon that {customer}s say they do not understand.",
    "Feedback reaches the {site} only quarterly, too late to act on.",
    "Handovers between teams lose details, and the {customer} has to repeat the story.",
    "Opening hours do not suit {customer}s who work shifts.",
    "Prices & charges are hard to compare with other providers.",
]

OPPORTUNITIES = [
    "Send a digital acknowledgement with the expected time and a link to self-service.",
    "Give front-line staff read access to every system they need to answer at first contact.",
    "Offer a call-back option at peak times.",
    "Rewrite the ten most common letters in plain English with a {customer} panel.",
    "Send each {site} lead a monthly summary of comments with a \"you said, we did\" board.",
    "Use one shared case record from first contact to resolution.",
    "Extend opening hours two evenings a week, staffed from existing rotas.",
]

OPTION_TEXT = {
    "do-nothing": ("Continue the current model",
                   "Keep today's processes and cover the shortfall with overtime and temporary staff."),
    "do-minimum": ("Fix the front door only",
                   "Upgrade telephony and reminders without changing the back-office processes or systems."),
    "do-something": ("{Service} transformation programme",
                     "Redesign the whole {customer} journey: intake, self-service, scheduling, follow-up and feedback, with new roles and systems."),
}

RISK_TEXT = [
    ("Key staff may resist the new ways of working and slow the rollout.", "Lead changes through respected local champions and report results back monthly."),
    ("The systems interface could be delayed by a wider IT freeze.", "Agree the build slot early and keep a manual fallback that needs no interface."),
    ("Seasonal peaks may force pilots to pause.", "Protect the pilot teams in the peak plan and schedule go-live outside the peak."),
    ("Funding could be withdrawn in-year to close a deficit elsewhere.", "Draw down funding against milestones early and phase spend so the programme can pause cleanly."),
    ("New messages could disclose personal data to the wrong person.", "Complete a data protection impact assessment and verify contact details at every call."),
    ("A digital-first approach may exclude some {customer}s and draw criticism.", "Keep an assisted route, complete an equality impact assessment and test with a {customer} panel."),
    ("Benefits may be counted twice across programmes.", "Keep one benefits register owned by finance and reconcile it quarterly."),
    ("A key supplier may fail to deliver on time.", "Hold monthly supplier reviews and keep a second source qualified."),
    ("Regulatory changes could alter the reporting requirements mid-programme.", "Track consultations through the regulation lead and keep reports configurable."),
]

TRAINING = [
    "Two half-day sessions on the new process, plus floor-walkers for the first fortnight after go-live.",
    "A one-hour briefing at each team meeting and a short e-learning module.",
    "Coaching from a local champion and a one-page guide at every workstation.",
    "A full-day workshop on the new roles before any move of teams.",
    "Shadowing a trained colleague for three shifts, then a sign-off by the team leader.",
    "A short classroom course on the new system, with a sandbox to practise in for a month.",
    "Weekly fifteen-minute huddles on one part of the new way of working, for eight weeks.",
    "Job aids at each desk and a named super-user on every shift for the first month.",
]

REVIEW_TEXT = [
    "Mobilisation review: governance agreed, baseline data validated and pilot teams chosen.",
    "Diagnostic review: journey map, touchpoint scores and options appraisal presented to the steering group.",
    "Business case review: recommended option and funding presented to the board.",
    "Pilot go-live review: first changes live in the pilot {site}s.",
    "Checkpoint review: pilot results against expectations and decision on rollout timing.",
    "Rollout review: changes extended to every {site}, with benefits tracking in place.",
    "Benefits review: realised benefits against the business case.",
    "Closure review: lessons learned and handover to business as usual.",
]

RACI_ACTIVITIES = [
    ("diagnostic", "Journey diagnostic and baseline of expectations"),
    ("business-case", "Business case and options appraisal"),
    ("front-door", "Contact centre, call-back and reminder redesign"),
    ("process-redesign", "Back-office process redesign"),
    ("portal", "Self-service portal rollout"),
    ("comms", "{Customer} and partner communications"),
    ("benefits", "Benefits tracking and monthly measurements"),
    ("training", "Training and coaching programme"),
]

# The firm's own relationship with the client (DESIGN section 13): the last day anything
# is logged, how long each stage that ends runs (days), and what each kind of interaction
# goes by, says and looks like.
RELATIONSHIP_END = dt.date(2026, 11, 22)

RELATIONSHIP_STAGE_DAYS = {
    "discovery": (14, 45),
    "consideration": (21, 100),
    "conversion": (45, 180),
    "retention": (90, 200),
}

# Reviews run monthly from conversion on; with at most this many days of them, a profile
# keeps to 30 interactions.
RELATIONSHIP_POST_CONVERSION_DAYS = 420

VISIT_CHECKLIST = ["agenda-sent", "host-named", "introductions", "refreshments", "summary-agreed"]
FIRST_VISIT_EXTRA = "site-tour"

INTERACTION_CHANNELS = {
    "kick-off": ["in-person", "in-person", "video-call"],
    "workshop": ["workshop", "workshop", "in-person"],
    "steering-meeting": ["in-person", "video-call"],
    "visit": ["in-person"],
    "review": ["video-call", "video-call", "in-person", "phone"],
    "feedback-request": ["email", "survey", "phone"],
    "partner-review": ["in-person", "in-person", "video-call"],
}

INTERACTION_NOTES = {
    "kick-off": ["Agreed the scope, the governance and who hears what, when.",
                 "The sponsor set out what success looks like for {org} in the first year."],
    "workshop": ["Mapped the {customer} journey with the {site} teams and agreed the pain points to tackle first.",
                 "Worked through the options with the managers; two need more data before a decision."],
    "steering-meeting": ["The steering group agreed the plan and the next decisions it needs to take.",
                         "Agreed to move into the next phase, with a named owner for each action."],
    "visit": ["Visited a {site} and met the team who handle {product}s day to day.",
              "Saw the new process in use; staff raised two issues with the hand-offs."],
    "review": ["Reviewed progress against the expectations; one measure is behind plan.",
               "Reviewed the actions log; all but one action closed on time."],
    "feedback-request": ["Asked the sponsor how the stage went for them and what to change.",
                         "Sent the stage feedback form to the sponsor."],
    "partner-review": ["The partner and the sponsor reviewed the relationship apart from the work itself.",
                       "Talked about what {org} needs next year and how the firm could help."],
}

ADVOCACY_KINDS = ["referral", "testimonial", "case-study", "repeat-work"]

# How closely each tier of client relationship keeps to the standard: the chance of each
# kind of slip and the spacing of regular touchpoints (days).
COMPLIANCE = {
    "good": {"form-late": 0.02, "agreed-short": 0.03, "absent": 0.01, "checklist-miss": 0.03, "no-checklist": 0.0,
             "feedback-miss": 0.03, "follow-up-slip": 0.04, "review-gap": (21, 30), "update-gap": (7, 14),
             "survey-gap": (140, 178), "partner-gap": (140, 178)},
    "fair": {"form-late": 0.15, "agreed-short": 0.15, "absent": 0.10, "checklist-miss": 0.20, "no-checklist": 0.03,
             "feedback-miss": 0.20, "follow-up-slip": 0.20, "review-gap": (22, 33), "update-gap": (9, 16),
             "survey-gap": (150, 190), "partner-gap": (150, 190)},
    "poor": {"form-late": 0.45, "agreed-short": 0.40, "absent": 0.25, "checklist-miss": 0.45, "no-checklist": 0.10,
             "feedback-miss": 0.45, "follow-up-slip": 0.50, "review-gap": (25, 45), "update-gap": (10, 24),
             "survey-gap": (160, 230), "partner-gap": (160, 230)},
}

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def slug(text: str) -> str:
    text = text.lower().replace("&", "and")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if not text or not text[0].isalpha():
        text = "x-" + text
    return text[:40].strip("-")


class IdPool:
    """Ids unique across one profile (profile rule 1)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, prefix: str, base: str) -> str:
        candidate = f"{prefix}-{slug(base)}"[:56].strip("-")
        result, n = candidate, 2
        while result in self.used:
            result = f"{candidate}-{n}"
            n += 1
        self.used.add(result)
        return result


def fmt_number(value: float, digits: int) -> str:
    text = f"{value:.{digits}f}"
    if digits and "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def digits_for(low: float, high: float) -> int:
    span = max(abs(low), abs(high))
    if span >= 100:
        return 0
    if span >= 10:
        return 1
    return 2


def money(value: float) -> str:
    return f"{max(0.0, round(value / 1000.0) * 1000.0):.2f}"


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def text(value: str) -> str:
    return escape(value)


def attr(value) -> str:
    return quoteattr(str(value))


# ---------------------------------------------------------------------------
# One profile
# ---------------------------------------------------------------------------


class ProfileBuilder:
    def __init__(self, rng: random.Random, number: int, seed: str = "") -> None:
        self.rng = rng
        self.rng_seed = seed or str(number)
        self.number = number
        self.ids = IdPool()
        self.sector = rng.choice(SECTORS)
        place = rng.choice(PLACES)
        self.name = rng.choice(self.sector["names"]).format(place=place)
        # "Yarrow Community Health" + " Health Board": say the shared word once.
        self.legal = re.sub(r"\b(\w+) \1\b", r"\1", rng.choice(self.sector["legal"]).format(name=self.name))
        self.provider = rng.choice(PROVIDERS)
        self.country, self.currency = rng.choice(COUNTRIES)
        self.client_id = f"{slug(self.name)}-{number:05d}"
        self.ids.used.add(self.client_id)
        s = self.sector
        self.words = {
            "customer": s["customer"], "Customer": s["customer"][:1].upper() + s["customer"][1:],
            "service": s["service"], "Service": s["service"][:1].upper() + s["service"][1:],
            "site": s["site"], "product": s["product"],
            "Product": s["product"][:1].upper() + s["product"][1:],
            "partner": s["partner"], "org": self.name, "Org": self.name, "currency": self.currency,
        }
        self.kickoff = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 640))
        self.out: list[str] = []

    def w(self, template: str, **extra) -> str:
        return template.format(**self.words, **extra)

    def line(self, depth: int, content: str) -> None:
        self.out.append("  " * depth + content)

    def deal(self, deck: str, cards: list):
        """The next card of a per-profile shuffled deck of `cards`; None once it is spent,
        so that no profile says the same thing of two touchpoints."""
        decks = self.__dict__.setdefault("decks", {})
        if deck not in decks:
            shuffled = list(cards)
            random.Random(f"{self.rng_seed}-{deck}").shuffle(shuffled)
            decks[deck] = shuffled
        return decks[deck].pop() if decks[deck] else None

    def person(self) -> str:
        r = self.rng
        return f"{r.choice(TITLES)}{r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)}"

    # -- parts -------------------------------------------------------------

    def build(self) -> str:
        r = self.rng
        self.out = ['<?xml version="1.0" encoding="UTF-8"?>',
                    f"<!-- Synthetic benchmark profile {self.number} ({self.sector['key']}), "
                    f"generated by Benchmarks/generate_profiles.py. All names are invented. -->",
                    f'<client id={attr(self.client_id)} schema-version="1">']
        self.identity()
        self.line(1, f"<mission>{text(self.w('To provide {service} that {customer}s can rely on, delivered fairly and openly by {org} and its partners, so that every {customer} is treated as we would want our own family to be treated.'))}</mission>")
        if r.random() < 0.8:
            self.line(1, f"<vision>{text(self.w('By 2030 every {customer} of {org} rates the {service} among the best in the country and would recommend us.'))}</vision>")
        self.values()
        self.stakeholders()
        self.goals()
        self.expectations()
        self.segments()
        self.journey()
        self.loyalty()
        self.measurements()
        self.appraisal_and_options()
        self.commercial()
        self.risks()
        self.change_impacts()
        self.communication()
        self.reviews()
        self.raci()
        self.relationship()
        self.out.append("</client>")
        return "\n".join(self.out) + "\n"

    def identity(self) -> None:
        r = self.rng
        employees = int(10 ** r.uniform(1.7, 4.3))
        revenue = employees * r.uniform(60_000, 250_000)
        self.line(1, "<identity>")
        self.line(2, f"<name>{text(self.name)}</name>")
        self.line(2, f"<legal-name>{text(self.legal)}</legal-name>")
        self.line(2, f"<sector code={attr(self.sector['code'])}>{text(self.sector['label'])}</sector>")
        self.line(2, f"<country>{self.country}</country>")
        self.line(2, f"<currency>{self.currency}</currency>")
        self.line(2, f"<employees>{employees}</employees>")
        self.line(2, f"<revenue>{money(revenue)}</revenue>")
        self.line(1, "</identity>")

    def values(self) -> None:
        r = self.rng
        themes = r.sample(VALUE_THEMES, r.randint(2, 5))
        self.value_ids = []
        self.line(1, "<values>")
        for priority, (key, statement, behaviours) in enumerate(themes, start=1):
            vid = self.ids.make("val", key)
            self.value_ids.append(vid)
            self.line(2, f"<value id={attr(vid)} priority=\"{priority}\">")
            # Every other value is named; the rest take their name from the id, as
            # profiles written before <name> existed do.
            if priority % 2 == 1:
                self.line(3, f"<name>{text(VALUE_NAMES.get(key, key.capitalize()))}</name>")
            self.line(3, f"<statement>{text(self.w(statement))}</statement>")
            for behaviour in behaviours[: r.randint(1, len(behaviours))]:
                self.line(3, f"<behaviour>{text(self.w(behaviour))}</behaviour>")
            self.line(2, "</value>")
        self.line(1, "</values>")

    def stakeholders(self) -> None:
        r = self.rng
        s = self.sector
        total = r.randint(6, 15)
        provider_count = r.randint(2, min(4, total - 4))
        client_count = total - provider_count
        execs = r.sample(s["exec"], min(len(s["exec"]), max(2, client_count // 3)))
        rest = client_count - len(execs)
        mgmt_n = min(len(s["mgmt"]), max(1, (rest + 1) // 2))
        mgmts = r.sample(s["mgmt"], mgmt_n)
        fronts_pool = s["front"]
        fronts = [fronts_pool[i % len(fronts_pool)] for i in range(rest - mgmt_n)]
        provider_roles = [("partner", f"Partner, {self.provider}", "executive"),
                          ("engagement-mgr", f"Engagement Manager, {self.provider}", "management"),
                          ("consultant", f"Senior Consultant, {self.provider}", "frontline"),
                          ("analyst", f"Analyst, {self.provider}", "frontline")]
        people = ([(k, role, "executive", "client") for k, role in execs]
                  + [(k, role, "management", "client") for k, role in mgmts]
                  + [(k, role, "frontline", "client") for k, role in fronts]
                  + [(k, role, level, "provider") for k, role, level in provider_roles[:provider_count]])
        sponsor_index = r.randrange(len(execs))
        # Reporting lines in half of the profiles, from a generator of their own so that the
        # rest of the profile stays as it was: managers answer to an executive, frontline
        # leaders to a manager.
        lines = random.Random(f"{self.rng_seed}-reports-to")
        reporting = lines.random() < 0.5
        mgmt_ids: list[str] = []
        self.stakeholder_ids: list[str] = []
        self.client_ids: list[str] = []
        self.exec_ids: list[str] = []
        # Who is who, for the relationship log; recorded as the stakeholders are written,
        # without a draw of its own, so that nothing else moves.
        self.sponsor_ids: list[str] = []
        self.sides: dict[str, tuple[str, str]] = {}
        self.line(1, "<stakeholders>")
        for index, (key, role, level, side) in enumerate(people):
            sid = self.ids.make("sh", key)
            self.stakeholder_ids.append(sid)
            if side == "client":
                self.client_ids.append(sid)
                if level == "executive":
                    self.exec_ids.append(sid)
            base = {"executive": 4, "management": 3, "frontline": 2}[level]
            influence = max(1, min(5, base + r.randint(-1, 1)))
            interest = r.randint(1, 5)
            current = r.randrange(0, 5) if side == "client" else r.randint(3, 4)
            desired = max(current, r.randint(3, 4))
            sponsor = index == sponsor_index or (level == "executive" and side == "client" and r.random() < 0.1)
            attrs = (f'id={attr(sid)} side="{side}" level="{level}" influence="{influence}" interest="{interest}" '
                     f'current-engagement="{ENGAGEMENT[current]}" desired-engagement="{ENGAGEMENT[desired]}"')
            self.sides[sid] = (side, level)
            if sponsor:
                self.sponsor_ids.append(sid)
                attrs += ' sponsor="true"'
            if reporting and side == "client" and level == "management" and self.exec_ids:
                attrs += f' reports-to={attr(lines.choice(self.exec_ids))}'
            if reporting and side == "client" and level == "frontline" and mgmt_ids:
                attrs += f' reports-to={attr(lines.choice(mgmt_ids))}'
            if side == "client" and level == "management":
                mgmt_ids.append(sid)
            if r.random() < 0.9:
                attrs += f' channel="{r.choice(CHANNELS)}" frequency="{r.choice(MEETING_FREQUENCIES)}"'
            self.line(2, f"<stakeholder {attrs}>")
            self.line(3, f"<name>{text(self.person())}</name>")
            self.line(3, f"<role>{text(role)}</role>")
            self.line(2, "</stakeholder>")
        # A third party (a partner the client works with) in a third of the profiles, from
        # a generator of its own so that the rest of the profile stays as it was.
        t = random.Random(f"{self.rng_seed}-third-party")
        if t.random() < 0.33:
            sid = self.ids.make("sh", "partner-org")
            attrs = (f'id={attr(sid)} side="third-party" level="executive" influence="{t.randint(2, 4)}" interest="{t.randint(2, 4)}" '
                     f'current-engagement="neutral" desired-engagement="supportive" channel="report" frequency="P1M"')
            self.line(2, f"<stakeholder {attrs}>")
            self.line(3, f"<name>{text(t.choice(FIRST_NAMES) + ' ' + t.choice(LAST_NAMES))}</name>")
            self.line(3, f"<role>{text(self.w('Head of Partnerships, {partner}'))}</role>")
            self.line(2, "</stakeholder>")
        self.line(1, "</stakeholders>")

    def goals(self) -> None:
        r = self.rng
        self.goal_ids = []
        self.line(1, "<goals>")
        for statement in r.sample(GOAL_TEMPLATES, r.randint(2, 5)):
            gid = self.ids.make("goal", " ".join(statement.split()[:3]))
            self.goal_ids.append(gid)
            serves = " ".join(r.sample(self.value_ids, r.randint(1, min(2, len(self.value_ids)))))
            due = add_months(self.kickoff, r.randint(6, 24))
            self.line(2, f"<goal id={attr(gid)} owner={attr(r.choice(self.client_ids))} serves={attr(serves)} due=\"{due}\">")
            self.line(3, f"<statement>{text(self.w(statement))}</statement>")
            self.line(2, "</goal>")
        self.line(1, "</goals>")

    def expectations(self) -> None:
        r = self.rng
        pool = list(self.sector["metrics"]) + list(GENERIC_METRICS)
        chosen = r.sample(pool, r.randint(5, 10))
        self.expectations_data = []
        self.line(1, "<expectations>")
        for name, metric, unit, direction, (low, high), gain in chosen:
            name, metric = self.w(name), self.w(metric)
            eid = self.ids.make("exp", name)
            digits = digits_for(low, high)
            baseline = r.uniform(low, high)
            if direction == "higher":
                target = baseline * (1 + gain * r.uniform(0.6, 1.2))
                if unit == "%":
                    target = min(target, 99.9 if baseline < 99 else 99.99)
                    digits = max(digits, 2 if baseline > 99 else digits)
            else:
                target = baseline * (1 - gain * r.uniform(0.6, 1.2))
            baseline_r = round(baseline, digits)
            target_r = round(target, digits)
            threshold_r = round(baseline + (target - baseline) * r.uniform(0.4, 0.8), digits)
            # Profile rule 4: the threshold is never better than the target.
            if direction == "higher":
                threshold_r = min(threshold_r, target_r)
            else:
                threshold_r = max(threshold_r, target_r)
            if unit == "%":
                baseline_r, target_r, threshold_r = (min(100.0, max(0.0, v)) for v in (baseline_r, target_r, threshold_r))
            full_direction = f"{direction}-is-better"
            self.expectations_data.append((eid, unit, direction, baseline_r, target_r, threshold_r, digits))
            due = add_months(self.kickoff, r.randint(4, 18))
            # Glide paths and cadences draw from a generator of their own, so that the rest
            # of the profile stays as it was: a third of the expectations get milestones
            # spaced to the due date, a fifth a cadence of their own.
            g = random.Random(f"{self.rng_seed}-glide-{eid}")
            cadence = f' cadence="{g.choice(["P1M", "P3M", "P14D"])}"' if g.random() < 0.2 else ""
            self.line(2, f"<expectation id={attr(eid)} stakeholder={attr(r.choice(self.client_ids))} "
                         f"goal={attr(r.choice(self.goal_ids))} unit={attr(unit)} baseline=\"{fmt_number(baseline_r, digits)}\" "
                         f"target=\"{fmt_number(target_r, digits)}\" threshold=\"{fmt_number(threshold_r, digits)}\" "
                         f"direction=\"{full_direction}\" due=\"{due}\"{cadence}>")
            statement = r.choice(EXPECTATION_STATEMENTS)
            self.line(3, f"<statement>{text(self.w(statement, metric_l=name.lower()))}</statement>")
            self.line(3, f"<metric>{text(metric)}, calendar month</metric>")
            if g.random() < 0.33:
                months = max(1, (due.year - self.kickoff.year) * 12 + due.month - self.kickoff.month)
                steps = g.randint(1, 3)
                used = set()
                for step in range(1, steps + 1):
                    when = add_months(self.kickoff, months * step // (steps + 1))
                    if not when < due or when in used:
                        continue
                    used.add(when)
                    value = baseline_r + (target_r - baseline_r) * step / (steps + 1)
                    self.line(3, f'<milestone date="{when}" value="{fmt_number(round(value, digits), digits)}"/>')
            self.line(2, "</expectation>")
        self.line(1, "</expectations>")

    def segments(self) -> None:
        r = self.rng
        names = r.sample(self.sector["segments"], r.randint(2, min(5, len(self.sector["segments"]))))
        weights = sorted((r.uniform(1, 10) for _ in names), reverse=True)
        weights[0] *= r.uniform(2, 6)
        total = r.uniform(85, 100)
        shares = [int(w / sum(weights) * total * 10) / 10 for w in weights]  # floor: sum <= 100
        self.line(1, "<segments>")
        for index, (name, share) in enumerate(zip(names, shares)):
            sid = self.ids.make("seg", name)
            core = ' core="true"' if index == 0 or (index == 1 and share > 15) else ""
            self.line(2, f"<segment id={attr(sid)} revenue-share=\"{fmt_number(share, 1)}\"{core}>")
            self.line(3, f"<name>{text(name)}</name>")
            if r.random() < 0.8:
                self.line(3, f"<description>{text(self.w('Revenue from ' + name.lower() + ', served through the {service} of {org}.'))}</description>")
            self.line(2, "</segment>")
        self.line(1, "</segments>")

    def journey(self) -> None:
        r = self.rng
        exp_ids = [e[0] for e in self.expectations_data]
        self.line(1, "<journey>")
        # A quarter of the profiles name their stages in their own words, from a generator
        # of its own so that the rest of the profile stays as it was.
        labelled = random.Random(f"{self.rng_seed}-stage-labels").random() < 0.25
        for stage in STAGES:
            label = f' label="{STAGE_LABELS[stage]}"' if labelled else ""
            self.line(2, f'<stage name="{stage}"{label}>')
            self.line(3, f"<goal>{text(self.w(STAGE_GOALS[stage]))}</goal>")
            for name in r.sample(TOUCHPOINTS[stage], r.randint(2, 4)):
                name = self.w(name)
                tid = self.ids.make("tp", name)
                emotional = r.choice([-2, -1, -1, 0, 0, 0, 1, 1, 1, 2])
                objective = max(0, min(100, int(r.gauss(62 + emotional * 8, 14))))
                serves = " ".join(r.sample(exp_ids, r.randint(1, min(3, len(exp_ids)))))
                self.line(3, f"<touchpoint id={attr(tid)} channel=\"{r.choice(CHANNELS)}\" owner={attr(r.choice(self.stakeholder_ids))} "
                             f"frequency=\"{r.choice(FREQUENCIES)}\" serves={attr(serves)} emotional=\"{emotional}\" "
                             f"objective=\"{objective}\" responses=\"{int(10 ** r.uniform(1, 3.8))}\">")
                self.line(4, f"<name>{text(name)}</name>")
                # The draws stay as they were, so the rest of the profile does too; the
                # texts come from shuffled decks, so that one profile repeats a pain point
                # or an opportunity only once the deck is spent.
                for _ in r.sample(PAIN_POINTS, r.randint(0, 2)):
                    if (pain := self.deal("pain", PAIN_POINTS)) is not None:
                        self.line(4, f"<pain-point>{text(self.w(pain))}</pain-point>")
                for _ in r.sample(OPPORTUNITIES, r.randint(0, 2)):
                    if (opportunity := self.deal("opportunity", OPPORTUNITIES)) is not None:
                        self.line(4, f"<opportunity>{text(self.w(opportunity))}</opportunity>")
                self.line(3, "</touchpoint>")
            self.line(2, "</stage>")
        self.line(1, "</journey>")

    def loyalty(self) -> None:
        r = self.rng
        start = add_months(self.kickoff, -6)
        end = add_months(self.kickoff, -1)
        answers = int(10 ** r.uniform(2, 4))
        promoters = int(answers * r.uniform(0.2, 0.6))
        detractors = int(answers * r.uniform(0.05, 0.35))
        passives = max(0, answers - promoters - detractors)
        if promoters + passives + detractors == 0:
            promoters = 1
        self.line(1, f'<loyalty from="{start}" to="{end}">')
        self.line(2, f'<nps promoters="{promoters}" passives="{passives}" detractors="{detractors}"/>')
        if r.random() < 0.85:
            scores = [int(answers * r.uniform(lo, hi)) for lo, hi in ((0.02, 0.08), (0.04, 0.1), (0.1, 0.2), (0.25, 0.4), (0.2, 0.45))]
            self.line(2, "<csat " + " ".join(f'score-{i}="{v}"' for i, v in enumerate(scores, start=1)) + "/>")
        if r.random() < 0.8:
            self.line(2, f'<ces average="{fmt_number(r.uniform(2.0, 5.5), 1)}" responses="{int(answers * r.uniform(0.2, 0.6))}"/>')
        self.line(1, "</loyalty>")

    def measurements(self) -> None:
        r = self.rng
        first = add_months(self.kickoff, -3)
        self.line(1, "<measurements>")
        for eid, unit, direction, baseline, target, threshold, digits in self.expectations_data:
            missed = r.random() < 0.25   # about a quarter end on the wrong side of the threshold
            final = threshold + (threshold - baseline) * r.uniform(0.05, 0.3) * (-1 if missed else 1)
            if not missed:
                final = threshold + (target - threshold) * r.uniform(0.1, 0.7)
            for month in range(6):
                fraction = (month + 1) / 6
                value = baseline + (final - baseline) * fraction + r.gauss(0, abs(target - baseline) * 0.03)
                if month == 5:
                    value = final
                value = round(value, digits)
                if unit == "%":
                    value = min(100.0, max(0.0, value))
                else:
                    value = max(0.0, value)
                day = add_months(first, month).replace(day=15)
                self.line(2, f'<measurement expectation={attr(eid)} date="{day}" value="{fmt_number(value, digits)}"/>')
        self.line(1, "</measurements>")

    def appraisal_and_options(self) -> None:
        r = self.rng
        horizon = r.randint(3, 10)
        rate = r.choice(["3.5", "5", "6", "7.5", "8", "10"])
        bias = r.choice([10, 15, 20, 24, 30, 40])
        # The method draws from a generator of its own, so that the rest of every profile
        # stays what it was before profiles had a method: public bodies mostly say they
        # are public; others say private, or leave it to the default; the private ones
        # mostly give no optimism bias; a fifth give incremental flows.
        m = random.Random(f"{self.rng_seed}-method")
        public = self.sector["key"] in ("health", "uni", "water") and m.random() < 0.8
        if public:
            governance = ' governance="prince2-board"' if m.random() < 0.5 else ""
            self.line(1, f'<method sector="public"{governance}/>')
        elif m.random() < 0.7:
            governance = ' governance="steering-committee"' if m.random() < 0.5 else ""
            self.line(1, f'<method sector="private"{governance}/>')
        incremental = m.random() < 0.2
        attributes = f'discount-rate="{rate}" horizon="{horizon}"'
        if public or m.random() < 0.4:
            attributes += f' optimism-bias="{bias}"'
        attributes += f' base-year="{self.kickoff.year}"'
        if incremental:
            attributes += ' basis="incremental"'
        elif m.random() < 0.3:
            attributes += ' basis="absolute"'
        self.line(1, f"<appraisal {attributes}/>")
        scale = 10 ** r.uniform(5, 6.7)
        recommended = "do-something" if r.random() < 0.8 else "do-minimum"
        self.line(1, "<options>")
        for kind in ("do-nothing", "do-minimum", "do-something"):
            name, description = OPTION_TEXT[kind]
            oid = self.ids.make("opt", kind)
            rec = ' recommended="true"' if kind == recommended else ""
            self.line(2, f'<option id={attr(oid)} kind="{kind}"{rec}>')
            self.line(3, f"<name>{text(self.w(name))}</name>")
            self.line(3, f"<description>{text(self.w(description))}</description>")
            if kind != "do-nothing":
                self.line(3, f'<benefit kind="cash">{text(self.w("Released capacity in every {site} avoids premium-rate overtime."))}</benefit>')
                self.line(3, f'<benefit kind="non-cash">{text(self.w("{Customer}s wait less and complain less."))}</benefit>')
                self.line(3, f"<dis-benefit>{text('Reduced capacity while staff are trained on the new process.')}</dis-benefit>")
            else:
                self.line(3, f"<dis-benefit>{text(self.w('Backlogs keep growing and {customer} complaints continue to rise.'))}</dis-benefit>")
            factor = {"do-nothing": 0.0, "do-minimum": 0.4, "do-something": 1.0}[kind]
            years = range(0, horizon + 1) if r.random() < 0.85 else sorted(r.sample(range(0, horizon + 1), max(2, horizon // 2)))
            for n in years:
                if kind == "do-nothing" and incremental:
                    # Differences from doing nothing: doing nothing has none.
                    attrs = 'opex="0.00"'
                elif kind == "do-nothing":
                    attrs = f'opex="{money(scale * 0.5 * (1.04 ** n))}" cash-benefits="{money(scale * 0.45)}" dis-benefits="{money(scale * 0.05 * (n + 1))}"'
                else:
                    capex = scale * factor * (1.0 if n == 0 else (0.3 if n == 1 else 0.0))
                    opex = scale * factor * 0.3
                    ramp = min(1.0, n / 2.0)
                    cash = scale * factor * r.uniform(0.5, 1.3) * ramp + scale * 0.05
                    noncash = scale * factor * 0.25 * ramp
                    dis = scale * factor * 0.08 if n < 2 else 0
                    attrs = f'capex="{money(capex)}" opex="{money(opex)}" cash-benefits="{money(cash)}"'
                    if noncash:
                        attrs += f' non-cash-benefits="{money(noncash)}"'
                    if dis:
                        attrs += f' dis-benefits="{money(dis)}"'
                self.line(3, f'<year n="{n}" {attrs}/>')
            self.line(2, "</option>")
        self.line(1, "</options>")
        self.scale = scale

    def commercial(self) -> None:
        r = self.rng
        model = r.choice(["fixed-fee", "time-and-materials", "retainer", "outcome-based"])
        term = r.choice([6, 9, 12, 18, 24])
        fee = money(self.scale * r.uniform(0.2, 0.5))
        self.line(1, f'<commercial model="{model}" term-months="{term}">')
        self.line(2, f"<fee-basis>{text(f'A fee of {self.currency} {fee} over {term} months, invoiced monthly in arrears; 10% is at risk against the agreed expectations.')}</fee-basis>")
        self.line(1, "</commercial>")
        self.line(1, f'<budget available="{money(self.scale * r.uniform(1.0, 3.0))}">{text(self.w("Funded from the {org} transformation reserve, approved by the board."))}</budget>')

    def risks(self) -> None:
        r = self.rng
        self.line(1, "<risks>")
        for description, mitigation in r.sample(RISK_TEXT, r.randint(3, 8)):
            rid = self.ids.make("risk", " ".join(description.split()[:4]))
            self.line(2, f'<risk id={attr(rid)} category="{r.choice(RISK_CATEGORIES)}" likelihood="{r.randint(1, 5)}" '
                         f'impact="{r.randint(1, 5)}" owner={attr(r.choice(self.stakeholder_ids))}>')
            self.line(3, f"<description>{text(self.w(description))}</description>")
            self.line(3, f"<mitigation>{text(self.w(mitigation))}</mitigation>")
            self.line(2, "</risk>")
        self.line(1, "</risks>")

    def change_impacts(self) -> None:
        r = self.rng
        self.line(1, "<change-impacts>")
        for group in r.sample(self.sector["groups"], r.randint(2, min(6, len(self.sector["groups"])))):
            cid = self.ids.make("ci", group)
            degrees = " ".join(f'{a}="{r.randint(0, 5)}"' for a in ("process", "systems", "roles", "behaviours", "reporting", "location"))
            adkar = " ".join(f'{a}="{r.randint(1, 5)}"' for a in ("awareness", "desire", "knowledge", "ability", "reinforcement"))
            self.line(2, f'<change-impact id={attr(cid)} headcount="{r.randint(4, 600)}" {degrees} {adkar} '
                         f'resistance="{r.choice(["low", "medium", "high"])}">')
            self.line(3, f"<group>{text(group)}</group>")
            # The draw stays, so the rest of the profile does; the text comes from a deck,
            # so that no two groups of one profile get the same training.
            choice = r.choice(TRAINING)
            self.line(3, f"<training-need>{text(self.deal('training', TRAINING) or choice)}</training-need>")
            self.line(2, "</change-impact>")
        self.line(1, "</change-impacts>")

    def communication(self) -> None:
        r = self.rng
        self.line(1, "<communication>")
        chosen = [s for s in self.stakeholder_ids if r.random() < 0.75] or self.stakeholder_ids[:1]
        for sid in chosen:
            pid = self.ids.make("pref", sid[3:])
            attrs = (f'id={attr(pid)} stakeholder={attr(sid)} channel="{r.choice(CHANNELS)}" '
                     f'frequency="{r.choice(MEETING_FREQUENCIES)}" format="{r.choice(FORMATS)}"')
            if r.random() < 0.85:
                attrs += f' summary-within-days="{r.randint(1, 5)}"'
            if r.random() < 0.85:
                attrs += f' update-every="{r.choice(MEETING_FREQUENCIES)}"'
            self.line(2, f"<preference {attrs}/>")
        self.line(2, "<escalation>")
        steps = r.sample(self.stakeholder_ids, r.randint(2, min(4, len(self.stakeholder_ids))))
        # What each step does, so that no two steps read alike.
        duties = [
            "The first owner hears the issue, agrees a fix and a date, and logs both.",
            "If the fix has not worked in time, this step decides or escalates with a written options note.",
            "Decides at the steering group, with the options and a recommendation in front of it.",
            "Decides for the organisation, or takes the issue to its board.",
        ]
        for within, sid, duty in zip(["P3D", "P7D", "P14D", "P1M"], steps, duties):
            self.line(3, f'<step stakeholder={attr(sid)} within="{within}">{text(duty)}</step>')
        self.line(2, "</escalation>")
        self.line(1, "</communication>")

    def reviews(self) -> None:
        r = self.rng
        cadence_months = r.choice([1, 1, 2, 3])
        cadence = {1: "P1M", 2: "P2M", 3: "P3M"}[cadence_months]
        self.line(1, f'<reviews cadence="{cadence}">')
        self.line(2, f'<kick-off date="{self.kickoff}"/>')
        day = self.kickoff
        for purpose in REVIEW_TEXT[: r.randint(3, 8)]:
            day = day + dt.timedelta(days=r.randint(21, 35) * cadence_months)  # strictly after kick-off, in order
            rid = self.ids.make("rev", purpose.split(":")[0])
            self.line(2, f'<review id={attr(rid)} date="{day}">{text(self.w(purpose))}</review>')
        self.line(1, "</reviews>")

    def raci(self) -> None:
        r = self.rng
        self.line(1, "<raci>")
        for key, activity in r.sample(RACI_ACTIVITIES, r.randint(3, 8)):
            aid = self.ids.make("act", key)
            people = r.sample(self.stakeholder_ids, min(len(self.stakeholder_ids), 6))
            responsible = " ".join(people[: r.randint(1, 2)])
            attrs = f'id={attr(aid)} responsible={attr(responsible)} accountable={attr(people[2])}'
            consulted = people[3: 3 + r.randint(0, 2)]
            informed = people[5: 5 + r.randint(0, 1)]
            if consulted:
                attrs += f' consulted={attr(" ".join(consulted))}'
            if informed:
                attrs += f' informed={attr(" ".join(informed))}'
            self.line(2, f"<activity {attrs}>{text(self.w(activity))}</activity>")
        self.line(1, "</raci>")

    def relationship(self) -> None:
        """The firm's own journey with the client (DESIGN section 13), as `engage audit`
        reads it against the service standard of Samples/halden-partners/firm.xml.

        Everything here draws from a generator of its own, so that the rest of the profile
        stays as it was. The relationship starts a week or two before the kick-off, moves
        forward through the stages up to a random one and runs to RELATIONSHIP_END; each
        profile keeps to the standard as closely as its tier says, so that an audit of a
        pack finds most clients mostly met and some with several breaches.
        """
        g = random.Random(f"{self.rng_seed}-relationship")
        tier = COMPLIANCE[g.choices(["good", "fair", "poor"], weights=[65, 20, 15])[0]]
        end = RELATIONSHIP_END
        kickoff = self.kickoff
        start = kickoff - dt.timedelta(days=g.randint(7, 14))
        last = end - dt.timedelta(days=g.randint(0, 10))  # the last day of a stage's or an extra meeting

        # People: the sponsor, the firm's partner (the provider executive), the account
        # manager, the other provider staff, and the client's executives and managers.
        sponsor = self.sponsor_ids[0]
        providers = [sid for sid, (side, _) in self.sides.items() if side == "provider"]
        partner = providers[0]
        # Mostly the engagement manager; now and then the senior consultant or the partner.
        pick = g.random()
        if pick < 0.1:
            manager = partner
        elif pick < 0.2 and len(providers) > 2:
            manager = providers[2]
        else:
            manager = providers[1]
        firm_staff = [sid for sid in providers if sid not in (partner, manager)]
        client_managers = [sid for sid, (side, level) in self.sides.items() if side == "client" and level == "management"]
        respondents = [sid for sid, (side, level) in self.sides.items() if side == "client" and level in ("executive", "management")]
        other_execs = [sid for sid in self.exec_ids if sid != sponsor]

        # The stages reached and the day each started: a short relationship reaches fewer.
        span = (last - kickoff).days
        highest = 2 if span < 90 else 3 if span < 180 else 4
        lowest = 0 if span < 120 else 1 if span < 200 else 2
        reached = g.randint(lowest, highest)
        starts = [kickoff]
        remaining = span
        for j in range(reached):
            low, high = RELATIONSHIP_STAGE_DAYS[STAGES[j]]
            high = min(high, remaining - 14 * (reached - j))
            low = min(low, high)
            length = g.randint(low, high)
            starts.append(starts[-1] + dt.timedelta(days=length))
            remaining -= length
        if reached >= 2 and (last - starts[2]).days > RELATIONSHIP_POST_CONVERSION_DAYS:
            # A long courtship: the extra time goes to discovery and consideration.
            excess = (last - starts[2]).days - RELATIONSHIP_POST_CONVERSION_DAYS
            early = g.randint(0, min(excess, 45))
            starts = [starts[0], starts[1] + dt.timedelta(days=early)] + [day + dt.timedelta(days=excess) for day in starts[2:]]

        def stage_of(day: dt.date) -> int:
            return max(j for j, first in enumerate(starts) if first <= day)

        # The interactions: (date, order on the day, kind). The first of each stage opens it.
        planned: list[tuple[dt.date, int, str]] = [(kickoff, 0, "kick-off")]
        openings = {1: "visit" if g.random() < 0.5 else "workshop", 2: "steering-meeting", 3: "steering-meeting", 4: "partner-review"}
        for j in range(1, reached + 1):
            planned.append((starts[j], 0, openings[j]))
        for j in range(reached):  # a feedback request near the end of every stage that ended
            if g.random() >= tier["feedback-miss"]:
                length = (starts[j + 1] - starts[j]).days
                planned.append((starts[j + 1] - dt.timedelta(days=g.randint(1, min(10, length - 1))), 2, "feedback-request"))
        if reached >= 2:  # about monthly reviews from conversion on, to the end of the log
            day = starts[2] + dt.timedelta(days=g.randint(*tier["review-gap"]))
            while day <= end:
                planned.append((day, 1, "review"))
                day += dt.timedelta(days=g.randint(*tier["review-gap"]))
        if reached == 4:  # the partner's own review every six months in advocacy
            day = starts[4] + dt.timedelta(days=g.randint(*tier["partner-gap"]))
            while day <= end:
                planned.append((day, 1, "partner-review"))
                day += dt.timedelta(days=g.randint(*tier["partner-gap"]))
        while len(planned) > 30:  # never beyond 30: drop a review from the middle
            reviews = [item for item in planned if item[2] == "review"]
            planned.remove(reviews[len(reviews) // 2])
        low = max(0, 6 - len(planned))
        extras = g.randint(low, max(low, min(30 - len(planned), 6)))
        need_visit = not any(kind == "visit" for _, _, kind in planned) and g.random() < 0.85
        if need_visit:
            extras = max(extras, 1)
        for n in range(extras):
            kind = "visit" if need_visit and n == 0 else g.choice(["workshop", "workshop", "steering-meeting", "visit"])
            taken = {day for day, _, _ in planned}
            for _ in range(10):  # on a free day where there is one
                day = kickoff + dt.timedelta(days=g.randint(1, span))
                if day not in taken:
                    break
            planned.append((day, 3, kind))
        planned.sort(key=lambda item: (item[0], item[1]))

        # Each interaction, with its people, the client's response and sometimes a note.
        mood = g.uniform(-0.3, 1.3) - (0.5 if tier is COMPLIANCE["poor"] else 0.0)
        moods: list[tuple[dt.date, float]] = []
        interactions = []
        for number, (day, _, kind) in enumerate(planned, start=1):
            iid = f"int-{number:03d}"
            n = 2
            while iid in self.ids.used:
                iid, n = f"int-{number:03d}-{n}", n + 1
            self.ids.used.add(iid)
            significant = kind in ("kick-off", "workshop", "steering-meeting")
            if kind == "partner-review":
                people = [partner, sponsor]
            elif kind == "feedback-request":
                people = [sponsor, manager]
            elif kind == "visit":
                people = [manager] + g.sample(client_managers, 1) + ([sponsor] if g.random() < 0.3 else [])
            elif kind == "workshop":
                people = ([sponsor] if g.random() < 0.5 else []) + [manager] \
                    + g.sample(client_managers, g.randint(1, min(2, len(client_managers)))) \
                    + g.sample(firm_staff, g.randint(0, len(firm_staff)))
            else:  # kick-off, steering meeting, review
                people = [sponsor, manager, partner]
                if client_managers and g.random() < 0.35:
                    people.append(g.choice(client_managers))
                if kind == "steering-meeting" and other_execs and g.random() < 0.5:
                    people.append(g.choice(other_execs))
            if g.random() < tier["absent"] and kind != "workshop":
                # Someone the standard expects is missing: rarely the account manager.
                missing = g.choice([p for p in people if p != manager] or people)
                people = [p for p in people if p != missing]
            people = list(dict.fromkeys(people))
            agreed = ""
            if kind == "kick-off":
                agreed = "communication-preferences first-review"
                if g.random() < tier["agreed-short"]:
                    agreed = g.choice(["communication-preferences", "first-review", ""])
            mood = max(-2.0, min(2.0, mood + g.gauss(0, 0.25)))
            moods.append((day, mood))
            response = ""
            if g.random() < 0.85:
                emotional = max(-2, min(2, round(mood + g.gauss(0, 0.5))))
                objective = max(0, min(100, int(g.gauss(62 + 9 * emotional, 12))))
                shape = g.random()
                if shape < 0.8:
                    response = f'<response emotional="{emotional}" objective="{objective}"/>'
                elif shape < 0.9:
                    response = f'<response emotional="{emotional}"/>'
                else:
                    response = f'<response objective="{objective}"/>'
            note = self.w(g.choice(INTERACTION_NOTES[kind])) if g.random() < 0.25 else ""
            interactions.append({"id": iid, "date": day, "kind": kind, "stage": STAGES[stage_of(day)],
                                 "channel": g.choice(INTERACTION_CHANNELS[kind]), "significant": significant,
                                 "agreed": agreed, "people": people, "response": response, "note": note})

        # Everything in the log as (date, order on the day, sequence, lines), so that it can
        # be written in date order: on one day the interaction, its visit record, its
        # follow-ups, then survey answers and advocacy.
        entries: list[tuple[dt.date, int, int, list[str]]] = []

        def entry(day: dt.date, rank: int, *lines: str) -> None:
            entries.append((day, rank, len(entries), list(lines)))

        # A summary within two days and a thank-you within three of every significant
        # meeting; in a few profiles one or more come late or not at all.
        significant = [i for i in interactions if i["significant"]]
        slipped = set()
        if significant and g.random() < tier["follow-up-slip"]:
            slipped = {i["id"] for i in g.sample(significant, g.randint(1, min(3, len(significant))))}
        for i in significant:
            slip = g.choice(["late-summary", "late-thanks", "no-summary", "no-thanks"]) if i["id"] in slipped else ""
            for kind, within, late in (("summary", 2, "late-summary"), ("thank-you", 3, "late-thanks")):
                if slip == "no-" + ("summary" if kind == "summary" else "thanks"):
                    continue
                days = g.randint(within + 1, within + 5) if slip == late else g.randint(0, within)
                day = min(i["date"] + dt.timedelta(days=days), end)
                entry(day, 2, f'<follow-up of={attr(i["id"])} kind="{kind}" date="{day}"/>')

        # The visit checklist: all of it, mostly; a tour of the site on the first visit.
        for index, i in enumerate(x for x in interactions if x["kind"] == "visit"):
            if g.random() < tier["no-checklist"]:
                continue
            done = VISIT_CHECKLIST + ([FIRST_VISIT_EXTRA] if index == 0 else [])
            if g.random() < tier["checklist-miss"]:
                skipped = set(g.sample(done, g.randint(1, 2)))
                done = [item for item in done if item not in skipped]
            entry(i["date"], 1, f'<visit of={attr(i["id"])} done={attr(" ".join(done))}/>')

        # A written progress update about every two weeks in any stage longer than two months.
        for j in range(reached + 1):
            until = starts[j + 1] if j < reached else end + dt.timedelta(days=1)
            if (until - starts[j]).days <= 60:
                continue
            day = starts[j] + dt.timedelta(days=g.randint(*tier["update-gap"]))
            while day < until:
                entry(day, 2, f'<follow-up kind="progress-update" date="{day}"/>')
                day += dt.timedelta(days=g.randint(*tier["update-gap"]))

        # The relationship survey every six months from retention on, answered by the
        # client's executives and managers; the answers follow the mood of the meetings.
        if reached >= 3:
            day = starts[3] + dt.timedelta(days=g.randint(20, 120))
            while day <= end:
                felt = ([m for d, m in moods if d <= day] or [mood])[-1]
                for person in g.sample(respondents, g.randint(1, min(4, len(respondents)))):
                    answered = min(day + dt.timedelta(days=g.choice([0, 0, 0, 1, 2, 3])), end)
                    recommend = max(0, min(10, round(7.2 + 1.3 * felt + g.gauss(0, 1.3))))
                    entry(answered, 3, f'<survey date="{answered}" stakeholder={attr(person)} recommend="{recommend}"/>')
                day += dt.timedelta(days=g.randint(*tier["survey-gap"]))

        # Now and then a referral, testimonial, case study or repeat work, once the work is done.
        if reached >= 3 and g.random() < (0.6 if reached == 4 else 0.25):
            for _ in range(g.randint(1, 2)):
                day = starts[3] + dt.timedelta(days=g.randint(0, (last - starts[3]).days))
                outcome = g.choices(["given", "asked", "declined"], weights=[60, 25, 15])[0]
                by = f" by={attr(g.choice([sponsor] + other_execs))}" if g.random() < 0.6 else ""
                entry(day, 4, f'<advocacy kind="{g.choice(ADVOCACY_KINDS)}" date="{day}" outcome="{outcome}"{by}/>')

        for i in interactions:
            attrs = (f'id={attr(i["id"])} date="{i["date"]}" kind="{i["kind"]}" stage="{i["stage"]}" '
                     f'channel="{i["channel"]}"')
            if i["significant"]:
                attrs += ' significant="true"'
            if i["agreed"]:
                attrs += f' agreed={attr(i["agreed"])}'
            inner = [f'<with ref={attr(p)}/>' for p in i["people"]]
            inner += [i["response"]] if i["response"] else []
            inner += [f"<note>{text(i['note'])}</note>"] if i["note"] else []
            entry(i["date"], 0, f"<interaction {attrs}>", *("  " + line for line in inner), "</interaction>")

        self.line(1, f'<relationship start="{start}" account-manager={attr(manager)}>')
        if g.random() < tier["form-late"]:
            completed = kickoff + dt.timedelta(days=g.randint(1, 6))
        else:
            completed = start + dt.timedelta(days=g.randint(0, (kickoff - start).days - 1))
        by = f" by={attr(manager)}" if g.random() < 0.5 else ""
        self.line(2, f'<client-form completed="{completed}"{by}/>')
        for _, _, _, lines in sorted(entries, key=lambda e: e[:3]):
            for line in lines:
                self.line(2, line)
        self.line(1, "</relationship>")


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Generate N synthetic client profiles for benchmarking engage.")
    parser.add_argument("count", type=int, metavar="N", help="how many profiles to write")
    parser.add_argument("outdir", metavar="OUTDIR", help="folder to write them into (created if missing)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42); the same seed gives the same files")
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("N must be 0 or more")
    os.makedirs(args.outdir, exist_ok=True)
    width = max(5, len(str(args.count)))
    for number in range(1, args.count + 1):
        rng = random.Random(f"engage-bench-{args.seed}-{number}")
        builder = ProfileBuilder(rng, number, seed=f"engage-bench-{args.seed}-{number}")
        content = builder.build()
        path = os.path.join(args.outdir, f"{number:0{width}d}-{builder.client_id}.xml")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(content)
    print(f"wrote {args.count} profiles to {args.outdir} (seed {args.seed})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

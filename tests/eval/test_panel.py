"""The advice panels: what careers advisers would put in the top five, and what must never be recommended, for
residents of every kind, written blind from the public rules (tests/eval/README.md).

The issue's bar is every check. Until Pathways meets it, this test holds the line where it stands (see FLOOR and
docs/performance.md, "Advice"): a change that loses a check fails, and the failing checks are printed."""
from __future__ import annotations

import pytest

from knowledge import advisor
from tests.support.report import figure
from tests.eval import panel
from tests.eval.replay import load

# Checks passed on 3 December 2026 (the bar is all of them): raise these as the advice improves, never lower them.
# Lowered once on purpose (9th session): panel_fresh6 by one check, where free English and maths for an adult below
# level 2 took the place of careers information; the development panels gained 9 checks net with that change.
# Lowered once more (13th session): panel_fresh10 by one check, where a short course took the fifth place adult
# community learning had for a pharmacist from abroad, once routes well below a resident's level went one tier down;
# panel_fresh11 gained 5 with that change.
# Lowered once more (15th session): panel_fresh5 by 4, panel_fresh6 and panel_fresh7 by 1, when Free Courses for Jobs
# came to fit 19-23 year olds outright (GOV.UK's level 3 flow chart funds them fully; docs/programme-review.md): a
# free level 3 course took a 19-year-old's fifth place from a Skills Bootcamp or a service. panel_fresh14 gained 1.
# In the same session careers advice came to count a little for a resident who named an interest, not against
# (engine.py, `signpost`): the development panels gained 25 checks net, and panel_fresh2, panel_fresh7 and
# panel_fresh10 lost one each, lowered here. Blind panel_fresh15 read 874 before both changes and 873 after.
# 16th session: Access to Work, for people in or starting a job, is no longer the one service named to a jobseeker,
# and two courses made for two of a resident's circumstances (ESOL, a digital skills course) are no near-twins on a
# page: the development panels gained 8 checks net; panel.yml and panel_fresh14 lost one each (a third course took
# the place of a service for a resident with three circumstances), lowered here. Blind panel_fresh16 read 692 before
# both changes, 693 after the first and 694 after the second.
# 17th session: for a resident who names no kind of work, careers advice on every kind (the National Careers Service)
# comes before advice on one sector (NHS Health Careers): panel_fresh16 gained 2, the older panels gained 3 and lost
# 3, where panel_fresh3 and panel_fresh9 listed NHS Health Careers among services and not the National Careers
# Service; lowered here. Blind panel_fresh17 read 758 before and after this change and the Access to HE audience rule.
# 18th session: Access to Work, for people in or starting a job, ranks a little lower for everyone (it helps later):
# panel_fresh17 gained 1, panel_fresh7 2, none lost. Blind panel_fresh18 read 476 before and after.
# 19th session: a young person below level 2 hears first of a job with training up to level 2 (a foundation or
# level 2 apprenticeship): the development panels gained 10 checks, none lost. Blind panel_fresh19 read 759 before
# and 760 after.
# 20th session: at 16 with no qualifications yet, in Year 11, a T Level after GCSEs is a next step, not a leap: the
# development panels gained 9 checks, none lost. Blind panel_fresh20 read 898 before and 900 after. Then the ABPI exam
# is for people who want the job, as the ABPI says, not only those in it; and a route made for an age group is a
# check when the age was not given (unless an age rule of its own says so): the development panels gained 41 checks
# net (47 gained, 6 lost, no panel lower). Blind panel_fresh20 read 902.
# 21st session: under 19, Access to Work (for people in or starting a job) ranks lower still: the development panels
# gained 5 checks, none lost. Then an adult's apprenticeship made mainly for the work they want counts as a step at
# their own level as well as above it (employers set the entry rules; a new kind of work is a new job): the
# development panels gained 42 checks and lost 27 (residents progressing in their own work, for whom a higher
# apprenticeship gave way); panel_fresh5 (3) and panel_fresh18 (1) lowered here. Blind panel_fresh21 read 1,132
# before both changes and 1,134 after.
# 22nd session: what a course after GCSEs asks for (a grade 4, say) waits on a Year 11 pupil's results, so it no
# longer ranks the course below everything that fits outright; the check is still stated. The development panels
# gained 15 checks (the lab T Level in the pupil's own borough, T Levels at 16) and lost 1: panel_fresh5's Year 11
# pupil in Brent with an EHC plan, whose third place went to the lab T Level at Angel, not CNWL; lowered here.
# Blind panel_fresh22 read 1,583 before and 1,584 after. Then a local programme made for a circumstance of theirs
# (a West London supported employment programme for an EHC plan) is no near-twin of the national route of its type
# on a page: local programmes beside the national ones. The development panels gained 4 and lost 1: panel_fresh3's
# 19-year-old in Ealing, whose careers information gave way; lowered here. panel_fresh22 read 1,584 before and after,
# and blind panel_fresh23 1,497 before and after both changes. The panels that gained were raised.
# 23rd session: under 19, a course at the level they already hold is that level again (a T Level after A levels): the
# development panels gained 5 checks, none lost; raised here. Blind panel_fresh24 read 730 before and after.
# 25th session: no ranking code or programme data changed; blind panel_fresh26 read 1,490 of 1,520 at the start
# and the end.
# 26th session: the foundation apprenticeship names its four sectors alike (`mainly_for: none`), so it is not made
# mainly for healthcare, and a healthcare apprenticeship comes before it for a resident who wants that work: the
# development panels gained 10 checks and lost 2; panel_fresh (669) and panel_fresh9 (2,309) lowered here, where
# their writers named the foundation apprenticeship for a young claimant who wants NHS work. Blind panel_fresh27 read
# 568 of 609 before and after.
# 27th session: no ranking code or programme data changed; blind panel_fresh28 read 690 of 742 at the start and the end.
# 28th session: no ranking code or programme data changed; blind panel_fresh29 read 702 of 718 at the start and the end.
# 29th session: at 18 tasters follow the routes they fit, unless the work wanted is mostly reached through a degree
# (research); a programme for all London ranks as local where it is based (`based_in`: Centre of the Cell, Imperial's
# Reach Out Lab); careers advice on every kind of work comes first for the undecided; under 18 an employment programme
# not made for a circumstance of theirs gives up a little. The development panels gained 54 checks and lost 5 (Year 13
# pupils whose writers named a taster for data or not-sure work, and a Year 12 pupil whose writer named national
# outreach; each in a panel that gained more); the panels that gained were raised. Blind panel_fresh30 read 1,092 of
# 1,182 at the start and 1,095 after.
# 30th session: the Royal Society of Biology's careers pages are made for lab and research work alike (`mainly_for`
# takes a list), so they come before NHS Health Careers for a resident who wants research: the development panels
# gained 17 checks and lost 1; panel_fresh8 (3,099) lowered here, where a 38-year-old with an MSc from abroad in
# Hammersmith lost NHS Health Careers from the five. Blind panel_fresh31 read 1,076 of 1,094 before and after.
# 31st session: a course at the level held again (an HTQ after an HND) follows the routes that take them on: the
# development panels gained 15 checks, none lost. Blind panel_fresh32 read 612 of 629 before and after.
# 32nd session: the healthcare SWAP suits carers as every SWAP does; no panel moved. Blind panel_fresh33 read 595 of 611
# at the start and the end.
# 33rd session: no ranking code or programme data changed; blind panel_fresh34 read 572 of 591 at the start and the end.
# 34th session: between routes that rank alike, one many employers offer comes before an organisation's own scheme
# (`own_scheme`: ATAC, Northeastern University London), so the laboratory technician apprenticeship, not ATAC, is a
# young lab-minded resident's apprenticeship: the development panels gained 45 checks and lost 9 (lab technicians who
# want to progress, whose writers left their own apprenticeship out; young people with A levels whose writers named
# only a degree apprenticeship); panel_fresh2 (2,127), panel_fresh13 (860), panel_fresh17 (769) and panel_fresh25
# (672) lowered here, the panels that gained raised. Blind panel_fresh35 read 873 of 882 before and 875 after.
# 35th session: no ranking code or programme data changed; blind panel_fresh36 read 2,107 of 2,137 at the start. A
# tie-break by the interest a resident names first was tried and not kept: the development panels lost 25 checks and
# gained 3 (writers name interests in no order that ranks them).
# 36th session: an adult with two circumstances hears of a service for each (Connect to Work for a health condition and
# the National Careers Service, which gives priority to adults out of work for a year or more): the development panels
# gained 6 checks and lost 1; panel_fresh35 (874) lowered here, where a 27-year-old sleeping rough with four
# circumstances had the National Careers Service fourth and free English and maths ninth. Blind panel_fresh37 read 952
# of 957 at the start.
# 37th session: for an adult below level 2 with work in mind, the National Careers Service (which gives priority to
# adults without a level 2) comes beside the sector's careers pages, not as their near-twin: the development panels
# gained 20 checks and lost 4; panel_fresh2 (2,126) and panel_fresh28 (696) lowered here, where a free course or a
# local health programme gave way to it for a homeless 19-year-old and an asylum seeker with two other circumstances;
# the panels that gained were raised. Blind panel_fresh38 read 668 of 680 at the start.
# 38th session: blind panel_fresh39 read 1,036 of 1,059 at the start.
# 39th session: blind panel_fresh40 read 706 of 772 at the start and 708 at the end. Services matched need by need,
# and a service made for an adult's circumstance gains 7, not 6 (the National Careers Service for adults out of work
# for a year): the development panels gained 18 checks and lost 5; panel_fresh14 (1,008) lowered here, where the Youth
# Guarantee took a Newham care leaver's local health programme's place; the panels that gained were raised.
# A programme in the resident's borough for the work they want (or any, when they are not sure) is no near-twin of
# a national route of its type (Community Works for Health beside Connect to Work): the development panels gained
# 18 checks and lost 1; the panels that gained were raised.
# 40th session: blind panel_fresh41 read 1,081 of 1,116 at the start and 1,086 at the end (read once, after the four
# changes below). A route starting two or more levels above an
# adult below level 2 (a level 3 bootcamp for someone with no qualifications) gives up twice what it gives up for a
# young person: the development panels gained 15 checks and lost 1; panel.yml (1,170) lowered here, where a
# 38-year-old carer with level 1 lost a digital bootcamp from the five; the panels that gained were raised.
# Then for an adult at level 2 or above with work in mind, careers advice made mainly for that work (NHS Health
# Careers for health work) gains 3, as a sector's does for the undecided: the development panels gained 51 checks and
# lost 25 (the National Careers Service for adults out of work a year, whose sector's pages took the careers place;
# ESOL, a digital skills course or a free course); panel_fresh3 (2,154), panel_fresh7 (2,460), panel_fresh11 (956),
# panel_fresh12 (1,313), panel_fresh17 (770), panel_fresh26 (1,497), panel_fresh33 (598) and panel_fresh40 (708)
# lowered here; the panels that gained were raised. Then the services an adult is referred to meet a need on a page,
# so the National Careers Service for a year out of work is no near-twin of their sector's careers pages: the
# development panels gained 11 checks and lost 2 (in panels that gained as many); the panels that gained were raised.
# Free Courses for Jobs leads to manufacturing and business work as well (GOV.UK lists both sectors;
# docs/programme-review.md): the development panels gained 32 checks and lost 2; panel_fresh7 (2,459) lowered here,
# where a free course took a digital skills course's place; the panels that gained were raised.
# 41st session: blind panel_fresh42 read 1,030 of 1,076 at the start. For an adult with qualifications from abroad
# and no UK level yet, advice on every kind of work (the National Careers Service) comes beside their sector's careers
# pages, as for an adult below level 2: the development panels gained 32 checks and lost 14 (a Skills Bootcamp, adult
# community learning or a West London programme gave way in the five); panel_fresh3 (2,151), panel_fresh7 (2,458),
# panel_fresh14 (1,013), panel_fresh25 (672), panel_fresh29 (710) and panel_fresh32 (614) lowered here, the panels
# that gained raised. Blind panel_fresh42, read by mistake with this change as well as before it, lost 1 (1,029).
# Then for an adult at level 3 a level 5 route is a step up as well as a level 4 one (levels 4 and 5 sit between A
# levels and a degree): the development panels gained 11 checks and lost 4 (pharmacy workers whose writers named the
# level 3 pharmacy technician apprenticeship); panel_fresh17 (769), panel_fresh27 (582) and panel_fresh31 (1,082)
# lowered here, the panels that gained raised.
FLOOR = {"panel.yml": 1170, "panel_fresh.yml": 671, "panel_fresh2.yml": 2129,
         "panel_fresh3.yml": 2151, "panel_fresh4.yml": 2264, "panel_fresh5.yml": 2929,
         "panel_fresh6.yml": 2518, "panel_fresh7.yml": 2458, "panel_fresh8.yml": 3106, "panel_fresh9.yml": 2317,
         "panel_fresh10.yml": 1558, "panel_fresh11.yml": 958, "panel_fresh12.yml": 1314, "panel_fresh13.yml": 865,
         "panel_fresh14.yml": 1013, "panel_fresh15.yml": 883, "panel_fresh16.yml": 705, "panel_fresh17.yml": 769,
         "panel_fresh18.yml": 487, "panel_fresh19.yml": 771, "panel_fresh20.yml": 919,
         "panel_fresh21.yml": 1172, "panel_fresh22.yml": 1585,
         "panel_fresh23.yml": 1506, "panel_fresh24.yml": 743, "panel_fresh25.yml": 673,
         "panel_fresh26.yml": 1499,
         "panel_fresh27.yml": 582, "panel_fresh28.yml": 708, "panel_fresh29.yml": 710,
         "panel_fresh30.yml": 1115, "panel_fresh31.yml": 1082,
         "panel_fresh32.yml": 614, "panel_fresh33.yml": 603,
         "panel_fresh34.yml": 578, "panel_fresh35.yml": 877,
         "panel_fresh36.yml": 2118, "panel_fresh37.yml": 953, "panel_fresh38.yml": 671,
         "panel_fresh39.yml": 1039, "panel_fresh40.yml": 709,
         "panel_fresh41.yml": 1092, "panel_fresh42.yml": 1029}
PANELS = sorted(FLOOR)


def ranked(profile):
    return [(r.programme.id, r.programme.route_type) for r in advisor.recommend(profile).recommendations]


@pytest.mark.parametrize("name", PANELS)
def test_the_advice_panel(use_kb, name):
    cases = load(name)
    assert len(cases) >= (60 if name == "panel.yml" else 40)
    results = panel.evaluate(cases, ranked)
    figure(panel.summary(name, results) + f" (bar: all; floor {FLOOR[name]})")
    failed = [f"{c.profile}: {c.what}" for c in results if not c.ok]
    passed = len(results) - len(failed)
    assert passed >= FLOOR[name], f"{passed} checks pass, fewer than {FLOOR[name]}; failing:\n" + "\n".join(failed)

"""Interconnection rules R1–R10: is the province connected the way the framework requires?

The rules follow the interconnection rules R1–R9 of the domain reference (§7) and the
e-government modelling conventions of eaframe (``docs/checks.md``): building blocks are
found by id or by ``implements``; data exchange is a ``Flow`` in either direction; a
path through the platform (the LGSP, then the NGSP) counts as a connection; when a
connection is missing, the finding names the missing hop as an :class:`Edge`.

EGOV-R10 (provincial reporting system → national reporting system) extends R1–R9 with
the reporting link that the conventions prescribe.

Examples
--------
>>> from eaframe import ArchitectureModel
>>> from eaframe.checks import run_checks
>>> m = ArchitectureModel.build({"title": {"en": "t"}, "framework_version": "2.0"}, elements=[
...     {"id": "prov.document_mgmt", "type": "ApplicationComponent", "scope": "provincial"}])
>>> [f.missing for f in run_checks(m, select=["EGOV-R3"]).findings]
[(Edge(source='prov.document_mgmt', type='Flow', target='ext.national_document_axis'),)]
"""

from __future__ import annotations

from ..attributes import Scope, Status
from ..elements import PublicFacingFields
from ..i18n import N_, Join, Msg, msg
from . import law
from .index import LGSP, NGSP, CheckIndex, is_level4, meets
from .registry import FROM_V2, Edge, LegalBasis, rule

__all__ = [
    "r1_no_point_to_point",
    "r2_lgsp_ngsp",
    "r3_document_axis",
    "r4_national_public_service_portal",
    "r5_portal_one_stop",
    "r6_security_level",
    "r7_monitoring",
    "r8_central_authentication",
    "r9_hosting",
    "r10_reporting",
    "r11_procedures_system",
    "r12_vneid",
    "r13_population_db",
    "r14_data_exchange",
    "r15_level_dossier",
    "is_monitored",
    "has_central_auth",
    "monitoring_subjects",
    "PORTAL",
    "ONE_STOP",
    "PROCEDURES",
    "VNEID",
    "POPULATION_DB",
]

PORTAL = "prov.public_service_portal"
ONE_STOP = "prov.one_stop_eis"
#: The single provincial administrative-procedures information system of Decree 107/2021.
PROCEDURES = "prov.procedures_system"
NDOP = "ext.ndop"
VNEID = "ext.national_identity"  # the bundled frameworks' id (VNeID from v4.0)
POPULATION_DB = "nat.db.population"
NPSP = "ext.national_public_service_portal"
DOCUMENT_MGMT = "prov.document_mgmt"
DOCUMENT_AXIS = "ext.national_document_axis"
REPORTING = "prov.reporting_system"
NATIONAL_REPORTING = "ext.national_reporting_system"
SOC = "sec.soc"
NATIONAL_MONITORING = "sec.national_monitoring"
SSO = "prov.sso"
DATA_CENTRE = "prov.data_centre"
CLOUD = "prov.cloud"
TSLCD = "net.tslcd"
_CAT = "interconnection"


def _missing_hops(ix: CheckIndex, hops) -> tuple[Edge, ...]:
    out = []
    for e in hops:
        if e.type == "Flow" and ix.flow_linked(e.source, e.target):
            continue
        if e.type != "Flow" and ix.has_edge(e.type, e.source, e.target):
            continue
        out.append(e)
    return tuple(out)


@rule("EGOV-R1", "No point-to-point data exchange between provincial applications: go through the LGSP",
      "error", _CAT,
      legal=(LegalBasis(law.FW_1_0, "the LGSP is the province's shared integration platform, the gateway to the "
                        "national platform", "provincial framework §4.1, connection model", "K"),
             LegalBasis(law.D47_2020, "state agencies share data through the integration and sharing platforms; "
                        "'no point-to-point' is eaframe's reading", confidence="I"),
             LegalBasis(law.D278_2025, "agencies connect through the data exchange platforms; 'no point-to-point' "
                        "is eaframe's reading", confidence="I")),
      rationale="The LGSP is the province's integration and data-sharing hub; a direct exchange between two "
                "provincial applications bypasses it, so the data cannot be shared, governed or monitored, and "
                "every further consumer needs another point-to-point link.",
      basis="LGSP role in the provincial architecture [V S14, S15]; Decree 47/2020/NĐ-CP of 9/4/2020 on the "
            "management, connection and sharing of digital data of state agencies [V S17], replaced by Decree "
            "278/2025/NĐ-CP of 22/10/2025 [V2]; domain reference §7 R1, §11.2. Exception: the portal ↔ one-stop EIS link that Decree 61/2018/NĐ-CP prescribes (R5).")
def r1_no_point_to_point(ix: CheckIndex, found):
    """A Flow between two provincial ApplicationComponents, neither the LGSP (portal ↔ one-stop EIS exempt)."""
    els = ix.elements
    for r in ix.by_type.get("Flow", ()):  # the Flows, in model order
        a, b = els.get(r.source), els.get(r.target)
        if a is None or b is None or not _provincial_app(a) or not _provincial_app(b):
            continue
        if ix.is_block(a.id, LGSP) or ix.is_block(b.id, LGSP):
            continue
        if {_role(ix, a.id), _role(ix, b.id)} == {PORTAL, ONE_STOP}:
            continue
        hub = ix.lgsp[0] if ix.lgsp else LGSP
        yield found(
            msg("{a} exchanges data directly with {b} (Flow {rel}), bypassing the LGSP",
                a=ix.label(a.id), b=ix.label(b.id), rel=r.id),
            elements=(a.id, b.id), relationships=(r.id,),
            fix=msg("route the exchange through {hub}: connect {a} to {hub} and {hub} to {b} with Flow "
                    "relationships, then remove {rel}", hub=hub, a=a.id, b=b.id, rel=r.id),
            missing=_missing_hops(ix, (Edge(a.id, "Flow", hub), Edge(hub, "Flow", b.id))),
        )


def _provincial_app(e) -> bool:
    return e.type == "ApplicationComponent" and e.scope is Scope.PROVINCIAL and e.status is not Status.RETIRED


def _role(ix: CheckIndex, element_id: str) -> str:
    for block in (PORTAL, ONE_STOP):
        if ix.is_block(element_id, block):
            return block
    return element_id


def _is_national_db(e) -> bool:
    return e.type == "DataObject" and (e.id.startswith("nat.db.") or (e.implements or "").startswith("nat.db.")
                                       or e.scope is Scope.NATIONAL)


@rule("EGOV-R2", "The LGSP connects to the NGSP, and national databases are reached through the NGSP",
      "error", _CAT,
      legal=(LegalBasis(law.FW_1_0, "LGSP → national platform (NGSP) → national databases and ministry systems",
                        "national connection model", "V"),
             LegalBasis(law.QD153_2018, "a shared integration and sharing platform in every province",
                        confidence="V"),
             LegalBasis(law.C13_2017, "technical requirements for connecting with national databases",
                        confidence="V"),
             LegalBasis(law.QD714_2015, "the priority national databases", confidence="V"),
             LegalBasis(law.D47_2020, "connection and sharing through the national platform", confidence="K"),
             LegalBasis(law.D278_2025, "connections to the national data exchange platform (NDXP)", "Art. 8",
                        "V2")),
      rationale="Provincial systems reach national databases and ministry systems only through the national "
                "platform (NGSP), which the LGSP connects to; a province without that link cannot share data "
                "nationally, and a direct link to a national database is an uncontrolled bypass.",
      basis="Framework v1.0 national connection model (MIC letter 1178/BTTTT-THH of 21/4/2015) [V S2, S14]; "
            "Decision 153/QĐ-TTg of 30/1/2018 (every province has a shared platform) [V S23]; Circular "
            "13/2017/TT-BTTTT of 23/6/2017 (connecting information systems with national databases) [V S15]; "
            "Decision 714/QĐ-TTg of 22/5/2015 (national databases) [V S16]; Decree 47/2020/NĐ-CP, replaced by Decree "
            "278/2025/NĐ-CP of 22/10/2025 (national data exchange platform) [V2]; domain reference §7 R2, §11.2.")
def r2_lgsp_ngsp(ix: CheckIndex, found):
    """LGSP —Flow— NGSP; NGSP —Access→ each national DB; a provincial Access to a national DB goes through both."""
    ng = ix.ngsp[0] if ix.ngsp else NGSP
    ngsp_set = frozenset(ix.ngsp)
    for lx in ix.lgsp:
        if not meets(ix.flow_neighbours(lx), ngsp_set):
            yield found(msg("{a} is not connected to the national platform {ng}", a=ix.label(lx), ng=ng),
                        elements=(lx,), fix=_connect(lx, ng, "Flow"),
                        missing=(Edge(lx, "Flow", ng),))
    lgsp = ix.lgsp[0] if ix.lgsp else LGSP
    # From framework v3.0 national data is also shared through the data sharing and
    # coordination platform (NDOP, S35 [K]): a database reached through it is reached.
    ndop = ix.block(NDOP)
    platforms = ngsp_set | frozenset(ndop)
    through = Join((ng, ndop[0]) if ndop else (ng,), " or ")
    unreached = _connect_maker(found, N_("national database {a} is not reached through {through}"),
                               ("a", "through"), "Access")
    bypass = found.maker(N_("{a} accesses national database {db} (Access {rel}) without a path through {lgsp} and "
                            "{ng}"), ("a", "db", "rel", "lgsp", "ng"), N_("add {edges}"), ("edges",))
    label = ix.label
    for e in ix.model.elements:
        if e.type != "DataObject" or not _is_national_db(e) or e.status is Status.RETIRED:
            continue
        i = e.id
        into = ix.into("Access", i)
        if not any(s in platforms for s, _ in into):
            yield unreached((label(i), through), (ng, i, "Access"), (i,), missing=(Edge(ng, "Access", i),))
        for src, rid in into:
            a = ix.elements.get(src)
            if a is None or not _provincial_app(a) or ix.is_block(src, LGSP):
                continue
            hops = _missing_hops(ix, (Edge(src, "Flow", lgsp), Edge(lgsp, "Flow", ng), Edge(ng, "Access", i)))
            if hops:
                yield bypass((label(src), i, rid, lgsp, ng), (_edges(hops),), (src, i), (rid,), hops)


def _route_rule(ix: CheckIndex, found, subjects: tuple[str, ...], target_block: str, what: str,
                direct: bool = False):
    """Findings when none of ``subjects`` reaches ``target_block``.

    ``direct``: the province connects to that national system directly (the national
    document axis, the National Public Service Portal), so the fix hint and the missing
    hop are the direct Flow, never a route through the LGSP and the NGSP.
    """
    targets = ix.block(target_block)
    target_name = targets[0] if targets else target_block
    first_missing = None
    for s in subjects:
        ok, hops = ix.flow_route(s, targets, target_name)
        if ok:
            return
        if first_missing is None:
            first_missing = hops
    if not subjects:
        return
    names = Join(subjects, " or ")
    absent = msg(" ({block} is not in the model)", block=target_block) if not targets else ""
    if direct:
        first_missing = (Edge(subjects[0], "Flow", target_name),)
        fix = msg("connect {a} to {b} with a Flow relationship (the province connects to {what} directly, not "
                  "through the LGSP and the NGSP)", a=names, b=target_name, what=what)
    elif first_missing and first_missing[0].source not in subjects:
        fix = msg("connect {a} to {b} with a Flow relationship (or complete the platform path: {path})",
                  a=names, b=target_name, path=", ".join(f"{h.source} —Flow→ {h.target}" for h in first_missing))
    else:
        fix = _connect(names, target_name, "Flow")
    labels = Join((ix.label(s) for s in subjects), " / ")
    yield found(
        msg("{a} is not connected to {what} {b}{absent}, neither directly nor through the LGSP" if len(subjects) == 1
            else "{a} are not connected to {what} {b}{absent}, neither directly nor through the LGSP",
            a=labels, what=what, b=target_name, absent=absent),
        elements=subjects + targets[:1], fix=fix, missing=first_missing)


def _connect(a, b, rel_type: str) -> Msg:
    """The fix hint "connect A to B with a TYPE relationship"."""
    if rel_type[0] in "AEIOU":
        return msg("connect {a} to {b} with an {type} relationship", a=a, b=b, type=rel_type)
    return msg("connect {a} to {b} with a {type} relationship", a=a, b=b, type=rel_type)


def _connect_maker(found, message: str, names: tuple[str, ...], rel_type: str):
    """A :meth:`~eaframe.checks.registry.Finder.maker` of findings whose fix hint is
    :func:`_connect` with ``rel_type`` (its fix values: ``(a, b, rel_type)``)."""
    fix = (N_("connect {a} to {b} with an {type} relationship") if rel_type[0] in "AEIOU"
           else N_("connect {a} to {b} with a {type} relationship"))
    return found.maker(message, names, fix, ("a", "b", "type"))


def _add(hops) -> Msg:
    """The fix hint "add A —T→ B, ..."."""
    return msg("add {edges}", edges=_edges(hops))


def _edges(hops) -> str:
    return ", ".join(f"{h.source} —{h.type}→ {h.target}" for h in hops)


@rule("EGOV-R3", "Document management exchanges e-documents through the national document axis",
      "error", _CAT, frameworks=FROM_V2,
      legal=(LegalBasis(law.QD28_2018, "e-documents between administrative agencies are sent and received through "
                        "interconnected document-management systems", confidence="V"),
             LegalBasis(law.FW_2_0, "the national document axis is a national system of the v2.0 picture",
                        confidence="V2")),
      rationale="Electronic documents between administrative agencies travel over interconnected document-"
                "management systems; a provincial system off the national axis forces paper or e-mail exchange.",
      basis="Decision 28/2018/QĐ-TTg of 12/7/2018 on sending and receiving e-documents between state "
            "administrative agencies [V S26]; national document axis of framework v2.0 (Decision 2323/QĐ-BTTTT "
            "of 31/12/2019) [V2 S31]; domain reference §7 R3.")
def r3_document_axis(ix: CheckIndex, found):
    """prov.document_mgmt —Flow— ext.national_document_axis (directly or through the LGSP/NGSP)."""
    yield from _route_rule(ix, found, ix.block(DOCUMENT_MGMT), DOCUMENT_AXIS, msg("the national document axis"),
                           direct=True)


@rule("EGOV-R4", "The public service portal or one-stop EIS integrates with the National Public Service Portal",
      "error", _CAT, frameworks=FROM_V2,
      legal=(LegalBasis(law.QD274_2019, "the National Public Service Portal project", confidence="V"),
             LegalBasis(law.QD31_2021, "provincial systems connect to and share with the National Public Service "
                        "Portal", confidence="K"),
             LegalBasis(law.D45_2020, "a single account and electronic procedures through the National Public "
                        "Service Portal", confidence="V2")),
      rationale="Citizens and businesses find and submit every online public service through the National Public "
                "Service Portal; a province not integrated with it keeps its services and dossier status invisible "
                "there.",
      basis="Decision 274/QĐ-TTg of 12/3/2019 approving the National Public Service Portal project [V S22]; "
            "Decision 31/2021/QĐ-TTg on the portal's operation [V S21]; domain reference §7 R4.")
def r4_national_public_service_portal(ix: CheckIndex, found):
    """prov.public_service_portal, prov.one_stop_eis or prov.procedures_system —Flow—
    ext.national_public_service_portal."""
    yield from _route_rule(ix, found, ix.block(PORTAL) + ix.block(ONE_STOP) + ix.block(PROCEDURES), NPSP,
                           msg("the National Public Service Portal"), direct=True)


@rule("EGOV-R5", "The public service portal and the one-stop EIS are linked",
      "error", _CAT, frameworks=("2.0",),
      legal=(LegalBasis(law.D61_2018, "a provincial public service portal and a one-stop EIS, linked", confidence="K"),),
      until=law.D107_2021.start, replaced_by="EGOV-R11 (Decree 107/2021/NĐ-CP)",
      rationale="Dossiers submitted online on the portal must reach the one-stop electronic information system "
                "that processes them, and status and results must flow back to the portal.",
      basis="Decree 61/2018/NĐ-CP of 23/4/2018 on the one-stop and inter-agency one-stop mechanism (public-service "
            "portal and one-stop EIS) [V S21; content K]; domain reference §7 R5.")
def r5_portal_one_stop(ix: CheckIndex, found):
    """prov.public_service_portal —Flow— prov.one_stop_eis (directly or through the LGSP)."""
    portals, one_stops = ix.block(PORTAL), ix.block(ONE_STOP)
    if not portals and not one_stops:
        return
    one_set = frozenset(one_stops)
    hubs = frozenset(lx for lx in ix.lgsp if meets(ix.flow_neighbours(lx), one_set))
    for p in portals:
        nb = ix.flow_neighbours(p)
        if meets(nb, one_set) or meets(nb, hubs):
            return
    p = portals[0] if portals else PORTAL
    o = one_stops[0] if one_stops else ONE_STOP
    absent = [x for x, have in ((PORTAL, portals), (ONE_STOP, one_stops)) if not have]
    note = msg(" ({blocks} not in the model)", blocks=Join(absent, " and ")) if absent else ""
    yield found(msg("{a} and {b} are not linked{note}", a=ix.label(p), b=ix.label(o), note=note),
                elements=portals[:1] + one_stops[:1],
                fix=(msg("add {block} and connect {a} and {b} with a Flow relationship", block=absent[0], a=p, b=o)
                     if absent else msg("connect {a} and {b} with a Flow relationship", a=p, b=o)),
                missing=(Edge(p, "Flow", o),))


@rule("EGOV-R6", "Every provincial information system has a security level; level 3+ has an approved plan",
      "error", _CAT, models="province",
      legal=(LegalBasis(law.D85_2016, "five security levels; each system classified, with an approved level dossier "
                        "including its protection plan", "Art. 7–11 (levels)", "V"),
             LegalBasis(law.C03_2017, "guidance on level dossiers and protection plans", confidence="V"),
             LegalBasis(law.C12_2022, "guidance on level dossiers and protection plans (replaces Circular 03/2017)",
                        confidence="V2"),
             LegalBasis(law.DN_PLAN_2019, "target: a protection plan applied, in line with technical standards, "
                        "for the systems of level 3 and above", confidence="V")),
      rationale="Security measures follow the system's security level (1–5). Decree 85/2016 requires an approved "
                "level dossier, which includes the protection plan, for systems at every level (reviewer's reading, "
                "K); from level 3 the appraisal body changes. This rule checks the level and the dossier of systems at "
                "level 3 or above (protection_plan_approved); EGOV-R15 checks levels 1–2.",
      basis="Decree 85/2016/NĐ-CP of 1/7/2016 on information-system security by level, Art. 7–11 (five levels) "
            "[V S20]; guidance: Circular 03/2017/TT-BTTTT of 24/4/2017 [V S20], replaced by Circular "
            "12/2022/TT-BTTTT from 1/10/2022 [V2]; dossier at every level [K]; the Đồng Nai draft plan's target "
            "(a plan applied, in line with technical standards, for level-3+ systems) is a target, not law; "
            "domain reference §7 R6, §8, §11.2.")
def r6_security_level(ix: CheckIndex, found):
    """Provincial ApplicationComponents: ``security_level`` set; level ≥ 3 in operation (not ``planned``) →
    ``protection_plan_approved``."""
    no_level = found.maker(N_("information system {a} has no security level"), ("a",),
                           N_("classify {a} under Decree 85/2016 and set security_level (1–5)"), ("a",))
    no_plan = found.maker(N_("information system {a} is at security level {level} without an approved protection "
                             "plan"), ("a", "level"),
                          N_("approve the protection plan of {a} and set protection_plan_approved: true"), ("a",))
    label = ix.label
    for e in ix.provincial_components:
        level = e.security_level
        if level is None:
            one = (e.id,)
            yield no_level((label(e.id),), one, one)
        elif level >= 3 and e.protection_plan_approved is not True and e.status is not Status.PLANNED:
            one = (e.id,)
            yield no_plan((label(e.id), level), one, one)


def monitoring_subjects(ix: CheckIndex) -> list:
    """Public-facing provincial portals/websites: ApplicationComponents/Interfaces with ``public_facing: true``."""
    return [e for e in ix.model.elements
            if isinstance(e, PublicFacingFields) and e.public_facing and e.type in ("ApplicationComponent", "ApplicationInterface")
            and e.scope is Scope.PROVINCIAL and e.status is not Status.RETIRED]


def is_monitored(ix: CheckIndex, element_id: str) -> bool:
    """Whether ``sec.soc`` serves the element (directly, or the component it is part of)."""
    return ix.served_by(element_id, ix.block(SOC), via_types=("Composition", "Aggregation"))


@rule("EGOV-R7", "Every public-facing portal or website is monitored by the SOC, which reports nationally",
      "error", _CAT, frameworks=FROM_V2, models="province",
      legal=(LegalBasis(law.QD1017_2018, "provinces monitor their e-Government systems and connect to the national "
                        "monitoring centre", confidence="V"),
             LegalBasis(law.QD153_2018, "at least 50% of provincial portals supervised", confidence="V"),
             LegalBasis(law.CT14_2019, "a SOC and the four-layer protection model", confidence="K"),
             LegalBasis(law.DN_PLAN_2019, "target: 100% of websites of Party and State bodies monitored",
                        confidence="V")),
      rationale="Public-facing systems are the most exposed; each must be under the provincial security "
                "operations centre's monitoring, which feeds the national cyber-security monitoring centre.",
      basis="Decision 1017/QĐ-TTg of 14/8/2018 (cyber-security surveillance of e-Government systems) [V S25]; "
            "Decision 153/QĐ-TTg of 30/1/2018 (≥ 50% of provincial portals supervised) [V S23]; Đồng Nai "
            "2019–2020 draft-plan target (100% of websites monitored); Directive 14/CT-TTg of 7/6/2019 (SOC, four-layer "
            "protection) [K]; domain reference §7 R7, §11.2.")
def r7_monitoring(ix: CheckIndex, found):
    """``sec.soc`` —Serving→ each public-facing element; ``sec.soc`` —Flow→ ``sec.national_monitoring``."""
    socs = ix.block(SOC)
    soc = socs[0] if socs else SOC
    absent = "" if socs else msg(" ({block} is not in the model)", block=SOC)
    make = _connect_maker(found, N_("public-facing {a} is not monitored by {soc}{absent}"), ("a", "soc", "absent"),
                          "Serving")
    for e in monitoring_subjects(ix):
        i = e.id
        if not is_monitored(ix, i):
            yield make((ix.label(i), soc, absent), (soc, i, "Serving"), (i,), missing=(Edge(soc, "Serving", i),))
    nat = ix.block(NATIONAL_MONITORING)
    nat_set = frozenset(nat)
    for s in socs:
        if not meets(ix.flow_neighbours(s), nat_set):
            target = nat[0] if nat else NATIONAL_MONITORING
            yield found(msg("{a} does not report to the national monitoring centre {b}", a=ix.label(s), b=target),
                        elements=(s,), fix=_connect(s, target, "Flow"),
                        missing=(Edge(s, "Flow", target),))


def has_central_auth(ix: CheckIndex, element_id: str) -> bool:
    """Whether ``prov.sso`` serves the service, directly or through a component serving/realising it."""
    return ix.served_by(element_id, ix.block(SSO))


@rule("EGOV-R8", "Level-4 (full) online services use centralised e-authentication",
      "warning", _CAT, models="province",
      legal=(LegalBasis(law.D43_2011, "online service levels 1–4", confidence="V"),
             LegalBasis(law.D42_2022, "full / partial online services (level 4 ≈ full)", confidence="I"),
             LegalBasis(law.D45_2020, "a single account for electronic procedures", confidence="V2"),
             LegalBasis(law.DN_PLAN_2019, "target: 100% of level-4 services with centralised e-authentication",
                        confidence="K")),
      rationale="Citizens should sign in once for every full online service; per-service accounts defeat the single "
                "account of the National Public Service Portal.",
      basis="Đồng Nai 2019–2020 target (100% of level-4 services with centralised e-authentication) [K]; levels "
            "of Decree 43/2011/NĐ-CP of 13/6/2011 (level 4 ≈ 'full' of Decree 42/2022/NĐ-CP) [V S18, S19]; "
            "domain reference §7 R8, §8.")
def r8_central_authentication(ix: CheckIndex, found):
    """``prov.sso`` —Serving→ each level-4 BusinessService (or → a component that serves it)."""
    ssos = ix.block(SSO)
    sso = ssos[0] if ssos else SSO
    absent = "" if ssos else msg("; {block} is not in the model", block=SSO)
    make = _connect_maker(found, N_("level-4 service {a} does not use centralised authentication ({sso}){absent}"),
                          ("a", "sso", "absent"), "Serving")
    types = ix.types
    for e in ix.model.elements:
        if e.type != "BusinessService" or e.status is Status.RETIRED or not is_level4(e):
            continue
        i = e.id
        if has_central_auth(ix, i):
            continue
        via = [s for s, _ in ix.into("Serving", i) if types.get(s) == "ApplicationComponent"]
        hop = Edge(sso, "Serving", via[0]) if via else Edge(sso, "Serving", i)
        yield make((ix.label(i), sso, absent), (hop.source, hop.target, "Serving"), (i,) + tuple(via[:1]),
                   missing=(hop,))


@rule("EGOV-R9", "Provincial systems are hosted in the data centre or cloud, which is on the specialised network",
      "warning", _CAT, models="province",
      legal=(LegalBasis(law.FW_1_0, "technical infrastructure: provincial data centre, specialised data network",
                        "provincial framework §4.1", "K"),
             LegalBasis(law.C27_2017, "the specialised data network of Party and State bodies", confidence="K")),
      rationale="Hosting provincial systems in the provincial data centre or government cloud lets them be secured, "
                "backed up and reached over the specialised data network (TSLCD) of Party and State agencies.",
      basis="Infrastructure layer of frameworks v1.0 and v2.0: provincial data centre / cloud and the specialised "
            "data network TSLCD [K / I]; domain reference §6.5, §7 R9.")
def r9_hosting(ix: CheckIndex, found):
    """Data centre/cloud (or a node inside them) —Serving→ each provincial ApplicationComponent;
    data centre —Association— ``net.tslcd``."""
    dcs, clouds = ix.block(DATA_CENTRE), ix.block(CLOUD)
    hosts = set(dcs) | set(clouds)
    for h in tuple(hosts):
        for rt in ("Composition", "Aggregation"):
            hosts.update(t for t, _ in ix.out(rt, h))
    host = dcs[0] if dcs else (clouds[0] if clouds else DATA_CENTRE)
    absent = "" if hosts else msg(" ({block} is not in the model)", block=DATA_CENTRE)
    make = _connect_maker(found, N_("{a} is not hosted in the provincial data centre or cloud{absent}"),
                          ("a", "absent"), "Serving")
    into = ix.into
    for e in ix.provincial_components:
        i = e.id
        if not any(s in hosts for s, _ in into("Serving", i)):
            yield make((ix.label(i), absent), (host, i, "Serving"), (i,), missing=(Edge(host, "Serving", i),))
    nets = set(ix.block(TSLCD))
    net = next(iter(ix.block(TSLCD)), TSLCD)
    # The elements associated with a network, either way (one pass over the Associations, rather
    # than an Association index of the whole model for a data centre or two).
    attached = set()
    if dcs and nets:
        for r in ix.by_type.get("Association", ()):
            if r.target in nets:
                attached.add(r.source)
            if r.source in nets:
                attached.add(r.target)
    for d in dcs:
        if d not in attached:
            yield found(msg("{a} is not attached to the specialised data network {net}", a=ix.label(d), net=net),
                        elements=(d,), fix=msg("connect {a} and {b} with an Association relationship", a=d, b=net),
                        missing=(Edge(d, "Association", net),))


@rule("EGOV-R10", "The provincial reporting system feeds the national reporting system",
      "warning", _CAT, frameworks=FROM_V2,
      legal=(LegalBasis(law.D09_2019, "reporting regime; reporting information systems at every level",
                        confidence="K"),
             LegalBasis(law.FW_2_0, "provincial reporting system ↔ national reporting system", confidence="K")),
      rationale="Provincial reports reach the Government through the national reporting information system; a "
                "provincial reporting system off it means manual re-entry. (eaframe extension of R1–R9.)",
      basis="Framework v2.0 building blocks: provincial reporting information system ↔ national reporting "
            "information system (Decision 2323/QĐ-BTTTT of 31/12/2019) [K]; Decree 09/2019/NĐ-CP of 24/1/2019 on the "
            "reporting regime [V2 + K]; national reporting system in operation 8/2020 [V2 S31]; domain reference §6.2, "
            "§6.4, §11.2.")
def r10_reporting(ix: CheckIndex, found):
    """``prov.reporting_system`` —Flow— ``ext.national_reporting_system``."""
    yield from _route_rule(ix, found, ix.block(REPORTING), NATIONAL_REPORTING, msg("the national reporting system"))


def _procedures_subjects(ix: CheckIndex) -> tuple[str, ...]:
    return ix.block(PROCEDURES) + ix.block(PORTAL) + ix.block(ONE_STOP)


@rule("EGOV-R11", "One provincial administrative-procedures information system: portal and one-stop EIS are one system",
      "error", _CAT, frameworks=FROM_V2,
      legal=(LegalBasis(law.D107_2021, "the provincial public service portal and the one-stop EIS become one "
                        "'Hệ thống thông tin giải quyết thủ tục hành chính cấp tỉnh'", confidence="V2"),
             LegalBasis(law.D118_2025, "the one-stop mechanism from 1/7/2025; that it keeps the single provincial "
                        "system is eaframe's assumption", confidence="I")),
      rationale="Since Decree 107/2021 the provincial public service portal and the one-stop EIS form one "
                "administrative-procedures information system. A province that merged them (an element that is, or "
                "implements, prov.procedures_system) passes; one that keeps two systems must link them so that they "
                "work as one. Replaces EGOV-R5 from 6/12/2021.",
      basis="Decree 107/2021/NĐ-CP of 6/12/2021 amending Decree 61/2018 [V2]; Decree 118/2025/NĐ-CP of 9/6/2025, in "
            "force 1/7/2025 [V2; continuation of the single system I]; domain reference §10, §11.2.")
def r11_procedures_system(ix: CheckIndex, found):
    """``prov.procedures_system`` present, or prov.public_service_portal —Flow— prov.one_stop_eis (or via the LGSP)."""
    if ix.block(PROCEDURES):
        return
    portals, one_stops = ix.block(PORTAL), ix.block(ONE_STOP)
    if not portals or not one_stops:
        return   # one of the two systems alone is the single system (none at all: conformance, EGOV-C1)
    one_set = frozenset(one_stops)
    hubs = frozenset(lx for lx in ix.lgsp if meets(ix.flow_neighbours(lx), one_set))
    for p in portals:
        nb = ix.flow_neighbours(p)
        if meets(nb, one_set) or meets(nb, hubs):
            return
    yield found(msg("{a} and {b} are two unlinked systems; since Decree 107/2021 they form one "
                    "administrative-procedures information system", a=ix.label(portals[0]), b=ix.label(one_stops[0])),
                elements=(portals[0], one_stops[0]),
                fix=msg("merge them into one element implementing {block}, or connect {a} and {b} with a Flow "
                        "relationship", block=PROCEDURES, a=portals[0], b=one_stops[0]),
                missing=(Edge(portals[0], "Flow", one_stops[0]),))


@rule("EGOV-R12", "Citizens sign in to online public services with VNeID electronic identification",
      "warning", _CAT, frameworks=FROM_V2, models="province",
      legal=(LegalBasis(law.D69_2024, "VNeID as the identification and authentication of citizens for online "
                        "public services", confidence="V2"),),
      rationale="Since Decree 69/2024 citizens identify themselves for online public services with their VNeID "
                "electronic identity; the province's authentication (prov.sso) or its procedures system must accept "
                "it.",
      basis="Decree 69/2024/NĐ-CP on electronic identification and authentication [V2; day of issue K]; domain "
            "reference §11.2.")
def r12_vneid(ix: CheckIndex, found):
    """``ext.national_identity`` (VNeID) —Serving→ (or —Flow—) ``prov.sso`` or the procedures system, when the province has one."""
    subjects = ix.block(SSO) + _procedures_subjects(ix)
    if not subjects:
        return
    vneid = ix.block(VNEID)
    vset = frozenset(vneid)
    for s in subjects:
        if meets(ix.flow_neighbours(s), vset) or any(p in vset for p, _ in ix.into("Serving", s)):
            return
    target = subjects[0]
    v = vneid[0] if vneid else VNEID
    yield found(msg("{a} does not accept VNeID electronic identification ({v}){absent}", a=ix.label(target), v=v,
                    absent="" if vneid else msg("; {block} is not in the model", block=VNEID)),
                elements=(target,) + vneid[:1],
                fix=_connect(v, target, "Serving"),
                missing=(Edge(v, "Serving", target),))


@rule("EGOV-R13", "The procedures system uses the national population database",
      "warning", _CAT, frameworks=FROM_V2, models="province",
      legal=(LegalBasis(law.P06_2022, "procedures systems use the national population database instead of "
                        "asking citizens for paper proofs", confidence="V2"),),
      rationale="Under Project 06 the provincial procedures system looks citizens' data up in the national "
                "population database (through the data-sharing platform) instead of asking for paper copies.",
      basis="Decision 06/QĐ-TTg of 6/1/2022 (Project 06) [V2 + K]; domain reference §11.2.")
def r13_population_db(ix: CheckIndex, found):
    """The procedures system —Access→ ``nat.db.population``, directly or through the LGSP and the NGSP."""
    subjects = _procedures_subjects(ix)
    if not subjects:
        return
    dbs = ix.block(POPULATION_DB)
    dset = frozenset(dbs)
    lg = frozenset(ix.lgsp)
    ng_reaches = any(any(t in dset for t, _ in ix.out("Access", n)) for n in ix.ngsp)
    lgsp_to_ngsp = any(meets(ix.flow_neighbours(lx), frozenset(ix.ngsp)) for lx in ix.lgsp)
    for s in subjects:
        if any(t in dset for t, _ in ix.out("Access", s)):
            return
        if meets(ix.flow_neighbours(s), lg) and lgsp_to_ngsp and ng_reaches:
            return
    s = subjects[0]
    db = dbs[0] if dbs else POPULATION_DB
    hub = ix.lgsp[0] if ix.lgsp else LGSP
    ng = ix.ngsp[0] if ix.ngsp else NGSP
    hops = _missing_hops(ix, (Edge(s, "Flow", hub), Edge(hub, "Flow", ng), Edge(ng, "Access", db)))
    yield found(msg("{a} does not use the national population database {db}{absent}", a=ix.label(s), db=db,
                    absent="" if dbs else msg(" ({block} is not in the model)", block=POPULATION_DB)),
                elements=(s,) + dbs[:1],
                fix=_add(hops),
                missing=hops)


@rule("EGOV-R14", "Every provincial information system is connected to the data exchange platform by 31/12/2026",
      "warning", _CAT, frameworks=FROM_V2, models="province",
      legal=(LegalBasis(law.D278_2025, "state agencies' information systems connect to the data exchange platforms; "
                        "connections finished by 31/12/2026", "Art. 8, 24", "V2"),),
      rationale="Decree 278/2025 (replacing Decree 47/2020) has every information system that shares data connect to "
                "the data exchange platform — for a province, its LGSP, connected to the national platform — and "
                "sets 31/12/2026 to finish the connections. Reading it as 'every provincial system in operation' "
                "is eaframe's (I).",
      basis="Decree 278/2025/NĐ-CP of 22/10/2025, Art. 8, 24 [V2, one source]; domain reference §11.2.")
def r14_data_exchange(ix: CheckIndex, found):
    """Provincial ApplicationComponents in operation (not planned; the SOC, which monitors rather than shares
    data, left out) —Flow— the LGSP."""
    lg = frozenset(ix.lgsp)
    hub = ix.lgsp[0] if ix.lgsp else LGSP
    absent = "" if lg else msg("; {block} is not in the model", block=LGSP)
    make = _connect_maker(found, N_("{a} is not connected to the data exchange platform {hub} (deadline 31/12/2026, "
                                    "Decree 278/2025){absent}"), ("a", "hub", "absent"), "Flow")
    for e in ix.provincial_components:
        i = e.id
        if i in lg or e.status is Status.PLANNED or ix.is_block(i, SOC) or meets(ix.flow_neighbours(i), lg):
            continue
        yield make((ix.label(i), hub, absent), (i, hub, "Flow"), (i,), missing=(Edge(i, "Flow", hub),))


@rule("EGOV-R15", "Systems at security levels 1–2 also have an approved level dossier",
      "warning", _CAT, models="province",
      legal=(LegalBasis(law.D85_2016, "an approved level dossier (with its protection plan) for every system, at "
                        "every level 1–5", confidence="K"),
             LegalBasis(law.C03_2017, "guidance on level dossiers", confidence="K"),
             LegalBasis(law.C12_2022, "guidance on level dossiers", confidence="K")),
      rationale="Decree 85/2016 does not limit level dossiers to level 3 and above: every information system needs "
                "an approved dossier proposing its level, which includes its protection plan (reviewer's reading, "
                "K). Warning rather than error because the reading is not verified against the text.",
      basis="Decree 85/2016/NĐ-CP of 1/7/2016 [V S20 for the decree; 'every level' K]; Circular 03/2017/TT-BTTTT, "
            "replaced by Circular 12/2022/TT-BTTTT [V2]; domain reference §11.2.")
def r15_level_dossier(ix: CheckIndex, found):
    """Provincial ApplicationComponents in operation at ``security_level`` 1–2 → ``protection_plan_approved``."""
    make = found.maker(N_("information system {a} (security level {level}) has no approved level dossier"),
                       ("a", "level"), N_("approve the level dossier of {a} and set protection_plan_approved: true"),
                       ("a",))
    for e in ix.provincial_components:
        lvl = getattr(e, "security_level", None)
        if lvl is not None and lvl < 3 and getattr(e, "protection_plan_approved", None) is not True \
                and e.status is not Status.PLANNED:
            one = (e.id,)
            yield make((ix.label(e.id), lvl), one, one)

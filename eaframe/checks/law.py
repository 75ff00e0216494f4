"""The legal instruments the check rules rest on, with their periods and confidence tags.

Each :class:`~eaframe.checks.registry.LegalInstrument` below is one instrument of the
domain reference (``../shared/domain/README.md`` §1, §2, §7, §8 and §11): its number,
kind, date of issue, the date it took effect, when it stopped applying and what replaced
it, and the confidence tag of those facts (V verified in a listed source, V2 weak
secondary source, K background knowledge, I inference). The rules cite them through
:class:`~eaframe.checks.registry.LegalBasis` (instrument + article + what it requires
+ the tag of that reading), so a rule's period and the instruments a report applied on
a date are computed from data, never from prose.

Examples
--------
>>> D47_2020.in_force(__import__("datetime").date(2026, 1, 1)), D47_2020.replaced_by
(False, 'Decree 278/2025/NĐ-CP')
"""

from __future__ import annotations

from datetime import date

from .registry import LegalInstrument

__all__ = [
    "FW_1_0", "FW_2_0", "FW_3_0", "FW_4_0",
    "D43_2011", "D42_2022", "D85_2016", "C03_2017", "C12_2022", "D47_2020", "D278_2025",
    "D61_2018", "D107_2021", "D118_2025", "D45_2020", "D69_2024", "D09_2019", "P06_2022",
    "QD28_2018", "QD274_2019", "QD31_2021", "QD1017_2018", "QD153_2018", "QD714_2015", "C13_2017",
    "CT14_2019", "C27_2017", "DN_PLAN_2019", "ARCHIMATE_3_2", "EAFRAME_CONVENTIONS",
]

# ---------------------------------------------------------------------- frameworks (§2, §11.1)
FW_1_0 = LegalInstrument(
    "MIC letter 1178/BTTTT-THH", "letter", "Framework v1.0 (Khung Kiến trúc CPĐT Việt Nam, phiên bản 1.0)",
    issued=date(2015, 4, 21), until=date(2019, 12, 31), replaced_by="Decision 2323/QĐ-BTTTT",
    confidence="V", sources=("S1", "S2"),
    note="v2.0 was built by upgrading v1.0 [V S5]; that it replaced v1.0 on 31/12/2019 is K")
FW_2_0 = LegalInstrument(
    "Decision 2323/QĐ-BTTTT", "decision", "Framework v2.0 (Khung Kiến trúc CPĐT Việt Nam, phiên bản 2.0)",
    issued=date(2019, 12, 31), until=date(2023, 12, 29), replaced_by="Decision 2568/QĐ-BTTTT",
    confidence="V", sources=("S5", "S10"),
    note="dates V S5/S10; that v3.0 replaced v2.0 on 29/12/2023 is K")
FW_3_0 = LegalInstrument(
    "Decision 2568/QĐ-BTTTT", "decision", "Framework v3.0 (towards digital Government), amended by Decision "
    "1729/QĐ-BTTTT of 09/10/2024", issued=date(2023, 12, 29), until=date(2025, 3, 25),
    replaced_by="Decision 292/QĐ-BKHCN", confidence="V", sources=("S9", "S10", "S11"))
FW_4_0 = LegalInstrument(
    "Decision 292/QĐ-BKHCN", "decision", "Framework v4.0 (Khung kiến trúc Chính phủ số Việt Nam)",
    issued=date(2025, 3, 25), confidence="V", sources=("S11",))

# ---------------------------------------------------------------------- online services (§8)
D43_2011 = LegalInstrument(
    "Decree 43/2011/NĐ-CP", "decree", "online information and public services on state agency portals "
    "(service levels 1–4)", issued=date(2011, 6, 13), until=date(2022, 8, 15), replaced_by="Decree 42/2022/NĐ-CP",
    confidence="V", sources=("S18", "S19"),
    note="date V S18; 'superseded' by 42/2022 is K (one source says 'amending')")
D42_2022 = LegalInstrument(
    "Decree 42/2022/NĐ-CP", "decree", "online information and public services (full / partial online services)",
    issued=date(2022, 6, 24), effective=date(2022, 8, 15), confidence="V", sources=("S19",))
D45_2020 = LegalInstrument(
    "Decree 45/2020/NĐ-CP", "decree", "administrative procedures done electronically (single NPSP account, "
    "digitised dossiers and results)", issued=date(2020, 4, 8), confidence="V2")
D69_2024 = LegalInstrument(
    "Decree 69/2024/NĐ-CP", "decree", "electronic identification and authentication (VNeID)",
    issued=date(2024, 6, 25), effective=date(2024, 7, 1), confidence="K",
    note="the decree and its VNeID content are V2 (§11.2); the reference gives only the year 2024: the day "
         "(issued 25/06/2024, in force 01/07/2024) is K")

# ---------------------------------------------------------------------- one-stop mechanism (§7 R5, §11.2)
D61_2018 = LegalInstrument(
    "Decree 61/2018/NĐ-CP", "decree", "one-stop and inter-agency one-stop mechanism (public service portal and "
    "one-stop EIS)", issued=date(2018, 4, 23), until=date(2025, 7, 1), replaced_by="Decree 118/2025/NĐ-CP",
    confidence="V", sources=("S21",),
    note="date V S21; content K; amended by Decree 107/2021 (06/12/2021) and replaced by Decree 118/2025 "
         "(in force 01/07/2025) [V2]")
D107_2021 = LegalInstrument(
    "Decree 107/2021/NĐ-CP", "decree", "amending Decree 61/2018: one provincial administrative-procedures "
    "information system (Hệ thống thông tin giải quyết thủ tục hành chính cấp tỉnh)",
    issued=date(2021, 12, 6), until=date(2025, 7, 1), replaced_by="Decree 118/2025/NĐ-CP", confidence="V2",
    note="in force from the date of issue is K")
D118_2025 = LegalInstrument(
    "Decree 118/2025/NĐ-CP", "decree", "one-stop and inter-agency one-stop mechanism (replaces the one-stop "
    "rules of Decrees 61/2018 and 107/2021)", issued=date(2025, 6, 9), effective=date(2025, 7, 1),
    confidence="V2")

# ---------------------------------------------------------------------- data sharing (§7 R1–R2, §11.2)
D47_2020 = LegalInstrument(
    "Decree 47/2020/NĐ-CP", "decree", "management, connection and sharing of digital data of state agencies",
    issued=date(2020, 4, 9), until=date(2025, 10, 22), replaced_by="Decree 278/2025/NĐ-CP", confidence="V",
    sources=("S17",), note="date V S17; repealed by Decree 278/2025 (its Art. 23) [V2, one source]")
D278_2025 = LegalInstrument(
    "Decree 278/2025/NĐ-CP", "decree", "data sharing among state agencies: connections to the national data "
    "exchange platform, to be finished by 31/12/2026 (Art. 8, 24)", issued=date(2025, 10, 22), confidence="V2",
    note="one source; in force from the date of issue is K")
C13_2017 = LegalInstrument(
    "Circular 13/2017/TT-BTTTT", "circular", "technical requirements for connecting information systems and "
    "databases with national databases", issued=date(2017, 6, 23), confidence="V", sources=("S15",))
QD714_2015 = LegalInstrument(
    "Decision 714/QĐ-TTg", "decision", "list of priority national databases", issued=date(2015, 5, 22),
    confidence="V", sources=("S16",))
QD153_2018 = LegalInstrument(
    "Decision 153/QĐ-TTg", "decision", "IT Target Program 2016–2020 (a shared platform in every province; "
    "30% of dossiers online at level 4; ≥ 50% of provincial portals supervised)", issued=date(2018, 1, 30),
    until=date(2020, 12, 31), confidence="V", sources=("S23",),
    note="the programme covers 2016–2020; its end date as the end of its targets is I")
P06_2022 = LegalInstrument(
    "Decision 06/QĐ-TTg (Project 06)", "decision", "use of the national population database and electronic "
    "identification for public services", issued=date(2022, 1, 6), confidence="V2",
    note="that procedures systems must use the population database is V2 + K")

# ---------------------------------------------------------------------- national systems (§7 R3–R4, R10)
QD28_2018 = LegalInstrument(
    "Decision 28/2018/QĐ-TTg", "decision", "sending and receiving e-documents between state administrative "
    "agencies", issued=date(2018, 7, 12), effective=date(2018, 9, 6), confidence="V", sources=("S26",))
QD274_2019 = LegalInstrument(
    "Decision 274/QĐ-TTg", "decision", "National Public Service Portal project", issued=date(2019, 3, 12),
    confidence="V", sources=("S22",))
QD31_2021 = LegalInstrument(
    "Decision 31/2021/QĐ-TTg", "decision", "rules for managing, operating and using the National Public "
    "Service Portal", issued=date(2021, 10, 11), confidence="V", sources=("S21",))
D09_2019 = LegalInstrument(
    "Decree 09/2019/NĐ-CP", "decree", "reporting regime of state administrative agencies (basis of the "
    "reporting information systems)", issued=date(2019, 1, 24), confidence="V2",
    note="its role as the basis of the provincial reporting system is K")

# ---------------------------------------------------------------------- security (§7 R6–R7, §8, §11.2)
D85_2016 = LegalInstrument(
    "Decree 85/2016/NĐ-CP", "decree", "security of information systems by level (five levels, a level dossier "
    "with its protection plan approved for each system)", issued=date(2016, 7, 1), confidence="V",
    sources=("S20",))
C03_2017 = LegalInstrument(
    "Circular 03/2017/TT-BTTTT", "circular", "guidance on Decree 85/2016", issued=date(2017, 4, 24),
    until=date(2022, 10, 1), replaced_by="Circular 12/2022/TT-BTTTT", confidence="V", sources=("S20",),
    note="date V S20; replaced by Circular 12/2022 [V2]")
C12_2022 = LegalInstrument(
    "Circular 12/2022/TT-BTTTT", "circular", "guidance on Decree 85/2016 (replaces Circular 03/2017)",
    issued=None, effective=date(2022, 10, 1), confidence="V2",
    note="the reference gives its date of effect only")
QD1017_2018 = LegalInstrument(
    "Decision 1017/QĐ-TTg", "decision", "cyber-security surveillance of e-Government systems (national "
    "monitoring centre, ministries, provinces)", issued=date(2018, 8, 14), confidence="V", sources=("S25",))
CT14_2019 = LegalInstrument(
    "Directive 14/CT-TTg", "directive", "SOC and the four-layer protection model", issued=date(2019, 6, 7),
    confidence="K")

# ---------------------------------------------------------------------- infrastructure (§7 R9)
C27_2017 = LegalInstrument(
    "Circular 27/2017/TT-BTTTT", "circular", "the specialised data network of Party and State bodies (TSLCD)",
    issued=None, confidence="K", note="the reference gives the year 2017 only, so no day is recorded")

# ---------------------------------------------------------------------- targets and conventions
DN_PLAN_2019 = LegalInstrument(
    "Đồng Nai draft plan 2019–2020", "plan", "draft plan (dự thảo Kế hoạch) implementing Decision 153/QĐ-TTg: "
    "the province's targets to 31/12/2020", issued=None, until=date(2021, 1, 1), confidence="V",
    sources=("DN2019",), binding=False,
    note="a draft: nothing public shows its adoption; a provincial target, not a legal obligation")
ARCHIMATE_3_2 = LegalInstrument(
    "ArchiMate 3.2 Specification", "standard", "The Open Group, Appendix B (relationship tables)", issued=None,
    confidence="K", binding=False)
EAFRAME_CONVENTIONS = LegalInstrument(
    "eaframe modelling conventions", "convention", "docs/checks.md and the domain reference §0, §6 (ids, "
    "scope, sources, confidence, bilingual names)", issued=None, confidence="I", binding=False)

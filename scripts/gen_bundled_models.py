#!/usr/bin/env python3
"""Generate the eight bundled models in ``models/`` from one table of building blocks.

The bundled models (frameworks v1.0, v2.0, v3.0 and v4.0, Đồng Nai 2019 and Đồng Nai 2020)
share most of their building blocks, ids, names and sources. Keeping them in one table
here keeps ids stable across versions and names consistent; the YAML files written to
``models/`` are the canonical eaframe form (``eaframe.dumps``), so
``dumps(load(file)) == file`` holds for each of them.

The facts come from the project's domain reference (catalogue §6, differences §5, rules
§7, targets §8, Đồng Nai §9) and the 2019 article on Đồng Nai's 2019–2020 IT target
programme. Every element and relationship carries ``sources`` (ids of the sources table
below) and a ``confidence`` tag: V verified, V2 weak secondary source, K background
knowledge not yet confirmed, I inference / modelling choice / illustrative value. For K
and I items ``sources`` names the document the item belongs to, not a confirmation.

Bình Phước 2020 (``binhphuoc-2020``, illustrative) is made from the Đồng Nai 2020 model and
Đồng Nai 2025 (``dongnai-2025``) is the province merge of the two with the decisions of
``models/_dongnai-binhphuoc-decisions.yaml``, which this script writes too (see
``build_binhphuoc`` and ``build_dongnai_2025``).

Model tags used in the tables: ``1`` = vn-province-1.0, ``2`` = vn-province-2.0,
``3`` = vn-province-3.0, ``4`` = vn-province-4.0, ``a`` = dongnai-2019, ``b`` = dongnai-2020.

The v3.0 and v4.0 models continue every v2.0 block (same id) unless ``LATER_DROPPED``
says otherwise; a continued block keeps its v2.0 sources but its confidence drops to K
unless an override for that version sets it from a source about that version: what the
v2.0 sources verify is not thereby verified for the later texts, whose annexes were not
read.

Usage::

    python scripts/gen_bundled_models.py           # (re)write models/*.yaml (their JSON forms _*.json, pickled
                                                   # forms _*.pickle; see eaframe.bundled)
    python scripts/gen_bundled_models.py --check   # exit 1 if a file is out of date
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))  # docgen.py beside this script

from docgen import update_files  # noqa: E402

from eaframe.bundled import (  # noqa: E402
    COMPILED_INDEX,
    PREBUILT_INDEX,
    code_fingerprint,
    compile_bundled,
    load_prebuilt,
    prebuild_bundled,
)
from eaframe.model import ArchitectureModel  # noqa: E402
from eaframe.modelfile import dumps, to_data  # noqa: E402

__all__ = ["MODELS", "build_model", "build_all", "compiled_files", "stale_prebuilt", "write_prebuilt", "main"]

#: Bundled model name for each tag.
MODELS = {
    "1": "vn-province-1.0",
    "2": "vn-province-2.0",
    "a": "dongnai-2019",
    "b": "dongnai-2020",
    "3": "vn-province-3.0",
    "4": "vn-province-4.0",
}
FRAMEWORK = {"1", "2", "3", "4"}
V1_FAMILY = {"1", "a"}  # models laid out with the v1.0 layers
V2_FAMILY = {"2", "b", "3", "4"}  # models laid out with the seven components and the reference models
#: The later frameworks: a block of v2.0 continues in them unless dropped (see LATER_DROPPED).
LATER = ("3", "4")

# --------------------------------------------------------------------------- sources
# Titles and notes in our own words; urls as listed in the domain reference.
SOURCES: dict[str, dict] = {
    "S1": dict(
        title="Khung Kiến trúc Chính phủ điện tử Việt Nam, phiên bản 1.0 — cover and table of contents",
        url="https://tailieu.vn/doc/khung-kien-truc-chinh-phu-dien-tu-viet-nam-1813044.html",
        note="Framework v1.0 was issued as an attachment to MIC letter 1178/BTTTT-THH of 21 April 2015; "
             "its contents include a provincial-level framework (§4.1) with a roadmap (§4.2) and a national "
             "connection model. The cover date is preferred over the 24/4/2015 found in some provincial decisions."),
    "S2": dict(
        title="Tây Ninh provincial portal: framework v1.0 officially issued",
        url="https://tayninh.gov.vn/vi/news/chinh-quyen-so/khung-ki-n-tr-c-ch-nh-ph--i-n-t-vi-t-nam-phi-n-b-n-1-0-ch-nh-th-c-ban-h-nh-41088.html",
        note="Lists the parts of the v1.0 national overview picture: users, channels, Government portal, the "
             "system connecting central and local information systems, ministry/provincial architectures, "
             "national systems and databases, non-State systems, infrastructure, management and security."),
    "S3": dict(
        title="Thừa Thiên Huế Decision 383/QĐ-UBND (27/02/2017) approving the provincial e-Government architecture",
        url="https://hethongphapluat.vn/quyet-dinh-383-qd-ubnd-nam-2017-ve-phe-duyet-kien-truc-chinh-quyen-dien-tu-tinh-thua-thien-hue.html",
        note="A provincial v1.0 approval by the People's Committee; its preamble cites 1178/BTTTT-THH and the "
             "MIC template letter 2384/BTTTT-THH of 28/7/2015."),
    "S4": dict(
        title="Bắc Giang Decision 503/QĐ-UBND (30/03/2017), provincial e-Government architecture v1.0",
        url="https://uat.nhansu.vn/van-ban-phap-luat/Quyet-dinh-503-QD-UBND-2017-Kien-truc-chinh-quyen-dien-tu-Bac-Giang-phien-ban-1-0-446255.html",
        note="Another provincial v1.0 approval issued by the provincial People's Committee."),
    "S5": dict(
        title="Lào Cai provincial article on the issuance of framework v2.0",
        url="http://qlqh.laocai.gov.vn/vi/bai-viet/10050",
        note="Framework v2.0 = Decision 2323/QĐ-BTTTT of 31/12/2019, signed by Minister Nguyễn Mạnh Hùng, built "
             "by upgrading v1.0; its seven basic contents (vision, objectives, scope, principles, overall "
             "diagram, component architectures, implementation) and the five new reference models."),
    "S6": dict(
        title="dientungaynay.vn: Vietnam e-Government architecture framework version 2.0 (19/02/2020)",
        url="https://dientungaynay.vn/goc-nhin-chuyen-gia/khung-kien-truc-chinh-phu-dien-tu-viet-nam-phien-ban-20",
        note="Explains the purpose of v2.0 and confirms that v1.0 was issued on 21/4/2015."),
    "S7": dict(
        title="BizLIVE / MIC news re-post on the Prime Minister assigning the MIC to issue framework v2.0",
        url="https://nhipsongdoanhnghiep.cuocsongantoan.vn/vi-mo/giao-bo-thong-tin-va-truyen-thong-ban-hanh-khung-kien-truc-chinh-phu-dien-tu-20-3531270.html",
        note="The Prime Minister's instruction of 26/12/2019; v2.0 calls its top picture 'Sơ đồ khái quát' "
             "(weak secondary source for the picture name)."),
    "S8": dict(
        title="Drafts 2 (11/2018) and 3 (5/2019) of framework v2.0 by the Authority of IT Application",
        url="https://scribd.com/document/598635658/Du-thao-lan-2-Khung-Kien-truc-CPĐT-VN-2-0",
        note="The VNEAF 2.0 name and the draft chapter layout, including general and specific principles."),
    "S9": dict(
        title="vneconomy.vn / vietbao.vn on framework v3.0 (01/2024)",
        url="https://vneconomy.vn/ban-hanh-khung-kien-truc-chinh-phu-dien-tu-3-0-huong-toi-chinh-phu-so.htm",
        note="v2.0 had a security reference model ('Mô hình tham chiếu an toàn thông tin'), renamed in v3.0."),
    "S10": dict(
        title="luatvietnam.vn attributes of Decision 2568/QĐ-BTTTT (framework v3.0)",
        url="https://luatvietnam.vn/thong-tin/quyet-dinh-2568-qd-btttt-2023-khung-kien-truc-chinh-phu-dien-tu-viet-nam-phien-ban-30-287227-d1.html",
        note="v3.0 (Decision 2568/QĐ-BTTTT) was issued on 29/12/2023."),
    "S11": dict(
        title="Decision 292/QĐ-BKHCN (25/03/2025), framework v4.0",
        url="https://vbpl.ts24.com.vn/support/solutions/articles/16000211285",
        note="Text of the decision: v4.0 'Khung kiến trúc Chính phủ số Việt Nam' by the Ministry of Science and "
             "Technology, in force from signature, replaces Decision 2568/QĐ-BTTTT (29/12/2023) and its amendment "
             "Decision 1729/QĐ-BTTTT (09/10/2024); cites Decree 55/2025/NĐ-CP (02/03/2025) on the ministry."),
    "S12": dict(
        title="Bình Dương provincial portal (English): approval of the provincial e-Government architecture v2.0",
        url="https://eng.binhduong.gov.vn/Lists/TinTucSuKien/ChiTiet.aspx?ID=4281&PageIndex=140",
        note="A provincial v2.0 overview with seven components: users, communication channels, data and "
             "applications, technology, information security, direction and policy, external systems."),
    "S13": dict(
        title="Provincial architecture documents and news: Sơn La, Lạng Sơn, Vĩnh Phúc, Phú Thọ, Đà Nẵng",
        url="https://text.123doc.net/document/6597746-kien-truc-chinh-quyen-dien-tu-tinh-son-la-phien-ban-2-0.htm",
        note="Examples of provincial v1.0/v2.0 approvals; the provincial Department of Information and "
             "Communications maintains the architecture; v2.0 applies to province, district and commune level."),
    "S14": dict(
        title="VietnamPlus: Hải Dương LGSP launch (10/2019) and Vĩnh Phúc LGSP",
        url="https://fr.vietnamplus.vn/hai-duong-inauguration-de-la-plateforme-de-services-pour-les-administrations-locales/128063.vnp",
        note="LGSP = Local Government Service Platform, the core platform of a provincial architecture, "
             "connected to the MIC's NGSP (National Government Service Platform)."),
    "S15": dict(
        title="Hà Giang Decision 1964/QĐ-UBND (13/10/2023) on operating the LGSP",
        url="https://thuvienphapluat.vn/van-ban/Cong-nghe-thong-tin/Quyet-dinh-1964-QD-UBND-2023-quan-ly-Nen-tang-tich-hop-chia-se-du-lieu-LGSP-Ha-Giang-583001.aspx",
        note="The v2-era name 'Nền tảng tích hợp, chia sẻ dữ liệu (LGSP)'; cites Decree 47/2020, Circular "
             "13/2017 (connecting to national databases) and Circular 39/2017 (technical standards)."),
    "S16": dict(
        title="MIC letter 2051/BTTTT-THH (04/06/2020) guiding Decree 47/2020",
        url="https://dulieuphapluat.vn/van-ban/buu-chinh-vien-thong/cong-van-2051btttt-thh-nam-2020-huong-dan-trien-khai-nhiem-vu-thuc-thi-nghi-dinh-472020nd-cp-do-bo-thong-tin-va-truyen-thong-ban-hanh-32760.html",
        note="Refers to Decision 714/QĐ-TTg (22/5/2015), the list of priority national databases."),
    "S17": dict(
        title="Decree 47/2020/NĐ-CP (09/04/2020) on managing, connecting and sharing digital data",
        url="https://english.luatvietnam.vn/decree-no-47-2020-nd-cp-dated-april-09-2020-of-the-government-on-the-management-connection-and-sharing-of-digital-data-by-state-agency-182340-Doc1.html",
        note="Legal basis for data sharing between state agencies through the integration platforms."),
    "S18": dict(
        title="Decree 43/2011/NĐ-CP (13/06/2011) on online information and public services",
        url="https://english.luatvietnam.vn/decree-no-43-2011-nd-cp-dated-june-13-2011-of-the-government-on-provision-of-online-information-and-public-services-on-websites-or-web-portals-of-st-62349-Doc1.html",
        note="Online public services on state portals, at levels 1 to 4."),
    "S19": dict(
        title="Decree 42/2022/NĐ-CP (24/06/2022) on online information and public services",
        url="https://english.luatvietnam.vn/decree-no-42-2022-nd-cp-on-the-provision-of-online-information-and-public-services-by-the-223182-doc1.html",
        note="Two online service modes, full and partial; names data portals among the channels; service lists "
             "must be on the national administrative-procedure database."),
    "S20": dict(
        title="Decree 85/2016/NĐ-CP (01/07/2016) and Circular 03/2017/TT-BTTTT (24/04/2017)",
        url="https://thuvienphapluat.vn/van-ban/cong-nghe-thong-tin/decree-85-2016-nd-cp-on-the-security-of-information-systems-by-classification-318857.aspx",
        note="Security of information systems by level: five levels increasing from 1 to 5, each with a "
             "protection plan."),
    "S21": dict(
        title="Decision 31/2021/QĐ-TTg (rules of the National Public Service Portal)",
        url="https://english.luatvietnam.vn/decision-no-31-2021-qd-ttg-dated-october-11-2021-of-the-prime-minister-providing-regulation-on-management-operation-and-exploitation-of-the-nation-210949-Doc1.html",
        note="Cites Decree 61/2018/NĐ-CP (23/04/2018) on one-stop and inter-agency one-stop mechanisms, which "
             "defines the one-stop unit, public service portals and the one-stop electronic information system."),
    "S22": dict(
        title="Decision 274/QĐ-TTg (12/03/2019) on the National Public Service Portal; TalkVietnam article",
        url="https://dulieuphaply.vn/vbpl/quyet-dinh-274-qd-ttg-nam-2019-ve-phe-duyet-de-an-cong-dich-vu-cong-quoc-gia-do-thu-tuong-chinh-phu-ban-hanh",
        note="The National Public Service Portal project was approved on 12/3/2019 and the portal opened on "
             "9 December 2019."),
    "S23": dict(
        title="Decision 153/QĐ-TTg (30/01/2018), IT Target Program 2016–2020",
        url="https://english.luatvietnam.vn/decision-no-153-qd-ttg-dated-january-30-2018-of-the-prime-minister-on-approving-the-2016-2020-target-program-on-information-technology-158922-doc1.html",
        note="National targets: a shared integration platform in every ministry and province; 30% of local "
             "procedures processed online at level 4; security monitoring of provincial portals."),
    "S24": dict(
        title="Circular 23/2018/TT-BTTTT (28/12/2018) guiding the IT Target Program",
        url="https://thuviennhadat.vn/vbpl/thong-tu-23-2018-tt-btttt-huong-dan-thuc-hien-chuong-trinh-muc-tieu-cong-nghe-thong-tin-404673.html",
        note="Cites Decision 80/2014/QĐ-TTg (30/12/2014) piloting the leasing of IT services."),
    "S25": dict(
        title="Decision 1017/QĐ-TTg (14/08/2018), cyber-security surveillance of e-Government systems",
        url="https://english.luatvietnam.vn/decision-no-1017-qd-ttg-dated-august-14-2018-of-the-prime-minister-on-approving-schemes-for-surveillance-of-cyber-information-security-applied-to-e-166124-doc1.html",
        note="A national monitoring centre with ministries' and provinces' monitoring feeding it."),
    "S26": dict(
        title="Decision 28/2018/QĐ-TTg (12/07/2018) on sending and receiving e-documents",
        url="https://cucthongke.laocai.gov.vn/thong-tu-quyet-dinh/quyet-dinh-ve-viec-gui-nhan-van-ban-dien-tu-giua-cac-co-quan-trong-he-thong-hanh-chinh-nha-nuoc-655688",
        note="Administrative agencies exchange e-documents through interconnected document management and "
             "executive systems."),
    "S27": dict(
        title="Tiền Giang plan 328/KH-UBND (08/10/2019)",
        url="https://vanbanphapluat.co/ke-hoach-328-kh-ubnd-2019-xay-dung-chinh-quyen-dien-tu-huong-toi-chinh-quyen-so-tien-giang",
        note="Cites Resolution 17/NQ-CP (07/03/2019) on key e-Government tasks 2019–2020."),
    "S28": dict(
        title="Đồng Nai Decision 5003/QĐ-UBND (30/12/2020), Digital Transformation Program to 2025",
        url="https://hethongphapluat.com/quyet-dinh-5003-qd-ubnd-nam-2020-phe-duyet-chuong-trinh-chuyen-doi-so-den-nam-2025-dinh-huong-den-nam-2030-cua-tinh-dong-nai.html",
        note="Đồng Nai's next programme after the 2019–2020 IT programme (orientation to 2030)."),
    "S29": dict(
        title="Đồng Nai DPI page (2018), digital-transformation portal (9/2025), Báo Đồng Nai English (2026)",
        url="http://dpidongnai.gov.vn/Pages/newsdetail.aspx?NewsId=1553&CatId=51",
        note="Đồng Nai has a Public Administration Centre (Trung tâm Hành chính công) and the 1022 switchboard "
             "(2018); by 2025 its core systems include the administrative-procedure system, e-mail, paperless "
             "meetings and digital signatures, with LAN and the specialised data network down to commune level; "
             "a provincial IOC is reported in 2026."),
    "S30": dict(
        title="MIC letter 677/BTTTT-THH (Báo Nghệ An English)",
        url="https://baonghean.vn/en/print/10237306.html",
        note="The national platform is later called the National Data Integration and Sharing Platform (NDXP)."),
    "S31": dict(
        title="Public repository text and MIC-era news dataset (weak secondary source)",
        url=None,
        note="Confirms Decision 2323/QĐ-BTTTT of 31/12/2019 as v2.0; the national document axis opened in "
             "3/2019, the National Public Service Portal at the end of 2019, the national reporting system in "
             "8/2020. No stable URL."),
    "S32": dict(
        title="JICA, Data Collection Survey on e-Government in Vietnam, final report (June 2019)",
        url="https://fdocuments.net/document/data-collection-survey-on-e-government-in-data-collection-survey-on-e-government.html",
        note="English-language background; only the cover was readable."),
    "DN2019": dict(
        title="ICTVietnam (Hải Nguyên, 11/10/2019): Chương trình mục tiêu CNTT giai đoạn 2019 - 2020 của tỉnh Đồng Nai",
        url=None,
        note="Reports the draft plan for Đồng Nai's 2019–2020 IT target programme: upgrade the provincial "
             "architecture from v1.0 to v2.0; connect provincial systems and databases with national ones; the "
             "six numeric targets; total budget 150,126 million VND (102,434 investment + 47,692 operating); "
             "preference for leasing IT services; the provincial IT steering committee. Text kept with the "
             "project's domain reference; URL not recorded."),
}

# Sources found after the domain reference was written (searches of 12/2026): the instruments of
# the later frameworks and of 2021–2025 that the v3.0 and v4.0 models rest on. Ids continue the
# reference's numbering.
SOURCES.update({
    "S33": dict(
        title="Sơn La Decision 2167/QĐ-UBND, citing Decision 09/2015/QĐ-TTg (25/03/2015) on the one-stop mechanism",
        url=None,
        note="In 2015 the one-stop mechanism ran under Decision 09/2015/QĐ-TTg (cited by the domain reference, §11.4); "
             "its unit was the 'Bộ phận tiếp nhận và trả kết quả' (background knowledge). No URL recorded."),
    "S34": dict(
        title="Text of Decision 2568/QĐ-BTTTT (29/12/2023) issuing framework v3.0, 'hướng tới Chính phủ số'",
        url="https://vbpl.freshdesk.com/support/solutions/articles/16000176175",
        note="Issues 'Khung Kiến trúc Chính phủ điện tử Việt Nam, phiên bản 3.0, hướng tới Chính phủ số', in force from "
             "signature, replacing Decision 2323/QĐ-BTTTT; cites Resolution 17/NQ-CP (07/03/2019) and Resolution "
             "175/NQ-CP (30/10/2023) approving the National Data Centre project. The annex (the framework) was not read."),
    "S35": dict(
        title="vietbao.vn: MIC amends framework v3.0 (Decision 1729/QĐ-BTTTT, 2024)",
        url="https://vietbao.vn/bo-tt-tt-dieu-chinh-khung-kien-truc-chinh-phu-dien-tu-viet-nam-phien-ban-3-0-514724.html",
        note="The amendment adds the role of the data sharing and coordination platform of the National Data Centre; "
             "v3.0 added the National Data Centre, the people data store and the store aggregated from national "
             "databases (Resolution 175/NQ-CP of 2023). News rewrite."),
    "S36": dict(
        title="Lào Cai Department of Science and Technology: framework v4.0 issued (25/03/2025)",
        url="https://skhcn.laocai.gov.vn/tin-trong-nuoc/ban-hanh-khung-kien-truc-chinh-phu-so-viet-nam-phien-ban-4-0-1337121",
        note="v4.0 updates the overview diagram of the digital Government framework and the description of its "
             "components, aligns v3.0 with the Law on E-Transactions 20/2023/QH15 and updates the reference models "
             "(BRM, DRM, ARM, ...)."),
    "S37": dict(
        title="Text of Decision 3090/QĐ-BKHCN (08/10/2025) issuing the national overall digital architecture framework",
        url="https://hethongphapluat.com/quyet-dinh-3090-qd-bkhcn-nam-2025-ve-khung-kien-truc-tong-the-quoc-gia-so-do-bo-truong-bo-khoa-hoc-va-cong-nghe-ban-hanh.html",
        note="Issues 'Khung kiến trúc tổng thể quốc gia số' (Ministry of Science and Technology), in force from "
             "signature, replacing letter 1736/BKHCN-CĐSQG of 21/5/2025 (its version 1.0). The annex was not read."),
    "S38": dict(
        title="vietnamnet.vn (15/10/2025): the ministry's conference on the national overall digital architecture framework",
        url="https://vietnamnet.vn/thuc-day-chuyen-dich-sang-quan-tri-dua-tren-du-lieu-va-ai-2452872.html",
        note="The framework of 8/10/2025 has seven core principles and four functional layers, bottom up: shared "
             "digital infrastructure and cybersecurity; data and core platforms; shared applications and business; "
             "interaction channels and performance measurement. News report."),
    "S39": dict(
        title="Text of Decree 278/2025/NĐ-CP (22/10/2025) on mandatory data connection and sharing",
        url="http://www.hethongphapluat.vn/nghi-dinh-278-2025-nd-cp-quy-dinh-ve-ket-noi-chia-se-du-lieu-bat-buoc-giua-cac-co-quan-thuoc-he-thong-chinh-tri.html",
        note="Mandatory connection and sharing of data between the agencies of the political system, including "
             "People's Committees at every level; national data architecture framework and shared data dictionary."),
    "S40": dict(
        title="vietnamnet.vn: mandatory data sharing goes through the NDOP platform (Decree 278/2025)",
        url="https://vietnamnet.vn/hoat-dong-ket-noi-chia-se-du-lieu-bat-buoc-phai-thuc-hien-qua-nen-tang-ndop-2460015.html",
        note="Decree 278/2025 replaces Decree 47/2020; every mandatory connection goes through the data sharing and "
             "coordination platform 'Nền tảng chia sẻ, điều phối dữ liệu' (National Data Orchestration Platform, "
             "NDOP); connections to be finished by 31/12/2026. News report."),
    "S41": dict(
        title="Vision & Associates: Decree 69/2024/NĐ-CP (25/06/2024) on electronic identification and authentication",
        url="https://vision-associates.com/vi/highlights-of-new-decree-on-electronic-identification-and-authentication/",
        note="Decree 69/2024 (in force 01/07/2024) replaces Decree 59/2022 on electronic identification and "
             "authentication (the VNeID accounts). Law-firm summary."),
    "S42": dict(
        title="Hà Tĩnh Decision 31/2024/QĐ-UBND (04/11/2024): rules of the provincial administrative-procedure system",
        url="https://thuvienphapluat.vn/van-ban/Cong-nghe-thong-tin/Quyet-dinh-31-2024-QD-UBND-Quy-che-quan-ly-He-thong-thong-tin-giai-quyet-thu-tuc-hanh-chinh-Ha-Tinh-630247.aspx",
        note="A province's 'Hệ thống thông tin giải quyết thủ tục hành chính'; cites Decree 61/2018/NĐ-CP and "
             "Decree 107/2021/NĐ-CP of 06/12/2021 amending it."),
    "S43": dict(
        title="Resolution 202/2025/QH15 (merger of provinces) and Law 72/2025/QH15 (two-tier local government)",
        url=None,
        note="From 01/07/2025: 34 provincial-level units and no district level (province and commune only). Several "
             "secondary sources cited by the domain reference (§11.3). No URL recorded."),
})

#: How far each source can be trusted (``Source.confidence``): V the text or a faithful
#: copy was read; V2 a weak secondary source (news rewrite, aggregator, repository text).
SOURCE_CONFIDENCE = {sid: "V" for sid in SOURCES}
SOURCE_CONFIDENCE.update({"S7": "V2", "S31": "V2", "S32": "V2", "S35": "V2", "S38": "V2", "S40": "V2", "S41": "V2",
                          "S43": "V2"})
for _sid, _src in SOURCES.items():
    _src["confidence"] = SOURCE_CONFIDENCE[_sid]

# --------------------------------------------------------------------- groupings
# id: (vi, en, kind, tags, sources, confidence, {tag: (vi, en)} label overrides, documentation)
GROUPINGS: list[tuple] = [
    ("grp.users", "Người sử dụng", "Users", "layer/component", "12ab", ["S1", "S12"], "V", {}, None),
    ("grp.channels", "Kênh giao tiếp", "Communication channels", "layer/component", "12ab", ["S1", "S12"], "V",
     {"1": ("Kênh truy cập", "Access channels"), "a": ("Kênh truy cập", "Access channels")},
     "v1.0: access channels (portal, e-mail, mobile, phone/SMS, kiosks, one-stop counters); v2.0: communication "
     "channels, which in this model also hold the portals and the online services of the v1.0 'portal and portal "
     "services' and 'services' layers (replaces)."),
    ("grp.portal_layer", "Cổng thông tin điện tử và dịch vụ cổng", "Portal and portal services", "layer", "1a",
     ["S1"], "K", {}, "v1.0 layer: the provincial portal as single access point and its portal services "
     "(search, personalisation, single sign-on, content)."),
    ("grp.services_layer", "Dịch vụ", "Services", "layer", "1a", ["S1"], "K", {},
     "v1.0 layer: online public services (G2C, G2B) at levels 1–4, internal services (G2E) and G2G services."),
    ("grp.data_apps", "Dữ liệu và ứng dụng", "Data and applications", "layer/component", "12ab", ["S1", "S12"], "V",
     {"1": ("Ứng dụng và cơ sở dữ liệu", "Applications and databases"),
      "a": ("Ứng dụng và cơ sở dữ liệu", "Applications and databases")},
     "v1.0: applications and databases layer; v2.0: data and applications component, which also holds the LGSP."),
    ("grp.lgsp_layer", "Nền tảng chia sẻ, tích hợp dùng chung cấp tỉnh (LGSP)",
     "Provincial shared integration platform layer (LGSP)", "layer", "1a", ["S1", "S14"], "K", {},
     "v1.0 layer: integration (ESB) services, shared services and management services; the gateway to the "
     "national platform (NGSP)."),
    ("grp.technology", "Hạ tầng kỹ thuật, công nghệ", "Technology infrastructure", "layer/component", "12ab",
     ["S1", "S12"], "V", {"1": ("Hạ tầng kỹ thuật", "Technical infrastructure"),
                          "a": ("Hạ tầng kỹ thuật", "Technical infrastructure")}, None),
    ("grp.security", "An toàn thông tin", "Information security", "layer/component", "12ab", ["S1", "S2", "S12"], "V",
     {}, "v1.0: a cross-cutting column; v2.0: one of the seven components."),
    ("grp.direction", "Chỉ đạo, chính sách", "Direction and policy", "layer/component", "12ab", ["S2", "S12"], "V",
     {"1": ("Quản lý, chỉ đạo", "Management and steering"), "a": ("Quản lý, chỉ đạo", "Management and steering")},
     "v1.0: the management and steering column; v2.0: the direction and policy component."),
    ("grp.external", "Hệ thống bên ngoài", "External systems", "layer/component", "12ab", ["S2", "S12"], "V",
     {"1": ("Hệ thống thông tin, cơ sở dữ liệu quốc gia và hệ thống ngoài cơ quan nhà nước",
            "National information systems and databases, and systems outside State agencies"),
      "a": ("Hệ thống thông tin, cơ sở dữ liệu quốc gia và hệ thống ngoài cơ quan nhà nước",
            "National information systems and databases, and systems outside State agencies")},
     "National platforms, portals and databases and non-State systems the province connects to."),
    ("rm.brm", "Mô hình tham chiếu nghiệp vụ", "Business reference model (BRM)", "reference_model", "2b", ["S5"], "V",
     {}, None),
    ("rm.drm", "Mô hình tham chiếu dữ liệu", "Data reference model (DRM)", "reference_model", "2b", ["S5"], "V", {}, None),
    ("rm.arm", "Mô hình tham chiếu ứng dụng", "Application reference model (ARM)", "reference_model", "2b", ["S5"], "V",
     {}, None),
    ("rm.trm", "Mô hình tham chiếu kỹ thuật", "Technical reference model (TRM)", "reference_model", "2b", ["S5"], "V",
     {}, None),
    ("rm.srm", "Mô hình tham chiếu an toàn thông tin", "Security reference model (SRM)", "reference_model", "2b",
     ["S5", "S9"], "V", {}, "Renamed in v3.0 to 'an toàn thông tin mạng, an ninh mạng' (S9)."),
]
#: Why the layer/component groupings are not tagged V (domain reference §11.4).
V1_LAYER_NOTE = ("The v1.0 layer and its label are background knowledge (K): the v1.0 provincial picture (§4.1 of "
                 "S1) was not read. S2 lists the groups of the national overview picture instead, naming the channel "
                 "group 'Kênh giao tiếp' and listing national systems/databases and non-State systems as two "
                 "separate groups.")
V2_COMPONENT_NOTE = ("An example provincial v2.0 layout, not the text of Decision 2323/QĐ-BTTTT: the seven components "
                     "are those of Bình Dương's own provincial v2.0 architecture (S12), used here as the layout of the "
                     "model (modelling choice, I). The 'seven contents' of 2323 (S5) are its chapters (vision, "
                     "objectives, scope, principles, overall diagram, component architectures, implementation).")
#: The v1.0 layers whose content v2.0 spreads over its components (for the diff).
GROUPING_REPLACES = {"grp.channels": ["grp.portal_layer", "grp.services_layer"], "grp.data_apps": ["grp.lgsp_layer"]}
#: The seven v2.0 components, in the order of the framework.
V2_COMPONENTS = ["grp.users", "grp.channels", "grp.data_apps", "grp.technology", "grp.security", "grp.direction",
                 "grp.external"]
#: The v1.0 layers (top to bottom) and cross-cutting columns.
V1_LAYERS = ["grp.users", "grp.channels", "grp.portal_layer", "grp.services_layer", "grp.data_apps", "grp.lgsp_layer",
             "grp.technology", "grp.security", "grp.direction", "grp.external"]
REFERENCE_MODELS = {"rm.brm": "BRM", "rm.drm": "DRM", "rm.arm": "ARM", "rm.trm": "TRM", "rm.srm": "SRM"}

# ------------------------------------------------------------------ building blocks
BLOCKS: list[dict] = []

ILLUSTRATIVE = ("Illustrative value (confidence I): no source gives this figure; it was chosen to show the "
                "gap the 2019–2020 programme closes. Do not cite it as a fact.")


def block(bid: str, etype: str, vi: str, en: str, tags: str, sources: list, conf: str, *, g1=None, g2=None,
          rm=None, doc=None, per=None, **fields) -> None:
    """Add one building block.

    ``g1``/``g2``: its v1.0 layer / v2.0 component grouping; ``rm``: its reference
    model; ``per``: overrides by model tag, or ``fw`` (both frameworks) / ``dn`` (both
    Đồng Nai models); an override may set ``vi``, ``en``, ``sources``, ``confidence``,
    ``doc`` and any element field.
    """
    BLOCKS.append(dict(id=bid, type=etype, vi=vi, en=en, tags=tags, sources=sources, confidence=conf, g1=g1,
                       g2=g2, rm=rm, doc=doc, per=per or {}, fields=fields))


PROV = dict(scope="provincial")
NAT = dict(scope="national")
EXT = dict(scope="external")
MAND = {"fw": dict(mandatory=True)}


def _per(*dicts: dict) -> dict:
    out: dict = {}
    for d in dicts:
        for k, v in d.items():
            out.setdefault(k, {}).update(v)
    return out


# --- users, organisations, channels (business layer)
block("actor.citizen", "BusinessActor", "Người dân", "Citizens", "12ab", ["S2", "S12"], "V", g1="grp.users",
      g2="grp.users")
block("actor.business", "BusinessActor", "Doanh nghiệp", "Enterprises", "12ab", ["S12"], "V", g1="grp.users",
      g2="grp.users")
block("actor.civil_servant", "BusinessActor", "Cán bộ, công chức, viên chức",
      "Officials, civil servants and public employees", "12ab", ["S12"], "V", g1="grp.users", g2="grp.users")
block("actor.prov_leader", "BusinessActor", "Lãnh đạo tỉnh", "Provincial leaders", "12ab", ["S12"], "V",
      g1="grp.users", g2="grp.users",
      per={"1": dict(sources=["S1"], confidence="K", doc="Leaders are listed among the users of the v1.0 "
                                                          "provincial picture from background knowledge only."),
           "a": dict(confidence="K")})
block("org.ppc", "BusinessActor", "Ủy ban nhân dân tỉnh", "Provincial People's Committee", "12ab", ["S3", "S4"], "V",
      g1="grp.direction", g2="grp.direction", doc="Owns and approves the provincial architecture.",
      per={"dn": dict(vi="Ủy ban nhân dân tỉnh Đồng Nai", en="Đồng Nai Provincial People's Committee",
                      sources=["DN2019"])})
block("org.dic", "BusinessActor", "Sở Thông tin và Truyền thông", "Department of Information and Communications",
      "12ab", ["S13", "S15"], "V", g1="grp.direction", g2="grp.direction",
      doc="Maintains the architecture and runs the data centre and the LGSP.",
      per={"dn": dict(vi="Sở Thông tin và Truyền thông tỉnh Đồng Nai",
                      en="Đồng Nai Department of Information and Communications", confidence="K")})
block("org.departments", "BusinessActor", "Sở, ban, ngành", "Specialised departments and agencies", "12ab",
      ["S13"], "K", g1="grp.users", g2="grp.users", doc="Own the sector applications and databases.",
      per={"dn": dict(sources=["DN2019"], confidence="V")})
block("org.district_commune", "BusinessActor", "Ủy ban nhân dân cấp huyện, cấp xã",
      "District and commune People's Committees", "12ab", ["S13"], "V", g1="grp.users", g2="grp.users",
      per={"dn": dict(sources=["DN2019", "S29"])})
block("org.steering", "BusinessActor", "Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh",
      "Provincial e-Government steering committee", "12ab", ["S13"], "V", g1="grp.direction", g2="grp.direction",
      per={"dn": dict(vi="Ban Chỉ đạo ứng dụng công nghệ thông tin tỉnh Đồng Nai",
                      en="Đồng Nai IT application steering committee", sources=["DN2019"],
                      doc="The article asks to strengthen this committee's role in the 2019–2020 programme.")})
block("org.one_stop_unit", "BusinessActor", "Bộ phận Một cửa / Trung tâm Phục vụ hành chính công",
      "One-stop-shop department / Public Administration Service Centre", "12", ["S21"], "V", g1="grp.channels",
      g2="grp.channels", rm="rm.brm", doc="Receives dossiers and returns results (Decree 61/2018/NĐ-CP).",
      per={"1": dict(vi="Bộ phận tiếp nhận và trả kết quả", en="Reception and result-return unit", sources=["S33"],
                     confidence="K",
                     doc="The one-stop unit of 2015, under Decision 09/2015/QĐ-TTg (S33); its name is background "
                         "knowledge (K). 'Bộ phận Một cửa' and 'Trung tâm Phục vụ hành chính công' are the names "
                         "of Decree 61/2018/NĐ-CP, used from v2.0 on (same id).")})
block("dn.public_admin_centre", "BusinessActor", "Trung tâm Hành chính công tỉnh Đồng Nai",
      "Đồng Nai Public Administration Centre", "ab", ["S29"], "V", g1="grp.channels", g2="grp.channels",
      rm="rm.brm", implements="org.one_stop_unit",
      doc="Đồng Nai's provincial one-stop centre, in operation by 2018 (S29).")
block("ch.one_stop_counter", "BusinessInterface", "Quầy tiếp nhận và trả kết quả",
      "One-stop reception and result counter", "12ab", ["S21"], "K", g1="grp.channels", g2="grp.channels",
      per={"dn": dict(confidence="I")})
block("ch.phone_sms", "BusinessInterface", "Điện thoại, tin nhắn SMS", "Telephone and SMS", "12", ["S1"], "K",
      g1="grp.channels", g2="grp.channels")
block("dn.hotline_1022", "BusinessInterface", "Tổng đài 1022", "1022 hotline (switchboard)", "ab", ["S29"], "V",
      g1="grp.channels", g2="grp.channels", implements="ch.phone_sms",
      doc="Đồng Nai's 1022 switchboard for citizens' questions and feedback, in operation by 2018 (S29).")
block("biz.admin_procedure", "BusinessProcess", "Thủ tục hành chính", "Administrative procedure", "12",
      ["S18"], "K", g1="grp.services_layer", g2="grp.channels", rm="rm.brm")
block("biz.online_public_service", "BusinessService", "Dịch vụ công trực tuyến", "Online public service", "12",
      ["S18", "S19"], "V", g1="grp.services_layer", g2="grp.channels", rm="rm.brm", public_facing=True,
      doc="An administrative procedure offered online, at level 1–4 (Decree 43/2011/NĐ-CP); later full or "
          "partial (Decree 42/2022/NĐ-CP). Province models give each service its service_level.")

# Đồng Nai online public services: illustrative levels and dossier counts (confidence I).
_SVC_DOC = ("Illustrative (confidence I): the article gives targets, not a list of procedures, their levels or "
            "dossier counts. This service, its service_level and its dossiers_total/dossiers_online were chosen "
            "to show the gaps the 2019–2020 programme closes. Do not cite them as facts.")
_SVCS = [
    # id, vi, en, {tag: (level, total, online)}
    ("dn.svc.judicial_record", "Cấp Phiếu lý lịch tư pháp", "Issuing criminal record certificates",
     {"a": (4, 5500, 800), "b": (4, 6000, 4200)}),
    ("dn.svc.household_business", "Đăng ký hộ kinh doanh", "Household business registration",
     {"a": (4, 4500, 1200), "b": (4, 5000, 3800)}),
    ("dn.svc.construction_permit", "Cấp giấy phép xây dựng", "Construction permits",
     {"a": (3, 7000, 900), "b": (4, 8000, 5600)}),
    ("dn.svc.land_registration", "Đăng ký biến động đất đai", "Registration of land-use changes",
     {"a": (2, 11000, 0), "b": (4, 12000, 6000)}),
    ("dn.svc.other_procedures", "Các thủ tục hành chính còn lại (gộp)", "Remaining administrative procedures (aggregate)",
     {"a": (None, 28000, 0), "b": (2, 30000, 0)}),
]
for _sid, _vi, _en, _by_tag in _SVCS:
    block(_sid, "BusinessService", _vi, _en, "ab", ["DN2019"], "I", g1="grp.services_layer", g2="grp.channels",
          rm="rm.brm", public_facing=True, implements="biz.online_public_service", doc=_SVC_DOC,
          per={t: dict(service_level=lv, dossiers_total=tot, dossiers_online=onl) for t, (lv, tot, onl) in _by_tag.items()})
block("dn.interagency_exchange", "BusinessProcess", "Liên thông hồ sơ giữa các bộ phận một cửa",
      "Inter-agency one-stop dossier exchange", "ab", ["DN2019", "S21"], "I", g1="grp.services_layer",
      g2="grp.channels", rm="rm.brm", implements="biz.admin_procedure",
      doc="Dossiers that one-stop units of different agencies exchange (một cửa liên thông). Illustrative counts "
          "(confidence I): dossiers_total and dossiers_online are not given by any source; chosen to show the "
          "target of more than 50% exchanged online being missed in 2019 and met in 2020.",
      per={"a": dict(dossiers_total=10000, dossiers_online=2500), "b": dict(dossiers_total=11000, dossiers_online=6200)})

# --- applications (province-owned)
block("prov.portal", "ApplicationComponent", "Cổng thông tin điện tử tỉnh", "Provincial web portal", "12ab", ["S2"],
      "K", g1="grp.portal_layer", g2="grp.channels", rm="rm.arm", public_facing=True, **PROV,
      doc="Single access point for information; in v1.0 it also carried the portal services and online services.",
      per=_per(MAND, {"2": dict(replaces=["prov.portal_services"],
                                doc="In v2.0 the separate portal-services layer is gone; its services are part "
                                    "of the portals (replaces prov.portal_services; modelling inference, I).")},
               {"dn": dict(vi="Cổng thông tin điện tử tỉnh Đồng Nai", en="Đồng Nai provincial web portal",
                           sources=["S29"], confidence="I", owner="org.dic")},
               {"a": dict(security_level=2)}, {"b": dict(security_level=2)}))
block("prov.portal_services", "ApplicationService", "Dịch vụ cổng", "Portal services", "1", ["S1"], "K",
      g1="grp.portal_layer", **PROV, per=MAND,
      doc="Search, personalisation, single sign-on and content services of the v1.0 provincial portal.")
block("prov.public_service_portal", "ApplicationComponent", "Cổng Dịch vụ công cấp tỉnh",
      "Provincial public service portal", "2ab", ["S21"], "K", g1="grp.portal_layer", g2="grp.channels",
      rm="rm.arm", public_facing=True, **PROV,
      doc="Where citizens and businesses find and submit online public services (Decree 61/2018/NĐ-CP).",
      per=_per(MAND, {"dn": dict(vi="Cổng Dịch vụ công tỉnh Đồng Nai", en="Đồng Nai public service portal",
                                 sources=["S21", "DN2019"], confidence="I")},
               {"a": dict(implements="prov.portal", security_level=3, protection_plan_approved=False,
                          doc="Under v1.0 online services live in the provincial portal, so this system realises "
                              "prov.portal. Security level and plan status are illustrative (confidence I).")},
               {"b": dict(security_level=3, protection_plan_approved=True,
                          doc="Security level and plan status are illustrative (confidence I).")}))
block("prov.one_stop_eis", "ApplicationComponent", "Hệ thống thông tin một cửa điện tử cấp tỉnh",
      "Provincial one-stop-shop electronic information system", "12ab", ["S21"], "K", g1="grp.data_apps",
      g2="grp.data_apps", rm="rm.arm", **PROV,
      doc="Receives, processes and tracks administrative-procedure dossiers (Decree 61/2018/NĐ-CP).",
      per=_per(MAND, {"1": dict(vi="Phần mềm một cửa điện tử", en="One-stop-shop software",
                                doc="v1.0 label: one-stop-shop software; renamed in v2.0 (same id).")},
               {"a": dict(vi="Phần mềm một cửa điện tử tỉnh Đồng Nai", en="Đồng Nai one-stop-shop software",
                          sources=["S29"], confidence="I", security_level=3, protection_plan_approved=True)},
               {"b": dict(vi="Hệ thống thông tin một cửa điện tử tỉnh Đồng Nai",
                          en="Đồng Nai one-stop-shop electronic information system", sources=["S29"],
                          confidence="I", security_level=3, protection_plan_approved=True)}))
block("prov.document_mgmt", "ApplicationComponent", "Hệ thống quản lý văn bản và điều hành",
      "Document management and executive system", "12ab", ["S26"], "V", g1="grp.data_apps", g2="grp.data_apps",
      rm="rm.arm", **PROV,
      per=_per(MAND, {"dn": dict(sources=["S26", "S29"], confidence="I")},
               {"a": dict(security_level=3, protection_plan_approved=False)},
               {"b": dict(security_level=3, protection_plan_approved=True)}))
block("prov.email", "ApplicationComponent", "Hệ thống thư điện tử công vụ", "Official e-mail system", "12ab", ["S1"],
      "K", g1="grp.data_apps", g2="grp.data_apps", rm="rm.arm", **PROV,
      per=_per(MAND, {"2": dict(sources=["S5"])},
               {"dn": dict(sources=["S29"], confidence="I", security_level=2,
                           doc="In use in Đồng Nai by 2025 (S29); its presence in 2019/2020 is assumed.")}))
block("prov.reporting_system", "ApplicationComponent", "Hệ thống thông tin báo cáo cấp tỉnh",
      "Provincial reporting information system", "2b", ["S5", "S31"], "K", g2="grp.data_apps", rm="rm.arm", **PROV,
      per=_per(MAND, {"b": dict(confidence="I", security_level=3, protection_plan_approved=True)}))
block("prov.video_conf", "ApplicationComponent", "Hệ thống hội nghị truyền hình, phòng họp không giấy",
      "Video conferencing and paperless meeting system", "12ab", ["S1"], "K", g1="grp.data_apps",
      g2="grp.data_apps", rm="rm.arm", **PROV,
      per=_per({"fw": dict(mandatory=False)}, {"2": dict(sources=["S5"])},
               {"dn": dict(sources=["S29"], confidence="I", security_level=2,
                           doc="Paperless meetings are in use in Đồng Nai by 2025 (S29); presence in 2019/2020 "
                               "is assumed.")}))
block("prov.sector_apps", "ApplicationComponent", "Ứng dụng chuyên ngành", "Sector-specific applications", "12ab",
      ["S1"], "K", g1="grp.data_apps", g2="grp.data_apps", rm="rm.arm", **PROV,
      doc="The set of sector applications of the departments (one component stands for the group).",
      per=_per(MAND, {"2": dict(sources=["S5"])}, {"dn": dict(confidence="I", security_level=2)}))
block("prov.lgsp", "ApplicationComponent", "Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)",
      "Provincial data integration and sharing platform (LGSP)", "12ab", ["S14", "S15"], "V", g1="grp.lgsp_layer",
      g2="grp.data_apps", rm="rm.arm", owner="org.dic", **PROV,
      doc="The hub every provincial application exchanges data through; connects to the national platform "
          "(NGSP). LGSP = Local Government Service Platform (S14).",
      per=_per(MAND, {"2": dict(confidence="K",
                                doc="The hub every provincial application exchanges data through; connects to the "
                                    "national platform (NGSP). LGSP = Local Government Service Platform (S14). The "
                                    "v2.0 label is background knowledge (K): the wording 'Nền tảng tích hợp, chia sẻ "
                                    "dữ liệu (LGSP)' is seen in a 2023 provincial decision (S15), not in the v2.0 "
                                    "text.")},
               {"1": dict(vi="Nền tảng chia sẻ, tích hợp dùng chung cấp tỉnh (LGSP)",
                                en="Provincial shared integration platform (LGSP, Local Government Service Platform)",
                                sources=["S14"], confidence="K",
                                doc="v1.0 label (background knowledge, K); the role and the LGSP–NGSP link are "
                                    "verified (S2, S14). Renamed in v2.0 (same id).")},
               {"a": dict(vi="Nền tảng chia sẻ, tích hợp dùng chung tỉnh Đồng Nai (LGSP)",
                          en="Đồng Nai shared integration platform (LGSP)", confidence="I", security_level=3,
                          protection_plan_approved=False,
                          doc="Assumed present in 2019 but not yet connected to the national platform: the "
                              "programme's target to connect provincial systems with national ones (DN2019) "
                              "implies the link was missing. Security attributes illustrative (I).")},
               {"b": dict(vi="Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Đồng Nai (LGSP)",
                          en="Đồng Nai data integration and sharing platform (LGSP)", confidence="I",
                          security_level=3, protection_plan_approved=True)}))
block("prov.sso", "ApplicationService", "Xác thực tập trung (đăng nhập một lần)",
      "Centralised authentication (single sign-on)", "2ab", ["S5"], "K", g1="grp.portal_layer", g2="grp.data_apps",
      rm="rm.arm", **PROV,
      doc="Shared authentication for online services; the Đồng Nai target asks it for every level-4 service.",
      per=_per(MAND, {"dn": dict(sources=["DN2019"], confidence="I")},
               {"a": dict(implements="prov.portal_services",
                          doc="In 2019 a portal service of the v1.0 kind (realises prov.portal_services), used by "
                              "only part of the level-4 services (illustrative, I).")}))
block("prov.catalogues", "ApplicationService", "Danh mục điện tử dùng chung", "Shared electronic catalogues", "12b",
      ["S1"], "K", g1="grp.lgsp_layer", g2="grp.data_apps", rm="rm.arm", **PROV,
      per=_per({"fw": dict(mandatory=False)}, {"2": dict(sources=["S5"])}, {"b": dict(confidence="I")}))
block("prov.payment_connector", "ApplicationService", "Kết nối thanh toán trực tuyến", "Online payment connector",
      "2b", ["S5"], "K", g2="grp.data_apps", rm="rm.arm", **PROV,
      per=_per({"fw": dict(mandatory=False)}, {"b": dict(confidence="I")}))
block("prov.open_data_portal", "ApplicationComponent", "Cổng dữ liệu cấp tỉnh", "Provincial data portal", "2",
      ["S19"], "I", g2="grp.channels", rm="rm.arm", public_facing=True, **PROV,
      per={"fw": dict(mandatory=False)},
      doc="Optional; data portals appear among the channels in Decree 42/2022/NĐ-CP (S19). Placing one in the "
          "v2.0 provincial picture is a modelling inference (I).")
block("prov.ioc", "ApplicationComponent", "Trung tâm giám sát, điều hành thông minh (IOC)",
      "Intelligent operations centre (IOC)", "2b", ["S29"], "I", g2="grp.data_apps", rm="rm.arm", **PROV,
      doc="Optional v2-era block; placement in the v2.0 picture is an inference (I).",
      per=_per({"fw": dict(mandatory=False)},
               {"b": dict(status="planned", vi="Trung tâm giám sát, điều hành thông minh tỉnh Đồng Nai (IOC)",
                          en="Đồng Nai intelligent operations centre (IOC)", security_level=3,
                          protection_plan_approved=False,
                          doc="Planned only: a provincial IOC is reported in operation by 2026 (S29), with no "
                              "date of opening. It is not shown as existing in 2020; status planned, confidence I. "
                              "Its security level (3, plan not yet approved, as usual before operation) is "
                              "illustrative.")}))
block("dn.agency_websites", "ApplicationComponent",
      "Trang thông tin điện tử của các cơ quan đảng, nhà nước, tổ chức chính trị – xã hội",
      "Websites of Party and State bodies and socio-political organisations", "ab", ["DN2019"], "V",
      g1="grp.portal_layer", g2="grp.channels", rm="rm.arm", public_facing=True, implements="prov.portal", **PROV,
      doc="The websites the programme's monitoring target covers (DN2019), grouped as one component.",
      per={"dn": dict(security_level=2, confidence="I",
                      doc="The websites the programme's monitoring target covers (DN2019), grouped as one component. "
                          "The websites are in the article; their security level 2 (typical of information "
                          "websites) is illustrative, hence confidence I.")})

# --- data
block("prov.shared_db", "DataObject", "Cơ sở dữ liệu dùng chung của tỉnh", "Provincial shared databases", "12ab",
      ["S1"], "K", g1="grp.data_apps", g2="grp.data_apps", rm="rm.drm", **PROV,
      per=_per(MAND, {"2": dict(sources=["S5"])}, {"dn": dict(sources=["DN2019"], confidence="V")}))
block("prov.sector_db", "DataObject", "Cơ sở dữ liệu chuyên ngành", "Sector databases", "12ab", ["S1"], "K",
      g1="grp.data_apps", g2="grp.data_apps", rm="rm.drm", **PROV,
      per=_per(MAND, {"2": dict(sources=["S5"])}, {"dn": dict(confidence="I")}))
for _nid, _vi, _en, _tags, _src, _conf in [
    ("nat.db.population", "Cơ sở dữ liệu quốc gia về dân cư", "National population database", "12ab", ["S16"], "K"),
    ("nat.db.land", "Cơ sở dữ liệu quốc gia về đất đai", "National land database", "12", ["S16"], "K"),
    ("nat.db.business_reg", "Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp",
     "National business registration database", "12ab", ["S16"], "K"),
    ("nat.db.finance", "Cơ sở dữ liệu quốc gia về tài chính", "National finance database", "12", ["S16"], "K"),
    ("nat.db.insurance", "Cơ sở dữ liệu quốc gia về bảo hiểm", "National insurance database", "12", ["S16"], "K"),
    ("nat.db.population_stats", "Cơ sở dữ liệu quốc gia về thống kê tổng hợp về dân số",
     "National database of aggregate population statistics", "12", ["S16"], "K"),
    ("nat.db.civil_status", "Cơ sở dữ liệu hộ tịch điện tử toàn quốc", "Nationwide electronic civil-status database",
     "2b", ["S16"], "K"),
    ("nat.db.admin_procedures", "Cơ sở dữ liệu quốc gia về thủ tục hành chính",
     "National database on administrative procedures", "12ab", ["S19"], "V"),
]:
    block(_nid, "DataObject", _vi, _en, _tags, _src, _conf, g1="grp.external", g2="grp.external", rm="rm.drm", **NAT,
          doc=None if _conf == "V" else "A priority national database (list of Decision 714/QĐ-TTg, cited in S16); "
                                         "its place in the provincial picture is background knowledge (K).",
          per={"1": dict(sources=["S1"], confidence="K",
                         doc="The national database on administrative procedures dates from Decree 63/2010/NĐ-CP "
                             "(background knowledge, K); S19 (Decree 42/2022) is too late to attest it in 2015.")}
          if _nid == "nat.db.admin_procedures" else None)

# --- external / national application components
block("ext.ngsp", "ApplicationComponent", "Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NGSP)",
      "National data integration and sharing platform (NGSP)", "12ab", ["S2", "S14", "S30"], "K",
      g1="grp.external", g2="grp.external", rm="rm.arm", **NAT,
      doc="National Government Service Platform (S14); later called NDXP (S30). Every LGSP connects to it; "
          "national databases and ministry systems are reached through it. The v2.0 label is background knowledge "
          "(K): S14 and S30 verify the platform, its role and its later name, not the wording of the v2.0 text.",
      per={"1": dict(vi="Hệ thống kết nối, liên thông các hệ thống thông tin ở Trung ương và địa phương (NGSP)",
                     en="System connecting and interlinking central and local information systems (NGSP)",
                     sources=["S2", "S14"], confidence="V",
                     doc="v1.0 label (S2); the role later labelled NGSP. Renamed in v2.0 (same id)."),
           "a": dict(vi="Hệ thống kết nối, liên thông các hệ thống thông tin ở Trung ương và địa phương (NGSP)",
                     en="System connecting and interlinking central and local information systems (NGSP)",
                     sources=["S2", "S14"], confidence="V")})
block("ext.gov_portal", "ApplicationComponent", "Cổng thông tin điện tử Chính phủ", "Government web portal", "12ab",
      ["S2"], "V", g1="grp.external", g2="grp.external", rm="rm.arm", public_facing=True, **NAT)
block("ext.national_public_service_portal", "ApplicationComponent", "Cổng Dịch vụ công quốc gia",
      "National Public Service Portal", "2ab", ["S22"], "V", g1="grp.external", g2="grp.external", rm="rm.arm",
      public_facing=True, **NAT,
      doc="Project approved 12/3/2019, opened 9/12/2019 (S22).",
      per={"a": dict(status="planned",
                     doc="Not yet open when the programme was announced (article of 10/2019); it opened on "
                         "9/12/2019 (S22). No Đồng Nai system is connected to it in this model.")})
block("ext.national_document_axis", "ApplicationComponent", "Trục liên thông văn bản quốc gia",
      "National document exchange axis (VDXP)", "2ab", ["S31", "S26"], "V2", g1="grp.external", g2="grp.external",
      rm="rm.arm", **NAT,
      doc="Opened 3/2019 (S31, weak source); legal basis Decision 28/2018/QĐ-TTg (S26).",
      per={"a": dict(doc="Open since 3/2019 (S31, weak source); the Đồng Nai document system is not yet linked to "
                         "it in this model (gap, I).")})
block("ext.national_reporting_system", "ApplicationComponent", "Hệ thống thông tin báo cáo quốc gia",
      "National reporting information system", "2b", ["S31"], "V2", g1="grp.external", g2="grp.external",
      rm="rm.arm", **NAT,
      per={"2": dict(status="planned", doc="Opened 8/2020 (S31, weak source), after v2.0 was issued.")})
block("ext.ministry_systems", "ApplicationComponent", "Hệ thống thông tin của bộ, ngành",
      "Ministry and sector information systems", "12ab", ["S2"], "V", g1="grp.external", g2="grp.external",
      rm="rm.arm", **NAT, doc="One component stands for the group.")
block("ext.non_state", "ApplicationComponent", "Hệ thống thông tin ngoài cơ quan nhà nước",
      "Information systems outside State agencies", "12ab", ["S2", "S12"], "V", g1="grp.external", g2="grp.external",
      rm="rm.arm", **EXT,
      doc="Banks, payment intermediaries, the postal service (VNPost) and businesses; one component stands for "
          "the group.")

# --- technology
block("prov.data_centre", "Node", "Trung tâm dữ liệu tỉnh", "Provincial data centre", "12ab", ["S1"], "K",
      g1="grp.technology", g2="grp.technology", rm="rm.trm", owner="org.dic", **PROV,
      doc="Hosts the portals, the LGSP and the provincial databases.",
      per=_per(MAND, {"2": dict(sources=["S5"])},
               {"dn": dict(vi="Trung tâm dữ liệu tỉnh Đồng Nai", en="Đồng Nai provincial data centre",
                           confidence="I")}))
block("prov.cloud", "Node", "Hạ tầng điện toán đám mây của tỉnh", "Provincial cloud platform", "2b", ["S5"], "K",
      g2="grp.technology", rm="rm.trm", **PROV,
      per=_per({"fw": dict(mandatory=False)},
               {"b": dict(confidence="I", sources=["S24", "DN2019"], procurement="lease",
                          doc="Leased, following the programme's preference for leasing IT services (DN2019, "
                              "S24); the cloud itself and its procurement mode are illustrative (I).")}))
block("net.tslcd", "CommunicationNetwork", "Mạng truyền số liệu chuyên dùng của các cơ quan Đảng, Nhà nước",
      "Specialised data network of Party and State agencies (TSLCD)", "12ab", ["S29"], "V", g1="grp.technology",
      g2="grp.technology", rm="rm.trm", **NAT,
      doc="Links the data centre, agencies and the national platform; in use in Đồng Nai down to commune level "
          "by 2025 (S29).",
      per={"2": dict(replaces=["net.prov_wan"],
                     doc="In v2.0 the provincial WAN is modelled as merged into the specialised data network, as "
                         "in many provinces (replaces net.prov_wan; K/I).")})
block("net.prov_wan", "CommunicationNetwork", "Mạng diện rộng (WAN) của tỉnh", "Provincial wide area network (WAN)",
      "1", ["S1"], "K", g1="grp.technology", rm="rm.trm", **PROV, per={"fw": dict(mandatory=False)},
      doc="Optional: many provinces carry inter-agency traffic on the specialised data network (TSLCD) instead "
          "(K/I), as Đồng Nai does (S29).")
block("net.lan", "CommunicationNetwork", "Mạng nội bộ (LAN) của các cơ quan", "Agency local area networks (LAN)",
      "12ab", ["S29"], "V", g1="grp.technology", g2="grp.technology", rm="rm.trm", **PROV, per=MAND)
block("net.internet", "CommunicationNetwork", "Internet", "Internet", "12ab", ["S1"], "K", g1="grp.technology",
      g2="grp.technology", rm="rm.trm", **EXT, per={"2": dict(sources=["S5"])})
block("tech.gov_ca", "TechnologyService", "Dịch vụ chứng thực chữ ký số chuyên dùng",
      "Specialised digital-signature certification service", "12ab", ["S29"], "K", g1="grp.technology",
      g2="grp.technology", rm="rm.trm", **NAT,
      doc="Provided by the Government Cipher Committee; digital signatures are in use in Đồng Nai by 2025 (S29).")

# --- security
block("sec.soc", "ApplicationComponent", "Trung tâm giám sát, điều hành an toàn an ninh mạng (SOC)",
      "Security operations centre (SOC)", "2b", ["S25"], "K", g2="grp.security", rm="rm.srm", **PROV,
      doc="Monitors the provincial public-facing systems and feeds the national monitoring centre (Decision "
          "1017/QĐ-TTg, S25); its place in v2.0 is background knowledge (K).",
      per=_per(MAND, {"b": dict(vi="Trung tâm giám sát an toàn thông tin tỉnh Đồng Nai (SOC)",
                                en="Đồng Nai security operations centre (SOC)", sources=["S25", "DN2019", "S24"],
                                confidence="I", security_level=3, protection_plan_approved=True, procurement="lease",
                                doc="Inferred from the programme's target that 100% of Party/State websites be "
                                    "monitored (DN2019); shown leased as the programme prefers leasing. Existence "
                                    "by 2020, level and procurement are assumptions (I).")}))
block("sec.national_monitoring", "ApplicationComponent", "Trung tâm Giám sát an toàn không gian mạng quốc gia",
      "National cyber-security monitoring centre", "2b", ["S25"], "V", g2="grp.external", rm="rm.srm", **NAT)
block("sec.level_plan", "Requirement", "Phương án bảo đảm an toàn thông tin theo cấp độ",
      "Security-by-level protection plan", "12ab", ["S20"], "V", g1="grp.security", g2="grp.security", rm="rm.srm",
      doc="Every information system has a security level 1–5 (Decree 85/2016/NĐ-CP, S20) and needs an approved "
          "level dossier, which includes its protection plan, at every level; from level 3 the appraising body "
          "changes (reading of the decree, K; not 'plans from level 3 only'). Recorded on each system as "
          "security_level / protection_plan_approved.",
      per={"1": dict(doc="Applies to v1.0-era systems from 2016 (Decree 85/2016/NĐ-CP), after v1.0 was issued; "
                         "recorded on each system as security_level / protection_plan_approved.")})

# --- motivation, governance (frameworks)
block("mot.vision", "Goal", "Tầm nhìn", "Vision", "2", ["S5"], "V", g2="grp.direction")
block("mot.objectives", "Goal", "Mục tiêu", "Objectives", "12", ["S5"], "V", g1="grp.direction", g2="grp.direction",
      doc="More connection, data sharing and reuse of IT resources; citizen- and business-centred integrated "
          "services; better monitoring of IT investment; synchronous roll-out with less duplication; more "
          "standardisation and information security (S5, paraphrased).",
      per={"1": dict(sources=["S1"], confidence="K", doc="Objectives of the v1.0 framework.")})
block("mot.principles", "Principle", "Nguyên tắc", "Principles", "2", ["S5", "S8", "S13"], "V", g2="grp.direction",
      doc="General and specific principles, an explicit content of v2.0.")
for _pid, _vi, _en in [
    ("mot.principle.citizen_centred", "Lấy người dân, doanh nghiệp làm trung tâm", "Citizen- and business-centred"),
    ("mot.principle.data_once", "Dữ liệu được thu thập một lần, chia sẻ nhiều lần", "Collect data once, share it"),
    ("mot.principle.reuse", "Dùng chung, tái sử dụng tài nguyên công nghệ thông tin", "Share and reuse IT resources"),
    ("mot.principle.security_by_level", "Bảo đảm an toàn thông tin theo cấp độ", "Security by level"),
]:
    block(_pid, "Principle", _vi, _en, "2", ["S5"], "I", g2="grp.direction",
          doc="Specific principle inferred from the v2.0 objectives (S5); its exact wording is not verified (I).")
block("mot.standards", "Constraint", "Tiêu chuẩn kỹ thuật và yêu cầu kỹ thuật kết nối",
      "Technical standards and connection requirements", "12", ["S15"], "V", g1="grp.direction", g2="grp.direction",
      doc="List of technical standards (Circular 39/2017/TT-BTTTT) and technical requirements for connecting to "
          "national databases (Circular 13/2017/TT-BTTTT).",
      per={"1": dict(vi="Tiêu chuẩn kỹ thuật ứng dụng công nghệ thông tin trong cơ quan nhà nước",
                     en="Technical standards for IT application in State agencies", sources=["S1"], confidence="K",
                     doc="In 2015 the list of technical standards in force was Circular 22/2013/TT-BTTTT "
                         "(background knowledge, K); Circulars 39/2017 and 13/2017 came later.")})
block("mot.roadmap", "WorkPackage", "Lộ trình và tổ chức triển khai", "Roadmap and implementation organisation",
      "12", ["S1", "S5", "S12"], "V", g1="grp.direction", g2="grp.direction",
      per={"1": dict(sources=["S1"])})

# --- Đồng Nai programme: goals, targets, budget
block("dn.it_program_2019_2020", "WorkPackage",
      "Kế hoạch Thực hiện Chương trình mục tiêu công nghệ thông tin giai đoạn 2019 - 2020 tỉnh Đồng Nai (dự thảo)",
      "Đồng Nai plan implementing the IT target programme 2019–2020 (draft)", "ab", ["DN2019", "S23"], "V",
      g1="grp.direction", g2="grp.direction",
      budget=dict(total=150126, investment=102434, operating=47692, unit="million VND"),
      doc="A draft plan ('dự thảo Kế hoạch', published by the Đồng Nai People's Committee) implementing Decision "
          "153/QĐ-TTg (S23), the national IT target programme 2016–2020, in Đồng Nai; no public source shows its "
          "adoption. Budget as the article reports it from the draft (DN2019), in million VND (triệu đồng): 150,126 "
          "in total, 102,434 from local investment funds and 47,692 from local operating (sự nghiệp) funds.",
      properties={"instrument_status": "draft plan (dự thảo Kế hoạch); adoption not shown by any public source",
                  "implements_instrument": "Decision 153/QĐ-TTg of 30/01/2018"},
      per={"a": dict(status="planned")})
block("dn.goal.e_government", "Goal", "Xây dựng Chính quyền điện tử tỉnh Đồng Nai", "Build e-Government in Đồng Nai",
      "ab", ["DN2019"], "V", g1="grp.direction", g2="grp.direction")
#: The Đồng Nai targets and goals as the article words them (DN2019), verbatim: the
#: Vietnamese name is the sentence without its final full stop, ``properties.quote`` the
#: sentence as printed.
DN_QUOTES = {
    "dn.goal.upgrade_v2":
        "Hoàn thành việc nâng cấp Khung kiến trúc Chính quyền điện tử tỉnh Đồng Nai lên phiên bản 2.0.",
    "dn.goal.connect_national":
        "Kết nối, liên thông một số hệ thống thông tin, cơ sở dữ liệu của tỉnh với các cơ sở dữ liệu quốc gia, hệ "
        "thống thông tin quốc gia.",
    "dn.target.procedures_online_level12":
        "100% các thủ tục hành chính của tỉnh Đồng Nai được cung cấp trên môi trường mạng ở mức độ 1, 2.",
    "dn.target.dossiers_online_level4":
        "Trong đó, có 30% hồ sơ thủ tục hành chính được xử lý trực tuyến ở mức độ 4.",
    "dn.target.level4_central_auth":
        "Đồng thời, đảm bảo 100% dịch vụ công trực tuyến mức độ 4 có giải pháp xác thực điện tử tập trung.",
    "dn.target.interagency_dossiers_online":
        "Trên 50% hồ sơ thủ tục hành chính cần trao đổi giữa các bộ phận một cửa liên thông được trao đổi qua môi "
        "trường mạng.",
    "dn.target.level3_systems_with_plan":
        "100% hệ thống thông tin từ cấp độ 3 trở lên của các cơ quan, đơn vị được áp dụng phương án bảo đảm an toàn "
        "thông tin phù hợp với tiêu chuẩn, quy chuẩn kỹ thuật về bảo đảm an toàn hệ thống thông tin theo cấp độ.",
    "dn.target.websites_monitored":
        "100% trang thông tin điện tử của các cơ quan đảng, nhà nước, tổ chức chính trị xã hội được giám sát an toàn "
        "thông tin mạng.",
}
#: Deadline of the 2019–2020 programme's targets ("trong 2 năm 2019 - 2020").
DN_DEADLINE = "2020-12-31"
_QUOTE_DOC = ("Quoted verbatim from the article on the draft 2019–2020 plan (DN2019): the Vietnamese name is the "
              "article's wording, properties.quote the sentence as printed; the English name is our translation.")
block("dn.goal.upgrade_v2", "Goal", DN_QUOTES["dn.goal.upgrade_v2"].rstrip("."),
      "Complete the upgrade of Đồng Nai's e-Government architecture framework to version 2.0", "ab", ["DN2019"], "V",
      g1="grp.direction", g2="grp.direction", doc=_QUOTE_DOC, properties={"quote": DN_QUOTES["dn.goal.upgrade_v2"]})
block("dn.goal.connect_national", "Goal", DN_QUOTES["dn.goal.connect_national"].rstrip("."),
      "Connect some of the province's information systems and databases with national databases and systems", "ab",
      ["DN2019"], "V", g1="grp.direction", g2="grp.direction", doc=_QUOTE_DOC,
      properties={"quote": DN_QUOTES["dn.goal.connect_national"]})
block("dn.principle.prefer_lease", "Principle", "Ưu tiên thuê dịch vụ công nghệ thông tin",
      "Prefer leasing IT services", "ab", ["DN2019", "S24"], "V", g1="grp.direction", g2="grp.direction",
      doc="For suitable items the programme prefers leasing IT services (DN2019), as piloted by Decision "
          "80/2014/QĐ-TTg (S24).")
_TARGET_DOC = ("Target of the draft 2019–2020 plan, to be met by the end of 2020 (target.deadline). " + _QUOTE_DOC)
for _tid, _en, _ind, _val, _cmp, _src, _extra in [
    ("dn.target.procedures_online_level12",
     "100% of Đồng Nai's administrative procedures provided on the network at levels 1 and 2",
     "procedures_online_level12_share", 100, ">=", ["DN2019", "S18"], ""),
    ("dn.target.dossiers_online_level4",
     "Of which, 30% of administrative-procedure dossiers processed online at level 4",
     "dossiers_online_level4_share", 30, ">=", ["DN2019", "S23"], ""),
    ("dn.target.level4_central_auth",
     "At the same time, 100% of level-4 online public services have a centralised electronic authentication solution",
     "level4_services_central_auth_share", 100, ">=", ["DN2019"], ""),
    ("dn.target.interagency_dossiers_online",
     "More than 50% of the dossiers that inter-agency one-stop units need to exchange are exchanged over the network",
     "interagency_dossiers_online_share", 50, ">", ["DN2019", "S21"], ""),
    ("dn.target.level3_systems_with_plan",
     "100% of the information systems of level 3 and above of agencies and units apply an information-security "
     "plan in line with the technical standards and regulations on security of information systems by level",
     "level3_systems_with_plan_share", 100, ">=", ["DN2019", "S20"],
     " The target speaks of a plan *applied* in line with the technical standards, from level 3; Decree "
     "85/2016/NĐ-CP (S20) asks every system, at every level, for an approved level dossier that includes its plan."),
    ("dn.target.websites_monitored",
     "100% of the websites of Party and State bodies and socio-political organisations monitored for network "
     "information security",
     "websites_monitored_share", 100, ">=", ["DN2019", "S25"], ""),
]:
    block(_tid, "Outcome", DN_QUOTES[_tid].rstrip("."), _en, "ab", _src, "V", g1="grp.direction", g2="grp.direction",
          doc=_TARGET_DOC + _extra, properties={"quote": DN_QUOTES[_tid]},
          target=dict(indicator=_ind, value=_val, unit="%", comparison=_cmp, deadline=DN_DEADLINE))
block("dn.dx_program_2025", "WorkPackage",
      "Chương trình Chuyển đổi số tỉnh Đồng Nai đến năm 2025, định hướng đến năm 2030",
      "Đồng Nai Digital Transformation Program to 2025, orientation to 2030", "b", ["S28"], "V", g2="grp.direction",
      status="planned", doc="Approved by Decision 5003/QĐ-UBND of 30/12/2020 (S28); the successor of the 2019–2020 "
                            "programme.")

# ------------------------------------------------------------------- relationships
RELS: list[dict] = []

TYPE_NAMES = {
    "Flow": ("trao đổi dữ liệu", "exchanges data with"),
    "Access": ("truy cập dữ liệu", "accesses"),
    "Serving": ("phục vụ", "serves"),
    "Aggregation": ("bao gồm", "includes"),
    "Composition": ("gồm", "is composed of"),
    "Realization": ("hiện thực hóa", "realises"),
    "Assignment": ("được giao", "is assigned to"),
    "Association": ("liên kết với", "is associated with"),
    "Influence": ("tác động đến", "influences"),
}


def rel(rtype: str, src: str, tgt: str, tags: str, sources: list, conf: str, name=None, doc=None, per=None,
        **fields) -> None:
    """Add one relationship present in the models of ``tags`` (``per`` overrides by tag)."""
    RELS.append(dict(type=rtype, source=src, target=tgt, tags=tags, sources=sources, confidence=conf, name=name,
                     doc=doc, per=per or {}, fields=fields))


# users and channels
for _app, _actors, _tags, _src in [
    ("prov.portal", ["actor.citizen", "actor.business"], "12ab", ["S2"]),
    ("prov.public_service_portal", ["actor.citizen", "actor.business"], "2ab", ["S21"]),
    ("prov.document_mgmt", ["actor.civil_servant", "org.district_commune"], "12ab", ["S26"]),
    ("prov.email", ["actor.civil_servant"], "12ab", ["S1"]),
    ("prov.sector_apps", ["org.departments"], "12ab", ["S1"]),
    ("prov.reporting_system", ["actor.prov_leader"], "2b", ["S5"]),
    ("prov.ioc", ["actor.prov_leader"], "2b", ["S29"]),
]:
    for _a in _actors:
        rel("Serving", _app, _a, _tags, _src, "K", per={"dn": dict(confidence="I")})
rel("Serving", "prov.one_stop_eis", "org.one_stop_unit", "12", ["S21"], "K")
rel("Serving", "prov.one_stop_eis", "dn.public_admin_centre", "ab", ["S21", "S29"], "I")
rel("Composition", "org.one_stop_unit", "ch.one_stop_counter", "12", ["S21"], "K")
rel("Composition", "dn.public_admin_centre", "ch.one_stop_counter", "ab", ["S21", "S29"], "I")
for _a in ("actor.citizen", "actor.business"):
    rel("Serving", "ch.one_stop_counter", _a, "12ab", ["S21"], "K", per={"dn": dict(confidence="I")})
    rel("Serving", "dn.hotline_1022", _a, "ab", ["S29"], "V")
    rel("Serving", "biz.online_public_service", _a, "12", ["S18"], "K")
rel("Serving", "ch.phone_sms", "actor.citizen", "12", ["S1"], "K")

# business: procedures and online services
rel("Realization", "biz.admin_procedure", "biz.online_public_service", "12", ["S18"], "K",
    name=("được cung cấp trực tuyến thành", "is offered online as"))
rel("Assignment", "org.one_stop_unit", "biz.admin_procedure", "12", ["S21"], "K")
rel("Serving", "prov.one_stop_eis", "biz.admin_procedure", "12", ["S21"], "K")
rel("Realization", "prov.portal", "prov.portal_services", "1", ["S1"], "K")
rel("Serving", "prov.portal_services", "biz.online_public_service", "1", ["S1"], "K")
rel("Serving", "prov.public_service_portal", "biz.online_public_service", "2", ["S21"], "K")
rel("Serving", "prov.sso", "biz.online_public_service", "2", ["S5"], "K",
    name=("xác thực tập trung cho", "authenticates users of"))
rel("Assignment", "dn.public_admin_centre", "dn.interagency_exchange", "ab", ["S21", "S29"], "I")
rel("Serving", "prov.one_stop_eis", "dn.interagency_exchange", "ab", ["S21"], "I")
for _sid, _, _, _by_tag in _SVCS:
    _online = "".join(t for t, (lv, _t, _o) in _by_tag.items() if lv is not None)
    rel("Serving", "prov.public_service_portal", _sid, _online, ["DN2019"], "I", doc=ILLUSTRATIVE)
    _sso = "".join(t for t, (lv, _t, _o) in _by_tag.items()
                   if lv == 4 and (t == "b" or _sid == "dn.svc.household_business"))
    if _sso:
        rel("Serving", "prov.sso", _sid, _sso, ["DN2019"], "I", doc=ILLUSTRATIVE,
            name=("xác thực tập trung cho", "authenticates users of"))

# governance
rel("Aggregation", "org.ppc", "org.dic", "12ab", ["S13"], "K")
rel("Aggregation", "org.ppc", "org.departments", "12ab", ["S13"], "K")
rel("Association", "org.steering", "org.ppc", "12ab", ["S13"], "K", name=("tham mưu cho", "advises"),
    per={"dn": dict(sources=["DN2019"], confidence="V")})
rel("Assignment", "org.dic", "mot.roadmap", "12", ["S13"], "K", name=("tổ chức triển khai", "implements"))
rel("Assignment", "org.dic", "dn.it_program_2019_2020", "ab", ["DN2019"], "I",
    name=("tổ chức triển khai", "implements"))

# the LGSP hub (R1) and the LGSP–NGSP link (R2)
for _src, _tgt, _tags, _sources, _conf in [
    ("prov.lgsp", "prov.portal", "12ab", ["S14"], "K"),
    ("prov.one_stop_eis", "prov.lgsp", "12ab", ["S14"], "K"),
    ("prov.document_mgmt", "prov.lgsp", "12ab", ["S14"], "K"),
    ("prov.sector_apps", "prov.lgsp", "12ab", ["S14"], "K"),
    ("prov.public_service_portal", "prov.lgsp", "2ab", ["S14", "S15"], "K"),
    ("prov.lgsp", "prov.reporting_system", "2b", ["S15"], "K"),
    ("prov.lgsp", "prov.ioc", "2b", ["S29"], "I"),
    ("prov.lgsp", "prov.open_data_portal", "2", ["S19"], "I"),
]:
    rel("Flow", _src, _tgt, _tags, _sources, _conf, per={"dn": dict(confidence="I")})
rel("Flow", "prov.lgsp", "ext.ngsp", "12b", ["S2", "S14"], "V",
    name=("kết nối, chia sẻ dữ liệu với nền tảng quốc gia", "exchanges data with the national platform"),
    doc="Data flows both ways; national databases and ministry systems are reached through NGSP.",
    per={"2": dict(sources=["S14", "S15"]),
         "b": dict(sources=["DN2019", "S14"], confidence="I",
                   doc="The programme's target to connect provincial systems and databases with national ones "
                       "(DN2019); shown as achieved by 2020 (I).")})
rel("Flow", "ext.ngsp", "ext.ministry_systems", "12ab", ["S2"], "V")
rel("Flow", "ext.ngsp", "ext.non_state", "12", ["S2"], "K")
for _db, _tags in [("nat.db.population", "12ab"), ("nat.db.land", "12"), ("nat.db.business_reg", "12ab"),
                   ("nat.db.finance", "12"), ("nat.db.insurance", "12"), ("nat.db.population_stats", "12"),
                   ("nat.db.civil_status", "2b"), ("nat.db.admin_procedures", "12ab")]:
    rel("Access", "ext.ngsp", _db, _tags, ["S2", "S16"], "K", access_type="read")
rel("Access", "ext.national_public_service_portal", "nat.db.admin_procedures", "2b", ["S19"], "V",
    access_type="read")
rel("Flow", "prov.portal", "ext.gov_portal", "12ab", ["S2"], "K", per={"dn": dict(confidence="I")})

# shared platform services
rel("Realization", "prov.lgsp", "prov.sso", "2b", ["S5"], "K", per={"b": dict(confidence="I")})
rel("Realization", "prov.portal", "prov.sso", "a", ["DN2019"], "I")
rel("Realization", "prov.lgsp", "prov.catalogues", "12b", ["S1"], "K", per={"2": dict(sources=["S5"]),
                                                                            "b": dict(confidence="I")})
rel("Realization", "prov.lgsp", "prov.payment_connector", "2b", ["S5"], "K", per={"b": dict(confidence="I")})
rel("Serving", "prov.sso", "prov.public_service_portal", "2b", ["S5"], "K", per={"dn": dict(confidence="I")})
rel("Serving", "prov.sso", "prov.one_stop_eis", "2b", ["S5"], "K", per={"b": dict(confidence="I")})
rel("Serving", "prov.catalogues", "prov.one_stop_eis", "12b", ["S1"], "K",
    per={"2": dict(sources=["S5"]), "b": dict(confidence="I")})
rel("Serving", "prov.catalogues", "prov.sector_apps", "12b", ["S1"], "K",
    per={"2": dict(sources=["S5"]), "b": dict(confidence="I")})
rel("Serving", "prov.payment_connector", "prov.public_service_portal", "2b", ["S5"], "K",
    per={"b": dict(confidence="I")})
rel("Serving", "ext.non_state", "prov.payment_connector", "2b", ["S12"], "K", per={"b": dict(confidence="I")})

# links the framework prescribes (R3, R4, R5, reporting)
rel("Flow", "prov.public_service_portal", "prov.one_stop_eis", "2ab", ["S21"], "K",
    name=("chuyển hồ sơ trực tuyến, nhận trạng thái, kết quả", "passes online dossiers, receives status and results"),
    per={"dn": dict(confidence="I")})
rel("Flow", "prov.public_service_portal", "ext.national_public_service_portal", "2b", ["S22"], "K",
    name=("tích hợp dịch vụ, trạng thái hồ sơ", "integrates services and dossier status"),
    per={"b": dict(sources=["S22", "DN2019"], confidence="I")})
rel("Flow", "prov.document_mgmt", "ext.national_document_axis", "2b", ["S26", "S31"], "K",
    name=("gửi, nhận văn bản điện tử", "sends and receives e-documents"),
    per={"b": dict(sources=["S26", "DN2019"], confidence="I")})
rel("Flow", "prov.reporting_system", "ext.national_reporting_system", "2b", ["S31"], "K",
    name=("gửi báo cáo", "submits reports"), per={"b": dict(confidence="I")})

# data access
rel("Access", "prov.one_stop_eis", "prov.shared_db", "12ab", ["S1"], "K", access_type="read_write",
    per={"dn": dict(confidence="I")})
rel("Access", "prov.lgsp", "prov.shared_db", "12ab", ["S1"], "K", access_type="read",
    per={"dn": dict(confidence="I")})
rel("Access", "prov.sector_apps", "prov.sector_db", "12ab", ["S1"], "K", access_type="read_write",
    per={"dn": dict(confidence="I")})
rel("Access", "prov.open_data_portal", "prov.shared_db", "2", ["S19"], "I", access_type="read")

# security monitoring (R7) and the national centre
for _site, _tags in [("prov.portal", "2b"), ("prov.public_service_portal", "2b"), ("prov.open_data_portal", "2"),
                     ("dn.agency_websites", "b")]:
    rel("Serving", "sec.soc", _site, _tags, ["S25"], "K", name=("giám sát an toàn thông tin", "monitors"),
        per={"b": dict(sources=["S25", "DN2019"], confidence="I")})
rel("Flow", "sec.soc", "sec.national_monitoring", "2b", ["S25"], "V",
    name=("chia sẻ dữ liệu giám sát", "shares monitoring data"), per={"b": dict(confidence="I")})
rel("Realization", "sec.soc", "sec.level_plan", "2b", ["S20"], "K", per={"b": dict(confidence="I")})

# hosting (R9) and networks
for _app, _tags in [("prov.portal", "12ab"), ("prov.public_service_portal", "2ab"), ("prov.one_stop_eis", "12ab"),
                    ("prov.document_mgmt", "12ab"), ("prov.email", "12ab"), ("prov.lgsp", "12ab"),
                    ("prov.video_conf", "12ab"), ("prov.sector_apps", "12ab"), ("dn.agency_websites", "ab"),
                    ("prov.ioc", "2b"),
                    ("sec.soc", "2b")]:
    rel("Serving", "prov.data_centre", _app, _tags, ["S1"], "K", name=("lưu trữ, vận hành", "hosts"),
        per={"2": dict(sources=["S5"]), "dn": dict(confidence="I")})
for _app in ("prov.reporting_system", "prov.open_data_portal"):
    rel("Serving", "prov.cloud", _app, "2b" if _app == "prov.reporting_system" else "2", ["S5"], "K",
        name=("lưu trữ, vận hành", "hosts"), per={"b": dict(confidence="I")})
rel("Aggregation", "prov.data_centre", "prov.cloud", "2b", ["S5"], "K", per={"b": dict(confidence="I")})
rel("Association", "prov.data_centre", "net.tslcd", "12ab", ["S29"], "K", name=("kết nối qua", "is connected through"),
    per={"dn": dict(confidence="V", doc="The specialised data network is in use in Đồng Nai (S29).")})
rel("Association", "prov.data_centre", "net.prov_wan", "1", ["S1"], "K", name=("kết nối qua", "is connected through"))
rel("Association", "prov.data_centre", "net.internet", "12ab", ["S1"], "K", name=("kết nối qua", "is connected through"),
    per={"2": dict(sources=["S5"]), "dn": dict(confidence="I")})
rel("Association", "net.lan", "net.prov_wan", "1", ["S1"], "K")
rel("Association", "net.lan", "net.tslcd", "2ab", ["S29"], "V")
rel("Association", "net.tslcd", "ext.ngsp", "12ab", ["S2"], "K", name=("kết nối", "connects"))
for _app in ("prov.document_mgmt", "prov.one_stop_eis"):
    rel("Serving", "tech.gov_ca", _app, "12ab", ["S29"], "K", name=("cung cấp chữ ký số", "provides digital signatures"),
        per={"dn": dict(confidence="I")})

# motivation
rel("Realization", "prov.lgsp", "mot.standards", "12", ["S15"], "K", name=("tuân thủ", "complies with"))
rel("Influence", "sec.level_plan", "mot.objectives", "12", ["S20"], "I")
rel("Realization", "mot.roadmap", "mot.objectives", "12", ["S1", "S5"], "K")
rel("Influence", "mot.principles", "mot.objectives", "2", ["S5"], "K")
rel("Influence", "mot.objectives", "mot.vision", "2", ["S5"], "K")
for _pid in ("citizen_centred", "data_once", "reuse", "security_by_level"):
    rel("Aggregation", "mot.principles", f"mot.principle.{_pid}", "2", ["S5"], "I")
for _goal in ("dn.goal.upgrade_v2", "dn.goal.connect_national"):
    rel("Realization", "dn.it_program_2019_2020", _goal, "ab", ["DN2019"], "V")
    rel("Influence", _goal, "dn.goal.e_government", "ab", ["DN2019"], "I")
for _t in ("procedures_online_level12", "dossiers_online_level4", "level4_central_auth", "interagency_dossiers_online",
           "level3_systems_with_plan", "websites_monitored"):
    rel("Realization", "dn.it_program_2019_2020", f"dn.target.{_t}", "ab", ["DN2019"], "V")
    rel("Realization", f"dn.target.{_t}", "dn.goal.e_government", "ab", ["DN2019"], "I")
rel("Influence", "dn.principle.prefer_lease", "dn.goal.e_government", "ab", ["DN2019"], "V")
rel("Realization", "sec.level_plan", "dn.target.level3_systems_with_plan", "ab", ["DN2019", "S20"], "I")
for _new in ("sec.soc", "prov.reporting_system", "prov.cloud"):
    rel("Realization", "dn.it_program_2019_2020", _new, "b", ["DN2019"], "I", name=("triển khai", "delivers"),
        doc="Which programme project delivered this block is not reported; inferred from the targets (I).")
rel("Realization", "dn.dx_program_2025", "prov.ioc", "b", ["S28", "S29"], "I", name=("triển khai", "delivers"),
    doc="The IOC is reported in 2026 (S29); attributing it to the 2025 digital-transformation programme is an "
        "inference (I).")

# ------------------------------------------------------- frameworks v3.0 and v4.0
#: v2.0 blocks that do not continue, by later framework.
LATER_DROPPED = {
    "3": {"prov.public_service_portal", "prov.one_stop_eis"},
    "4": {"prov.public_service_portal", "prov.one_stop_eis", "org.dic", "org.district_commune"},
}
#: Where a dropped block's relationships go in the later framework (its replacement).
LATER_ALIASES = {
    "3": {"prov.public_service_portal": "prov.procedures_system", "prov.one_stop_eis": "prov.procedures_system"},
    "4": {"prov.public_service_portal": "prov.procedures_system", "prov.one_stop_eis": "prov.procedures_system",
          "org.dic": "org.dost", "org.district_commune": "org.commune"},
}
V34_DOC = (" Its place in the v3.0/v4.0 provincial picture is background knowledge (K): the framework annexes were "
           "not read.")

block("prov.procedures_system", "ApplicationComponent", "Hệ thống thông tin giải quyết thủ tục hành chính cấp tỉnh",
      "Provincial administrative-procedure information system", "34", ["S42"], "V2", g2="grp.data_apps",
      rm="rm.arm", public_facing=True, **PROV,
      doc="Decree 107/2021/NĐ-CP of 06/12/2021, amending Decree 61/2018, makes the provincial public service portal "
          "and the one-stop electronic information system one system (domain reference §11.2, V2); provinces operate "
          "it under this name (S42, Hà Tĩnh 2024). It serves citizens online and the one-stop units." + V34_DOC,
      per=_per(MAND, {"3": dict(replaces=["prov.public_service_portal", "prov.one_stop_eis"])}))
block("ext.national_identity", "ApplicationComponent", "Nền tảng định danh và xác thực điện tử",
      "Electronic identification and authentication platform", "34", ["S9"], "V", g2="grp.external", rm="rm.arm",
      **NAT,
      doc="Added to the overview diagram by v3.0, with the electronic identification and authentication system, "
          "under Decree 59/2022/NĐ-CP and Project 06 (S9).",
      per={"4": dict(vi="Hệ thống định danh và xác thực điện tử (VNeID)",
                     en="Electronic identification and authentication system (VNeID)", sources=["S9", "S41"],
                     confidence="V2",
                     doc="Added by v3.0 (S9). Decree 69/2024/NĐ-CP (in force 01/07/2024) replaced Decree 59/2022: "
                         "VNeID accounts identify citizens for online public services (S41, law-firm summary, V2). "
                         "The v4.0 label is not verified.")})
block("ext.national_data_centre", "Node", "Trung tâm dữ liệu quốc gia", "National Data Centre", "34", ["S9", "S34"],
      "V", g2="grp.external", rm="rm.trm", **NAT,
      doc="Added by v3.0 (S9); the National Data Centre project was approved by Resolution 175/NQ-CP of 30/10/2023, "
          "which Decision 2568 cites (S34).")
block("nat.db.people", "DataObject", "Kho dữ liệu về con người", "People data store", "34", ["S9"], "V",
      g2="grp.external", rm="rm.drm", **NAT, doc="Added by v3.0 with the National Data Centre (S9).")
block("nat.db.national_synthesis", "DataObject", "Kho dữ liệu tổng hợp từ các cơ sở dữ liệu quốc gia",
      "Store aggregated from the national databases", "34", ["S9"], "V", g2="grp.external", rm="rm.drm", **NAT,
      doc="Added by v3.0 with the National Data Centre (S9).",
      per={"4": dict(vi="Cơ sở dữ liệu tổng hợp quốc gia", en="National synthesis database", sources=["S9", "S40"],
                     confidence="V2",
                     doc="Added by v3.0 as the store aggregated from the national databases (S9). Under Decree "
                         "278/2025 master and shared data are synchronised with the 'national synthesis database' "
                         "(CSDL tổng hợp quốc gia) for the Ministry of Public Security to coordinate through NDOP "
                         "(S40, news): label V2.")})
block("ext.ndop", "ApplicationComponent", "Nền tảng chia sẻ, điều phối dữ liệu (NDOP)",
      "Data sharing and coordination platform (NDOP, National Data Orchestration Platform)", "34", ["S35"], "V2",
      g2="grp.external", rm="rm.arm", **NAT,
      doc="The 2024 amendment of v3.0 (Decision 1729/QĐ-BTTTT) adds the role of the data sharing and coordination "
          "platform of the National Data Centre (S35, news). The acronym NDOP is from 2025 reports on Decree "
          "278/2025 (S40).",
      per={"4": dict(sources=["S35", "S39", "S40"],
                     doc="Added to v3.0 by its 2024 amendment (S35). Under Decree 278/2025/NĐ-CP of 22/10/2025 (S39), "
                         "which replaces Decree 47/2020, every mandatory data connection between agencies goes "
                         "through it, to be finished by 31/12/2026 (S40, news). Decree 278 is later than v4.0 "
                         "(25/03/2025): this model reads v4.0 together with it.")})
block("org.dost", "BusinessActor", "Sở Khoa học và Công nghệ", "Department of Science and Technology", "4", ["S11"],
      "K", g2="grp.direction", replaces=["org.dic"],
      doc="In 2025 the Ministry of Information and Communications merged into the Ministry of Science and Technology "
          "(whose functions Decree 55/2025/NĐ-CP of 02/03/2025 sets, cited in S11) and the provincial Departments of "
          "Information and Communications into Departments of Science and Technology, which now maintain the "
          "provincial architecture (background knowledge, K).")
block("org.commune", "BusinessActor", "Ủy ban nhân dân cấp xã", "Commune People's Committees", "4", ["S43"], "V2",
      g2="grp.users", replaces=["org.district_commune"],
      doc="Since 01/07/2025 local government has two tiers, province and commune: there is no district level "
          "(Law 72/2025/QH15; S43, V2).")
rel("Serving", "ext.national_identity", "prov.sso", "34", ["S9"], "K",
    name=("định danh, xác thực cho", "identifies and authenticates users for"))
rel("Serving", "ext.national_identity", "ext.national_public_service_portal", "34", ["S9"], "K",
    name=("định danh, xác thực cho", "identifies and authenticates users for"))
rel("Access", "ext.national_identity", "nat.db.population", "34", ["S9"], "K", access_type="read")
rel("Serving", "ext.national_data_centre", "ext.ndop", "34", ["S35"], "K", name=("lưu trữ, vận hành", "hosts"))
rel("Association", "ext.national_data_centre", "nat.db.people", "34", ["S9"], "K", name=("lưu trữ", "stores"))
rel("Association", "ext.national_data_centre", "nat.db.national_synthesis", "34", ["S9"], "K",
    name=("lưu trữ", "stores"))
rel("Access", "ext.ndop", "nat.db.national_synthesis", "34", ["S35"], "K", access_type="read_write")
rel("Access", "ext.ndop", "nat.db.people", "34", ["S35"], "K", access_type="read")
rel("Flow", "prov.lgsp", "ext.ndop", "34", ["S35"], "K",
    name=("chia sẻ dữ liệu qua nền tảng điều phối", "shares data through the coordination platform"),
    per={"4": dict(sources=["S39", "S40"], confidence="V2",
                   doc="Decree 278/2025: every mandatory data connection goes through NDOP, by 31/12/2026 (S40).")})

#: Overrides of continued blocks for the later frameworks (by id, then model tag).
_LATER_OVERRIDES = {
    "ext.ngsp": {"3": dict(vi="Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP)",
                           en="National data integration and sharing platform (NDXP)", sources=["S30"],
                           doc="Called NDXP since 2021 (S30); its label in the v3.0/v4.0 text is not verified (K). "
                               "From 2024–2025 mandatory data sharing also runs through NDOP (ext.ndop).")},
    "prov.lgsp": {"4": dict(doc="The provincial data integration and sharing platform; it connects to the national "
                                "platforms (NDXP, and NDOP for mandatory data sharing under Decree 278/2025). Some "
                                "2025 provincial texts call it LDOP (V2 only, domain reference §10); the label is "
                                "kept. Label background knowledge (K).")},
    "prov.sso": {"3": dict(doc="Shared authentication for online services, using the national electronic "
                               "identification and authentication platform (ext.national_identity) from v3.0 on."
                               + V34_DOC)},
}
for _b in BLOCKS:
    for _t, _o in _LATER_OVERRIDES.get(_b["id"], {}).items():
        _b["per"].setdefault(_t, {}).update(_o)
#: Reference models and components in the later frameworks.
GROUPING_LATER = {
    "rm.brm": {"3": dict(sources=["S9"], confidence="V"), "4": dict(sources=["S36"], confidence="V")},
    "rm.drm": {"3": dict(sources=["S9"], confidence="V"), "4": dict(sources=["S36"], confidence="V")},
    "rm.arm": {"3": dict(sources=["S9"], confidence="V"), "4": dict(sources=["S36"], confidence="V")},
    "rm.trm": {"3": dict(vi="Mô hình tham chiếu công nghệ", en="Technology reference model (TRM)", sources=["S9"],
                         confidence="V", doc="Named 'công nghệ' (technology) in the v3.0 reports (S9).")},
    "rm.srm": {"3": dict(vi="Mô hình tham chiếu an toàn thông tin mạng, an ninh mạng",
                         en="Network information security and cybersecurity reference model (SRM)", sources=["S9"],
                         confidence="V",
                         doc="Renamed in v3.0 from 'Mô hình tham chiếu an toàn thông tin' to match the Law on Network "
                             "Information Security and the Law on Cybersecurity (S9).")},
}
V34_COMPONENT_NOTE = (" The v3.0 and v4.0 models keep this seven-component layout of the v2.0 model; the provincial "
                      "layout of Decisions 2568/QĐ-BTTTT and 292/QĐ-BKHCN was not read.")
#: The four layers of the national overall digital architecture framework (Decision
#: 3090/QĐ-BKHCN of 08/10/2025, S37; layer names as reported, S38), in vn-province-4.0.
NDA_LAYERS = {
    "nda.infrastructure": ("Lớp hạ tầng số và an ninh mạng dùng chung",
                           "Shared digital infrastructure and cybersecurity layer"),
    "nda.data_platforms": ("Lớp dữ liệu và nền tảng cốt lõi", "Data and core platforms layer"),
    "nda.applications": ("Lớp ứng dụng và nghiệp vụ dùng chung", "Shared applications and business layer"),
    "nda.channels": ("Lớp kênh tương tác và đo lường hiệu quả",
                     "Interaction channels and performance measurement layer"),
}
_NDA_TYPES = {"ApplicationComponent", "ApplicationService", "DataObject", "Node", "CommunicationNetwork",
              "TechnologyService", "BusinessService", "BusinessInterface"}
_NDA_PLATFORMS = {"prov.lgsp", "ext.ngsp", "ext.ndop", "ext.national_identity", "prov.sso", "prov.catalogues",
                  "prov.payment_connector"}


def _nda_layer(e: dict, g2: Optional[str]) -> Optional[str]:
    """The 3090 layer we assign a block to (modelling choice, I), or None."""
    if e["type"] not in _NDA_TYPES:
        return None
    if e["type"] in ("Node", "CommunicationNetwork", "TechnologyService") or e["id"].startswith("sec."):
        return "nda.infrastructure"
    if e["type"] == "DataObject" or e["id"] in _NDA_PLATFORMS:
        return "nda.data_platforms"
    if g2 == "grp.channels" or e["id"] in ("prov.reporting_system", "prov.ioc", "prov.procedures_system"):
        return "nda.channels"
    return "nda.applications"


for _entry in BLOCKS + RELS:
    if "2" in _entry["tags"]:
        _eid = _entry.get("id")
        for _t in LATER:
            if _t not in _entry["tags"] and _eid not in LATER_DROPPED[_t]:
                _entry["tags"] += _t
                _entry.setdefault("continued", set()).add(_t)

# ------------------------------------------------------------------------ metadata
MIC = {"vi": "Bộ Thông tin và Truyền thông", "en": "Ministry of Information and Communications (MIC)"}
DN_PPC = {"vi": "Ủy ban nhân dân tỉnh Đồng Nai", "en": "Đồng Nai Provincial People's Committee"}
MOST = {"vi": "Bộ Khoa học và Công nghệ", "en": "Ministry of Science and Technology (MoST)"}
_DN_INSTRUMENT_DOC = (
    "The number and date of the decision approving Đồng Nai's provincial e-Government architecture are not known: "
    "none of the public sources reached contains them, so instrument.number and instrument.date are left empty "
    "(null) on purpose. The architecture is built from the framework catalogue plus the verified Đồng Nai facts "
    "(S29: Public Administration Centre, 1022 hotline, specialised data network; S28) and the 2019–2020 programme "
    "article (DN2019: targets quoted verbatim, deadline 31/12/2020, budget in million VND). Elements marked confidence I, in particular every service level and "
    "dossier count, are illustrative.")
METADATA = {
    "1": dict(
        title={"vi": "Khung Kiến trúc Chính phủ điện tử Việt Nam, phiên bản 1.0 — góc nhìn cấp tỉnh (§4.1)",
               "en": "Vietnam e-Government architecture framework, version 1.0 — provincial view (§4.1)"},
        framework_version="1.0",
        instrument=dict(kind="letter", number="1178/BTTTT-THH", date="2015-04-21", issuer=MIC),
        documentation={"en": (
            "The provincial level (§4.1) of Vietnam's e-Government architecture framework v1.0, issued as an "
            "attachment to MIC letter 1178/BTTTT-THH of 21 April 2015 (S1, S6). Two provincial decisions (S3, S4) "
            "date the letter 24/4/2015; the document cover's 21/4/2015 is used. This model is a provincial view of "
            "that framework, not a separate instrument. Layers (users, access channels, portal and portal services, "
            "services, applications and databases, the LGSP, technical infrastructure) and the cross-cutting "
            "information-security and management/steering columns are Groupings; the layers and their labels are "
            "background knowledge (K), as the v1.0 provincial picture was not read (S2 lists the groups of the "
            "national overview picture). The 2015 terms are used where they differ from later ones (the one-stop "
            "'Bộ phận tiếp nhận và trả kết quả', Decision 09/2015/QĐ-TTg; standards of Circular 22/2013/TT-BTTTT). "
            "Building blocks a province must have carry mandatory: true.")},
        properties={"overview_diagram": "Sơ đồ tổng thể"},
    ),
    "2": dict(
        title={"vi": "Khung Kiến trúc Chính phủ điện tử Việt Nam, phiên bản 2.0 — góc nhìn cấp tỉnh",
               "en": "Vietnam e-Government architecture framework, version 2.0 — provincial view"},
        framework_version="2.0",
        instrument=dict(kind="decision", number="2323/QĐ-BTTTT", date="2019-12-31", issuer=MIC),
        documentation={"en": (
            "A provincial view of 'Khung Kiến trúc Chính phủ điện tử Việt Nam, phiên bản 2.0', issued by Decision "
            "2323/QĐ-BTTTT of 31 December 2019, signed by Minister Nguyễn Mạnh Hùng (S5, S7); there is no instrument "
            "titled 'Khung Kiến trúc Chính quyền điện tử cấp tỉnh, phiên bản 2.0'. The five reference models BRM, "
            "DRM, ARM, TRM and SRM (S5) are Groupings; vision, objectives and principles are motivation elements. "
            "The model is laid out in seven components (users, channels, data and applications, technology, "
            "security, direction and policy, external systems): those of Bình Dương's own provincial v2.0 "
            "architecture (S12), an example provincial layout and not the text of 2323 (tagged I). Building blocks "
            "a province must have carry mandatory: true.")},
        properties={"overview_diagram": "Sơ đồ khái quát",
                    "signed_by": "Nguyễn Mạnh Hùng"},
    ),
    "3": dict(
        title={"vi": "Khung Kiến trúc Chính phủ điện tử Việt Nam, phiên bản 3.0, hướng tới Chính phủ số — góc nhìn cấp "
                     "tỉnh",
               "en": "Vietnam e-Government architecture framework, version 3.0, towards digital Government — "
                     "provincial view"},
        framework_version="3.0",
        instrument=dict(kind="decision", number="2568/QĐ-BTTTT", date="2023-12-29", issuer=MIC),
        documentation={"en": (
            "A provincial view of 'Khung Kiến trúc Chính phủ điện tử Việt Nam, phiên bản 3.0, hướng tới Chính phủ "
            "số', issued by Decision 2568/QĐ-BTTTT of 29 December 2023 (S10, S34), which replaced Decision 2323, as "
            "amended by Decision 1729/QĐ-BTTTT of 9 October 2024 (S11, S35). How sure it is: the instruments, the "
            "renamed security reference model (SRM) and what v3.0 adds to the overview diagram — the electronic "
            "identification and authentication platform, the National Data Centre, the people data store and the "
            "store aggregated from national databases — are verified in reports of the framework (V: S9); the data "
            "sharing and coordination platform of the 2024 amendment rests on a news report (V2: S35); the single "
            "provincial administrative-procedure system of Decree 107/2021 (replacing the public service portal "
            "and the one-stop system) is V2. Every block continued from v2.0 keeps its id and its v2.0 sources but "
            "is tagged K at most: the annex of 2568 (the framework text) was not read, so none of them is "
            "presented as its text. Most of the model is K.")},
        properties={"amended_by": "Decision 1729/QĐ-BTTTT of 2024-10-09",
                    "replaces_instrument": "Decision 2323/QĐ-BTTTT of 2019-12-31",
                    "replaced_by": "Decision 292/QĐ-BKHCN of 2025-03-25"},
    ),
    "4": dict(
        title={"vi": "Khung kiến trúc Chính phủ số Việt Nam, phiên bản 4.0 — góc nhìn cấp tỉnh",
               "en": "Vietnam digital Government architecture framework, version 4.0 — provincial view"},
        framework_version="4.0",
        instrument=dict(kind="decision", number="292/QĐ-BKHCN", date="2025-03-25", issuer=MOST),
        documentation={"en": (
            "A provincial view of 'Khung kiến trúc Chính phủ số Việt Nam, phiên bản 4.0', issued by the Ministry of "
            "Science and Technology with Decision 292/QĐ-BKHCN of 25 March 2025 (S11), which replaced Decisions "
            "2568/QĐ-BTTTT and 1729/QĐ-BTTTT; v4.0 updates the overview diagram, the descriptions of its components "
            "and the reference models (S36). The model reads v4.0 together with what a province applies with it by "
            "2026: the four layers of the national overall digital architecture framework of Decision "
            "3090/QĐ-BKHCN of 8 October 2025 (S37; layer names V2 from a news report, S38), mandatory data sharing "
            "through NDOP under Decree 278/2025/NĐ-CP (S39, S40), VNeID under Decree 69/2024/NĐ-CP (S41), the "
            "Departments of Science and Technology (K) and two-tier local government from 1 July 2025 (S43, V2). "
            "Every block continued from v3.0 is tagged K at most (the annexes were not read); which 3090 layer "
            "holds each block is our assignment (I). Most of the model is K or V2.")},
        properties={"replaces_instrument": "Decisions 2568/QĐ-BTTTT of 2023-12-29 and 1729/QĐ-BTTTT of 2024-10-09",
                    "read_with": "Decision 3090/QĐ-BKHCN of 2025-10-08; Decree 278/2025/NĐ-CP of 2025-10-22"},
    ),
    "a": dict(
        title={"vi": "Kiến trúc Chính quyền điện tử tỉnh Đồng Nai, phiên bản 1.0 (hiện trạng 2019)",
               "en": "Đồng Nai provincial e-Government architecture, version 1.0 (2019, before the 2019–2020 IT programme)"},
        framework_version="1.0", province={"vi": "Đồng Nai", "en": "Đồng Nai"}, realises="vn-province-1.0",
        as_of="2019-10-31",  # the snapshot month (2019-10): the date whose rules `eaframe check` applies
        instrument=dict(kind="decision", number=None, date=None, issuer=DN_PPC),
        documentation={"en": (
            "Đồng Nai's architecture before its 2019–2020 IT target programme (reported as a draft plan "
            "implementing Decision 153/QĐ-TTg, DN2019), realising framework v1.0. It shows, with illustrative "
            "figures, the gaps the programme's targets address: the LGSP is not connected to the national platform, no system is linked "
            "to the National Public Service Portal or the national document axis, level-3 systems lack approved "
            "protection plans, websites are not monitored, few dossiers are processed online at level 4 and only "
            "part of the level-4 services use centralised authentication. " + _DN_INSTRUMENT_DOC)},
        properties={"snapshot": "2019-10 (article date)", "instrument_status": "number and date unknown"},
    ),
    "b": dict(
        title={"vi": "Kiến trúc Chính quyền điện tử tỉnh Đồng Nai, phiên bản 2.0 (minh họa cuối năm 2020)",
               "en": "Đồng Nai provincial e-Government architecture, version 2.0 (illustrative end-2020 state after the draft 2019–2020 IT plan)"},
        framework_version="2.0", province={"vi": "Đồng Nai", "en": "Đồng Nai"}, realises="vn-province-2.0",
        as_of="2020-12-31",  # end of the 2019–2020 programme: the date whose rules `eaframe check` applies
        instrument=dict(kind="decision", number=None, date=None, issuer=DN_PPC),
        documentation={"en": (
            "An illustrative end-2020 state of Đồng Nai's architecture, realising framework v2.0, in which the "
            "targets of the draft 2019–2020 plan (DN2019; a draft implementing Decision 153/QĐ-TTg, S23) would be "
            "met. No source reports the plan's adoption or its outcome: the figures that meet the targets are "
            "illustrative (I), as are the links shown as made (LGSP to NGSP, public service portal to the National "
            "Public Service Portal, document management to the national document axis), the SOC monitoring the "
            "websites and centralised authentication for every level-4 service. The provincial IOC is shown as "
            "planned only (S29 reports it by 2026). " + _DN_INSTRUMENT_DOC)},
        properties={"snapshot": "2020-12 (end of programme; illustrative)", "instrument_status": "number and date unknown"},
    ),
}


# --------------------------------------------------------------------------- build
def _text(vi, en) -> dict:
    return {"vi": vi, "en": en}


def _resolve(entry: dict, tag: str) -> dict:
    out = dict(entry["fields"])
    out.update(vi=entry.get("vi"), en=entry.get("en"), sources=list(entry["sources"]),
               confidence=entry["confidence"], doc=entry.get("doc"))
    per = entry["per"]
    chain = {"3": ("2", "3"), "4": ("2", "3", "4")}.get(tag, (tag,))
    for key in ("fw" if tag in FRAMEWORK else "dn", *chain):
        over = per.get(key, {})
        if tag in LATER and key not in ("fw", tag):  # inherited from an earlier version
            over = {k: v for k, v in over.items() if k not in ("status", "replaces")}
        out.update(over)
    if (tag in entry.get("continued", ()) and out["confidence"] in ("V", "V2")
            and "confidence" not in per.get(tag, {})):
        out["confidence"] = "K"  # verified for v2.0, not for the later text
    return out


def _element(entry: dict, tag: str) -> dict:
    f = _resolve(entry, tag)
    if f.get("owner") in LATER_ALIASES.get(tag, {}):
        f["owner"] = LATER_ALIASES[tag][f["owner"]]
    vi, en, doc = f.pop("vi"), f.pop("en"), f.pop("doc")
    d = {"id": entry["id"], "type": entry["type"], "name": _text(vi, en)}
    if doc:
        d["documentation"] = {"en": doc}
    d["sources"] = f.pop("sources")
    d["confidence"] = f.pop("confidence")
    if tag not in FRAMEWORK:
        f.pop("mandatory", None)
        realised = "1" if tag == "a" else "2"
        if "implements" not in f and _present(entry["id"], realised):
            f["implements"] = entry["id"]
    d.update({k: v for k, v in f.items() if v is not None})
    if tag not in FRAMEWORK and any(k in d for k in ("security_level", "procurement", "service_level",
                                                       "dossiers_total")):
        if d["confidence"] != "I":
            raise SystemExit(f"{d['id']}: illustrative attributes on an element with confidence {d['confidence']}")
        doc = d.get("documentation", {}).get("en", "")
        if "illustrative" not in doc.lower():
            d["documentation"] = {"en": (doc + " " if doc else "") + "Its security level, plan status and "
                                  "procurement mode are illustrative (confidence I), not sourced."}
    return d


_PRESENCE: dict[str, str] = {}


def _present(eid: str, tag: str) -> bool:
    return tag in _PRESENCE.get(eid, "")


def _grouping_entries() -> list[dict]:
    out = []
    for gid, vi, en, kind, tags, sources, conf, labels, doc in GROUPINGS:
        per = {t: dict(vi=v, en=e) for t, (v, e) in labels.items()}
        continued = set()
        if "2" in tags:
            continued = set(LATER)
            tags += "".join(LATER)
            for t, over in GROUPING_LATER.get(gid, {}).items():
                per.setdefault(t, {}).update(over)
        if kind == "layer/component":
            for t in tags:
                v1 = t in V1_FAMILY
                per.setdefault(t, {}).update(
                    properties={"kind": "layer" if v1 else "component"},
                    sources=["S1"] if v1 else ["S12"], confidence="K" if v1 else "I",
                    doc=(doc + " " if doc else "") + (V1_LAYER_NOTE if v1 else V2_COMPONENT_NOTE)
                    + (V34_COMPONENT_NOTE if t in LATER else ""))
        else:
            props = {"kind": kind}
            if kind == "reference_model":
                props["code"] = REFERENCE_MODELS[gid]
            for t in tags:
                per.setdefault(t, {})["properties"] = props
        if gid in GROUPING_REPLACES:
            for t in tags:
                if t in ("2", "b"):
                    per.setdefault(t, {})["replaces"] = GROUPING_REPLACES[gid]
        out.append(dict(id=gid, type="Grouping", vi=vi, en=en, tags=tags, sources=sources, confidence=conf,
                        doc=doc, per=per, fields={}, continued=continued))
    for gid, (vi, en) in NDA_LAYERS.items():
        out.append(dict(
            id=gid, type="Grouping", vi=vi, en=en, tags="4", sources=["S37", "S38"], confidence="V2",
            doc="One of the four functional layers of the national overall digital architecture framework (Decision "
                "3090/QĐ-BKHCN of 08/10/2025, S37), as the ministry's conference presented them (S38, news: V2). "
                "Which layer a provincial block belongs to is our assignment (I).",
            per={"4": dict(properties={"kind": "national_layer"})}, fields={}))
    return out


def _rel_id(rtype: str, src: str, tgt: str) -> str:
    return f"{src}--{rtype.lower()}--{tgt}"


def _relationship(r: dict, tag: str) -> dict:
    f = _resolve(dict(r, vi=None, en=None), tag)
    f.pop("vi"), f.pop("en")
    doc = f.pop("doc")
    vi, en = r["name"] or TYPE_NAMES[r["type"]]
    d = {"id": _rel_id(r["type"], r["source"], r["target"]), "type": r["type"], "name": _text(vi, en)}
    if doc:
        d["documentation"] = {"en": doc}
    d["sources"] = f.pop("sources")
    d["confidence"] = f.pop("confidence")
    d["source"] = r["source"]
    d["target"] = r["target"]
    d.update({k: v for k, v in f.items() if v is not None})
    return d


def _views(tag: str, elements: list[dict], relationships: list[dict]) -> list[dict]:
    types = {e["id"]: e["type"] for e in elements}
    rm_ids = [g for g in REFERENCE_MODELS if g in types]
    nda_ids = [g for g in NDA_LAYERS if g in types]
    rm_rel = {r["id"] for r in relationships if r["source"] in rm_ids or r["source"] in nda_ids}
    overview_els = [e["id"] for e in elements if e["id"] not in rm_ids and e["id"] not in nda_ids]
    views = [dict(
        id="view.overview", name=_text("Tổng quan kiến trúc theo lớp", "Layered overview"),
        documentation={"en": "Every building block, boxed by its " + (
            "v1.0 layer or column." if tag in V1_FAMILY else "v2.0 component." if tag not in LATER else
            "component (the seven-component layout kept from the v2.0 model).")},
        viewpoint="Layered", elements=overview_els,
        relationships=[r["id"] for r in relationships if r["id"] not in rm_rel],
        layout={"direction": "TB", "cluster_by": "grouping"})]
    app_types = {"ApplicationComponent", "ApplicationService", "DataObject"}
    inter_els = [e["id"] for e in elements if e["type"] in app_types]
    inter_set = set(inter_els)
    views.append(dict(
        id="view.interconnection",
        name=_text("Kết nối, liên thông: LGSP và các kết nối quốc gia", "Interconnection: LGSP hub and national connections"),
        documentation={"en": "Applications and databases with their data flows and data access: provincial "
                             "applications exchange data through the LGSP, which connects to NGSP and through it "
                             "to the national databases; the national portals and systems linked directly."},
        viewpoint="Application Cooperation", elements=inter_els,
        relationships=[r["id"] for r in relationships if r["type"] in ("Flow", "Access")
                       and r["source"] in inter_set and r["target"] in inter_set],
        layout={"direction": "LR", "cluster_by": "none"}))
    for gid in rm_ids:
        members = [r["target"] for r in relationships if r["source"] == gid and r["type"] == "Aggregation"]
        code = REFERENCE_MODELS[gid]
        g = next(e for e in elements if e["id"] == gid)
        views.append(dict(
            id=f"view.{gid}", name=_text(g["name"]["vi"] + f" ({code})", g["name"]["en"]),
            documentation={"en": f"The building blocks classified under the {code}."},
            elements=[gid, *members], layout={"direction": "TB", "cluster_by": "grouping"}))
    if nda_ids:
        members = [r["target"] for r in relationships if r["source"] in nda_ids and r["type"] == "Aggregation"]
        views.append(dict(
            id="view.national_layers",
            name=_text("Bốn lớp của Khung kiến trúc tổng thể quốc gia số",
                       "The four layers of the national overall digital architecture"),
            documentation={"en": "The provincial blocks by the four layers of Decision 3090/QĐ-BKHCN (S37, S38); the "
                                 "assignment of blocks to layers is a modelling choice (I)."},
            elements=[*nda_ids, *members], layout={"direction": "BT", "cluster_by": "grouping"}))
    return views


def build_model(tag: str) -> ArchitectureModel:
    """Build and validate (strict) the bundled model of ``tag``."""
    groupings = _grouping_entries()
    entries = groupings + BLOCKS
    _PRESENCE.clear()
    _PRESENCE.update({e["id"]: e["tags"] for e in entries})
    elements = [_element(e, tag) for e in entries if tag in e["tags"]]
    ids = {e["id"] for e in elements}
    members = []
    gkey = "g1" if tag in V1_FAMILY else "g2"
    for e in BLOCKS:
        if tag not in e["tags"]:
            continue
        g = e[gkey]
        if g is None:
            raise SystemExit(f"{e['id']} has no {'v1.0 layer' if gkey == 'g1' else 'v2.0 component'}")
        members.append((g, e["id"]))
        if tag in V2_FAMILY and e["rm"]:
            members.append((e["rm"], e["id"]))
        if tag == "4" and _nda_layer(e, g) is not None:
            members.append((_nda_layer(e, g), e["id"]))
    relationships = []
    for g, m in members:
        if g not in ids:
            raise SystemExit(f"grouping {g} of {m} is not in {MODELS[tag]}")
        kind = ("reference model" if g.startswith("rm.") else "national layer" if g.startswith("nda.")
                else "layer" if tag in V1_FAMILY else "component")
        relationships.append(dict(
            id=_rel_id("Aggregation", g, m), type="Aggregation", name=_text("bao gồm", "includes"),
            sources={"reference model": ["S5"], "national layer": ["S38"], "layer": ["S1"]}.get(kind, ["S12"]),
            confidence="K" if kind == "layer" else "I", source=g, target=m))
    aliases = LATER_ALIASES.get(tag, {})
    seen = {r["id"] for r in relationships}
    for r in RELS:
        if tag not in r["tags"]:
            continue
        if aliases:  # relationships of a dropped block go to its replacement
            r = dict(r, source=aliases.get(r["source"], r["source"]), target=aliases.get(r["target"], r["target"]))
            if r["source"] == r["target"] or _rel_id(r["type"], r["source"], r["target"]) in seen:
                continue
        for end in (r["source"], r["target"]):
            if end not in ids:
                raise SystemExit(f"{r['type']} {r['source']} -> {r['target']}: {end} is not in {MODELS[tag]}")
        d = _relationship(r, tag)
        seen.add(d["id"])
        relationships.append(d)
    cited = {s for c in elements + relationships for s in c["sources"]}
    # sources named in the model's documentation (e.g. the instrument's) are listed too
    cited |= set(re.findall(r"\b(S\d+|DN2019)\b", METADATA[tag]["documentation"]["en"])) & set(SOURCES)
    md = dict(METADATA[tag])
    md["sources"] = {k: {kk: vv for kk, vv in v.items() if vv is not None} for k, v in SOURCES.items() if k in cited}
    return ArchitectureModel.build(md, elements, relationships, _views(tag, elements, relationships), strict=True)


# ------------------------------------------------------------------ Bình Phước and the merged Đồng Nai
#: Sources about Đồng Nai only: the Bình Phước model does not cite them.
DN_ONLY_SOURCES = {"DN2019", "S28", "S29"}
#: Element ids of dongnai-2020 that the Bình Phước model does not have (Đồng Nai's own blocks).
BP_LEFT_OUT = ("dn.", "prov.ioc")
#: Bình Phước blocks with their own ids (the merge pairs them by ``implements``).
BP_IDS = {"prov.lgsp": "bp.lgsp", "prov.data_centre": "bp.data_centre"}
BP_PPC = {"vi": "Ủy ban nhân dân tỉnh Bình Phước", "en": "Bình Phước Provincial People's Committee"}
BP_DOC = ("Illustrative (confidence I): Bình Phước's own instance of this framework block, assumed from the "
          "framework v2.0 catalogue; no source about Bình Phước's architecture was read.")
#: The bundled decisions file of the Đồng Nai + Bình Phước merge (package data; not a model: its name starts with _).
DECISIONS_FILE = ROOT / "models" / "_dongnai-binhphuoc-decisions.yaml"


def _bp_text(t: dict, provincial: bool) -> dict:
    vi, en = t.get("vi", ""), t.get("en", "")
    if "Đồng Nai" in vi or "Đồng Nai" in en:
        return {"vi": vi.replace("Đồng Nai", "Bình Phước"), "en": en.replace("Đồng Nai", "Bình Phước")}
    if provincial:
        return {"vi": f"{vi} (Bình Phước)", "en": f"{en} (Bình Phước)"}
    return dict(t)


def build_binhphuoc() -> ArchitectureModel:
    """binhphuoc-2020: the framework v2.0 blocks of dongnai-2020 as Bình Phước's (illustrative, tag I).

    National and external blocks, the groupings and the actors stay as in dongnai-2020
    (the same concepts); the province's own blocks (scope provincial, its organisations
    and one-stop counter) get Bình Phước's name, confidence I and the framework's
    sources instead of Đồng Nai's; Đồng Nai's own blocks (``dn.*``, the IOC) are left out.
    """
    dn = to_data(build_model("b"))
    ids = {e["id"]: BP_IDS.get(e["id"], e["id"]) for e in dn["elements"] if not e["id"].startswith(BP_LEFT_OUT)}
    elements = []
    for e in dn["elements"]:
        if e["id"] not in ids:
            continue
        provincial = e.get("scope") == "provincial" or e["id"].startswith(("org.", "ch."))
        e = dict(e, id=ids[e["id"]], name=_bp_text(e["name"], provincial))
        sources = [s for s in e["sources"] if s not in DN_ONLY_SOURCES]
        if provincial:
            e.update(confidence="I", sources=sources or ["S5"], documentation={"en": BP_DOC})
        elif not sources:
            e.update(confidence="I", sources=["S5"])
        else:
            e["sources"] = sources
        if "owner" in e:
            e["owner"] = ids.get(e["owner"], e["owner"])
        elements.append(e)
    relationships = []
    for r in dn["relationships"]:
        if r["source"] not in ids or r["target"] not in ids:
            continue
        src, tgt = ids[r["source"]], ids[r["target"]]
        sources = [s for s in r["sources"] if s not in DN_ONLY_SOURCES]
        r = dict(r, id=_rel_id(r["type"], src, tgt), source=src, target=tgt, sources=sources or ["S5"])
        if not sources:
            r["confidence"] = "I"
        relationships.append(r)
    cited = {s for c in elements + relationships for s in c["sources"]} | {"S43"}
    md = {
        "title": {"vi": "Kiến trúc Chính quyền điện tử tỉnh Bình Phước, phiên bản 2.0 (minh họa năm 2020)",
                  "en": "Bình Phước provincial e-Government architecture, version 2.0 (illustrative 2020 state)"},
        "framework_version": "2.0", "province": {"vi": "Bình Phước", "en": "Bình Phước"},
        "realises": "vn-province-2.0", "as_of": "2020-12-31",
        "instrument": {"kind": "decision", "number": None, "date": None, "issuer": BP_PPC},
        "documentation": {"en": (
            "An illustrative Bình Phước architecture realising framework v2.0, made to show the merger of Bình "
            "Phước into Đồng Nai from 1 July 2025 (Resolution 202/2025/QH15, S43; domain reference §11.3). No "
            "source about Bình Phước's own architecture was read: every block of the province (its portals, "
            "LGSP, data centre, SOC, databases, organisations) is the framework v2.0 block with Bình Phước's "
            "name and is tagged I (illustrative), citing the framework's sources, not Bình Phước's. The national "
            "and external blocks, the components, the reference models and the actors are those of the "
            "framework and of dongnai-2020. Generated by scripts/gen_bundled_models.py.")},
        "properties": {"snapshot": "2020-12 (illustrative)", "instrument_status": "illustrative model, no instrument"},
        "sources": {k: {kk: vv for kk, vv in v.items() if vv is not None} for k, v in SOURCES.items() if k in cited},
    }
    return ArchitectureModel.build(md, elements, relationships, _views("b", elements, relationships), strict=True)


#: The consolidation decisions of the Đồng Nai + Bình Phước example (illustrative): by Đồng Nai's block id;
#: every other duplicate pair is keep-a (the merged province kept Đồng Nai's name and, here, its systems).
DN_BP_DECISIONS = {"prov.shared_db": "migrate", "prov.sector_db": "migrate", "prov.data_centre": "merge",
                   "org.district_commune": "merge", "prov.sector_apps": "merge", "prov.one_stop_eis": "retire"}
DN_BP_METADATA = {
    "title": {"vi": "Kiến trúc Chính quyền điện tử tỉnh Đồng Nai sau hợp nhất với tỉnh Bình Phước (minh họa, "
                    "01/07/2025)",
              "en": "Đồng Nai provincial e-Government architecture after the merger with Bình Phước (illustrative, "
                    "1 July 2025)"},
    "province": {"vi": "Đồng Nai", "en": "Đồng Nai"},
    "as_of": "2025-07-01",
    "documentation": {"en": (
        "The architecture of Đồng Nai after Bình Phước was merged into it on 1 July 2025 (Resolution 202/2025/QH15, "
        "S43): dongnai-2020 and binhphuoc-2020 merged by `eaframe merge` with the decisions of "
        "models/_dongnai-binhphuoc-decisions.yaml. Illustrative: both input models are largely illustrative "
        "(confidence I) and the consolidation decisions are examples, not the province's. Generated by "
        "scripts/gen_bundled_models.py.")},
}
DN_BP_NOTE = """#
# The bundled example (docs/province-merge.md), generated by scripts/gen_bundled_models.py: Bình Phước
# merged into Đồng Nai from 1 July 2025 (Resolution 202/2025/QH15, domain reference §11.3). The
# decisions are illustrative: the merged province kept Đồng Nai's name and, here, Đồng Nai's systems;
# the two data centres, the sector applications and the district/commune committees become one block
# each (merge), Bình Phước's databases are migrated into Đồng Nai's, and both one-stop electronic
# information systems are retired (Decree 107/2021 makes the public service portal and the one-stop
# system one provincial administrative-procedure system).
"""


def build_dongnai_2025(dn2020: ArchitectureModel, bp2020: ArchitectureModel) -> tuple[ArchitectureModel, str]:
    """dongnai-2025 and its decisions file: dongnai-2020 and binhphuoc-2020 merged with :data:`DN_BP_DECISIONS`.

    The decisions file is written first and the model is the merge that applies it, read back
    (what ``eaframe merge dongnai-2020 binhphuoc-2020 --decisions FILE`` does).
    """
    import yaml

    from eaframe.merge import Decisions, merge_provinces

    pending = merge_provinces(dn2020, bp2020, Decisions(metadata=DN_BP_METADATA))
    pairs = {(p.a, p.b): DN_BP_DECISIONS.get(p.a, "keep-a") for p in pending.pairs}
    text = merge_provinces(dn2020, bp2020, Decisions(pairs, DN_BP_METADATA)).decisions_text()
    head, body = text.split("\nprefix:", 1)
    text = head + "\n" + DN_BP_NOTE + "prefix:" + body
    result = merge_provinces(dn2020, bp2020, Decisions.from_data(yaml.safe_load(text)))
    return result.model, text


def build_all() -> dict[str, str]:
    """Canonical YAML text of every bundled model, by name (and of the decisions file, by its file stem)."""
    models = {MODELS[t]: build_model(t) for t in MODELS}
    models["binhphuoc-2020"] = build_binhphuoc()
    models["dongnai-2025"], decisions = build_dongnai_2025(models["dongnai-2020"], models["binhphuoc-2020"])
    out = {name: dumps(m) for name, m in models.items()}
    out[DECISIONS_FILE.stem] = decisions
    return out


def compiled_files(built: dict[str, str]) -> dict[Path, str]:
    """The compact JSON form of each bundled model (``models/_NAME.json``) and the index of
    the YAML files they were made from (``models/_compiled.json``); see eaframe.bundled."""
    models = {name: text for name, text in built.items() if not name.startswith("_")}
    out = {ROOT / "models" / f"_{name}.json": compile_bundled(text) for name, text in models.items()}
    index = {name: hashlib.sha256(text.encode("utf-8")).hexdigest() for name, text in sorted(models.items())}
    out[ROOT / "models" / COMPILED_INDEX] = json.dumps(index, indent=2) + "\n"
    return out


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stale_prebuilt(built: dict[str, str], folder: Path = ROOT / "models") -> list[str]:
    """The pickled forms (``models/_NAME.pickle``, and the index ``_prebuilt.json``) that are
    missing or not those of the models ``built`` with the current code, as paths relative to
    the repository. Pickles are compared by what they were made from (the index), not byte
    for byte: pickling a set is not byte-stable between processes."""
    models = {name: text for name, text in built.items() if not name.startswith("_")}
    try:
        index = json.loads((folder / PREBUILT_INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        index = {}
    entries = index.get("models", {}) if isinstance(index, dict) else {}
    stale = [] if isinstance(index, dict) and index.get("code") == code_fingerprint() else [PREBUILT_INDEX]
    for name, text in sorted(models.items()):
        entry = entries.get(name)
        if entry is None:
            stale += [] if prebuild_bundled(text) is None else [f"_{name}.pickle"]
        elif entry.get("yaml") != _sha256(text.encode("utf-8")) or load_prebuilt(name) is None:
            stale.append(f"_{name}.pickle")
    return [str((folder / n).relative_to(ROOT)) for n in stale]


def write_prebuilt(built: dict[str, str], folder: Path = ROOT / "models") -> None:
    """Write the pickled form of every bundled model that can have one, and the index."""
    from eaframe.modelfile import atomic_write_bytes

    models = {name: text for name, text in built.items() if not name.startswith("_")}
    entries = {}
    for name, text in sorted(models.items()):
        blob = prebuild_bundled(text)
        path = folder / f"_{name}.pickle"
        if blob is None:
            path.unlink(missing_ok=True)
            continue
        atomic_write_bytes(path, blob)
        entries[name] = {"yaml": _sha256(text.encode("utf-8")), "pickle": _sha256(blob)}
        print(f"wrote {path.relative_to(ROOT)}")
    index = {"code": code_fingerprint(), "models": entries}
    atomic_write_bytes(folder / PREBUILT_INDEX, (json.dumps(index, indent=2) + "\n").encode("utf-8"))
    print(f"wrote {(folder / PREBUILT_INDEX).relative_to(ROOT)}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if a file in models/ is out of date")
    args = ap.parse_args(argv)
    built = build_all()
    texts = {ROOT / "models" / f"{name}.yaml": text for name, text in built.items()}
    texts.update(compiled_files(built))
    code = update_files(texts, args.check, "python scripts/gen_bundled_models.py", ROOT)
    if args.check:  # (after the YAML files: the pickles are made from the committed ones)
        stale = stale_prebuilt(built)
        if stale:
            print(f"out of date: {', '.join(stale)} (run: python scripts/gen_bundled_models.py)", file=sys.stderr)
        return 1 if stale or code else 0
    if stale_prebuilt(built):
        write_prebuilt(built)
    return code


if __name__ == "__main__":
    raise SystemExit(main())

"""True facts for the demo world, from the source document (Wuhan Bureau of Economy and Information Technology,
reply of 2022-07-18) and WUHAN.md. Only what is listed here is presented as fact; everything the seed generates
beside it (people, credit codes, headcounts, capacities, base names) is marked as demo data."""

from __future__ import annotations

SOURCE = "来源：武汉市经信局2022年7月18日答复（新能源汽车产业生态圈建议）"

INSTITUTIONS = [
    {
        "name": "武汉城市职业学院",
        "short_name": "武汉城院",
        "name_en": "Wuhan City Polytechnic",
        "kind": "higher_vocational",
        "description": (
            "牵头组建武汉汽车职业教育集团（2016年）；新能源汽车技术专业获市“双一流”重点专业建设支持；"
            "智能新能源汽车技术与服务专业群2022年1月列入省级“双高”立项建设名单；率先开展汽车领域1+X证书试点；"
            "与奔驰、比亚迪、上汽大众、长安福特、巴斯夫等合作建设10个校内实训基地，与东风汽车、湖北恒信、"
            "三环集团等建立60余家校外实习实训基地。" + SOURCE
        ),
    },
    {
        "name": "武汉软件工程职业学院",
        "short_name": "武软",
        "name_en": "Wuhan Software Engineering Vocational College",
        "kind": "higher_vocational",
        "description": "设汽车工程学院，位于东湖新技术开发区；开设新能源汽车相关专业及课程。" + SOURCE,
    },
    {
        "name": "武汉商学院",
        "short_name": "武商院",
        "name_en": "Wuhan Business University",
        "kind": "undergraduate",
        "description": "机电工程学院自2013年开设汽车服务工程本科专业；与武汉软件工程职业学院有3+2贯通培养。" + SOURCE,
    },
    {
        "name": "江汉大学",
        "short_name": "江大",
        "name_en": "Jianghan University",
        "kind": "undergraduate",
        "description": "来源文件所列开设新能源汽车相关专业及课程的四所院校之一。" + SOURCE,
    },
]

WCP_GROUP = {
    "name": "智能新能源汽车技术与服务专业群",
    "description": (
        "省级“双高”专业群（2022年1月立项）。聚焦产业链下游整车与服务环节，对应新能源汽车和智能网联汽车"
        "研发设计辅助、生产制造、售后运营服务三类岗位群。" + SOURCE
    ),
}

# (institution, major code, name, category, in the WCP specialty group)
MAJORS = [
    ("武汉城市职业学院", "460702", "新能源汽车技术", "46", True),
    ("武汉商学院", "080208", "汽车服务工程", "08", False),
]

# The brands the on-campus bases are co-built with (source document); ten bases, two per brand.
ON_CAMPUS_BRANDS = [
    ("奔驰", "Mercedes-Benz"),
    ("比亚迪", "BYD"),
    ("上汽大众", "SAIC Volkswagen"),
    ("长安福特", "Changan Ford"),
    ("巴斯夫", "BASF"),
]

# Companies named in the source document or WUHAN.md, with the district / zone given there.
# (name, short name, district, zone, park, segment, what the public record says)
COMPANIES = [
    (
        "东风汽车集团有限公司",
        "东风汽车",
        "",
        "wedz",
        "",
        "vehicle",
        "总部位于武汉经开区；来源文件所列校外实习实训基地合作企业。",
    ),
    (
        "湖北恒信",
        "湖北恒信",
        "",
        "",
        "",
        "aftermarket",
        "来源文件所列武汉城市职业学院校外实习实训基地合作企业。",
    ),
    ("三环集团", "三环集团", "", "", "", "parts", "来源文件所列武汉城市职业学院校外实习实训基地合作企业。"),
    ("东风乘用车", "东风乘用车", "", "wedz", "", "vehicle", "“一主”武汉经开区整车企业（来源文件）。"),
    ("东风本田", "东风本田", "", "wedz", "", "vehicle", "“一主”武汉经开区整车企业（来源文件）。"),
    (
        "神龙汽车",
        "神龙汽车",
        "",
        "wedz",
        "沌口",
        "vehicle",
        "“一主”整车企业，位于沌口（来源文件、WUHAN.md）。",
    ),
    ("岚图汽车", "岚图", "", "wedz", "", "vehicle", "“一主”武汉经开区整车企业（来源文件）。"),
    ("东风云峰", "东风云峰", "", "wedz", "", "vehicle", "“一主”武汉经开区整车企业（来源文件）。"),
    (
        "吉利路特斯",
        "路特斯",
        "hannan",
        "wedz",
        "纱帽街道",
        "vehicle",
        "“一主”整车企业；工厂位于汉南纱帽街道，总部制造中心位于军山新城。",
    ),
    (
        "小鹏汽车武汉基地",
        "小鹏汽车",
        "hannan",
        "wedz",
        "纱帽大道",
        "vehicle",
        "“一主”整车企业，位于汉南纱帽大道。",
    ),
    (
        "上汽通用汽车武汉分公司",
        "上汽通用武汉",
        "jiangxia",
        "",
        "金港工业园区",
        "vehicle",
        "“两副”之一：江夏金港、金口工业园区，乘用车整车及配套零部件。",
    ),
    ("法雷奥", "法雷奥", "", "wedz", "", "parts", "武汉经开区供应商（车灯，1995年起）。"),
    ("佛吉亚", "佛吉亚", "", "wedz", "", "parts", "武汉经开区供应商（座椅、内饰、ADAS研发）。"),
    ("采埃孚", "采埃孚", "", "wedz", "", "parts", "武汉经开区供应商（安全气囊）。"),
    ("康明斯", "康明斯", "", "wedz", "", "parts", "武汉经开区供应商。"),
    ("富奥", "富奥", "", "wedz", "军山", "three_electric", "武汉经开区供应商（热管理，军山）。"),
    (
        "中创新航",
        "中创新航",
        "hannan",
        "wedz",
        "纱帽",
        "three_electric",
        "武汉经开区供应商（动力电池，汉南纱帽）。",
    ),
    ("绿动氢能", "绿动氢能", "", "wedz", "", "hydrogen", "武汉经开区氢能企业。"),
    ("雄韬氢雄", "雄韬氢雄", "", "wedz", "", "hydrogen", "武汉经开区氢能企业。"),
    ("理工氢电", "理工氢电", "", "wedz", "", "hydrogen", "武汉经开区氢能企业。"),
    ("众宇动力", "众宇动力", "", "wedz", "", "hydrogen", "武汉经开区氢能企业。"),
    ("猛士科技", "猛士", "", "wedz", "", "vehicle", "位于武汉经开区。"),
]

DEMO_PASSWORD = "Wuhan-2026-demo"

"""Reference data: the Yangtze River Delta regions (GB/T 2260 codes) and the seed's unions.

Regions are loaded by a data migration (every database has them); the union tree is demo
data loaded by `manage.py load_demo`.
"""

# (code, name, English name, level, parent code)
REGIONS: list[tuple[str, str, str, str, str | None]] = [
    ("310000", "上海市", "Shanghai", "province", None),
    ("310101", "黄浦区", "Huangpu", "district", "310000"),
    ("310104", "徐汇区", "Xuhui", "district", "310000"),
    ("310112", "闵行区", "Minhang", "district", "310000"),
    ("310114", "嘉定区", "Jiading", "district", "310000"),
    ("310115", "浦东新区", "Pudong", "district", "310000"),
    ("310117", "松江区", "Songjiang", "district", "310000"),
    ("310118", "青浦区", "Qingpu", "district", "310000"),
    ("320000", "江苏省", "Jiangsu", "province", None),
    ("320100", "南京市", "Nanjing", "city", "320000"),
    ("320200", "无锡市", "Wuxi", "city", "320000"),
    ("320400", "常州市", "Changzhou", "city", "320000"),
    ("320500", "苏州市", "Suzhou", "city", "320000"),
    ("320509", "吴江区", "Wujiang", "district", "320500"),
    ("320583", "昆山市", "Kunshan", "district", "320500"),
    ("320600", "南通市", "Nantong", "city", "320000"),
    ("330000", "浙江省", "Zhejiang", "province", None),
    ("330100", "杭州市", "Hangzhou", "city", "330000"),
    ("330200", "宁波市", "Ningbo", "city", "330000"),
    ("330400", "嘉兴市", "Jiaxing", "city", "330000"),
    ("330421", "嘉善县", "Jiashan", "district", "330400"),
    ("330500", "湖州市", "Huzhou", "city", "330000"),
    ("330700", "金华市", "Jinhua", "city", "330000"),
    ("340000", "安徽省", "Anhui", "province", None),
    ("340100", "合肥市", "Hefei", "city", "340000"),
    ("340200", "芜湖市", "Wuhu", "city", "340000"),
    ("340500", "马鞍山市", "Ma'anshan", "city", "340000"),
    ("341800", "宣城市", "Xuancheng", "city", "340000"),
]

# (code, name, English name, kind, parent code, region code)
UNIONS: list[tuple[str, str, str, str, str | None, str]] = [
    ("SH", "上海市总工会", "Shanghai Federation of Trade Unions", "provincial", None, "310000"),
    ("SH-SJ", "松江区总工会", "Songjiang District FTU", "city", "SH", "310117"),
    ("SH-QP", "青浦区总工会", "Qingpu District FTU", "city", "SH", "310118"),
    ("SH-PD", "浦东新区总工会", "Pudong New Area FTU", "city", "SH", "310115"),
    ("SH-MH", "闵行区总工会", "Minhang District FTU", "city", "SH", "310112"),
    ("SH-HT", "上海航天工会", "Shanghai Aerospace Union", "industry", "SH", "310112"),
    ("SH-GAS", "上海燃气行业工会", "Shanghai Gas Industry Union", "industry", "SH", "310101"),
    ("JS", "江苏省总工会", "Jiangsu Federation of Trade Unions", "provincial", None, "320000"),
    ("JS-NJ", "南京市总工会", "Nanjing FTU", "city", "JS", "320100"),
    ("JS-CZ", "常州市总工会", "Changzhou FTU", "city", "JS", "320400"),
    ("JS-SZ", "苏州市总工会", "Suzhou FTU", "city", "JS", "320500"),
    ("JS-SZ-WJ", "吴江区总工会", "Wujiang District FTU", "city", "JS-SZ", "320509"),
    ("JS-SZ-KS", "昆山市总工会", "Kunshan FTU", "city", "JS-SZ", "320583"),
    ("ZJ", "浙江省总工会", "Zhejiang Federation of Trade Unions", "provincial", None, "330000"),
    ("ZJ-HZ", "杭州市总工会", "Hangzhou FTU", "city", "ZJ", "330100"),
    ("ZJ-JX", "嘉兴市总工会", "Jiaxing FTU", "city", "ZJ", "330400"),
    ("ZJ-JX-JS", "嘉善县总工会", "Jiashan County FTU", "city", "ZJ-JX", "330421"),
    ("ZJ-HU", "湖州市总工会", "Huzhou FTU", "city", "ZJ", "330500"),
    ("ZJ-JH", "金华市总工会", "Jinhua FTU", "city", "ZJ", "330700"),
    ("AH", "安徽省总工会", "Anhui Federation of Trade Unions", "provincial", None, "340000"),
    ("AH-HF", "合肥市总工会", "Hefei FTU", "city", "AH", "340100"),
    ("AH-WH", "芜湖市总工会", "Wuhu FTU", "city", "AH", "340200"),
    ("AH-XC", "宣城市总工会", "Xuancheng FTU", "city", "AH", "341800"),
]

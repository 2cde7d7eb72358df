"""Chinese for the workers app (merged into the .po by scripts/merge_translations.py)."""

ZH = {
    "This field is required.": "此项为必填项。",
    "At most %(n)d characters.": "最多%(n)d个字符。",
    "A worker with this ID number is already registered.": "该身份证号已登记过职工。",
    "Choose a skill grade from 1 (highest) to 5.": "请选择技能等级：1（最高）至5。",
    "Unknown work unit.": "单位不存在。",
    "This work unit is outside your union.": "该单位不在本工会管辖范围内。",
    "This work unit already has a team of this name.": "该单位已有同名班组。",
    "The leader must be a worker of the team's work unit.": "班组长必须是本单位职工。",
    "Members must be workers of the team's work unit (not: %(ids)s).": "班组成员必须是本单位职工（不符合：%(ids)s）。",
    "Name the union whose work units these are.": "请指定这些单位所属的工会。",
    "This union is outside your scope.": "该工会不在您的管辖范围内。",
    "The ID number cannot be changed.": "身份证号不可修改。",
    "This username is already taken.": "该用户名已被占用。",
    "file name": "文件名",
    "import the good rows, skip bad ones": "导入正确的行，跳过有误的行",
    "worker import": "职工导入",
    "worker imports": "职工导入",
    # bulk import
    "The CSV file must be encoded in UTF-8 or GBK.": "CSV 文件须为 UTF-8 或 GBK 编码。",
    "The file is larger than 64 MB; split it.": "文件超过 64 MB，请拆分后上传。",
    "Upload a .csv or .xlsx file.": "请上传 .csv 或 .xlsx 文件。",
    "The file is empty.": "文件为空。",
    "This is not a readable .xlsx file.": "无法读取该 .xlsx 文件。",
    "Missing columns: %(cols)s. The first row must name the columns.": "缺少列：%(cols)s。第一行须为列名。",
    "Several work units in your union are called this; give its id.": "本工会下有多个同名单位，请填写单位编号。",
    "Unknown work unit (not in your union): %(v)s": "单位不存在（不在本工会范围内）：%(v)s",
    "required": "必填",
    "at most %(n)d characters": "最多%(n)d个字符",
    "1-5 or a grade name such as 高级工": "填写1-5或等级名称（如高级工）",
    "the same ID number is already on row %(n)d": "与第%(n)d行重复",
    "this worker is registered with a work unit outside your union": "该职工已登记在本工会范围以外的单位",
    "stored as a number in Excel, which drops its last digits; format the column as text": "在 Excel 中以数字格式保存，末几位已丢失；请将该列设为文本格式",
    "The file has a header but no rows.": "文件只有表头，没有数据行。",
}

ZH.update({g: g for g in ("高级技师", "技师", "高级工", "中级工", "初级工")})

# Skill grades are written in Chinese in the code (they are the official names); English:
EN = {
    "高级技师": "Senior technician",
    "技师": "Technician",
    "高级工": "Advanced worker",
    "中级工": "Intermediate worker",
    "初级工": "Elementary worker",
}

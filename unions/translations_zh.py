"""Chinese for the unions app (merged into the .po by scripts/merge_translations.py)."""

ZH = {
    "You do not manage this union.": "您不管理该工会。",
    "This username is taken.": "该用户名已被占用。",
    "Use letters, digits, '-' and '_' only, starting with a letter or digit.": "只能使用字母、数字、“-”和“_”，并以字母或数字开头。",
    "Only a superuser may change regions.": "只有超级管理员可以修改地区。",
    "Only a superuser may create a top-level union.": "只有超级管理员可以创建顶级工会。",
    "This record is still in use by other records and cannot be deleted.": "该记录仍被其他记录使用，无法删除。",
    "A region with this code already exists.": "该地区代码已存在。",
    "A region cannot be placed below itself.": "地区不能放在自身之下。",
    "A union with this code already exists.": "该工会代码已存在。",
    "A union cannot be placed below itself.": "工会不能放在自身之下。",
    "You cannot delete your own union.": "不能删除自己所在的工会。",
    "This union has unions below it; delete or move them first.": "该工会下仍有下级工会，请先删除或移走。",
    "This union already has a work unit of this name.": "该工会已有同名单位。",
    "Only union officers may create officer accounts.": "只有工会干部可以创建干部账号。",
    "This account is already an officer.": "该账号已是工会干部。",
    "You cannot remove your own officer role.": "不能撤销自己的干部身份。",
}

"""Chinese for the contests app (merged into the .po by scripts/merge_translations.py)."""

ZH = {
    # services: entry rules
    "Already entered in this event: %(names)s.": "已报名本项目：%(names)s。",
    "Only union officers may do this.": "只有工会干部可以进行此操作。",
    "This union is outside your union subtree.": "该工会不在您所管理的工会范围内。",
    "None of these unions is in your union subtree.": "这些工会都不在您所管理的工会范围内。",
    "This field is required.": "此项为必填项。",
    "Enter a plausible year.": "请输入有效的年份。",
    "This division belongs to another series.": "该赛区属于另一个竞赛系列。",
    "Registration must close after it opens.": "报名截止时间必须晚于报名开始时间。",
    "The contest day cannot come before registration closes.": "比赛日期不能早于报名截止日期。",
    "Unknown status.": "未知状态。",
    "Unknown event kind.": "未知项目类型。",
    "The highest grade admitted must not be below the lowest grade admitted.": (
        "允许的最高等级不能低于最低等级。"
    ),
    "The maximum age must not be below the minimum age.": "最大年龄不能小于最小年龄。",
    "Team sizes apply to team events only.": "团队人数只适用于团体项目。",
    "A team has at least one member.": "团队至少有一名成员。",
    "The maximum team size must not be below the minimum.": "团队最大人数不能小于最小人数。",
    "A quota admits at least one entry.": "名额至少为一个。",
    "Registration for this contest is not open (status: %(status)s).": (
        "本竞赛未开放报名（状态：%(status)s）。"
    ),
    "Registration opens at %(when)s.": "报名将于%(when)s开始。",
    "Registration closed at %(when)s.": "报名已于%(when)s截止。",
    "You may enter only yourself, your team, or your union's workers.": (
        "您只能为本人、本人带领的班组或本工会的职工报名。"
    ),
    "An achievement has at least one author.": "创新成果至少有一名完成人。",
    "You may submit only your own achievements.": "您只能申报本人参与的创新成果。",
    "Only officers of the hosting union may decide on entries.": "只有主办工会的干部可以审核报名。",
    "Only the entrant (or the team leader) may withdraw an entry.": (
        "只有报名者本人（或班组长）可以撤回报名。"
    ),
    "Only officers of the hosting union or the event's chief judge may do this.": (
        "只有主办工会干部或本项目裁判长可以进行此操作。"
    ),
    "This division already has contests; it cannot move.": "该赛区已有竞赛，不能调整所属系列。",
    "Choose work unit kinds among: %(kinds)s.": "请从以下单位类型中选择：%(kinds)s。",
    "Choose a skill grade from 1 (highest) to 5.": "请选择职业技能等级1（最高）至5。",
    "An entry needs at least one member.": "报名至少需要一名成员。",
    "All authors must work for the same work unit.": "所有完成人必须来自同一单位。",
    "Choose at least one union.": "请至少选择一个工会。",
    "This field cannot be changed.": "此项不能修改。",
    "This contest already has events; it cannot move.": "该竞赛已有项目，不能调整所属系列。",
    "Unknown field.": "未知字段。",
    "This event has entries; its kind is fixed.": "该项目已有报名，类型不能修改。",
    "This event has entries; it cannot move.": "该项目已有报名，不能调整所属竞赛。",
    "This event is open only to workers of these unions (and those below them): %(unions)s.": (
        "本项目仅限以下工会（含下级工会）的职工报名：%(unions)s。"
    ),
    "This event is open only to work units in these regions: %(regions)s.": (
        "本项目仅限以下地区的单位报名：%(regions)s。"
    ),
    "This event is open only to these kinds of work unit: %(kinds)s.": (
        "本项目仅限以下类型的单位报名：%(kinds)s。"
    ),
    "The lowest skill grade admitted is %(grade)s.": "本项目要求职业技能等级不低于%(grade)s。",
    "The highest skill grade admitted is %(grade)s.": "本项目要求职业技能等级不高于%(grade)s。",
    "Entrants must be at least %(n)d years old on the contest day (%(day)s).": (
        "参赛者在比赛日（%(day)s）须年满%(n)d周岁。"
    ),
    "Entrants must be at most %(n)d years old on the contest day (%(day)s).": (
        "参赛者在比赛日（%(day)s）年龄不得超过%(n)d周岁。"
    ),
    "Members must work for the entry's work unit %(employer)s (not: %(names)s).": (
        "成员必须是报名单位%(employer)s的职工（不符合：%(names)s）。"
    ),
    "Give a reason for the rejection.": "请填写不通过的理由。",
    "Registration has closed; entries can no longer be withdrawn.": "报名已截止，不能再撤回报名。",
    "A time cannot be negative.": "用时不能为负数。",
    "Only approved entries have a completion time.": "只有审核通过的报名才能记录用时。",
    "A contest's status only moves forward (draft → open → closed → judging → published); "
    "it cannot go back from %(old)s to %(new)s.": (
        "竞赛状态只能向前推进（草稿→报名中→报名截止→评审中→已公布），不能从%(old)s退回%(new)s。"
    ),
    "A %(kind)s event takes exactly one %(field)s.": "%(kind)s项目须且只能填写一个%(field)s。",
    "A team needs at least %(n)d members (this one has %(size)d).": (
        "团队至少需要%(n)d名成员（当前%(size)d名）。"
    ),
    "A team has at most %(n)d members (this one has %(size)d).": (
        "团队最多%(n)d名成员（当前%(size)d名）。"
    ),
    "Member %(name)s is not eligible: %(reason)s": "成员%(name)s不符合报名条件：%(reason)s",
    "Only a pending entry can be approved (this one is %(status)s).": (
        "只有待审核的报名可以通过（当前为%(status)s）。"
    ),
    "At most %(n)d characters.": "最多%(n)d个字符。",
    "Only a pending entry can be rejected (this one is %(status)s).": (
        "只有待审核的报名可以不通过（当前为%(status)s）。"
    ),
    "This entry is %(status)s; there is nothing to withdraw.": "该报名为%(status)s，无需撤回。",
    "The quota of %(employer)s for this event is full (%(n)d entries).": (
        "%(employer)s在本项目的名额已满（%(n)d个）。"
    ),
    # admin
    "allowed work unit kinds": "允许的单位类型",
    "reason for rejection": "不通过理由",
    "entrant": "报名者",
    "Approve selected entries (gives bib numbers)": "审核通过所选报名（分配参赛号）",
    "Reject selected entries (type the reason)": "所选报名不通过（请填写理由）",
    "Entries": "报名名单",
    "Export selected entries to Excel": "导出所选报名到 Excel",
    "bib number": "参赛号",
    "event": "项目",
    "contest": "竞赛",
    "work unit": "单位",
    "status": "状态",
    "entered at": "报名时间",
    "%(n)d entries updated.": "已更新%(n)d条报名。",
    # models
    "name": "名称",
    "year": "年份",
    "description": "简介",
    "contest series": "竞赛系列活动",
    "division": "赛区",
    "divisions": "赛区",
    "registration opens": "报名开始",
    "registration closes": "报名截止",
    "contest day": "比赛日期",
    "public notice days": "公示天数",
    "freeze public leaderboard": "冻结公开排行榜",
    "contest award rules": "竞赛奖项规则",
    "contests": "竞赛",
    "kind": "类型",
    "lowest skill grade admitted": "最低职业技能等级",
    "highest skill grade admitted": "最高职业技能等级",
    "minimum age": "最小年龄",
    "maximum age": "最大年龄",
    "minimum team size": "团队最少人数",
    "maximum team size": "团队最多人数",
    "entries per work unit": "每单位名额",
    "events": "项目",
    "title": "标题",
    "summary": "简介",
    "innovation achievement": "职工创新成果",
    "innovation achievements": "职工创新成果",
    "completion time (s)": "完成用时（秒）",
    "disqualified": "取消资格",
    "registration": "报名",
    "registrations": "报名",
    "organising unions": "主办工会",
    "series": "系列活动",
    "lead unions": "牵头工会",
    "places": "地区",
    "draft": "草稿",
    "open for registration": "报名中",
    "registration closed": "报名截止",
    "judging": "评审中",
    "results published": "成绩已公布",
    "host union": "承办工会",
    "Ages are taken on this day.": "年龄按该日计算。",
    "Keep the last published results public while judging goes on.": (
        "评审期间继续公开上次公布的成绩。"
    ),
    "individual": "个人赛",
    "team": "团体赛",
    "eligible unions (with subtrees)": "可报名工会（含下级）",
    "eligible regions (with subtrees)": "可报名地区（含下级）",
    "authors": "完成人",
    "pending": "待审核",
    "approved": "已通过",
    "rejected": "未通过",
    "withdrawn": "已撤回",
    # pages
    "Username": "用户名",
    "Password": "密码",
    "real name": "姓名",
    "ID number": "身份证号",
    "mobile phone": "手机号码",
    "occupation": "职业（工种）",
    "skill grade": "职业技能等级",
    "Only workers can enter contests. Sign up first.": "只有职工可以报名参赛，请先注册。",
    "Entered in %(event)s; the organisers will review it.": "已报名%(event)s，等待主办方审核。",
    "Your entry was withdrawn.": "您的报名已撤回。",
    "Welcome! You can now enter contests.": "欢迎！您现在可以报名参赛了。",
    "Choose a team you lead.": "请选择您带领的班组。",
    "Contests and registration": "竞赛与报名",
    "Open contests": "正在报名的竞赛",
    "Sign in or sign up to enter an event.": "登录或注册后即可报名参赛。",
    "Log in": "登录",
    "Sign up": "注册",
    "Registration": "报名时间",
    "Who may enter": "报名条件",
    "unions": "工会",
    "regions": "地区",
    "work unit kinds": "单位类型",
    "age on the contest day": "比赛日年龄",
    "team size": "团队人数",
    "Entered": "已报名",
    "Enter": "报名",
    "Enter my team": "为我的班组报名",
    "Team leaders enter their team.": "由班组长为班组报名。",
    "Submit achievement": "申报成果",
    "No contest is open for registration right now.": "目前没有正在报名的竞赛。",
    "at most %(n)s entries per work unit": "每单位最多%(n)s个名额",
    "Your ID number and phone are seen only by you and your union; the public never sees them.": (
        "您的身份证号和手机号仅您本人和所在工会可见，绝不公开。"
    ),
    "My entries": "我的报名",
    "Withdraw": "撤回",
    "You have not entered any event yet.": "您还没有报名任何项目。",
}

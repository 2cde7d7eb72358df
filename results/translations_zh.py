"""Chinese for the results engine's strings (merged into the .po by the lead)."""

ZH = {
    "Marks, penalties or draws of %(event)s changed after these results were computed; compute them again.": "%(event)s的评分、扣分或抽签在成绩计算后有变动，请重新计算。",
    "%(event)s has no computed results.": "%(event)s 尚未计算成绩。",
    "Each entry and each lot number may appear once.": "每个报名和每个签号只能出现一次。",
    "Give a reason to override.": "如需强制公布，请填写理由。",
    "Give at least one lot.": "请至少录入一个签号。",
    "Judging of %(event)s is not complete.": "%(event)s 的评分尚未完成。",
    "No event of this contest has computed results.": "本竞赛还没有已计算成绩的项目。",
    "No such contest.": "竞赛不存在。",
    "No such event.": "项目不存在。",
    "Not entries of this event: %s": "以下报名不属于本项目：%s",
    "Only officers of the host union may do this.": "只有主办工会的工会干部可以执行此操作。",
    "Publish the results before applying promotions.": "请先公布成绩，再办理晋级。",
    "The event has no scoring scheme.": "该项目尚未设置评分标准。",
    "This event allows shared places: no draw is needed.": "该项目允许名次并列，无需抽签。",
    "%(event)s: %(incomplete)s entries with missing marks, %(divergent)s with divergent "
    "marks, %(draw)s waiting for a draw.": "%(event)s：%(incomplete)s 个报名缺少评分，"
    "%(divergent)s 个评分分歧待复核，%(draw)s 个待抽签。",
}

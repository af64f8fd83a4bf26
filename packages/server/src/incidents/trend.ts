/** Weekly aggregates (weeks start Monday, UTC) of wellbeing answers: counts, mean stress, sleep lost. Pure. */
export function weeklyTrend(answers: readonly { at: Date; stress: number; sleepLostMinutes: number }[], since: Date, now: Date) {
  const weekStart = (d: Date) => {
    const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
    return day.toISOString().slice(0, 10);
  };
  const weeks: { weekStart: string; answers: number; averageStress: number | null; sleepLostMinutes: number }[] = [];
  for (let t = new Date(weekStart(since)); t.getTime() <= now.getTime(); t = new Date(t.getTime() + 7 * 86_400_000)) {
    weeks.push({ weekStart: t.toISOString().slice(0, 10), answers: 0, averageStress: null, sleepLostMinutes: 0 });
  }
  return weeks.map((w) => ({ weekStart: w.weekStart, ...summarizeWellbeing(answers.filter((a) => weekStart(a.at) === w.weekStart)) }));
}

/**
 * Answers taken together: how many, mean stress (one decimal, null without answers),
 * sleep lost in minutes. Only ever a group's numbers, so anonymous answers stay
 * anonymous; the weekly review reads its weeks (in the team's zone) through this.
 */
export function summarizeWellbeing(answers: readonly { stress: number; sleepLostMinutes: number }[]) {
  const total = answers.reduce((s, a) => s + a.stress, 0);
  return {
    answers: answers.length,
    averageStress: answers.length ? Math.round((total / answers.length) * 10) / 10 : null,
    sleepLostMinutes: answers.reduce((s, a) => s + a.sleepLostMinutes, 0),
  };
}

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
  for (const a of answers) {
    const w = weeks.find((x) => x.weekStart === weekStart(a.at));
    if (!w) continue;
    w.averageStress = ((w.averageStress ?? 0) * w.answers + a.stress) / (w.answers + 1);
    w.answers += 1;
    w.sleepLostMinutes += a.sleepLostMinutes;
  }
  return weeks.map((w) => ({ ...w, averageStress: w.averageStress === null ? null : Math.round(w.averageStress * 10) / 10 }));
}

import type { ScheduleRole, ScheduleShifts } from '@operable/shared';
import { Children, type CSSProperties, type ReactNode } from 'react';
import { roleLabel } from '../format';
import { barLabel, covering, formatSpan, mergeShifts, offsetOf, place, type PersonShift, type Placed, type TimeWindow } from '../schedule-layout';

export interface PickedShift {
  role: ScheduleRole;
  start: string;
  end: string;
  user: { id: string; name: string };
}

interface Props {
  data: ScheduleShifts;
  win: TimeWindow;
  /** The viewer's zone: every time on the timeline is in it. */
  zone: string;
  now: number;
  /** Set when the viewer may add overrides: final-line bars become buttons. */
  onPick?: (shift: PickedShift) => void;
}

const PALETTE = 6;

/** A stable colour per person, so the same person looks the same on every row. */
function colourOf(userId: string): string {
  let h = 0;
  for (const c of userId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `tl-c${h % PALETTE}`;
}

const pos = (left: number, width: number): CSSProperties => ({ left: `${left}%`, width: `${width}%` });

/**
 * Who is on call over a week or month: one row per layer, the overrides, and the
 * final line per role (what actually pages). Wide enough to read on a phone by
 * scrolling sideways inside its own box; the page itself never scrolls sideways.
 */
export function ScheduleTimeline({ data, win, zone, now, onPick }: Props) {
  const roles: ScheduleRole[] = data.layers.some((l) => l.role === 'secondary') ? ['primary', 'secondary'] : ['primary'];
  const nowAt = offsetOf(now, win);

  return (
    <>
      <p className="tl-scroll-hint muted" aria-hidden="true">
        Scroll the timeline sideways to see the whole {win.view}.
      </p>
      <div className={`tl-scroll tl-${win.view}`} role="region" aria-label={`Timeline, ${win.title}`} tabIndex={0}>
        <div className="tl">
          <div className="tl-grid" aria-hidden="true">
            {win.days.map((d) => {
              const [p] = place([d], win);
              return p ? <div key={d.start} className={`tl-day${d.weekend ? ' tl-weekend' : ''}`} style={pos(p.left, p.width)} title={d.long} /> : null;
            })}
            {nowAt !== null && <div className="tl-now" style={{ left: `${nowAt}%` }} />}
          </div>
          <div className="tl-head" aria-hidden="true">
            {win.days.map((d) => {
              const [p] = place([d], win);
              return p ? (
                <span key={d.start} className="tl-day-label" style={pos(p.left, p.width)}>
                  {d.label}
                </span>
              ) : null;
            })}
            {nowAt !== null && (
              <span className="tl-now-label" style={{ left: `${nowAt}%` }}>
                Now
              </span>
            )}
          </div>
          {data.layers.map((l) => (
            <Row key={l.id} title={`${l.name} (${l.role})`}>
              {place(mergeShifts(l.shifts), win).map((p) => (
                <Bar key={p.start} p={p} zone={zone} now={now} />
              ))}
            </Row>
          ))}
          <Row title="Overrides" empty="No overrides in this view.">
            {place(
              data.overrides.map((o) => ({ ...o, overrideId: o.id })),
              win,
            ).map((p) => (
              <Bar key={p.item.id} p={p} zone={zone} now={now} extra={`${roleLabel(p.item.role)} override`} />
            ))}
          </Row>
          {roles.map((role) => {
            const line = mergeShifts(data.final[role]);
            const current = covering(line, now);
            return (
              <Row key={role} title={`On call: ${role}`} final>
                {place(line, win).map((p) => (
                  <Bar
                    key={p.start}
                    p={p}
                    zone={zone}
                    now={now}
                    current={p.item === current}
                    extra={p.item.overrideId ? 'override' : undefined}
                    onPick={onPick && (() => onPick({ role, start: p.item.start, end: p.item.end, user: p.item.user }))}
                  />
                ))}
                {place(
                  data.gaps.filter((g) => g.role === role),
                  win,
                ).map((g) => {
                  const label = `Nobody on call, ${formatSpan(g.item.start, g.item.end, zone)}`;
                  return (
                    <li key={`gap-${g.start}`} className="tl-bar tl-gap" style={pos(g.left, g.width)} title={label}>
                      <span aria-hidden="true">Gap</span>
                      <span className="visually-hidden">{label}</span>
                    </li>
                  );
                })}
              </Row>
            );
          })}
        </div>
      </div>
    </>
  );
}

function Row({ title, final, empty, children }: { title: string; final?: boolean; empty?: string; children: ReactNode }) {
  const hasItems = Children.toArray(children).length > 0;
  return (
    <div className={`tl-row${final ? ' tl-final' : ''}`}>
      <p className="tl-label">
        <strong>{title}</strong>
        {!hasItems && empty && <span className="muted"> · {empty}</span>}
      </p>
      <ul className="tl-track" aria-label={title}>
        {children}
      </ul>
    </div>
  );
}

interface BarProps {
  p: Placed<PersonShift>;
  zone: string;
  now: number;
  current?: boolean;
  extra?: string;
  onPick?: () => void;
}

function Bar({ p, zone, now, current, extra, onPick }: BarProps) {
  const { item } = p;
  const label = `${barLabel(item.user.name, item.start, item.end, zone)}${extra ? `, ${extra}` : ''}${current ? ', on call now' : ''}`;
  const className = [
    'tl-bar',
    colourOf(item.user.id),
    item.overrideId ? 'tl-override' : '',
    p.clippedStart ? 'tl-clip-start' : '',
    p.clippedEnd ? 'tl-clip-end' : '',
    current ? 'tl-current' : '',
    Date.parse(item.end) <= now ? 'tl-past' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <li className={className} style={pos(p.left, p.width)} title={label} aria-current={current ? 'time' : undefined}>
      {onPick ? (
        <button type="button" className="tl-button" aria-label={label} onClick={onPick}>
          <span aria-hidden="true">{item.user.name}</span>
        </button>
      ) : (
        <>
          <span aria-hidden="true">{item.user.name}</span>
          <span className="visually-hidden">{label}</span>
        </>
      )}
    </li>
  );
}

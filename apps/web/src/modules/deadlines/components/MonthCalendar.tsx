import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { plural } from '../../ui/lib/format';
import {
  addMonths,
  byDay,
  dayKey,
  dayTitle,
  monthGrid,
  monthKey,
  monthOfKey,
  monthTitle,
  weekdays,
  type DayKey,
  type MonthRef,
} from '../lib/calendar';

export interface CalendarItem {
  id: string;
  title: string;
  dueAt: string;
  doneAt: string | null;
}

function overdue(item: CalendarItem, now: Date): boolean {
  return !item.doneAt && Date.parse(item.dueAt) < now.getTime();
}

function shiftDay(key: DayKey, days: number): DayKey {
  const { year, month } = monthOfKey(key);
  const date = new Date(Date.UTC(year, month - 1, Number(key.slice(8, 10)) + days));
  return date.toISOString().slice(0, 10);
}

/**
 * A month of deadlines as a plain table, Sunday first, each item on the day its due time has
 * in `timeZone` (the viewer's, shown above the grid). Every day is a button: arrow keys move
 * by day and week, Home/End to the week's ends, Page Up/Down by month; Enter or a click shows
 * that day's items below the grid.
 */
export function MonthCalendar<T extends CalendarItem>({
  items,
  timeZone,
  now = new Date(),
  label,
  renderItem,
}: {
  items: readonly T[];
  timeZone: string;
  now?: Date;
  /** What the calendar shows, for its caption: "Deadlines". */
  label: string;
  renderItem(item: T): ReactNode;
}) {
  const today = dayKey(now, timeZone) ?? '1970-01-01';
  const [focused, setFocused] = useState<DayKey>(today);
  const [selected, setSelected] = useState<DayKey>(today);
  const [moved, setMoved] = useState(false);
  const month: MonthRef = monthOfKey(focused);
  const days = useMemo(() => byDay(items, timeZone), [items, timeZone]);
  const weeks = monthGrid(month);
  const names = weekdays();
  const grid = useRef<HTMLTableElement>(null);
  const id = useId();
  const captionId = `${id}-caption`;

  useEffect(() => {
    if (moved) grid.current?.querySelector<HTMLButtonElement>(`button[data-day="${focused}"]`)?.focus();
  }, [focused, moved]);

  function go(next: DayKey) {
    setMoved(true);
    setFocused(next);
  }

  function changeMonth(delta: number) {
    const target = addMonths(month, delta);
    setMoved(false);
    setFocused(`${monthKey(target)}-01`);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableElement>) {
    const weekday = new Date(`${focused}T00:00:00Z`).getUTCDay();
    const moves: Record<string, () => DayKey> = {
      ArrowLeft: () => shiftDay(focused, -1),
      ArrowRight: () => shiftDay(focused, 1),
      ArrowUp: () => shiftDay(focused, -7),
      ArrowDown: () => shiftDay(focused, 7),
      Home: () => shiftDay(focused, -weekday),
      End: () => shiftDay(focused, 6 - weekday),
      PageUp: () => {
        const m = addMonths(month, -1);
        return `${monthKey(m)}-01`;
      },
      PageDown: () => {
        const m = addMonths(month, 1);
        return `${monthKey(m)}-01`;
      },
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    go(move());
  }

  const chosen = days.get(selected) ?? [];
  const inThisMonth = [...days.entries()].filter(([key]) => key.startsWith(monthKey(month))).reduce((n, [, list]) => n + list.length, 0);

  return (
    <div className="calendar" data-testid="deadline-calendar" data-month={monthKey(month)}>
      <div className="calendar__head">
        <button type="button" className="button button--small button--quiet" onClick={() => changeMonth(-1)}>
          <span aria-hidden="true">← </span>Previous month
        </button>
        <p className="calendar__title" aria-live="polite">
          {monthTitle(month)} <span className="muted">· {plural(inThisMonth, 'deadline')}</span>
        </p>
        <button type="button" className="button button--small button--quiet" onClick={() => changeMonth(1)}>
          Next month<span aria-hidden="true"> →</span>
        </button>
        {focused.slice(0, 7) !== today.slice(0, 7) ? (
          <button type="button" className="button button--small button--quiet" onClick={() => { setMoved(false); setFocused(today); setSelected(today); }}>
            Today
          </button>
        ) : null}
      </div>
      <p className="calendar__zone muted">Times in {timeZone}. Arrow keys move between days; Enter shows a day’s deadlines.</p>
      <table className="calendar__grid" ref={grid} aria-labelledby={captionId} onKeyDown={onKeyDown}>
        <caption id={captionId} className="visually-hidden">
          {label}, {monthTitle(month)}
        </caption>
        <thead>
          <tr>
            {names.map((name) => (
              <th key={name.long} scope="col" abbr={name.long}>
                {name.short}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]!.key}>
              {week.map((day) => {
                const list = days.get(day.key) ?? [];
                const late = list.filter((item) => overdue(item, now)).length;
                if (!day.inMonth) {
                  return (
                    <td key={day.key} className="calendar__cell calendar__cell--outside">
                      <span aria-hidden="true">{day.day}</span>
                    </td>
                  );
                }
                const summary = list.length
                  ? `: ${plural(list.length, 'deadline')}${late ? `, ${late} overdue` : ''}`
                  : ': nothing due';
                return (
                  <td
                    key={day.key}
                    className={`calendar__cell${day.key === today ? ' calendar__cell--today' : ''}${late ? ' calendar__cell--overdue' : ''}`}
                    data-day={day.key}
                    data-count={list.length}
                  >
                    <button
                      type="button"
                      className="calendar__day"
                      data-day={day.key}
                      tabIndex={day.key === focused ? 0 : -1}
                      aria-pressed={day.key === selected}
                      aria-label={`${dayTitle(day.key)}${day.key === today ? ' (today)' : ''}${summary}`}
                      onFocus={() => setFocused(day.key)}
                      onClick={() => setSelected(day.key)}
                    >
                      <span className="calendar__num">{day.day}</span>
                      {list.slice(0, 2).map((item) => (
                        <span key={item.id} className={`calendar__item${overdue(item, now) ? ' calendar__item--overdue' : ''}`}>
                          {item.title}
                        </span>
                      ))}
                      {list.length > 2 ? <span className="calendar__more">+{list.length - 2} more</span> : null}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="calendar__day-list" data-testid="calendar-day">
        <p className="calendar__day-title">{dayTitle(selected)}</p>
        {chosen.length === 0 ? (
          <p className="muted">Nothing due this day.</p>
        ) : (
          <ul className="records">{chosen.map((item) => <li key={item.id} className="record">{renderItem(item)}</li>)}</ul>
        )}
      </div>
    </div>
  );
}

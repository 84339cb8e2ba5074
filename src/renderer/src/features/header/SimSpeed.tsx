import { describeError, updateSettings } from '../../store/actions.ts';
import { selectMode } from '../../store/selectors.ts';
import { useTerminal } from '../../store/store.ts';
import { notify } from '../notices/notices.ts';

/** Speeds of the simulated market a trader picks from; Settings takes any from 1 to 100. */
const SPEEDS = [1, 2, 5, 10, 25, 50, 100] as const;

/** The simulated market's speed, at hand in paper mode (Settings has it too). */
export function SimSpeed() {
  const mode = useTerminal(selectMode);
  const speed = useTerminal((s) => s.settings?.simSpeed ?? null);
  if (mode !== 'paper' || speed === null) return null;
  const options = SPEEDS.includes(speed as (typeof SPEEDS)[number]) ? SPEEDS : [...SPEEDS, speed].sort((a, b) => a - b);
  const change = async (next: number) => {
    const result = await updateSettings({ simSpeed: next });
    if (!result.ok) notify('error', describeError(result) ?? 'The speed was not changed.');
  };
  return (
    <label className="sim-speed" title="How fast the simulated market runs">
      <span className="chip-label narrow-hidden">Speed</span>
      <select className="select select-compact" data-testid="sim-speed" value={speed} onChange={(e) => void change(Number(e.target.value))}>
        {options.map((value) => (
          <option key={value} value={value}>
            {value}x
          </option>
        ))}
      </select>
    </label>
  );
}

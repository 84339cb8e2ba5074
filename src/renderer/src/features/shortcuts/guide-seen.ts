// Whether this screen has shown the help overlay once: until then the header's help button stands out.
import { create } from 'zustand';
import { storedChoice } from '../../store/stored-choice.ts';

const stored = storedChoice<'new' | 'seen'>('hft-desk.guide', ['new', 'seen'], 'new');

export const useGuideSeen = create<{ seen: boolean }>()(() => ({ seen: stored.initial === 'seen' }));

export function markGuideSeen(): void {
  if (useGuideSeen.getState().seen) return;
  useGuideSeen.setState({ seen: true });
  stored.save('seen');
}

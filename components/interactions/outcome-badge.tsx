import { OUTCOME_LABELS, type Outcome } from '@/lib/filters/outcome';

/** Colour and shape per outcome, so the difference reads without colour too (map markers use the same). */
export const OUTCOME_STYLE: Record<Outcome, { color: string; shape: 'circle' | 'triangle' | 'square' }> = {
  successful: { color: '#1b7f3b', shape: 'circle' },
  contacted: { color: '#b25e09', shape: 'triangle' },
  unavailable: { color: '#6b7280', shape: 'square' },
};

export function OutcomeShape({ outcome, size = 12 }: { outcome: Outcome; size?: number }) {
  const { color, shape } = OUTCOME_STYLE[outcome];
  return (
    <svg width={size} height={size} viewBox="0 0 12 12" aria-hidden="true" className="inline-block shrink-0">
      {shape === 'circle' && <circle cx="6" cy="6" r="5" fill={color} />}
      {shape === 'triangle' && <polygon points="6,1 11,11 1,11" fill={color} />}
      {shape === 'square' && <rect x="1.5" y="1.5" width="9" height="9" fill={color} />}
    </svg>
  );
}

export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
      <OutcomeShape outcome={outcome} />
      {OUTCOME_LABELS[outcome]}
    </span>
  );
}

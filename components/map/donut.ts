import { OUTCOME_STYLE } from '@/components/interactions/outcome-badge';
import { OUTCOME_LABELS, OUTCOMES, type Outcome } from '@/lib/filters/outcome';

const number = new Intl.NumberFormat('en-US', { notation: 'compact' });

/** A cluster as a small SVG donut of its outcome mix with the count in the middle. */
export function donutSvg(counts: Record<Outcome, number>, total: number): { html: string; size: number; label: string } {
  const size = total >= 10_000 ? 56 : total >= 1000 ? 48 : total >= 100 ? 40 : 32;
  const r = size / 2 - 4;
  const circumference = 2 * Math.PI * r;
  let offset = 0;
  const rings = OUTCOMES.map((outcome) => {
    const share = total ? counts[outcome] / total : 0;
    const dash = share * circumference;
    const ring = `<circle r="${r}" cx="${size / 2}" cy="${size / 2}" fill="none" stroke="${OUTCOME_STYLE[outcome].color}" stroke-width="6" stroke-dasharray="${dash} ${circumference - dash}" stroke-dashoffset="${-offset}" transform="rotate(-90 ${size / 2} ${size / 2})"/>`;
    offset += dash;
    return ring;
  }).join('');
  const label = `${total} interactions: ${OUTCOMES.map((o) => `${counts[o]} ${OUTCOME_LABELS[o].toLowerCase()}`).join(', ')}`;
  const html = `<svg width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" role="img" aria-label="${label}"><circle r="${r + 3}" cx="${size / 2}" cy="${size / 2}" fill="white" fill-opacity="0.9"/>${rings}<text x="50%" y="50%" text-anchor="middle" dominant-baseline="central" font-size="11" font-weight="700" fill="#0f172a">${number.format(total)}</text></svg>`;
  return { html, size, label };
}

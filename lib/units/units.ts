/**
 * How distances are written: one system per organization, metres and
 * kilometres or feet and miles, for the canvasser's distance from the
 * household and the GPS accuracy alike. Polis records the distance in miles
 * and the accuracy in metres; these functions turn either into the chosen
 * system, small values in the small unit ("35 ft", never "0.007 mi").
 *
 * @example
 *   const units = defaultUnitSystem('United States of America'); // 'imperial'
 *   formatMiles(0.0021, units);   // '11 ft'
 *   formatMetres(12, 'metric');   // '12 m'
 */
export const UNIT_SYSTEMS = ['metric', 'imperial'] as const;
export type UnitSystem = (typeof UNIT_SYSTEMS)[number];

export const UNIT_SYSTEM_LABELS: Record<UnitSystem, string> = {
  metric: 'Metres and kilometres',
  imperial: 'Feet and miles',
};

export const METRES_PER_MILE = 1609.344;
export const METRES_PER_FOOT = 0.3048;
const FEET_PER_MILE = 5280;

/** Countries where people measure streets in feet and miles. */
const IMPERIAL_COUNTRIES = new Set(['us', 'usa', 'united states', 'united states of america', 'lr', 'liberia', 'mm', 'myanmar', 'gb', 'uk', 'united kingdom']);

/** The system a campaign's country uses; metric where the country is unknown. */
export function defaultUnitSystem(country: string | null | undefined): UnitSystem {
  return country && IMPERIAL_COUNTRIES.has(country.trim().toLowerCase()) ? 'imperial' : 'metric';
}

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A length in metres, written in `system`: "120 m", "1.4 km", "390 ft", "0.25 mi", "3.1 mi". */
export function formatMetres(metres: number, system: UnitSystem): string {
  if (system === 'metric') return metres < 1000 ? `${whole.format(metres)} m` : `${oneDecimal.format(metres / 1000)} km`;
  const feet = metres / METRES_PER_FOOT;
  // Below a tenth of a mile people speak of feet; above, of miles.
  if (feet < FEET_PER_MILE / 10) return `${whole.format(feet)} ft`;
  const miles = feet / FEET_PER_MILE;
  return `${miles < 10 ? twoDecimals.format(miles) : oneDecimal.format(miles)} mi`;
}

/** A distance as Polis records it (miles), written in `system`. */
export function formatMiles(miles: number, system: UnitSystem): string {
  return formatMetres(miles * METRES_PER_MILE, system);
}

/** The unit the filter's "distance at least" box is typed in, and its conversions to and from Polis miles. */
export const DISTANCE_INPUT = {
  metric: {
    unit: 'm',
    label: 'metres',
    toMiles: (value: number) => value / METRES_PER_MILE,
    fromMiles: (miles: number) => Math.round(miles * METRES_PER_MILE),
  },
  imperial: { unit: 'ft', label: 'feet', toMiles: (value: number) => value / FEET_PER_MILE, fromMiles: (miles: number) => Math.round(miles * FEET_PER_MILE) },
} as const;

/** The unit the filter's GPS accuracy box is typed in, and its conversions to and from Polis metres. */
export const ACCURACY_INPUT = {
  metric: { unit: 'm', label: 'metres', toMetres: (value: number) => value, fromMetres: (metres: number) => Math.round(metres) },
  imperial: {
    unit: 'ft',
    label: 'feet',
    toMetres: (value: number) => value * METRES_PER_FOOT,
    fromMetres: (metres: number) => Math.round(metres / METRES_PER_FOOT),
  },
} as const;
